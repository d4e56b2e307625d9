/**
 * Negative control for luo2021.two-layer-diagram: the NTK scaling (α = √m, β₁ = β₂ = 1, i.e. (γ, γ′) = (½, 0),
 * S = −½) is claimed to be CONDENSED. FALSE ON PURPOSE: it is the textbook linear (lazy) regime, and RD falls
 * like m^{−½}. A vacuous slope measurement or band check would let it pass.
 */
import { defineClaim } from "../src/claims/claim.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { bandExcess } from "../src/model/nonlinear/phase-diagram/regime.js";
import { diagramPoint } from "../src/model/nonlinear/phase-diagram/width-sweep.js";
import { diagramSettings, LUO_SOURCE } from "./_phase/source.js";

export default defineClaim({
  id: "negative.luo2021-ntk-condensed",
  title: "FALSE ON PURPOSE: the NTK scaling (γ, γ′) = (½, 0) of a two-layer ReLU net is in the condensed regime",
  source: { ...LUO_SOURCE, section: "phase diagram (NTK scaling is linear); lindyn note zhou2022-phase-diagram.md" },
  statement: {
    text: "FALSE ON PURPOSE. Under the NTK scaling α = √m, β₁ = β₂ = 1 ((γ, γ′) = (½, 0)), sup_t RD(w) grows with the width (condensed regime: slope of log RD vs log m > +0.05).",
    latex: "(\\gamma, \\gamma') = (\\tfrac12, 0):\\ \\text{slope}_m \\log \\sup_t \\mathrm{RD} > 0.05",
  },
  formalisation:
    "Same setting, widths and bands as luo2021.two-layer-diagram, only the point (½, 0): residual = how far the slope lies " +
    "below the condensed band (0.05 − slope, clipped at 0), tolerance 0. Measured slope −0.54 at the default seed (−0.49 at seed 1), so it is refuted by ≈ 0.55–0.6.",
  expected: "refuted",
  tags: ["negative-control", "nonlinear", "phase-diagram"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const p = diagramPoint({ gamma: 0.5, gammaPrime: 0, ...diagramSettings(ctx.runs, ctx.seed) });
    const tally = new ResidualTally();
    tally.measure("(½, 0) condensed", bandExcess("condensed", p.slope), 0, `slope ${p.slope.toFixed(3)}`);
    return tally.result({ noun: "points" });
  },
});

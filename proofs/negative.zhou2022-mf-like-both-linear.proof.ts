/**
 * Negative control for zhou2022.layers-in-different-regimes: under the MF-like three-layer init both hidden layers
 * are claimed to be LINEAR. FALSE ON PURPOSE: RD(W²) does not fall with the width there (the two layers are in
 * different regimes). A slope fit that always read "falling" would let it pass.
 */
import { defineClaim } from "../src/claims/claim.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { layerSlopes } from "../src/model/nonlinear/three-layer/layer-slopes.js";
import { CI_WIDTHS, LAYER_BANDS, MF_LIKE, ZHOU_SOURCE } from "./_zhou/source.js";

export default defineClaim({
  id: "negative.zhou2022-mf-like-both-linear",
  title:
    "FALSE ON PURPOSE: under the MF-like init p = (0, 1, 0), q = 1 both hidden layers of a three-layer ReLU net are linear",
  source: {
    ...ZHOU_SOURCE,
    section:
      'abstract ("different layers can lie in different regimes"); lindyn note zhou2022-phase-diagram.md, "Three layers"',
  },
  statement: {
    text: `FALSE ON PURPOSE. Under β = (1, 1/m, 1), α = m, both S_W1 and S_W2 lie below ${LAYER_BANDS.mfW1Below} (both layers linear).`,
    latex: "p=(0,1,0), q=1:\\ S_{W_1}, S_{W_2} < -0.2",
  },
  formalisation:
    "Same widths, data, GD and slope fit as zhou2022.layers-in-different-regimes, MF-like family, the run's seed: residual = " +
    `max over the two layers of (slope − (${LAYER_BANDS.mfW1Below})) clipped at 0, tolerance 0. Measured S_W1 = −0.819, ` +
    "S_W2 = +0.136 at the default seed (S_W2 ∈ [0.14, 0.30] at seeds 1, 2, 3, 20221124), so it is refuted by ≈ 0.34–0.5 on W².",
  expected: "refuted",
  tags: ["negative-control", "nonlinear", "phase-diagram", "three-layer"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const s = layerSlopes(MF_LIKE, { widths: CI_WIDTHS, seed: ctx.seed });
    const tally = new ResidualTally();
    const note = `S_W1 ${s.slopeW1.toFixed(3)}, S_W2 ${s.slopeW2.toFixed(3)}`;
    tally.measure(`MF-like S_W1 < ${LAYER_BANDS.mfW1Below}`, Math.max(0, s.slopeW1 - LAYER_BANDS.mfW1Below), 0, note);
    tally.measure(`MF-like S_W2 < ${LAYER_BANDS.mfW1Below}`, Math.max(0, s.slopeW2 - LAYER_BANDS.mfW1Below), 0, note);
    return tally.result({ noun: "checks" });
  },
});

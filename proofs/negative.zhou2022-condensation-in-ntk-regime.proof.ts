/**
 * Negative control for zhou2022.condensation: the NTK-like three-layer init is claimed to CONDENSE its first-layer
 * orientations. FALSE ON PURPOSE: it is a linear (lazy) regime and the orientations hardly move. A measure that
 * reported condensation for any trained net would let it pass.
 */
import { defineClaim } from "../src/claims/claim.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { condensationRun, describeCondensation } from "./_zhou/condensation-run.js";
import { CONDENSATION_BANDS, CONDENSATION_WIDTH, NTK_LIKE, ZHOU_SOURCE } from "./_zhou/source.js";

export default defineClaim({
  id: "negative.zhou2022-condensation-in-ntk-regime",
  title:
    "FALSE ON PURPOSE: under the NTK-like init (0, ½, 0, ½) the first-layer orientations of a three-layer ReLU net condense",
  source: {
    ...ZHOU_SOURCE,
    section:
      'abstract (condensation only in the condensed regime); lindyn note zhou2022-phase-diagram.md, "Condensation proxy"',
  },
  statement: {
    text:
      "FALSE ON PURPOSE. Under β = (1, m^{−½}, 1), α = m^{½}, after training the first-layer orientations carry more than " +
      `${CONDENSATION_BANDS.condensedAbove} of their importance on 8 clusters of half-width 5°.`,
    latex: "p=(0,\\tfrac12,0), q=\\tfrac12:\\ C(\\theta_{W_1}(T)) > 0.9",
  },
  formalisation:
    "Same width, data, GD, measure and condensed band as zhou2022.condensation, NTK-like family only: residual = 0.9 − final C " +
    "(clipped at 0), tolerance 0. Measured final C = 0.408 at the default seed (0.45–0.51 at seeds 1–3), so it is refuted by ≈ 0.4–0.5.",
  expected: "refuted",
  tags: ["negative-control", "nonlinear", "phase-diagram", "condensation", "three-layer"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const l = condensationRun(NTK_LIKE, CONDENSATION_WIDTH, ctx.seed);
    const tally = new ResidualTally();
    tally.measure(
      `NTK-like final C > ${CONDENSATION_BANDS.condensedAbove}`,
      Math.max(0, CONDENSATION_BANDS.condensedAbove - l.final),
      0,
      describeCondensation(l),
    );
    return tally.result({ noun: "checks" });
  },
});

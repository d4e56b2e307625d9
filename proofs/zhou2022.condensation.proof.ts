/**
 * Zhou et al. 2022 (arXiv 2205.12101): in the condensed regime the input weights condense on a few isolated
 * orientations; in the linear regime the orientations hardly move. Measured on the first layer of the three-layer
 * ReLU net by the weight fraction held by the K = 8 heaviest orientation clusters.
 */
import { defineClaim } from "../src/claims/claim.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { condensationRun, describeCondensation } from "./_zhou/condensation-run.js";
import { CONDENSATION_BANDS, CONDENSATION_WIDTH, NTK_LIKE, seedsFor, TINY_INIT, ZHOU_SOURCE } from "./_zhou/source.js";

export default defineClaim({
  id: "zhou2022.condensation",
  title:
    "Three-layer ReLU net: first-layer orientations condense under a tiny (condensed-regime) init and stay put under NTK-like init",
  source: {
    ...ZHOU_SOURCE,
    section:
      'abstract ("weights condense on a few isolated orientations"); lindyn note zhou2022-phase-diagram.md, "Condensation proxy"',
  },
  statement: {
    text:
      "After training, the directions of the first-layer input weights (w_k, b_k) of the neurons that matter cluster on a few " +
      "orientations when the net starts in the condensed regime (every scale N(0, m^{−4}), α = 1, the analogue of the two-layer " +
      "point (γ, γ′) = (4, 0)), while in the linear regime (NTK-like (0, ½, 0, ½)) the final scatter equals the initial one.",
    latex:
      "C(\\theta_{W_1}(T)) \\approx 1 \\text{ (condensed)},\\quad C(\\theta_{W_1}(T)) \\approx C(\\theta_{W_1}(0)) \\text{ (linear)}",
  },
  formalisation:
    `Ours: width m = ${CONDENSATION_WIDTH}, the run's seed (--runs k: k seeds), same data/GD/stopping (R < 1e-6) as ` +
    "zhou2022.layers-in-different-regimes. Measure C = fraction of Σ_k u_k held by the 8 (= 2n) heaviest clusters of " +
    "half-width 5° of the angles atan2(b_k, w_k), chosen greedily, with importance u_k = ‖(w_k, b_k)‖·‖W²_{:,k}‖ (a neuron's " +
    "input norm times its outgoing norm). Uniform angles with equal weights would give 0.22; the heavy-tailed Gaussian " +
    "importances give 0.41–0.50 at initialisation. Bands: condensed final C > " +
    `${CONDENSATION_BANDS.condensedAbove} and final − initial > ${CONDENSATION_BANDS.riseAbove}; linear |final − initial| < ` +
    `${CONDENSATION_BANDS.linearDriftBelow}; residual = distance outside the band, tolerance 0. Measured (seeds 20221123, 1, 2, 3): ` +
    "condensed 0.408 → 1.000, 0.449 → 1.000, 0.497 → 1.000, 0.413 → 1.000 (RD(W¹) ≈ 1.3e3, i.e. the weights grew from their tiny " +
    "init); NTK-like 0.408 → 0.408, 0.449 → 0.447, 0.497 → 0.506, 0.413 → 0.413. ≈ 1.5 s.",
  expected: "verified",
  tags: ["nonlinear", "phase-diagram", "condensation", "gradient-descent", "three-layer"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const evidence: Record<string, string> = {};
    for (const seed of seedsFor(ctx.runs, ctx.seed)) {
      const c = condensationRun(TINY_INIT, CONDENSATION_WIDTH, seed);
      const l = condensationRun(NTK_LIKE, CONDENSATION_WIDTH, seed);
      const dc = describeCondensation(c);
      const dl = describeCondensation(l);
      tally.measure(
        `seed ${seed}: condensed final C > ${CONDENSATION_BANDS.condensedAbove}`,
        Math.max(0, CONDENSATION_BANDS.condensedAbove - c.final),
        0,
        dc,
      );
      tally.measure(
        `seed ${seed}: condensed C rises by > ${CONDENSATION_BANDS.riseAbove}`,
        Math.max(0, CONDENSATION_BANDS.riseAbove - (c.final - c.initial)),
        0,
        dc,
      );
      tally.measure(
        `seed ${seed}: linear |ΔC| < ${CONDENSATION_BANDS.linearDriftBelow}`,
        Math.max(0, Math.abs(l.final - l.initial) - CONDENSATION_BANDS.linearDriftBelow),
        0,
        dl,
      );
      evidence[`seed ${seed}`] =
        `condensed C ${c.initial.toFixed(3)} → ${c.final.toFixed(3)}; NTK-like C ${l.initial.toFixed(3)} → ${l.final.toFixed(3)}`;
      for (const r of [c, l]) {
        if (r.run.status !== "converged") tally.add(`seed ${seed}: training`, { inconclusive: `run ${r.run.status}` });
      }
    }
    return tally.result({ noun: "checks", evidence });
  },
});

/**
 * Negative control for Ziyin, Li, Meng 2022: "the full matrix balance holds with stochastic neurons" is false.
 * Without noise, gradient flow at γ = 0 conserves every Q_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ (Du, Hu, Lee 2018), a
 * consequence of the rotation symmetry of hidden layers. Unit-wise noise breaks that symmetry down to per-unit
 * rescalings, so only diag(Q_i) (per-unit outgoing minus incoming squared norm) stays conserved, while the
 * off-diagonal part drifts. The verdict must be `refuted`, with a readable shrunk counterexample whose
 * diagonal is conserved.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { imbalances, perUnitBalance } from "../src/dynamics/invariants.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";
import { checkConserved } from "../src/testing/checks/conserve.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";

/** Drift tolerance of the conservation check (as du2018.conservation: 250× the integrator drift seen there). */
const TOL = 1e-8;
const TIMES = [0, 0.5, 1, 1.5, 2];

export default propertyClaim({
  id: "negative.ziyin2022-full-balance-with-noise",
  title:
    "Negative control: the full matrix balance W_{i+1}ᵀW_{i+1} − W_iW_iᵀ is conserved with stochastic neurons (false)",
  source: ziyinSource("Eq. 1 with stochastic neurons; per-unit vs. full balance (project note, item 7)"),
  statement: {
    text:
      "FALSE ON PURPOSE: with stochastic neurons and γ = 0, gradient flow conserves the full matrix Q_i = " +
      "W_{i+1}ᵀW_{i+1} − W_iW_iᵀ of every hidden layer. True statement: only its diagonal (per-unit balance) is conserved.",
    latex:
      "\\sigma_i^2 > 0:\\ \\frac{d}{dt}\\left(W_{i+1}^\\top W_{i+1} - W_i W_i^\\top\\right) = 0 \\quad(\\text{false; only the diagonal})",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Generated settings: depth 2–4, hidden widths 1–4, input and output dims 1–3, integer-sample ` +
    "data, γ = 0, every hidden layer noisy with σ_i² on k/16 in [1/16, 1], weights on the k/4 grid of [−1, 1]. The " +
    "flow is integrated with DOPRI5 (rtol 1e-10, atol 1e-12) to t = 2 and the drift max_t ‖Q(t) − Q(0)‖_F / " +
    `max(‖Q(0)‖_F, 1) over all layers is held to ${TOL} (as in du2018.conservation). Guard: a case counts only if ` +
    `diag(Q_i) drifts by ≤ ${TOL} (the true, per-unit law); otherwise it is undecided. Any hidden layer of width ≥ 2 ` +
    "with non-zero off-diagonal gradient coupling is a counterexample: expected verdict refuted.",
  expected: "refuted",
  tags: ["property", "invariant", "stochastic-neurons", "negative-control"],
  defaults: { runs: 20 },
  arbitrary: linearSettingArb({
    widths: { depth: { min: 2, max: 4 } },
    loss: { gamma: false, noise: { denominator: 16, min: 1 / 16, max: 1 } },
  }),
  property: (s) => {
    const trajectory = gradientFlow(s.objective, s.theta(), { tEnd: 2, times: TIMES, rtol: 1e-10, atol: 1e-12 });
    const perUnit = (theta: Float64Array) => {
      const parts: number[] = [];
      for (let i = 1; i < s.net.depth; i++) parts.push(...perUnitBalance(s.net, theta, i));
      return Float64Array.from(parts);
    };
    const diag = checkConserved(trajectory, perUnit, { tolerance: TOL });
    if (diag.inconclusive !== undefined) return { inconclusive: diag.inconclusive };
    if (!(diag.residual <= TOL))
      return { inconclusive: `the per-unit balance itself drifted by ${diag.residual} (integrator?)` };
    const full = checkConserved(trajectory, (theta) => imbalances(s.net, theta), { tolerance: TOL });
    if (full.inconclusive !== undefined) return { inconclusive: full.inconclusive };
    return {
      residual: full.residual,
      tolerance: TOL,
      note: `full Q drift ${full.residual} while the per-unit (diagonal) drift is ${diag.residual}`,
    };
  },
});

/**
 * Du, Hu, Lee 2018: gradient flow on a deep linear network conserves every layer imbalance
 * Q_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ (no weight decay, no stochastic neurons).
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { imbalances } from "../src/dynamics/invariants.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";
import { checkConserved } from "../src/testing/checks/conserve.js";

/** Integration horizon and sample times: long enough for the weights to move by O(1) on these data. */
const T_END = 2;
const TIMES = [0, 0.5, 1, 1.5, 2];

export default propertyClaim({
  id: "du2018.conservation",
  title: "Layer imbalances are conserved by gradient flow",
  source: {
    paper:
      'Du, Hu, Lee 2018, "Algorithmic Regularization in Learning Deep Homogeneous Models: Layers are Automatically Balanced"',
    arxiv: "1806.00900",
    section: "Thm 2.1 (linear case)",
  },
  statement: {
    text: "Under gradient flow on the square loss without weight decay, W_{i+1}ᵀW_{i+1} − W_iW_iᵀ is constant in time for every hidden layer i.",
    latex: "\\frac{d}{dt}\\left(W_{i+1}^\\top W_{i+1} - W_i W_i^\\top\\right) = 0,\\quad i = 1,\\dots,L-1",
  },
  formalisation:
    "Checked on generated settings (depth L = 2–5, hidden widths 1–4, input/output 1–3, integer-sample data with " +
    "κ(Σxx) ≤ 100, c = 1, γ = 0, no noise, weights on the k/4 grid of [−1, 1]) by integrating the flow with DOPRI5 " +
    "(rtol 1e-10, atol 1e-12) to t = 2 and measuring the drift max_t ‖Q(t) − Q(0)‖_F / max(‖Q(0)‖_F, 1) over all i " +
    "together. Tolerance 1e-8: about 250× the worst integrator drift observed at these settings (4e-11), far below " +
    "the O(1e-2) drift that weight decay ≥ 1/16 causes (see the negative control).",
  expected: "verified",
  tags: ["property", "invariant", "gradient-flow"],
  defaults: { runs: 30 },
  arbitrary: linearSettingArb({ widths: { depth: { min: 2, max: 5 } }, loss: { gamma: false } }),
  property: (s) => {
    const trajectory = gradientFlow(s.objective, s.theta(), { tEnd: T_END, times: TIMES, rtol: 1e-10, atol: 1e-12 });
    return checkConserved(trajectory, (theta) => imbalances(s.net, theta), { tolerance: 1e-8 });
  },
});

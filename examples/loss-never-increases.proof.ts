/**
 * Example conjecture (TRUE): the loss never increases along gradient flow, whatever the depth, the weight
 * decay per layer and the stochastic neurons. A user's own conjecture written with lindyn's public pieces:
 * `propertyClaim` (lindyn/claims), `linearSettingArb` (lindyn/testing) and `gradientFlow` (lindyn/dynamics).
 *
 * Run it: `npx vitest run test/testing/examples.test.ts` (or, once compiled, `lindyn verify --proofs <dir>`).
 */
import { propertyClaim } from "../src/claims/index.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { linearSettingArb } from "../src/testing/index.js";

export default propertyClaim({
  id: "loss-never-increases",
  title: "The loss is non-increasing along gradient flow",
  source: { paper: "Example conjecture (dℒ/dt = −‖∇ℒ‖² ≤ 0 for unit rates)", section: "examples/README.md" },
  statement: {
    text: "Along gradient flow, ℒ(θ(t)) is non-increasing in t, with any weight decay and any stochastic neurons.",
    latex: "\\frac{d}{dt}\\mathcal{L}(\\theta(t)) = -\\|\\nabla\\mathcal{L}\\|^2 \\le 0",
  },
  formalisation:
    "Checked at 9 times in [0, 2] with DOPRI5 (rtol 1e-10): residual = largest increase between consecutive times " +
    "divided by max(ℒ(0), 1); tolerance 1e-9 (integration error; a genuine increase would be of order 1e-2).",
  expected: "verified",
  defaults: { runs: 25 },
  arbitrary: linearSettingArb({ loss: { noise: {} } }),
  property: (s) => {
    const times = Array.from({ length: 9 }, (_, k) => k / 4);
    const trajectory = gradientFlow(s.objective, s.theta(), { tEnd: 2, times, rtol: 1e-10, atol: 1e-12 });
    if (trajectory.status !== "ok") return { inconclusive: `DOPRI5 stopped: ${trajectory.status}` };
    const loss = trajectory.loss;
    let increase = 0;
    for (let k = 1; k < loss.length; k++) increase = Math.max(increase, (loss[k] as number) - (loss[k - 1] as number));
    return { residual: increase / Math.max(loss[0] as number, 1), tolerance: 1e-9 };
  },
});

/**
 * Example conjecture (FALSE, on purpose): "gradient descent with a small step conserves the layer imbalance
 * Q_1 = W_2ᵀW_2 − W_1W_1ᵀ, like gradient flow does". It is false: one step changes Q_1 by exactly
 * η²(G_2ᵀG_2 − G_1G_1ᵀ) (G_i = ∂ℒ/∂W_i). fast-check finds a counterexample and shrinks it to a readable one.
 *
 * Run it: `npx vitest run test/testing/examples.test.ts`; its verdict is `refuted`, as expected.
 */
import { propertyClaim } from "../src/claims/index.js";
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import { imbalances } from "../src/dynamics/invariants.js";
import { checkConserved, linearSettingArb } from "../src/testing/index.js";

export default propertyClaim({
  id: "gd-conserves-imbalance",
  title: "Gradient descent conserves the layer imbalance (false)",
  source: { paper: "Example conjecture (Du, Hu, Lee 2018 prove it for gradient flow only)", arxiv: "1806.00900" },
  statement: {
    text: "FALSE ON PURPOSE: ten steps of gradient descent with η = 1/8 and no weight decay leave W_{i+1}ᵀW_{i+1} − W_iW_iᵀ unchanged.",
  },
  formalisation: "Drift of all Q_i after 10 steps relative to max(‖Q(0)‖_F, 1); tolerance 1e-10 (round-off only).",
  expected: "refuted",
  defaults: { runs: 50 },
  arbitrary: linearSettingArb({ loss: { gamma: false } }),
  property: (s) => {
    const run = gradientDescent(s.objective, s.theta(), { lr: 1 / 8, steps: 10, record: 10 });
    if (run.status !== "ok") return { inconclusive: `gradient descent stopped: ${run.status}` };
    return checkConserved(run.thetas, (theta) => imbalances(s.net, theta), { tolerance: 1e-10 });
  },
});

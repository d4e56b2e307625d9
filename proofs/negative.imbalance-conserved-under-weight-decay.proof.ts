/**
 * Negative control: "Q_i is conserved under weight decay" is false. With equal weight decay γ the imbalance
 * decays as e^{−4γt} (Basu et al. 2019; lindyn's `expectedImbalance`), so any setting with Q(0) ≠ 0 and γ > 0
 * is a counterexample. The verdict must be `refuted`, with a shrunk, readable counterexample.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { imbalances } from "../src/dynamics/invariants.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";
import { checkConserved } from "../src/testing/checks/conserve.js";

export default propertyClaim({
  id: "negative.imbalance-conserved-under-weight-decay",
  title: "Negative control: layer imbalances conserved with weight decay (false)",
  source: {
    paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
    arxiv: "1904.10689",
    section: "weight-decay case of the layer-norm dynamics (lindyn note basu2019-layer-dynamics.md)",
  },
  statement: {
    text: "FALSE ON PURPOSE: with equal weight decay γ > 0, W_{i+1}ᵀW_{i+1} − W_iW_iᵀ stays constant under gradient flow. (True law: it decays as e^{−4γt}.)",
    latex:
      "\\gamma > 0 \\;\\Rightarrow\\; \\frac{d}{dt}\\left(W_{i+1}^\\top W_{i+1} - W_i W_i^\\top\\right) = 0 \\quad(\\text{false})",
  },
  formalisation:
    "Same check and tolerance as du2018.conservation (DOPRI5 rtol 1e-10 to t = 2, drift ≤ 1e-8) on the same " +
    "generated settings but with one shared γ on the k/16 grid of [1/16, 1/2]. Any Q(0) ≠ 0 then drifts by at " +
    "least (1 − e^{−1/2})·min(‖Q(0)‖_F, 1) ≥ 0.39/16 at t = 2 (Q(0) has entries on the 1/16 grid), far above 1e-8, " +
    "so the expected verdict is refuted.",
  expected: "refuted",
  tags: ["property", "invariant", "negative-control"],
  defaults: { runs: 30 },
  arbitrary: linearSettingArb({
    widths: { depth: { min: 2, max: 5 } },
    loss: { gamma: { denominator: 16, min: 1 / 16, max: 1 / 2 }, gammaMode: "shared" },
  }),
  property: (s) => {
    const trajectory = gradientFlow(s.objective, s.theta(), {
      tEnd: 2,
      times: [0, 0.5, 1, 1.5, 2],
      rtol: 1e-10,
      atol: 1e-12,
    });
    return checkConserved(trajectory, (theta) => imbalances(s.net, theta), { tolerance: 1e-8 });
  },
});

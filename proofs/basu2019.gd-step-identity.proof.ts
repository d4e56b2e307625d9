/**
 * The exact effect of one gradient-descent step on the layer imbalance (lindyn note
 * basu2019-layer-dynamics.md, A-3; papers/README.md): with G_i = ∂ℒ/∂W_i, no weight decay and no stochastic
 * neurons, W_i ← W_i − ηG_i changes D_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ by exactly η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ).
 *
 * Derivation: D_i′ = (W_{i+1} − ηG_{i+1})ᵀ(W_{i+1} − ηG_{i+1}) − (W_i − ηG_i)(W_i − ηG_i)ᵀ
 *   = D_i − η(W_{i+1}ᵀG_{i+1} + G_{i+1}ᵀW_{i+1} − W_iG_iᵀ − G_iW_iᵀ) + η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ),
 * and the first-order bracket vanishes because G_iW_iᵀ = W_{i+1}ᵀG_{i+1} (rescaling symmetry; Du, Hu, Lee
 * 2018, arXiv 1806.00900, Thm 2.1). This is where Basu et al.'s "approximately" equal growth comes from:
 * gradient descent breaks the balance by O(η²) per step, gradient flow not at all.
 */
import fc from "fast-check";
import { propertyClaim } from "../src/claims/property-claim.js";
import { matmulNTInto, matmulTNInto } from "../src/core/matmul.js";
import { Matrix } from "../src/core/matrix.js";
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import { imbalance } from "../src/dynamics/invariants.js";
import type { LinearNet } from "../src/model/architecture.js";
import type { LinearNetObjective } from "../src/model/objective.js";
import { gridArb } from "../src/testing/arbitraries/grid.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";

export default propertyClaim({
  id: "basu2019.gd-step-identity",
  title: "One gradient-descent step changes W_{i+1}ᵀW_{i+1} − W_iW_iᵀ by exactly η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ)",
  source: {
    paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
    arxiv: "1904.10689",
    section: "abstract ('approximately the same rate'); exact one-step identity: lindyn note A-3",
  },
  statement: {
    text: "For a deep linear network without weight decay, one step W_i ← W_i − ηG_i (G_i = ∂ℒ/∂W_i) changes every imbalance D_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ by exactly η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ).",
    latex:
      "D_i^{+} = D_i + \\eta^2\\left(G_{i+1}^\\top G_{i+1} - G_i G_i^\\top\\right),\\quad D_i = W_{i+1}^\\top W_{i+1} - W_i W_i^\\top",
  },
  formalisation:
    "The identity is lindyn's derivation (papers/README.md), stated for the setting of the paper (no weight decay, " +
    "no stochastic neurons: with either, the first-order term no longer cancels). Generated settings: depth L = 2–5, " +
    "hidden widths 1–4, input/output 1–3, integer-sample data with κ(Σxx) ≤ 100, c ∈ {1, 1/2}, weights on the k/4 " +
    "grid of [−1, 1], step η on the k/16 grid of [1/16, 1/2]; the step is taken from θ and from 0.9·θ (the grid " +
    "state is exact in float64, the second one exercises round-off). The step is taken by lindyn's gradientDescent; G_i " +
    "comes from the exact gradient at the starting state; D_i before and after from invariants.imbalance. " +
    "Residual: max_i ‖D_i⁺ − D_i − η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ)‖_F divided by the size of the terms, " +
    "‖W_i‖² + ‖W_{i+1}‖² + ‖W_i⁺‖² + ‖W_{i+1}⁺‖² + η²(‖G_i‖² + ‖G_{i+1}‖²) (Frobenius), so the tolerance 1e-12 is " +
    "relative: float64 round-off of these sums is a few ulps (worst seen 1.1e-16 over 100 cases), while dropping the η² term " +
    "leaves residuals of order η²‖G_{i+1}ᵀG_{i+1} − G_iG_iᵀ‖/‖W‖², far above 1e-12 whenever the gradient is not tiny.",
  expected: "verified",
  tags: ["property", "identity", "gradient-descent", "layer-growth"],
  defaults: { runs: 100 },
  arbitrary: fc.record({
    setting: linearSettingArb({ widths: { depth: { min: 2, max: 5 } }, loss: { gamma: false, c: [1, 0.5] } }),
    lr: gridArb({ denominator: 16, min: 1 / 16, max: 1 / 2 }),
  }),
  property: ({ setting, lr }) => {
    const grid = setting.theta();
    // The grid state makes every product exact in float64; 0.9·θ does not, so round-off is exercised too.
    let worst = 0;
    let where = "";
    for (const [label, theta] of [
      ["θ", grid],
      ["0.9·θ", grid.map((x) => 0.9 * x)],
    ] as const) {
      const step = stepResidual(setting.net, setting.objective, theta, lr);
      if (typeof step === "string") return { inconclusive: step };
      if (step.residual > worst || where === "") {
        worst = Math.max(worst, step.residual);
        where = `from ${label}, ${step.where}`;
      }
    }
    return { residual: worst, tolerance: 1e-12, note: where };
  },
});

/** The relative defect of the one-step identity from θ, for the worst imbalance; a string when GD failed. */
function stepResidual(
  net: LinearNet,
  objective: LinearNetObjective,
  theta: Float64Array,
  lr: number,
): { residual: number; where: string } | string {
  const grad = new Float64Array(net.dim);
  objective.valueAndGradient(theta, grad);
  const run = gradientDescent(objective, theta, { lr, steps: 1, record: [0, 1] });
  if (run.status !== "ok") return `gradient descent ended with ${run.status}: ${run.message ?? ""}`;
  const after = run.theta;
  const W = net.views(theta);
  const Wp = net.views(after);
  const G = net.views(grad);
  let worst = 0;
  let where = "";
  for (let i = 1; i < net.depth; i++) {
    const d = net.widths[i] as number;
    const before = imbalance(net, theta, i);
    const next = imbalance(net, after, i);
    const up = new Matrix(d, d);
    const down = new Matrix(d, d);
    matmulTNInto(up, G[i] as Matrix, G[i] as Matrix); // G_{i+1}ᵀG_{i+1}
    matmulNTInto(down, G[i - 1] as Matrix, G[i - 1] as Matrix); // G_iG_iᵀ
    let err = 0;
    for (let k = 0; k < d * d; k++) {
      const predicted = (before.data[k] as number) + lr * lr * ((up.data[k] as number) - (down.data[k] as number));
      err += ((next.data[k] as number) - predicted) ** 2;
    }
    const size =
      sq(W[i - 1] as Matrix) +
      sq(W[i] as Matrix) +
      sq(Wp[i - 1] as Matrix) +
      sq(Wp[i] as Matrix) +
      lr * lr * (sq(G[i - 1] as Matrix) + sq(G[i] as Matrix));
    const r = size > 0 ? Math.sqrt(err) / size : Math.sqrt(err);
    if (r > worst || where === "") {
      worst = Math.max(worst, r);
      where = `D_${i}: ‖D⁺ − D − η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ)‖_F = ${Math.sqrt(err)} against term size ${size}`;
    }
  }
  return { residual: worst, where };
}

function sq(m: Matrix): number {
  let s = 0;
  for (let k = 0; k < m.data.length; k++) s += (m.data[k] as number) ** 2;
  return s;
}

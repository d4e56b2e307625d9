/**
 * Negative controls for Basu et al.'s "layers grow at approximately the same rate": the two ways the exact
 * statement (basu2019.equal-growth.*) is easily over-read.
 *
 * - `.gradient-descent`: "‖W_i‖² − ‖W_j‖² is conserved by gradient descent". False: one step changes it by
 *   exactly η²(‖G_{i}‖² − ‖G_{j}‖²)-type terms (the trace of the one-step identity, basu2019.gd-step-identity).
 * - `.spectral-norms`: "the spectral norms of all layers grow at equal rates from any initialisation". False:
 *   the exact identity is about Frobenius norms; spectral norms keep pace only from balanced starts.
 *
 * Both verdicts must be `refuted`, with shrunk, readable counterexamples.
 */
import fc from "fast-check";
import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import type { Matrix } from "../src/core/matrix.js";
import { svd } from "../src/core/svd.js";
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import { gridArb } from "../src/testing/arbitraries/grid.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";

const SOURCE = {
  paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
  arxiv: "1904.10689",
  section: "abstract, 'multiple layers grow at approximately the same rate'; lindyn note A-1, A-3",
} as const;

/** Small nets with weights on the k/8 grid, so that shrunk counterexamples read as fractions. */
const smallSettingArb = linearSettingArb({
  widths: {
    depth: { min: 2, max: 3 },
    hidden: { min: 1, max: 3 },
    input: { min: 1, max: 2 },
    output: { min: 1, max: 2 },
  },
  loss: { gamma: false },
  weights: { denominator: 8, min: -1, max: 1 },
});

function normsSquared(views: Matrix[]): number[] {
  return views.map((W) => W.data.reduce((a, x) => a + x * x, 0));
}

const gradientDescentControl = propertyClaim({
  id: "negative.growth-rates-equal.gradient-descent",
  title: "Negative control: gradient descent conserves ‖W_i‖² − ‖W_j‖² (false)",
  source: SOURCE,
  statement: {
    text: "FALSE ON PURPOSE: one gradient-descent step W_i ← W_i − ηG_i leaves every difference ‖W_i‖_F² − ‖W_j‖_F² unchanged, as gradient flow does. (True: it changes by η²(‖G_i‖² − ‖G_j‖²), because the first-order terms cancel but the second-order ones do not.)",
    latex: "\\|W_i^+\\|_F^2 - \\|W_j^+\\|_F^2 = \\|W_i\\|_F^2 - \\|W_j\\|_F^2\\quad(\\text{false for } \\eta > 0)",
  },
  formalisation:
    "Generated settings: depth 2–3, hidden widths 1–3, input/output 1–2, integer-sample data with κ(Σxx) ≤ 100, " +
    "c = 1, γ = 0, weights on the k/8 grid of [−1, 1], step η on the k/8 grid of [1/8, 1/2]. One step of lindyn's " +
    "gradientDescent. Residual: max_i |(‖W_i⁺‖² − ‖W_1⁺‖²) − (‖W_i‖² − ‖W_1‖²)| / max(1, max_i ‖W_i‖²); tolerance " +
    "1e-12 (round-off). The exact change η²(‖G_i‖² − ‖G_1‖²) is ≥ 1e-4 on this grid whenever the layer gradients " +
    "differ in norm, so the expected verdict is refuted.",
  expected: "refuted",
  tags: ["property", "gradient-descent", "layer-growth", "negative-control"],
  defaults: { runs: 60 },
  arbitrary: fc.record({ setting: smallSettingArb, lr: gridArb({ denominator: 8, min: 1 / 8, max: 1 / 2 }) }),
  property: ({ setting, lr }) => {
    const net = setting.net;
    const theta = setting.theta();
    const run = gradientDescent(setting.objective, theta, { lr, steps: 1, record: [0, 1] });
    if (run.status !== "ok") return { inconclusive: `gradient descent ended with ${run.status}` };
    const before = normsSquared(net.views(theta));
    const after = normsSquared(net.views(run.theta));
    const gradient = new Float64Array(net.dim);
    setting.objective.valueAndGradient(theta, gradient);
    const g = normsSquared(net.views(gradient));
    const scale = Math.max(1, ...before);
    let worst = 0;
    let where = "";
    for (let i = 1; i < net.depth; i++) {
      const change = after[i]! - after[0]! - (before[i]! - before[0]!);
      if (Math.abs(change) / scale > worst || where === "") {
        worst = Math.max(worst, Math.abs(change) / scale);
        where = `one step changed ‖W_${i + 1}‖² − ‖W_1‖² by ${formatResidual(change)} = η²(‖G_${i + 1}‖² − ‖G_1‖²) = ${formatResidual(lr * lr * (g[i]! - g[0]!))}`;
      }
    }
    return { residual: worst, tolerance: 1e-12, note: where };
  },
});

/** Smallest relative gap σ₁ − σ₂ for which the top singular vectors (hence the rate) are well determined. */
const MIN_GAP = 1e-3;

/**
 * d/dt σ₁(W)² = 2σ₁·u₁ᵀẆv₁ = −2σ₁·u₁ᵀ(∇_Wℒ)v₁ for a simple top singular value σ₁ > 0 (0 when W = 0); `null`
 * when σ₁ is (nearly) repeated and the spectral norm has no derivative worth comparing.
 */
function spectralRate(W: Matrix, G: Matrix): number | null {
  const { U, s, V } = svd(W);
  const s1 = s[0] ?? 0;
  if (s1 === 0) return 0;
  if (s.length > 1 && s1 - (s[1] as number) < MIN_GAP * s1) return null;
  let uGv = 0;
  for (let a = 0; a < G.rows; a++) for (let b = 0; b < G.cols; b++) uGv += U.get(a, 0) * G.get(a, b) * V.get(b, 0);
  return -2 * s1 * uGv;
}

const spectralControl = propertyClaim({
  id: "negative.growth-rates-equal.spectral-norms",
  title: "Negative control: spectral norms of all layers grow at equal rates from any start (false)",
  source: SOURCE,
  statement: {
    text: "FALSE ON PURPOSE: under gradient flow without weight decay, from any initialisation, d/dt‖W_i‖_2² is the same for every layer (spectral norms grow at equal rates). (True for Frobenius norms, basu2019.equal-growth.*, and for spectral norms from balanced starts only.)",
    latex: "\\tfrac{d}{dt}\\|W_i\\|_2^2 = \\tfrac{d}{dt}\\|W_j\\|_2^2\\quad(\\text{false in general})",
  },
  formalisation:
    "Generated settings as in .gradient-descent (weights on the k/8 grid). At the generated state the exact " +
    "rate d/dt σ₁(W_i)² = −2σ₁u₁ᵀ(∇_iℒ)v₁ (σ₁ simple; u₁, v₁ from lindyn's one-sided Jacobi SVD) is compared " +
    "across layers. States whose top singular value is repeated to within a relative gap of 1e-3 in some layer are " +
    "skipped (the spectral norm has no derivative there, and the singular vectors would be ill-determined). " +
    "Residual: max_i |rate_i − rate_1| / max(1, Σ_i 2σ₁(W_i)‖∇_iℒ‖_F); tolerance 1e-10 (round-off of the SVD and " +
    "the gradient, ≤ 1e-13 at gap ≥ 1e-3). A rank-1 layer's spectral rate equals its Frobenius rate, so a " +
    "counterexample needs a layer with two distinct non-zero singular values receiving growth on the smaller " +
    "one; the expected verdict is refuted. Sanity of the rate formula: at balanced states (initBalanced, two distinct " +
    "singular values) the same computation gives equal rates in all layers to ~1e-15 relative.",
  expected: "refuted",
  tags: ["property", "gradient-flow", "layer-growth", "negative-control"],
  defaults: { runs: 60 },
  arbitrary: smallSettingArb,
  property: (st) => {
    const net = st.net;
    const theta = st.theta();
    const gradient = new Float64Array(net.dim);
    st.objective.valueAndGradient(theta, gradient);
    const W = net.views(theta);
    const G = net.views(gradient);
    const rates: number[] = [];
    let scale = 0;
    for (let i = 0; i < net.depth; i++) {
      const r = spectralRate(W[i] as Matrix, G[i] as Matrix);
      if (r === null) fc.pre(false);
      rates.push(r as number);
      const s1 = svd(W[i] as Matrix).s[0] ?? 0;
      scale += 2 * s1 * Math.sqrt(normsSquared([G[i] as Matrix])[0] as number);
    }
    scale = Math.max(1, scale);
    // −2⟨W_1, ∇_1ℒ⟩: the common Frobenius rate (basu2019.equal-growth.identity), shown for contrast.
    let frobeniusRate = 0;
    for (let k = 0; k < (W[0] as Matrix).data.length; k++)
      frobeniusRate -= 2 * ((W[0] as Matrix).data[k] as number) * ((G[0] as Matrix).data[k] as number);
    let worst = 0;
    let where = "";
    for (let i = 1; i < net.depth; i++) {
      const d = Math.abs(rates[i]! - rates[0]!) / scale;
      if (d > worst || where === "") {
        worst = Math.max(worst, d);
        where = `d/dt‖W_${i + 1}‖₂² = ${formatResidual(rates[i])}, d/dt‖W_1‖₂² = ${formatResidual(rates[0])}, while d/dt‖W_j‖_F² = ${formatResidual(frobeniusRate)} in every layer`;
      }
    }
    return { residual: worst, tolerance: 1e-10, note: where };
  },
});

export default [gradientDescentControl, spectralControl];

/**
 * Negative control for basu2019.relu-growth.*: the per-unit balance law needs a positively homogeneous
 * activation. For tanh, φ′(z)·z ≠ φ(z), so the incoming and outgoing rates of a unit differ and
 * ‖W_h[j,:]‖² − ‖W_{h+1}[:,j]‖² changes under gradient flow. Expected verdict: refuted.
 */
import fc from "fast-check";
import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { Matrix } from "../src/core/matrix.js";
import { tanhActivation } from "../src/model/nonlinear/activation.js";
import { NonlinearNet } from "../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../src/model/nonlinear/nonlinear-objective.js";

interface TanhCase {
  net: NonlinearNet;
  theta: Float64Array;
  objective: NonlinearObjective;
}

/** Bias-free tanh nets: depth 2–3, input 1–2, hidden 1–3, output 1, n = 1–3 samples (k/4 grid), weights k/8. */
const tanhCaseArb: fc.Arbitrary<TanhCase> = fc
  .record({
    L: fc.integer({ min: 2, max: 3 }),
    d0: fc.integer({ min: 1, max: 2 }),
    hidden: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
    n: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ L, d0, hidden, n }) => {
    const net = new NonlinearNet([d0, ...hidden.slice(0, L - 1), 1], { activation: tanhActivation() });
    const grid = (len: number, den: number, max: number) =>
      fc
        .array(fc.integer({ min: -max * den, max: max * den }), { minLength: len, maxLength: len })
        .map((ks) => Float64Array.from(ks, (k) => k / den));
    return fc.record({ theta: grid(net.dim, 8, 1), x: grid(n * d0, 4, 2), y: grid(n, 4, 2) }).map((v) => {
      const X = new Matrix(n, d0, v.x);
      const Y = new Matrix(n, 1, v.y);
      const c: TanhCase = { net, theta: v.theta, objective: new NonlinearObjective(net, X, Y) };
      Object.defineProperty(c, fc.toStringMethod, {
        value: () =>
          `${net.toString()}, θ = [${Array.from(v.theta).join(", ")}], X = ${JSON.stringify(X.toArray())}, Y = ${JSON.stringify(Y.toArray())}`,
      });
      return c;
    });
  });

export default propertyClaim({
  id: "negative.tanh-unit-balance",
  title: "Negative control: tanh nets conserve the per-unit balance ‖in‖² − ‖out‖² (false)",
  source: {
    paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
    arxiv: "1904.10689",
    section:
      "abstract, 'nonlinearity breaks the growth symmetry'; Du, Hu, Lee 2018 (arXiv 1806.00900) Thm 2.1 needs homogeneity; lindyn note A-5 (tanh: nothing is conserved)",
  },
  statement: {
    text:
      "FALSE ON PURPOSE: for a bias-free tanh net under gradient flow on the square loss, every hidden unit's ‖W_h[j,:]‖² − ‖W_{h+1}[:,j]‖² is constant, i.e. ⟨W_h[j,:], ∂ℒ/∂W_h[j,:]⟩ = ⟨W_{h+1}[:,j], ∂ℒ/∂W_{h+1}[:,j]⟩ at every state. " +
      "(True for ReLU, basu2019.relu-growth.unit-identity; tanh is not positively homogeneous: tanh′(z)·z ≠ tanh(z).)",
    latex:
      "\\langle W_h[j,:], \\partial_{W_h[j,:]}\\mathcal L\\rangle = \\langle W_{h+1}[:,j], \\partial_{W_{h+1}[:,j]}\\mathcal L\\rangle\\quad(\\text{false for } \\tanh)",
  },
  formalisation:
    "Checked state by state, exactly as the true ReLU statement (basu2019.relu-growth.unit-identity): a non-zero rate " +
    "d/dt c_j = −2(in_j − out_j) at one state already contradicts conservation along the flow through it. Generated " +
    "settings: depth 2–3, input 1–2, hidden 1–3, scalar output, n = 1–3 samples on the k/4 grid of [−2, 2], weights on " +
    "the k/8 grid of [−1, 1], loss ½·mean(f − y)². Residual max_j |in_j − out_j| / Σ|products|, tolerance 1e-12 (the ReLU " +
    "claim's round-off allowance); tanh gaps are 3e-4 to 5e-3 of that size on this grid (measured), eight orders above it, so the expected verdict is refuted.",
  expected: "refuted",
  tags: ["property", "identity", "nonlinear", "negative-control"],
  defaults: { runs: 60 },
  arbitrary: tanhCaseArb,
  property: (c) => {
    const grad = new Float64Array(c.net.dim);
    c.objective.valueAndGradient(c.theta, grad);
    const { W } = c.net.views(c.theta);
    const { W: G } = c.net.views(grad);
    let worst = 0;
    let magnitude = 0;
    let note = "";
    for (let h = 1; h < c.net.depth; h++) {
      const [Win, Gin, Wout, Gout] = [W[h - 1]!, G[h - 1]!, W[h]!, G[h]!];
      for (let j = 0; j < Win.rows; j++) {
        let a = 0;
        for (let p = 0; p < Win.cols; p++) {
          a += Win.get(j, p) * Gin.get(j, p);
          magnitude += Math.abs(Win.get(j, p) * Gin.get(j, p));
        }
        let b = 0;
        for (let r = 0; r < Wout.rows; r++) {
          b += Wout.get(r, j) * Gout.get(r, j);
          magnitude += Math.abs(Wout.get(r, j) * Gout.get(r, j));
        }
        if (Math.abs(a - b) >= worst) {
          worst = Math.abs(a - b);
          note = `layer ${h}, unit ${j + 1}: d/dt(‖in‖² − ‖out‖²) = ${formatResidual(-2 * (a - b))} (incoming ${formatResidual(a)}, outgoing ${formatResidual(b)})`;
        }
      }
    }
    return { residual: worst / Math.max(1e-300, magnitude), tolerance: 1e-12, note };
  },
});

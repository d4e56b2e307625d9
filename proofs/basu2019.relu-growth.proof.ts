/**
 * Basu, Mukherjee, Vasudevan 2019 ("how nonlinearity breaks the growth symmetry"), made exact for ReLU nets
 * with Du, Hu, Lee 2018's per-unit conservation law (lindyn note basu2019-layer-dynamics.md, A-5).
 *
 * For a positively homogeneous φ (ReLU: φ′(z)·z = φ(z), also at z = 0 with φ′(0) = 0) and the square loss
 * without weight decay, every hidden unit j of layer h satisfies at EVERY state
 *   ⟨W_h[j,:], ∂ℒ/∂W_h[j,:]⟩ (+ b_h[j]·∂ℒ/∂b_h[j]) = ⟨W_{h+1}[:,j], ∂ℒ/∂W_{h+1}[:,j]⟩,
 * because scaling the unit's incoming weights (and bias) by λ and its outgoing weights by 1/λ leaves f
 * unchanged. Under gradient flow d/dt c_j = −2(left − right) = 0 for c_j = ‖W_h[j,:]‖² (+ b_h[j]²) −
 * ‖W_{h+1}[:,j]‖², and summing over j (bias-free) gives equal layer growth rates ⟨W_h, G_h⟩ = ⟨W_{h+1}, G_{h+1}⟩.
 * What breaks, compared with linear nets, is the MATRIX-level balance W_{h+1}ᵀW_{h+1} − W_hW_hᵀ: its diagonal is
 * the c_j (kept), its off-diagonal part drifts.
 *
 * Integrators: where a pre-activation slides along a kink (a Filippov sliding mode) the vector field is
 * discontinuous; adaptive DOPRI5 then shrinks its steps without end (it stopped at max-steps on 3→8→6→1
 * ReLU problems with 10 samples), and RK4's error is O(h), not O(h⁴). The state-wise identities below are exact
 * and need no integrator; the flow claims use fixed-step RK4 with a tolerance proportional to h.
 */
import fc from "fast-check";
import { defineClaim } from "../src/claims/claim.js";
import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { Matrix } from "../src/core/matrix.js";
import { Rng } from "../src/core/rng.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import type { Trajectory } from "../src/dynamics/trajectory.js";
import { relu } from "../src/model/nonlinear/activation.js";
import { initNonlinear } from "../src/model/nonlinear/init.js";
import { NonlinearNet } from "../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../src/model/nonlinear/nonlinear-objective.js";
import { layerAlignments, unitBalances } from "../src/model/nonlinear/unit-balance.js";

const SOURCE = {
  paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
  arxiv: "1904.10689",
} as const;
const DU_SECTION =
  "abstract, 'nonlinearity breaks the growth symmetry'; per-unit law: Du, Hu, Lee 2018 (arXiv 1806.00900) Thm 2.1; lindyn note A-5";

interface ReluCase {
  net: NonlinearNet;
  theta: Float64Array;
  objective: NonlinearObjective;
}

/**
 * Small ReLU nets: depth 2–4, input 1–3, hidden 1–5, output 1–2, n = 1–5 samples on the k/4 grid of [−2, 2],
 * weights (and biases) on the k/8 grid of [−1, 1]; printed as their recipe.
 */
function reluCaseArb(bias: boolean): fc.Arbitrary<ReluCase> {
  return fc
    .record({
      L: fc.integer({ min: 2, max: 4 }),
      d0: fc.integer({ min: 1, max: 3 }),
      hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
      dL: fc.integer({ min: 1, max: 2 }),
      n: fc.integer({ min: 1, max: 5 }),
    })
    .chain(({ L, d0, hidden, dL, n }) => {
      const widths = [d0, ...hidden.slice(0, L - 1), dL];
      const net = new NonlinearNet(widths, { activation: relu(), bias });
      const grid = (len: number, den: number, max: number) =>
        fc
          .array(fc.integer({ min: -max * den, max: max * den }), { minLength: len, maxLength: len })
          .map((ks) => Float64Array.from(ks, (k) => k / den));
      return fc.record({ theta: grid(net.dim, 8, 1), x: grid(n * d0, 4, 2), y: grid(n * dL, 4, 2) }).map((v) => {
        const X = new Matrix(n, d0, v.x);
        const Y = new Matrix(n, dL, v.y);
        const c: ReluCase = { net, theta: v.theta, objective: new NonlinearObjective(net, X, Y) };
        Object.defineProperty(c, fc.toStringMethod, {
          value: () =>
            `${net.toString()}, θ = [${Array.from(v.theta).join(", ")}], X = ${JSON.stringify(X.toArray())}, Y = ${JSON.stringify(Y.toArray())}`,
        });
        return c;
      });
    });
}

/**
 * For every hidden unit: in_j = ⟨W_h[j,:], G_h[j,:]⟩ (+ b_h[j]g_h[j] when `withBias`), out_j = ⟨W_{h+1}[:,j],
 * G_{h+1}[:,j]⟩; returns the largest |in_j − out_j| and the sum of |products| (the round-off scale).
 */
function unitRateGap(net: NonlinearNet, theta: Float64Array, grad: Float64Array, withBias: boolean) {
  const { W, b } = net.views(theta);
  const { W: G, b: g } = net.views(grad);
  let worst = 0;
  let magnitude = 0;
  let where = "";
  for (let h = 1; h < net.depth; h++) {
    const Win = W[h - 1]!;
    const Gin = G[h - 1]!;
    const Wout = W[h]!;
    const Gout = G[h]!;
    for (let j = 0; j < Win.rows; j++) {
      let a = 0;
      for (let p = 0; p < Win.cols; p++) {
        const t = Win.get(j, p) * Gin.get(j, p);
        a += t;
        magnitude += Math.abs(t);
      }
      if (withBias) {
        const t = b[h - 1]![j]! * g[h - 1]![j]!;
        a += t;
        magnitude += Math.abs(t);
      }
      let c = 0;
      for (let r = 0; r < Wout.rows; r++) {
        const t = Wout.get(r, j) * Gout.get(r, j);
        c += t;
        magnitude += Math.abs(t);
      }
      if (Math.abs(a - c) > worst || where === "") {
        worst = Math.max(worst, Math.abs(a - c));
        where = `layer ${h}, unit ${j + 1}: incoming ${formatResidual(a)}, outgoing ${formatResidual(c)}`;
      }
    }
  }
  return { worst, magnitude, where };
}

/** States to check: the grid state (exact kinks included: the identity holds there too) and a generic one. */
function states(theta: Float64Array): Float64Array[] {
  return [theta, theta.map((t, k) => 0.9 * t + 1e-2 * Math.sin(1.7 * k + 0.3))];
}

const IDENTITY_TOL = 1e-12;

const unitIdentity = propertyClaim({
  id: "basu2019.relu-growth.unit-identity",
  title: "Bias-free ReLU: every hidden unit's incoming and outgoing weights grow at the same rate (state by state)",
  source: { ...SOURCE, section: DU_SECTION },
  statement: {
    text:
      "For a bias-free ReLU net and the square loss, at every parameter state and for every hidden unit j of layer h, " +
      "⟨W_h[j,:], ∂ℒ/∂W_h[j,:]⟩ = ⟨W_{h+1}[:,j], ∂ℒ/∂W_{h+1}[:,j]⟩; hence under gradient flow the per-unit balance " +
      "c_j = ‖W_h[j,:]‖² − ‖W_{h+1}[:,j]‖² has zero rate of change.",
    latex:
      "\\langle W_h[j,:], \\partial_{W_h[j,:]}\\mathcal L\\rangle = \\langle W_{h+1}[:,j], \\partial_{W_{h+1}[:,j]}\\mathcal L\\rangle \\;\\Rightarrow\\; \\tfrac{d}{dt}\\big(\\|W_h[j,:]\\|^2 - \\|W_{h+1}[:,j]\\|^2\\big) = 0",
  },
  formalisation:
    "Generated settings: depth L = 2–4, input 1–3, hidden 1–5, output 1–2 units, n = 1–5 samples on the k/4 grid of " +
    "[−2, 2], weights on the k/8 grid of [−1, 1], loss ½·mean‖f − y‖² (c = ½; the identity is c-independent). Checked " +
    "at the grid state (which often sits exactly on kinks: the identity holds there too, because φ′(0)·0 = 0 = φ(0) " +
    "with lindyn's φ′(0) = 0) and at 0.9θ + 1e-2·sin(1.7k + 0.3) (generic, off the grid). Gradient by lindyn's " +
    "back-propagation. Residual: max_j |in_j − out_j| / max(1e-300, Σ|products|); tolerance 1e-12: both sides are sums " +
    "of the same O(n·width) products, so round-off is a few ulps of that size, while for tanh (negative.tanh-unit-balance) " +
    "the gap is O(1) of it.",
  expected: "verified",
  tags: ["property", "identity", "layer-growth", "nonlinear"],
  defaults: { runs: 100 },
  arbitrary: reluCaseArb(false),
  property: (c) => {
    let worst = 0;
    let note = "";
    const grad = new Float64Array(c.net.dim);
    for (const theta of states(c.theta)) {
      c.objective.valueAndGradient(theta, grad);
      const r = unitRateGap(c.net, theta, grad, false);
      const rel = r.worst / Math.max(1e-300, r.magnitude);
      if (rel >= worst) {
        worst = rel;
        note = r.where;
      }
    }
    return { residual: worst, tolerance: IDENTITY_TOL, note };
  },
});

const equalGrowth = propertyClaim({
  id: "basu2019.relu-growth.equal-growth",
  title: "Bias-free ReLU: all layers grow at exactly the same rate, ⟨W_h, ∂ℒ/∂W_h⟩ equal for every h",
  source: {
    ...SOURCE,
    section: "abstract, 'layers grow at approximately the same rate' for the linearised ReLU net; lindyn note A-5",
  },
  statement: {
    text: "For a bias-free ReLU net and the square loss, at every parameter state ⟨W_h, ∂ℒ/∂W_h⟩ is the same for every layer h = 1..L, so under gradient flow d/dt‖W_h‖_F² is equal across layers: the LAYER-level growth symmetry of linear nets survives ReLU.",
    latex:
      "\\langle W_1, \\partial_{W_1}\\mathcal L\\rangle = \\dots = \\langle W_L, \\partial_{W_L}\\mathcal L\\rangle",
  },
  formalisation:
    "Same generated settings and states as basu2019.relu-growth.unit-identity. Residual: max_h |⟨W_h, G_h⟩ − ⟨W_1, G_1⟩| / " +
    "Σ_h Σ|W_h ⊙ G_h| (lindyn's layerAlignments); tolerance 1e-12 (round-off, as for the per-unit identity, which it sums).",
  expected: "verified",
  tags: ["property", "identity", "layer-growth", "nonlinear"],
  defaults: { runs: 100 },
  arbitrary: reluCaseArb(false),
  property: (c) => {
    let worst = 0;
    let note = "";
    const grad = new Float64Array(c.net.dim);
    for (const theta of states(c.theta)) {
      c.objective.valueAndGradient(theta, grad);
      const a = layerAlignments(c.net, theta, grad);
      const first = a.weights[0]!;
      a.weights.forEach((v, h) => {
        const rel = Math.abs(v - first) / Math.max(1e-300, a.magnitude);
        if (rel >= worst) {
          worst = rel;
          note = `⟨W_${h + 1}, G_${h + 1}⟩ = ${formatResidual(v)}, ⟨W_1, G_1⟩ = ${formatResidual(first)}`;
        }
      });
    }
    return { residual: worst, tolerance: IDENTITY_TOL, note };
  },
});

/** RK4 settings of the flow claims: horizon, the coarse step h and the fine step h/2 (see their formalisations). */
const T_FLOW = 2;
const H_FLOW = 1 / 200;
/** Allowance for the Richardson-extrapolated drift, relative to max(1, ‖q(0)‖∞) (see the formalisations). */
const EXTRAPOLATED_TOL = 5e-4;

/**
 * The drift e(t; h) = q(θ_h(t)) − q(θ(0)) of a quantity along RK4 runs with steps h and h/2, and its
 * Richardson extrapolation e* = 2e(t; h/2) − e(t; h). If the exact flow conserves q and RK4's error is
 * C(t)·h + O(h²) (first order at kinks), then e* = O(h²); a genuine drift survives extrapolation unchanged.
 */
function extrapolatedDrift(
  objective: NonlinearObjective,
  theta0: Float64Array,
  quantity: (theta: Float64Array) => Float64Array,
  tEnd: number,
  times: number[],
): { raw: number; extrapolated: number; scale: number; loss: [number, number] } | { inconclusive: string } {
  const q0 = quantity(theta0);
  const runs = [H_FLOW, H_FLOW / 2].map((h) => gradientFlow(objective, theta0, { tEnd, times, method: "rk4", h }));
  for (const r of runs) if (r.status !== "ok") return { inconclusive: `RK4 ended with ${r.status}` };
  const [coarse, fine] = runs as [Trajectory, Trajectory];
  let raw = 0;
  let extrapolated = 0;
  coarse.thetas.forEach((th, k) => {
    const a = quantity(th);
    const b = quantity(fine.thetas[k]!);
    a.forEach((v, j) => {
      const e1 = v - q0[j]!;
      const e2 = b[j]! - q0[j]!;
      raw = Math.max(raw, Math.abs(e1));
      extrapolated = Math.max(extrapolated, Math.abs(2 * e2 - e1));
    });
  });
  let scale = 1;
  for (const v of q0) scale = Math.max(scale, Math.abs(v));
  return { raw, extrapolated, scale, loss: [coarse.loss[0]!, coarse.loss[coarse.loss.length - 1]!] };
}

function concat(vs: Float64Array[]): Float64Array {
  const out = new Float64Array(vs.reduce((a, v) => a + v.length, 0));
  let o = 0;
  for (const v of vs) {
    out.set(v, o);
    o += v.length;
  }
  return out;
}

function allBalances(net: NonlinearNet, theta: Float64Array, includeBias: boolean): Float64Array {
  return concat(Array.from({ length: net.depth - 1 }, (_, h) => unitBalances(net, theta, h + 1, { includeBias })));
}

const unitBalanceFlow = propertyClaim({
  id: "basu2019.relu-growth.unit-balance-flow",
  title:
    "Bias-free ReLU: gradient flow conserves every per-unit balance ‖in‖² − ‖out‖² (to the O(h) error of RK4 at kinks)",
  source: { ...SOURCE, section: DU_SECTION },
  statement: {
    text: "Under gradient flow on the square loss, a bias-free ReLU net keeps c_j = ‖W_h[j,:]‖² − ‖W_{h+1}[:,j]‖² constant for every hidden unit j of every hidden layer h.",
    latex: "\\|W_h[j,:]\\|^2 - \\|W_{h+1}[:,j]\\|^2 = \\text{const along } \\dot\\theta = -\\nabla\\mathcal L(\\theta)",
  },
  formalisation:
    "Generated settings as in basu2019.relu-growth.unit-identity, started at the generic state 0.9θ + 1e-2·sin(1.7k + 0.3). " +
    "Integrated with fixed-step RK4 to T = 2 at h = 1/200 and h/2 (DOPRI5 is not used: where a pre-activation slides " +
    "along a kink its step size collapses and it stops at max-steps). At kinks RK4's error is O(h), not O(h⁴): on the " +
    "shrunk case [1, 4, 1], X = ±3/4 a unit slides along w = 0 and the drift is 0.119·h at h = 1/100 … 1/1600 (exactly " +
    "first order). So the check is the Richardson-extrapolated drift e* = max_{j,t}|2e(t; h/2) − e(t; h)|, e = c_j(t) − " +
    "c_j(0), which is O(h²) where the RK4 error is a smooth C(t)·h; chattering across a kink makes it less regular, so " +
    "the tolerance is set from measurement: residual e*/max(1, ‖c(0)‖∞) ≤ 5e-4, against a worst of 2.8e-5 over 300 and " +
    "1.13e-4 over 1500 generated cases (the raw first-order drift reaches 6e-4 at h = 1/200). A false statement survives extrapolation unchanged: tanh drifts by O(1e-1) (negative.tanh-unit-balance).",
  expected: "verified",
  tags: ["property", "invariant", "gradient-flow", "nonlinear"],
  defaults: { runs: 30 },
  arbitrary: reluCaseArb(false),
  property: (c) => {
    const theta0 = states(c.theta)[1]!;
    const d = extrapolatedDrift(
      c.objective,
      theta0,
      (th) => allBalances(c.net, th, false),
      T_FLOW,
      [0, 0.5, 1, 1.5, 2],
    );
    if ("inconclusive" in d) return d;
    return {
      residual: d.extrapolated / d.scale,
      tolerance: EXTRAPOLATED_TOL,
      note: `raw RK4 drift at h = 1/200: ${formatResidual(d.raw)}; loss ${formatResidual(d.loss[0])} → ${formatResidual(d.loss[1])}`,
    };
  },
});

/** Off-diagonal drift that counts as "visibly broken" (relative to max(1, ‖Q(0)‖_F)). */
const OFF_DIAGONAL_MIN = 1e-2;

function imbalance(net: NonlinearNet, theta: Float64Array, h: number): Matrix {
  const { W } = net.views(theta);
  const A = W[h]!; // W_{h+1}
  const B = W[h - 1]!; // W_h
  const d = B.rows;
  const Q = new Matrix(d, d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < A.rows; r++) s += A.get(r, i) * A.get(r, j);
      for (let p = 0; p < B.cols; p++) s -= B.get(i, p) * B.get(j, p);
      Q.set(i, j, s);
    }
  return Q;
}

const matrixBalanceBreaks = defineClaim({
  id: "basu2019.relu-growth.matrix-balance-breaks",
  title:
    "Bias-free ReLU: the diagonal of W_{h+1}ᵀW_{h+1} − W_hW_hᵀ is kept, its off-diagonal part drifts (the matrix-level symmetry breaks)",
  source: {
    ...SOURCE,
    section: "abstract, 'how nonlinearity breaks the growth symmetry'; lindyn note A-5 (3→8→6→1 run)",
  },
  statement: {
    text:
      "The symmetry that breaks is the MATRIX-level balance of linear nets (du2018.conservation): for a bias-free ReLU net under gradient flow, " +
      "Q_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ keeps its diagonal (the per-unit balances) while its off-diagonal part drifts by O(1).",
    latex:
      "\\operatorname{diag}Q_h(t) = \\operatorname{diag}Q_h(0),\\qquad \\|\\operatorname{offdiag}(Q_h(t) - Q_h(0))\\|_F = O(1)",
  },
  formalisation:
    "The note's architecture 3→8→6→1 (bias-free ReLU), n = 12 samples x ~ N(0, I₃), y = sin(x₁) + x₂x₃/2 (a nonlinear " +
    "target, so the net must use its kinks), fan-in Gaussian init (β_l = 1/√d_{l−1}); one case per seed derived from the " +
    "run's seed. Fixed-step RK4 to T = 5. Two measurements per case: the diagonal drift max_{h,t} ‖diag(Q_h(t) − " +
    "Q_h(0))‖∞ after Richardson extrapolation of the RK4 runs at h = 1/200 and 1/400 must be ≤ 1e-4·max(1, ‖diag Q(0)‖∞) " +
    "(as in basu2019.relu-growth.unit-balance-flow), and the off-diagonal " +
    "drift max_{h,t} ‖offdiag(Q_h(t) − Q_h(0))‖_F / max(1, ‖Q_h(0)‖_F) (RK4 at h = 1/400) must reach 1e-2 (residual 1e-2/drift ≤ 1). " +
    "Existence of the breaking is checked on this family only: a net with one unit per hidden layer has no off-diagonal part.",
  expected: "verified",
  tags: ["gradient-flow", "invariant", "nonlinear", "layer-growth"],
  defaults: { runs: 3 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const T = 5;
    const times = [0, 1, 2, 3, 4, 5];
    for (let r = 0; r < ctx.runs; r++) {
      const rng = new Rng(ctx.seed + 7919 * r);
      const net = new NonlinearNet([3, 8, 6, 1], { activation: relu() });
      const X = rng.gaussianMatrix(12, 3);
      const Y = new Matrix(12, 1);
      for (let s = 0; s < 12; s++) Y.set(s, 0, Math.sin(X.get(s, 0)) + (X.get(s, 1) * X.get(s, 2)) / 2);
      const objective = new NonlinearObjective(net, X, Y);
      const theta0 = initNonlinear(net, rng);
      const label = `seed ${rng.seed}`;
      const diagonals = (th: Float64Array) =>
        concat(
          Array.from({ length: net.depth - 1 }, (_, h) => {
            const Q = imbalance(net, th, h + 1);
            return Float64Array.from({ length: Q.rows }, (_, i) => Q.get(i, i));
          }),
        );
      const d = extrapolatedDrift(objective, theta0, diagonals, T, times);
      if ("inconclusive" in d) {
        tally.undecided(label, d.inconclusive);
        continue;
      }
      const traj = gradientFlow(objective, theta0, { tEnd: T, times, method: "rk4", h: H_FLOW / 2 });
      let off = 0;
      for (let h = 1; h < net.depth; h++) {
        const Q0 = imbalance(net, theta0, h);
        let q0 = 0;
        for (const v of Q0.data) q0 += v * v;
        for (const th of traj.thetas) {
          const Q = imbalance(net, th, h);
          let offSq = 0;
          for (let i = 0; i < Q.rows; i++)
            for (let j = 0; j < Q.cols; j++) if (i !== j) offSq += (Q.get(i, j) - Q0.get(i, j)) ** 2;
          off = Math.max(off, Math.sqrt(offSq) / Math.max(1, Math.sqrt(q0)));
        }
      }
      const note = `diagonal drift ${formatResidual(d.raw)} at h = 1/200, ${formatResidual(d.extrapolated)} extrapolated; off-diagonal drift ${formatResidual(off)} (relative); loss ${formatResidual(d.loss[0])} → ${formatResidual(d.loss[1])}`;
      tally.measure(`${label}: diagonal kept`, d.extrapolated / d.scale, EXTRAPOLATED_TOL, note);
      tally.measure(`${label}: off-diagonal drifts`, OFF_DIAGONAL_MIN / off, 1, note);
    }
    return tally.result({ noun: "runs" });
  },
});

const biasUnitIdentity = propertyClaim({
  id: "basu2019.relu-growth.bias-unit-identity",
  title:
    "ReLU with biases: the bias joins the incoming weights in the per-unit identity; weight-only rates differ by exactly the bias term",
  source: { ...SOURCE, section: DU_SECTION },
  statement: {
    text:
      "For a ReLU net with biases and the square loss, at every state and every hidden unit j of layer h, ⟨W_h[j,:], ∂ℒ/∂W_h[j,:]⟩ + b_h[j]·∂ℒ/∂b_h[j] = ⟨W_{h+1}[:,j], ∂ℒ/∂W_{h+1}[:,j]⟩. " +
      "Hence ‖W_h[j,:]‖² + b_h[j]² − ‖W_{h+1}[:,j]‖² has zero rate under gradient flow, and the weight-only layer growth rates differ: d/dt(‖W_h‖² − ‖W_{h+1}‖²) = 2⟨b_h, ∂ℒ/∂b_h⟩.",
    latex:
      "langle W_h[j,:], partial_{W_h[j,:]}mathcal L\rangle + b_h[j],partial_{b_h[j]}mathcal L = langle W_{h+1}[:,j], partial_{W_{h+1}[:,j]}mathcal L\rangle",
  },
  formalisation:
    "Generated settings as in basu2019.relu-growth.unit-identity, with biases on every layer (k/8 grid of [−1, 1]); " +
    "same two states, same residual and tolerance 1e-12 (round-off). That the bias term is not negligible, i.e. " +
    "that weight-only rates really differ, is measured in basu2019.relu-growth.bias-flow.",
  expected: "verified",
  tags: ["property", "identity", "layer-growth", "nonlinear"],
  defaults: { runs: 100 },
  arbitrary: reluCaseArb(true),
  property: (c) => {
    let worst = 0;
    let note = "";
    const grad = new Float64Array(c.net.dim);
    for (const theta of states(c.theta)) {
      c.objective.valueAndGradient(theta, grad);
      const r = unitRateGap(c.net, theta, grad, true);
      const rel = r.worst / Math.max(1e-300, r.magnitude);
      if (rel >= worst) {
        worst = rel;
        note = r.where;
      }
    }
    return { residual: worst, tolerance: IDENTITY_TOL, note };
  },
});

/** Weight-only per-unit drift, and weight-only layer-rate gap, that count as "visibly different". */
const WEIGHT_ONLY_MIN = 1e-2;

const biasFlow = defineClaim({
  id: "basu2019.relu-growth.bias-flow",
  title:
    "ReLU with biases: gradient flow conserves ‖W_h[j,:]‖² + b_h[j]² − ‖W_{h+1}[:,j]‖², not the weight-only balance; weight-only growth rates differ",
  source: { ...SOURCE, section: DU_SECTION },
  statement: {
    text:
      "For a ReLU net with biases under gradient flow on the square loss, the bias-augmented per-unit balance ‖W_h[j,:]‖² + b_h[j]² − ‖W_{h+1}[:,j]‖² is conserved, " +
      "while the weight-only balance ‖W_h[j,:]‖² − ‖W_{h+1}[:,j]‖² drifts and the weight-only layer growth rates ⟨W_h, ∂ℒ/∂W_h⟩ differ across layers.",
    latex:
      "|W_h[j,:]|^2 + b_h[j]^2 - |W_{h+1}[:,j]|^2 = \text{const},qquad langle W_h, partial_{W_h}mathcal L\rangle \ne langle W_{h+1}, partial_{W_{h+1}}mathcal L\rangle",
  },
  formalisation:
    "3→8→6→1 ReLU net with biases on every layer, n = 12 samples x ~ N(0, I₃), y = sin(x₁) + x₂x₃/2, fan-in Gaussian " +
    "weights and N(0, 1/4) biases; one case per seed derived from the run's seed; RK4 to T = 5. Three measurements per " +
    "case: the augmented balances' Richardson-extrapolated drift (h = 1/200, 1/400) ≤ 5e-4·max(1, ‖c(0)‖∞) (as in " +
    "basu2019.relu-growth.unit-balance-flow); the weight-only balances' drift (h = 1/400) relative to max(1, ‖c(0)‖∞) " +
    "must reach 1e-2 (residual 1e-2/drift ≤ 1); at the initial state the weight-only layer-rate gap " +
    "max_h |⟨W_h, G_h⟩ − ⟨W_1, G_1⟩| / Σ|W ⊙ G| must reach 1e-2 (residual 1e-2/gap ≤ 1).",
  expected: "verified",
  tags: ["gradient-flow", "invariant", "nonlinear", "layer-growth"],
  defaults: { runs: 3 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const T = 5;
    const times = [0, 1, 2, 3, 4, 5];
    for (let r = 0; r < ctx.runs; r++) {
      const rng = new Rng(ctx.seed + 104729 * r);
      const net = new NonlinearNet([3, 8, 6, 1], { activation: relu(), bias: true });
      const X = rng.gaussianMatrix(12, 3);
      const Y = new Matrix(12, 1);
      for (let s = 0; s < 12; s++) Y.set(s, 0, Math.sin(X.get(s, 0)) + (X.get(s, 1) * X.get(s, 2)) / 2);
      const objective = new NonlinearObjective(net, X, Y);
      const theta0 = initNonlinear(net, rng, { biasScale: 0.5 });
      const label = `seed ${rng.seed}`;
      const d = extrapolatedDrift(objective, theta0, (th) => allBalances(net, th, true), T, times);
      if ("inconclusive" in d) {
        tally.undecided(label, d.inconclusive);
        continue;
      }
      const traj = gradientFlow(objective, theta0, { tEnd: T, times, method: "rk4", h: H_FLOW / 2 });
      const w0 = allBalances(net, theta0, false);
      let wScale = 1;
      for (const v of w0) wScale = Math.max(wScale, Math.abs(v));
      let weightOnly = 0;
      for (const th of traj.thetas) {
        allBalances(net, th, false).forEach((v, j) => {
          weightOnly = Math.max(weightOnly, Math.abs(v - w0[j]!) / wScale);
        });
      }
      const grad = new Float64Array(net.dim);
      objective.valueAndGradient(theta0, grad);
      const a = layerAlignments(net, theta0, grad);
      const gap = Math.max(...a.weights.map((v) => Math.abs(v - a.weights[0]!))) / a.magnitude;
      const note = `augmented drift ${formatResidual(d.raw)} at h = 1/200, ${formatResidual(d.extrapolated)} extrapolated; weight-only drift ${formatResidual(weightOnly)} (relative); initial layer-rate gap ${formatResidual(gap)} (relative); alignments ${a.weights.map((v) => formatResidual(v)).join(", ")}`;
      tally.measure(`${label}: augmented balance kept`, d.extrapolated / d.scale, EXTRAPOLATED_TOL, note);
      tally.measure(`${label}: weight-only balance drifts`, WEIGHT_ONLY_MIN / weightOnly, 1, note);
      tally.measure(`${label}: weight-only growth rates differ`, WEIGHT_ONLY_MIN / gap, 1, note);
    }
    return tally.result({ noun: "runs" });
  },
});

export default [unitIdentity, equalGrowth, unitBalanceFlow, matrixBalanceBreaks, biasUnitIdentity, biasFlow];

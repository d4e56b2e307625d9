/**
 * Measurements of the structure of a network's weights, used to compare numerically found minima with the
 * derived structure of Ziyin, Li, Meng 2022 (arXiv 2202.04777): per-layer norms, rank one, balance of
 * γ_i‖W_i‖², equal per-unit magnitudes.
 *
 * @packageDocumentation
 */
import { symmetricEigen } from "../../src/core/eigen.js";
import { Matrix } from "../../src/core/matrix.js";
import type { LinearNet } from "../../src/model/architecture.js";

/**
 * Singular values of M, descending: the min(r, c) largest eigenvalues of the symmetric augmented matrix
 * [[0, Mᵀ], [M, 0]] (whose spectrum is ±σ_k and |r − c| zeros), so every σ_k is accurate to O(u·σ₁) absolutely
 * (no square root of a Gram eigenvalue). Used instead of core `svd`, whose Jacobi sweeps fail to converge on
 * some rank-deficient inputs such as [[0, 0], [7/2, −3]] (ConvergenceError; reported to the core owner).
 */
export function singularValues(M: Matrix): number[] {
  const r = M.rows;
  const c = M.cols;
  const n = r + c;
  const aug = new Matrix(n, n);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      aug.set(c + i, j, M.get(i, j));
      aug.set(j, c + i, M.get(i, j));
    }
  }
  const values = symmetricEigen(aug).values;
  const k = Math.min(r, c);
  return Array.from({ length: k }, (_, j) => Math.max(values[n - 1 - j] as number, 0));
}

/** ‖W_i‖_F² for i = 1..L. */
export function layerNormsSquared(net: LinearNet, theta: Float64Array): number[] {
  return net.views(theta).map((W) => {
    let s = 0;
    for (const x of W.data) s += x * x;
    return s;
  });
}

/** σ₂(W)/σ₁(W) (0 for a zero matrix or a single row or column): how far W is from rank one. */
export function rankOneResidual(net: LinearNet, theta: Float64Array, i: number): number {
  const W = net.views(theta)[i - 1];
  if (W === undefined || W.rows === 1 || W.cols === 1) return 0;
  const s = singularValues(W);
  const s1 = s[0] as number;
  return s1 === 0 ? 0 : (s[1] as number) / s1;
}

/**
 * Largest relative spread of γ_i‖W_i‖² across layers, max_i |γ_i n_i − m| / m with m their mean (0 when
 * every γ_i n_i is 0).
 */
export function decayBalanceSpread(net: LinearNet, theta: Float64Array, gamma: readonly number[]): number {
  const v = layerNormsSquared(net, theta).map((n, i) => (gamma[i] as number) * n);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  if (mean === 0) return 0;
  return Math.max(...v.map((x) => Math.abs(x - mean))) / mean;
}

/**
 * For hidden layer i (1-based, 1..L−1): the largest relative spread over units j of the incoming squared
 * norms ‖W_i[j,:]‖² and of the outgoing ‖W_{i+1}[:,j]‖², each against its layer mean (0 when the layer is
 * zero).
 */
export function unitMagnitudeSpread(net: LinearNet, theta: Float64Array, i: number): number {
  const W = net.views(theta);
  const inW = W[i - 1];
  const outW = W[i];
  if (inW === undefined || outW === undefined) return 0;
  const d = inW.rows;
  const incoming = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let c = 0; c < inW.cols; c++) s += inW.get(j, c) ** 2;
    return s;
  });
  const outgoing = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let r = 0; r < outW.rows; r++) s += outW.get(r, j) ** 2;
    return s;
  });
  const spread = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return mean === 0 ? 0 : Math.max(...v.map((x) => Math.abs(x - mean))) / mean;
  };
  return Math.max(spread(incoming), spread(outgoing));
}

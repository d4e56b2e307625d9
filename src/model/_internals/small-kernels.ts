/**
 * Private in-place kernels used by the objective's hot paths (no allocation).
 *
 * @packageDocumentation
 */
import type { Matrix } from "../../core/matrix.js";

/** `m ← (m + mᵀ)/2` for a square matrix: removes round-off asymmetry of products that are symmetric. */
export function symmetriseInPlace(m: Matrix): void {
  const n = m.rows;
  const D = m.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * ((D[i * n + j] as number) + (D[j * n + i] as number));
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
}

/** `m ← m + mᵀ` for a square matrix (used for `Aᵀ B + Bᵀ A` from one product). */
export function addTransposeInPlace(m: Matrix): void {
  const n = m.rows;
  const D = m.data;
  for (let i = 0; i < n; i++) {
    D[i * n + i] = 2 * (D[i * n + i] as number);
    for (let j = i + 1; j < n; j++) {
      const v = (D[i * n + j] as number) + (D[j * n + i] as number);
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
}

/** `m ← m + σ²·Diag(m)`: multiplies the diagonal by `1 + σ²` (the stochastic-neuron map and its adjoint). */
export function inflateDiagonal(m: Matrix, sigma2: number): void {
  if (sigma2 === 0) return;
  const n = m.rows;
  const D = m.data;
  const f = 1 + sigma2;
  for (let i = 0; i < n; i++) D[i * n + i] = f * (D[i * n + i] as number);
}

/** `y ← α·y + β·x` element-wise over equal-length buffers. */
export function scaleAdd(alpha: number, y: Matrix, beta: number, x: Matrix): void {
  const Y = y.data;
  const X = x.data;
  for (let k = 0; k < Y.length; k++) Y[k] = alpha * (Y[k] as number) + beta * (X[k] as number);
}

/** `Σ_k x_k²`. */
export function sumSquares(x: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] as number) * (x[k] as number);
  return s;
}

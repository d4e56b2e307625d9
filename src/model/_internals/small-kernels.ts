/**
 * Private in-place kernels used by the objective's hot paths (no allocation).
 *
 * Scalars are passed as (array, index) rather than as numbers: V8 boxes a non-integer double into a fresh
 * HeapNumber when it passes it to (or returns it from) a function it does not inline, which would make
 * every gradient call allocate. Each kernel keeps its coefficients in one `Float64Array` (see
 * {@link coefficients}).
 *
 * @packageDocumentation
 */
import type { Matrix } from "../../core/matrix.js";
import type { LossConfig } from "../loss-config.js";

/** Index of 1 in a coefficient array. */
export const ONE = 0;
/** Index of −1. */
export const MINUS_ONE = 1;
/** Index of 2c. */
export const TWO_C = 2;
/** Index of 2γ_i (1-based layer i). */
export const twoGammaAt = (i: number): number => 2 + i;
/** Index of 1 + σ_i² (1-based hidden layer i) for a net of depth L. */
export const inflationAt = (L: number, i: number): number => 2 + L + i;

/** `[1, −1, 2c, 2γ_1..2γ_L, 1 + σ_1²..1 + σ_{L−1}²]`. */
export function coefficients(config: LossConfig): Float64Array {
  const L = config.gamma.length;
  const out = new Float64Array(3 + L + (L - 1));
  out[ONE] = 1;
  out[MINUS_ONE] = -1;
  out[TWO_C] = 2 * config.c;
  for (let i = 1; i <= L; i++) out[twoGammaAt(i)] = 2 * (config.gamma[i - 1] as number);
  for (let i = 1; i < L; i++) out[inflationAt(L, i)] = 1 + (config.noise[i - 1] as number);
  return out;
}

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

/**
 * `m ← m + σ²·Diag(m)`, i.e. the diagonal times `coef[k] = 1 + σ²` (the stochastic-neuron map; it is its
 * own adjoint for the Frobenius inner product).
 */
export function inflateDiagonal(m: Matrix, coef: Float64Array, k: number): void {
  const f = coef[k] as number;
  if (f === 1) return;
  const n = m.rows;
  const D = m.data;
  for (let i = 0; i < n; i++) D[i * n + i] = f * (D[i * n + i] as number);
}

/** `y ← coef[a]·y + coef[b]·x` element-wise over equal-length buffers. */
export function combine(y: Matrix, coef: Float64Array, a: number, x: Matrix, b: number): void {
  const alpha = coef[a] as number;
  const beta = coef[b] as number;
  const Y = y.data;
  const X = x.data;
  for (let k = 0; k < Y.length; k++) Y[k] = alpha * (Y[k] as number) + beta * (X[k] as number);
}

/** `y ← y + x` element-wise. */
export function addInPlace(y: Matrix, x: Matrix): void {
  const Y = y.data;
  const X = x.data;
  for (let k = 0; k < Y.length; k++) Y[k] = (Y[k] as number) + (X[k] as number);
}

/** `y ← y − x` element-wise. */
export function subtractInPlace(y: Matrix, x: Matrix): void {
  const Y = y.data;
  const X = x.data;
  for (let k = 0; k < Y.length; k++) Y[k] = (Y[k] as number) - (X[k] as number);
}

/**
 * `out[slot] ← Σ_k a_k b_k` (the result is stored, not returned, so that it is never boxed).
 */
export function dotInto(out: Float64Array, slot: number, a: Float64Array, b: Float64Array): void {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
  out[slot] = s;
}

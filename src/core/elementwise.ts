/**
 * Element-wise kernels on matrices (in place or into preallocated outputs) and Frobenius geometry.
 *
 * @packageDocumentation
 */
import { ShapeError } from "./errors.js";
import { assertSameShape, assertShape, Matrix } from "./matrix.js";

/** `out ← Aᵀ`. `out` must be `A.cols × A.rows` and distinct from `A`. */
export function transposeInto(out: Matrix, a: Matrix): Matrix {
  assertShape("out", out, a.cols, a.rows);
  if (out.data === a.data)
    throw new ShapeError("transpose: the output aliases the input. Pass a separate output matrix.");
  const r = a.rows;
  const c = a.cols;
  const A = a.data;
  const O = out.data;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) O[j * r + i] = A[i * c + j] as number;
  return out;
}

/** Allocating transpose. */
export function transpose(a: Matrix): Matrix {
  return transposeInto(new Matrix(a.cols, a.rows), a);
}

/** `y ← y + α·x` (BLAS axpy) on matrices of the same shape. */
export function axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
  assertSameShape("axpy", x, y);
  const X = x.data;
  const Y = y.data;
  for (let i = 0; i < Y.length; i++) Y[i] += alpha * (X[i] as number);
  return y;
}

/** `x ← α·x`. */
export function scaleInPlace(alpha: number, x: Matrix): Matrix {
  const X = x.data;
  for (let i = 0; i < X.length; i++) X[i] *= alpha;
  return x;
}

/** `out ← A + B` (out may alias either operand). */
export function addInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  assertSameShape("add", a, b);
  assertSameShape("add (out)", out, a);
  const A = a.data;
  const B = b.data;
  const O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = (A[i] as number) + (B[i] as number);
  return out;
}

/** `out ← A − B` (out may alias either operand). */
export function subInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  assertSameShape("sub", a, b);
  assertSameShape("sub (out)", out, a);
  const A = a.data;
  const B = b.data;
  const O = out.data;
  for (let i = 0; i < O.length; i++) O[i] = (A[i] as number) - (B[i] as number);
  return out;
}

/** Frobenius inner product ⟨A, B⟩ = Σ A_ij B_ij. */
export function frobeniusDot(a: Matrix, b: Matrix): number {
  assertSameShape("frobeniusDot", a, b);
  const A = a.data;
  const B = b.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += (A[i] as number) * (B[i] as number);
  return s;
}

/**
 * Frobenius norm ‖A‖_F, computed with scaling so that it neither overflows nor underflows for entries
 * near the float64 limits (as LAPACK's dnrm2).
 */
export function frobeniusNorm(a: Matrix | Float64Array): number {
  const X = a instanceof Matrix ? a.data : a;
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < X.length; i++) {
    const v = Math.abs(X[i] as number);
    if (v === 0) continue;
    if (Number.isNaN(v)) return Number.NaN;
    if (scale < v) {
      const r = scale / v;
      ssq = 1 + ssq * r * r;
      scale = v;
    } else {
      const r = v / scale;
      ssq += r * r;
    }
  }
  return scale * Math.sqrt(ssq);
}

/** ‖A‖_F² (plain sum of squares; use {@link frobeniusNorm} when overflow is a concern). */
export function frobeniusNormSquared(a: Matrix): number {
  const A = a.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += (A[i] as number) * (A[i] as number);
  return s;
}

/** Trace of a square matrix. */
export function trace(a: Matrix): number {
  if (a.rows !== a.cols) throw new ShapeError(`trace: matrix is ${a.shape}; a square matrix is required.`);
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i] as number;
  return s;
}

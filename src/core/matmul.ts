/**
 * Matrix products into preallocated outputs: `out = A·B`, `out = Aᵀ·B`, `out = A·Bᵀ`.
 * Loops are ordered so the innermost index runs along contiguous rows (i-k-j).
 *
 * @packageDocumentation
 */
import { ShapeError } from "./errors.js";
import { assertShape, type Matrix } from "./matrix.js";

function innerMismatch(op: string, a: Matrix, b: Matrix): ShapeError {
  return new ShapeError(
    `${op}: inner dimensions of ${a.shape} and ${b.shape} do not match. Check the order of the operands and whether one should be transposed.`,
  );
}

function assertDistinct(op: string, out: Matrix, a: Matrix, b: Matrix): void {
  if (out.data === a.data || out.data === b.data) {
    throw new ShapeError(`${op}: the output buffer aliases an input. Pass a separate preallocated output matrix.`);
  }
}

/** `out ← A·B`. `out` must be `A.rows × B.cols` and must not alias `A` or `B`. */
export function matmulInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw innerMismatch("matmul", a, b);
  assertShape("out", out, a.rows, b.cols);
  assertDistinct("matmul", out, a, b);
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  const A = a.data;
  const B = b.data;
  const C = out.data;
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p] as number;
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) C[ci + j] += aip * (B[bp + j] as number);
    }
  }
  return out;
}

/** `out ← Aᵀ·B`. `out` must be `A.cols × B.cols`. */
export function matmulTNInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw innerMismatch("matmulTN (Aᵀ·B)", a, b);
  assertShape("out", out, a.cols, b.cols);
  assertDistinct("matmulTN", out, a, b);
  const n = a.cols;
  const k = a.rows;
  const m = b.cols;
  const A = a.data;
  const B = b.data;
  const C = out.data;
  C.fill(0);
  for (let p = 0; p < k; p++) {
    const bp = p * m;
    const ap = p * n;
    for (let i = 0; i < n; i++) {
      const api = A[ap + i] as number;
      if (api === 0) continue;
      const ci = i * m;
      for (let j = 0; j < m; j++) C[ci + j] += api * (B[bp + j] as number);
    }
  }
  return out;
}

/** `out ← A·Bᵀ`. `out` must be `A.rows × B.rows`. */
export function matmulNTInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw innerMismatch("matmulNT (A·Bᵀ)", a, b);
  assertShape("out", out, a.rows, b.rows);
  assertDistinct("matmulNT", out, a, b);
  const n = a.rows;
  const k = a.cols;
  const m = b.rows;
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    for (let j = 0; j < m; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += (A[ai + p] as number) * (B[bj + p] as number);
      C[i * m + j] = s;
    }
  }
  return out;
}

/** Allocating convenience `A·B` (not for hot loops). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw innerMismatch("matmul", a, b);
  return matmulInto(new (a.constructor as typeof Matrix)(a.rows, b.cols), a, b);
}

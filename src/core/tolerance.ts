/**
 * Tolerance helpers: the one place where "close enough" is defined. Every comparison in lindyn states its
 * tolerance and why; these functions make the rule uniform (after mathjs `nearlyEqual` and the relative
 * Frobenius error of neural-tangents).
 *
 * @packageDocumentation
 */
import { frobeniusNorm } from "./elementwise.js";
import { assertSameShape, type Matrix } from "./matrix.js";

/** Unit round-off of IEEE float64, 2⁻⁵³. */
export const FLOAT64_UNIT_ROUNDOFF = 2 ** -53;

/**
 * `|a − b| ≤ max(relTol·max(|a|, |b|), absTol)`. False whenever either value is NaN; two infinities of the
 * same sign are equal.
 *
 * @param relTol - relative tolerance, default 1e-12
 * @param absTol - absolute floor for values near zero, default 0
 */
export function nearlyEqual(a: number, b: number, relTol = 1e-12, absTol = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  return diff <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), absTol);
}

/**
 * Relative difference `|a − b| / max(|a|, |b|, floor)`: the number reported as a residual next to its
 * tolerance. NaN in, NaN out (so it can never pass a `≤ tol` test).
 */
export function relativeDifference(a: number, b: number, floor = 0): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === b) return 0;
  const denom = Math.max(Math.abs(a), Math.abs(b), floor);
  return denom === 0 ? 0 : Math.abs(a - b) / denom;
}

/**
 * Relative Frobenius error ‖A − B‖_F / max(‖B‖_F, floor), with B the reference. Returns NaN if any entry of
 * either matrix is not finite, so a broken result can never look accurate.
 */
export function relativeFrobeniusError(a: Matrix, reference: Matrix, floor = 0): number {
  assertSameShape("relativeFrobeniusError", a, reference);
  const A = a.data;
  const B = reference.data;
  const diff = new Float64Array(A.length);
  for (let i = 0; i < A.length; i++) {
    const x = A[i] as number;
    const y = B[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Number.NaN;
    diff[i] = x - y;
  }
  const denom = Math.max(frobeniusNorm(B), floor);
  const num = frobeniusNorm(diff);
  return denom === 0 ? (num === 0 ? 0 : Number.POSITIVE_INFINITY) : num / denom;
}

/** True when every entry is finite. */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

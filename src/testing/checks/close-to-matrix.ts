/**
 * Matrix closeness by Frobenius norm: `‖A − B‖_F ≤ max(relTol·‖B‖_F, absTol)` with B the expected matrix.
 *
 * @packageDocumentation
 */
import { formatResidual } from "../../claims/format-value.js";
import { errorMessage, ShapeError } from "../../core/errors.js";
import { assertSameShape, Matrix } from "../../core/matrix.js";
import { allFinite } from "../../core/tolerance.js";
import type { CheckOutcome } from "./outcome.js";

/** Options of {@link checkCloseToMatrix}. */
export interface CloseToMatrixOptions {
  /** Relative tolerance on ‖A − B‖_F / ‖B‖_F. @defaultValue 1e-10 */
  readonly relTol?: number;
  /** Absolute floor on ‖A − B‖_F (for B near zero). @defaultValue 0 */
  readonly absTol?: number;
}

/** A matrix or its rows. */
export type MatrixLike = Matrix | readonly (readonly number[])[];

/**
 * Compares `received` with `expected` in Frobenius norm. Fails (never passes) on non-finite entries; the
 * message names the largest entry-wise difference.
 *
 * @throws ShapeError when the shapes differ (a usage error, not a numerical failure)
 */
export function checkCloseToMatrix(
  received: MatrixLike,
  expected: MatrixLike,
  options: CloseToMatrixOptions = {},
): CheckOutcome {
  const a = toMatrix("received", received);
  const b = toMatrix("expected", expected);
  assertSameShape("toBeCloseToMatrix", a, b);
  const relTol = options.relTol ?? 1e-10;
  const absTol = options.absTol ?? 0;
  if (!allFinite(a.data) || !allFinite(b.data)) {
    return { pass: false, residual: Number.NaN, tolerance: absTol, message: "the matrices have non-finite entries" };
  }
  let sum = 0;
  let norm = 0;
  let worst = -1;
  let worstAt = 0;
  for (let k = 0; k < a.data.length; k++) {
    const d = (a.data[k] as number) - (b.data[k] as number);
    sum += d * d;
    norm += (b.data[k] as number) ** 2;
    if (Math.abs(d) > worst) {
      worst = Math.abs(d);
      worstAt = k;
    }
  }
  const residual = Math.sqrt(sum);
  const tolerance = Math.max(relTol * Math.sqrt(norm), absTol);
  const pass = residual <= tolerance;
  const i = Math.floor(worstAt / Math.max(1, a.cols));
  const j = worstAt - i * a.cols;
  const where =
    a.data.length > 0 ? `; largest difference at (${i}, ${j}): ${a.data[worstAt]} vs ${b.data[worstAt]}` : "";
  return {
    pass,
    residual,
    tolerance,
    message: `‖A − B‖_F = ${formatResidual(residual)} ${pass ? "≤" : ">"} ${formatResidual(tolerance)} (relTol ${formatResidual(relTol)} · ‖B‖_F = ${formatResidual(Math.sqrt(norm))}, absTol ${formatResidual(absTol)})${where}`,
  };
}

function toMatrix(name: string, m: MatrixLike): Matrix {
  if (m instanceof Matrix) return m;
  if (Array.isArray(m)) return Matrix.fromRows(m, name);
  throw new ShapeError(
    errorMessage(name, m, "must be a Matrix or nested rows", "Pass Matrix.fromRows([[…]]) or [[…]]."),
  );
}

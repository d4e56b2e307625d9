/**
 * Symmetric positive (semi)definite matrices: Cholesky factorisation, SPD solves, PSD test.
 *
 * @packageDocumentation
 */
import { symmetricEigen, symmetricPart } from "./eigen.js";
import { DomainError, errorMessage, ShapeError } from "./errors.js";
import { assertShape, Matrix } from "./matrix.js";

/** Options of {@link cholesky} and {@link solveSPD}. */
export interface CholeskyOptions {
  /**
   * Largest accepted asymmetry `max |A_ij − A_ji|` relative to `max |A_ij|` (the symmetric part is
   * factorised).
   * @defaultValue 1e-10
   */
  readonly symmetryTolerance?: number;
}

/**
 * Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix (Cholesky–Banachiewicz,
 * row by row; Golub & Van Loan, Matrix Computations, 4th ed., Alg. 4.2.1). Backward stable:
 * `L·Lᵀ = A + E` with |E| ≤ O(n·u)·|L||Lᵀ|.
 *
 * @returns the lower-triangular `L` (zeros above the diagonal, positive diagonal)
 * @throws ShapeError when `a` is not square; DomainError when it is not finite or not symmetric, or when
 * a pivot is ≤ 0 (the message names the pivot, its value and the fix)
 */
export function cholesky(a: Matrix, options: CholeskyOptions = {}): Matrix {
  const S = symmetricPart(a, "A", options.symmetryTolerance ?? 1e-10);
  const n = a.rows;
  const out = new Matrix(n, n);
  const L = out.data;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = S[ri + j];
      for (let k = 0; k < j; k++) s -= L[ri + k] * L[rj + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new DomainError(
            errorMessage(
              `cholesky(A): pivot ${i}`,
              s,
              `must be > 0 for a positive definite matrix (the leading ${i + 1}×${i + 1} block of A is not positive definite)`,
              "A is singular or indefinite. If it should be a covariance or Gram matrix, check how it was built; if it is only positive semidefinite, add a small ridge εI (e.g. ε = 1e-12·trace(A)/n) or use symmetricEigen.",
            ),
          );
        }
        L[ri + i] = Math.sqrt(s);
      } else {
        L[ri + j] = s / L[rj + j];
      }
    }
  }
  return out;
}

/**
 * Solves `L·Lᵀ·X = B` for `X` given the Cholesky factor `L` (from {@link cholesky}), by forward then
 * backward substitution on whole rows of `B` (all right-hand sides at once). Allocation-free.
 *
 * @param out - `n × k` output; may be `b` itself (the solve then runs in place), must not overlap `L`
 * @param L - `n × n` lower-triangular factor with non-zero diagonal
 * @param b - `n × k` right-hand sides
 * @throws ShapeError on mismatched shapes or when `out` is `L`
 */
export function choleskySolveInto(out: Matrix, L: Matrix, b: Matrix): Matrix {
  const n = L.rows;
  if (L.cols !== n) {
    throw new ShapeError(
      errorMessage("L.shape", L.shape, "must be square", "Pass the factor returned by cholesky(A)."),
    );
  }
  if (b.rows !== n) {
    throw new ShapeError(
      errorMessage(
        "b.rows",
        b.rows,
        `must equal the order of L (${n})`,
        "Pass one right-hand side per column, with as many rows as A.",
      ),
    );
  }
  assertShape("out", out, n, b.cols);
  if (out.data === L.data) {
    throw new ShapeError("choleskySolve: the output is the factor L. Pass b (in-place solve) or a separate output.");
  }
  const k = b.cols;
  const X = out.data;
  if (out.data !== b.data) X.set(b.data);
  const Ld = L.data;
  // Forward: L·Y = B, row i of Y = (b_i − Σ_{p<i} L_ip·y_p) / L_ii.
  for (let i = 0; i < n; i++) {
    const ri = i * k;
    for (let p = 0; p < i; p++) {
      const l = Ld[i * n + p];
      if (l === 0) continue;
      const rp = p * k;
      for (let c = 0; c < k; c++) X[ri + c] -= l * X[rp + c];
    }
    const inv = 1 / Ld[i * n + i];
    for (let c = 0; c < k; c++) X[ri + c] *= inv;
  }
  // Backward: Lᵀ·X = Y, row i of X = (y_i − Σ_{p>i} L_pi·x_p) / L_ii.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * k;
    for (let p = i + 1; p < n; p++) {
      const l = Ld[p * n + i];
      if (l === 0) continue;
      const rp = p * k;
      for (let c = 0; c < k; c++) X[ri + c] -= l * X[rp + c];
    }
    const inv = 1 / Ld[i * n + i];
    for (let c = 0; c < k; c++) X[ri + c] *= inv;
  }
  return out;
}

/**
 * Solves `A·X = B` for symmetric positive definite `A` by Cholesky factorisation. The residual satisfies
 * ‖A·X − B‖ = O(n·u·‖A‖‖X‖) (backward stability); the forward error grows with cond(A).
 *
 * @param a - `n × n` SPD matrix
 * @param b - `n × k` right-hand sides
 * @throws as {@link cholesky}; ShapeError when `b` does not have `n` rows
 */
export function solveSPD(a: Matrix, b: Matrix, options: CholeskyOptions = {}): Matrix {
  if (b.rows !== a.rows) {
    throw new ShapeError(
      errorMessage(
        "b.rows",
        b.rows,
        `must equal A.rows (${a.rows})`,
        "Pass one right-hand side per column, with as many rows as A.",
      ),
    );
  }
  const L = cholesky(a, options);
  return choleskySolveInto(new Matrix(b.rows, b.cols), L, b);
}

/**
 * True when the symmetric matrix `a` is positive semidefinite up to rounding: its smallest eigenvalue is
 * ≥ `−relTol·max|λ|`. The eigenvalues are computed by {@link symmetricEigen}, accurate to O(n·u·‖A‖).
 *
 * @param relTol - relative tolerance on negative eigenvalues
 * @defaultValue relTol = 1e-12·max(n, 1) (100× the eigenvalue error bound: rounding in a product such as
 * X·Xᵀ never fails the test, while a genuinely negative direction does)
 * @throws ShapeError when `a` is not square; DomainError when not finite or not symmetric (within 1e-10)
 */
export function isPositiveSemidefinite(a: Matrix, relTol?: number): boolean {
  const { values } = symmetricEigen(a);
  const n = values.length;
  if (n === 0) return true;
  const tol = relTol ?? 1e-12 * Math.max(n, 1);
  const maxAbs = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
  return values[0] >= -tol * maxAbs;
}

/**
 * Thin QR factorisation by Householder reflections.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "./errors.js";
import { Matrix } from "./matrix.js";
import { allFinite } from "./tolerance.js";

/** Result of {@link qr}: `A = Q·R`. */
export interface QRResult {
  /** `rows × min(rows, cols)` with orthonormal columns (`QᵀQ = I`). */
  readonly Q: Matrix;
  /** `min(rows, cols) × cols`, upper triangular (upper trapezoidal when `cols > rows`). */
  readonly R: Matrix;
}

/**
 * Thin QR factorisation `A = Q·R` of any `rows × cols` matrix by Householder reflections (Golub & Van
 * Loan, Matrix Computations, 4th ed., Alg. 5.2.1), backward-stable: ‖QR − A‖ = O(u‖A‖) and ‖QᵀQ − I‖ = O(u)
 * even for rank-deficient `A`.
 *
 * The diagonal of `R` may have either sign (each reflection picks the sign that avoids cancellation).
 * Use {@link normalizeQRSigns} for the unique factorisation with `R_jj ≥ 0`.
 *
 * @throws DomainError when `A` has a non-finite entry
 */
export function qr(a: Matrix): QRResult {
  if (!allFinite(a.data)) {
    throw new DomainError(
      errorMessage("qr(A)", a.shape, "must have finite entries", "Remove NaN/±Infinity entries before factorising."),
    );
  }
  const n = a.rows;
  const m = a.cols;
  const kmax = Math.min(n, m);
  const W = a.data.slice(); // working copy, becomes R above the diagonal
  const vs = new Float64Array(n * kmax); // Householder vectors (unit norm), column j in vs[j*n + (j..n-1)]
  const hasV = new Uint8Array(kmax);
  for (let j = 0; j < kmax; j++) {
    // Norm of x = W[j:n, j] with scaling against overflow.
    let scale = 0;
    for (let i = j; i < n; i++) scale = Math.max(scale, Math.abs(W[i * m + j]));
    if (scale === 0) continue; // column already zero below (and on) the diagonal: H_j = I
    let ss = 0;
    for (let i = j; i < n; i++) {
      const t = W[i * m + j] / scale;
      ss += t * t;
    }
    const norm = scale * Math.sqrt(ss);
    const x0 = W[j * m + j];
    const alpha = x0 >= 0 ? -norm : norm; // R_jj = alpha; v = x − alpha·e₁ avoids cancellation
    const off = j * n;
    vs[off + j] = x0 - alpha;
    for (let i = j + 1; i < n; i++) vs[off + i] = W[i * m + j];
    let vn = 0;
    for (let i = j; i < n; i++) vn += (vs[off + i] / scale) * (vs[off + i] / scale);
    vn = scale * Math.sqrt(vn);
    if (vn === 0) continue;
    for (let i = j; i < n; i++) vs[off + i] /= vn;
    hasV[j] = 1;
    // W[j:n, j:m] ← (I − 2vvᵀ) W[j:n, j:m]
    for (let c = j; c < m; c++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += vs[off + i] * W[i * m + c];
      dot *= 2;
      for (let i = j; i < n; i++) W[i * m + c] -= dot * vs[off + i];
    }
    W[j * m + j] = alpha;
    for (let i = j + 1; i < n; i++) W[i * m + j] = 0;
  }
  const R = new Matrix(kmax, m);
  for (let i = 0; i < kmax; i++) for (let c = i; c < m; c++) R.data[i * m + c] = W[i * m + c];
  // Q = H_0 H_1 ⋯ H_{k−1} · I[:, 0:k], accumulated backwards so each H_j touches rows j..n−1 only.
  const Q = new Matrix(n, kmax);
  const q = Q.data;
  for (let i = 0; i < kmax; i++) q[i * kmax + i] = 1;
  for (let j = kmax - 1; j >= 0; j--) {
    if (!hasV[j]) continue;
    const off = j * n;
    for (let c = j; c < kmax; c++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += vs[off + i] * q[i * kmax + c];
      dot *= 2;
      for (let i = j; i < n; i++) q[i * kmax + c] -= dot * vs[off + i];
    }
  }
  return { Q, R };
}

/**
 * Flips signs in place so that `R_jj ≥ 0`: column j of `Q` and row j of `R` are multiplied by
 * `sign(R_jj)` (with sign(0) = +1), which leaves `Q·R` unchanged. For a full-rank `A` this is the unique
 * QR factorisation; applied to a Gaussian matrix it makes `Q` Haar-distributed (Mezzadri, "How to generate
 * random matrices from the classical compact groups", Notices AMS 54 (2007), arXiv math-ph/0609050).
 */
export function normalizeQRSigns(result: QRResult): QRResult {
  const { Q, R } = result;
  const k = R.rows;
  for (let j = 0; j < k; j++) {
    if (R.data[j * R.cols + j] < 0) {
      for (let c = j; c < R.cols; c++) R.data[j * R.cols + c] = -R.data[j * R.cols + c];
      for (let i = 0; i < Q.rows; i++) Q.data[i * Q.cols + j] = -Q.data[i * Q.cols + j];
    }
  }
  return result;
}

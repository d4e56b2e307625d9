/**
 * Thin singular value decomposition by one-sided Jacobi rotations.
 *
 * @packageDocumentation
 */
import { ConvergenceError, DomainError, errorMessage } from "./errors.js";
import { Matrix } from "./matrix.js";
import { FLOAT64_UNIT_ROUNDOFF } from "./tolerance.js";

/** Result of {@link svd}: `A = U·diag(s)·Vᵀ` with `k = min(rows, cols)`. */
export interface SVDResult {
  /** `rows × k`, orthonormal columns (left singular vectors). */
  readonly U: Matrix;
  /** The `k` singular values, descending, all ≥ 0. */
  readonly s: Float64Array;
  /** `cols × k`, orthonormal columns (right singular vectors). */
  readonly V: Matrix;
}

/** Options of {@link svd}. */
export interface SVDOptions {
  /**
   * Largest number of Jacobi sweeps (one sweep rotates every pair of columns once).
   * @defaultValue 60 (convergence is quadratic; 6–12 sweeps are typical up to a few hundred columns)
   */
  readonly maxSweeps?: number;
}

/**
 * Thin SVD `A = U·diag(s)·Vᵀ` of any `rows × cols` matrix, by the one-sided Jacobi method of Hestenes
 * (1958) as analysed by Demmel & Veselić (SIAM J. Matrix Anal. Appl. 13 (1992)): plane rotations are
 * applied to pairs of columns until every pair is orthogonal to within `rows·u` relative to the columns'
 * norms; the singular values are then the column norms. The method is backward stable and computes small
 * singular values with high relative accuracy when the columns are well scaled.
 *
 * Conventions: singular values descending; for zero (or below `rows·u·s_max`) singular values the
 * corresponding columns of `U` are completed to an orthonormal set, so `UᵀU = I` always holds; each
 * column of `U` has its largest-magnitude entry positive (the sign of the matching column of `V` follows),
 * so the output is deterministic. The input is scaled by a power of two (exact) so that the Gram entries
 * cannot overflow or underflow.
 *
 * @throws DomainError for non-finite entries; ConvergenceError when `maxSweeps` is exhausted
 */
export function svd(a: Matrix, options: SVDOptions = {}): SVDResult {
  const maxSweeps = options.maxSweeps ?? 60;
  const rows = a.rows;
  const cols = a.cols;
  let maxAbs = 0;
  for (let i = 0; i < a.data.length; i++) {
    const v = a.data[i];
    if (!Number.isFinite(v)) {
      throw new DomainError(
        errorMessage(
          `A[${Math.floor(i / cols)}][${i % cols}]`,
          v,
          "must be finite",
          "Remove NaN/±Infinity entries before computing the SVD.",
        ),
      );
    }
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  // Work on the tall orientation: rows ≥ cols. For a wide A use Aᵀ = V·S·Uᵀ.
  const wide = rows < cols;
  const m = wide ? cols : rows; // length of each working column
  const n = wide ? rows : cols; // number of working columns = k
  // Scale by a power of two (exact) so that max|entry| ∈ [0.5, 1): Gram entries stay in range.
  const scale = maxAbs === 0 ? 1 : 2 ** Math.ceil(Math.log2(maxAbs) + 1e-12);
  // G holds the working columns as contiguous ROWS: G[j*m + i] = column j, entry i.
  const G = new Float64Array(n * m);
  if (wide) {
    // Columns of Aᵀ are rows of A.
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) G[j * m + i] = a.data[j * cols + i] / scale;
  } else {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) G[j * m + i] = a.data[i * cols + j] / scale;
  }
  // W accumulates the right rotations, also stored by rows: W[j*n + i] = column j of V, entry i.
  const W = new Float64Array(n * n);
  for (let j = 0; j < n; j++) W[j * n + j] = 1;
  const tol = Math.max(m, 1) * FLOAT64_UNIT_ROUNDOFF;
  // A column whose squared norm is below tol²·‖A‖_F² is round-off of a zero singular value: rotating it
  // against another column only shuffles noise, and the orthogonality test, being relative to that
  // column's own norm, may then never pass (a rank-deficient 2×2 such as [[0, 0], [7/2, −3]] cycled
  // forever). Such pairs count as converged; the column is completed orthonormally below. ‖A‖_F is
  // invariant under the rotations, so it is computed once.
  let frob2 = 0;
  for (let i = 0; i < G.length; i++) frob2 += G[i] * G[i];
  const negligible = tol * tol * frob2;

  let sweep = 0;
  for (; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const op = p * m;
      for (let q = p + 1; q < n; q++) {
        const oq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = G[op + i];
          const y = G[oq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        if (Math.min(alpha, beta) <= negligible) continue;
        rotated = true;
        // Rotation that zeroes the (p, q) entry of the 2×2 Gram matrix [[α, γ], [γ, β]].
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = G[op + i];
          const y = G[oq + i];
          G[op + i] = c * x - s * y;
          G[oq + i] = s * x + c * y;
        }
        const wp = p * n;
        const wq = q * n;
        for (let i = 0; i < n; i++) {
          const x = W[wp + i];
          const y = W[wq + i];
          W[wp + i] = c * x - s * y;
          W[wq + i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  if (sweep === maxSweeps) {
    throw new ConvergenceError(
      errorMessage(
        "svd: Jacobi sweeps",
        maxSweeps,
        `must suffice for the columns of a ${rows}×${cols} matrix to become orthogonal`,
        "Raise options.maxSweeps; if that does not help, the input is pathological (please report it).",
      ),
    );
  }

  // Singular values = column norms; order descending.
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += G[j * m + i] * G[j * m + i];
    norms[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y] - norms[x] || x - y);
  const sMax = n > 0 ? norms[order[0]] : 0;
  // Columns at or below the skip threshold of the sweeps were never orthogonalised: complete them all.
  const tiny = Math.max(tol * sMax, Math.sqrt(negligible));

  const Uw = new Matrix(m, n); // left vectors of the working (tall) matrix
  const Vw = new Matrix(n, n);
  const s = new Float64Array(n);
  const U = Uw.data;
  const needCompletion: number[] = [];
  for (let r = 0; r < n; r++) {
    const j = order[r];
    s[r] = norms[j] * scale;
    for (let i = 0; i < n; i++) Vw.data[i * n + r] = W[j * n + i];
    if (norms[j] > tiny && norms[j] > 0) {
      const inv = 1 / norms[j];
      for (let i = 0; i < m; i++) U[i * n + r] = G[j * m + i] * inv;
    } else {
      needCompletion.push(r);
    }
  }
  completeOrthonormalColumns(Uw, needCompletion);

  // Deterministic signs: largest-magnitude entry of each U column positive.
  for (let r = 0; r < n; r++) {
    let big = 0;
    let sign = 1;
    for (let i = 0; i < m; i++) {
      const u = U[i * n + r];
      if (Math.abs(u) > big) {
        big = Math.abs(u);
        sign = u < 0 ? -1 : 1;
      }
    }
    if (sign < 0) {
      for (let i = 0; i < m; i++) U[i * n + r] = -U[i * n + r];
      for (let i = 0; i < n; i++) Vw.data[i * n + r] = -Vw.data[i * n + r];
    }
  }
  return wide ? { U: Vw, s, V: Uw } : { U: Uw, s, V: Vw };
}

/**
 * Replaces the listed columns of `Q` (whose other columns are orthonormal) by unit vectors orthogonal to
 * all the others: for each, the standard basis vector with the largest component outside the current
 * span, orthogonalised twice (classical Gram–Schmidt with reorthogonalisation is then accurate to O(u)).
 */
function completeOrthonormalColumns(Q: Matrix, columns: readonly number[]): void {
  if (columns.length === 0) return;
  const m = Q.rows;
  const n = Q.cols;
  const D = Q.data;
  const filled = new Uint8Array(n).fill(1);
  for (const c of columns) filled[c] = 0;
  const r = new Float64Array(m);
  const best = new Float64Array(m);
  for (const c of columns) {
    let bestNorm = -1;
    for (let e = 0; e < m; e++) {
      r.fill(0);
      r[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < n; k++) {
          if (!filled[k]) continue;
          let dot = 0;
          for (let i = 0; i < m; i++) dot += D[i * n + k] * r[i];
          for (let i = 0; i < m; i++) r[i] -= dot * D[i * n + k];
        }
      }
      let nn = 0;
      for (let i = 0; i < m; i++) nn += r[i] * r[i];
      if (nn > bestNorm) {
        bestNorm = nn;
        best.set(r);
      }
      if (nn > 0.5) break; // good enough: well away from the span
    }
    const inv = 1 / Math.sqrt(bestNorm);
    for (let i = 0; i < m; i++) D[i * n + c] = best[i] * inv;
    filled[c] = 1;
  }
}

/**
 * Haar-random orthogonal matrices and matrices with orthonormal rows or columns, for orthogonal and
 * balanced initialisation of deep linear networks (Saxe et al. 2014, arXiv 1312.6120, §3;
 * Arora et al. 2018, arXiv 1802.06509, §3).
 *
 * @packageDocumentation
 */
import { Matrix } from "./matrix.js";
import { normalizeQRSigns, qr } from "./qr.js";
import type { Rng } from "./rng.js";
import { requireInteger } from "./validate.js";

/**
 * A Haar-distributed (uniform on O(n)) random `n × n` orthogonal matrix: the Q factor of an `n × n`
 * standard Gaussian matrix with the signs fixed so that `R_jj > 0` (Mezzadri 2007, arXiv math-ph/0609050,
 * §5). Without the sign fix the distribution is not Haar.
 *
 * @param rng - the random source (consumes n² Gaussian variates)
 * @param n - the dimension, an integer ≥ 1
 */
export function orthogonalFromGaussian(rng: Rng, n: number): Matrix {
  requireInteger("n", n, 1);
  return normalizeQRSigns(qr(rng.gaussianMatrix(n, n))).Q;
}

/**
 * A random `rows × cols` matrix with orthonormal columns when `rows ≥ cols` (`QᵀQ = I_cols`) or
 * orthonormal rows when `rows < cols` (`QQᵀ = I_rows`): the first `min(rows, cols)` columns (rows) of a
 * Haar-random orthogonal matrix, i.e. uniformly distributed on the Stiefel manifold.
 *
 * @param rng - the random source (consumes rows·cols Gaussian variates)
 * @param rows - number of rows, an integer ≥ 1
 * @param cols - number of columns, an integer ≥ 1
 * @defaultValue cols = rows (a square orthogonal matrix)
 */
export function randomOrthogonal(rng: Rng, rows: number, cols: number = rows): Matrix {
  requireInteger("rows", rows, 1);
  requireInteger("cols", cols, 1);
  if (rows >= cols) return normalizeQRSigns(qr(rng.gaussianMatrix(rows, cols))).Q;
  const q = normalizeQRSigns(qr(rng.gaussianMatrix(cols, rows))).Q; // cols × rows, orthonormal columns
  const out = new Matrix(rows, cols);
  for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) out.data[j * cols + i] = q.data[i * rows + j];
  return out;
}

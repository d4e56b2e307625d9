/**
 * Private stop-gap: cyclic Jacobi eigen-decomposition of a small symmetric matrix, used by the model layer
 * for validation (smallest eigenvalue of Σxx, pseudo-inverse) until `src/core/eigen.ts` lands.
 * Jacobi is backward stable with high relative accuracy; cost O(n³) per sweep, a handful of sweeps.
 *
 * @packageDocumentation
 */
import { ConvergenceError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";

/** Eigenvalues ascending and the matching orthonormal eigenvectors as the columns of `vectors`. */
export interface SymmetricEigenResult {
  values: Float64Array;
  vectors: Matrix;
}

/** Eigen-decomposition of the symmetric part of `a` (`a` is not modified). */
export function jacobiEigen(a: Matrix): SymmetricEigenResult {
  const n = a.rows;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) A[i * n + j] = 0.5 * ((a.data[i * n + j] as number) + (a.data[j * n + i] as number));
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let norm2 = 0;
  for (let i = 0; i < n * n; i++) norm2 += (A[i] as number) ** 2;
  // Off-diagonal entries below ~ε·‖A‖_F/100 are at the round-off floor: zero them instead of rotating.
  const tiny = 1e-18 * Math.sqrt(norm2);
  let converged = n <= 1;
  for (let sweep = 0; sweep < 100 && !converged; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const v = (A[i * n + j] as number) ** 2;
        total += v;
        if (i !== j) off += v;
      }
    if (off <= 1e-32 * total || off === 0) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q] as number;
        if (Math.abs(apq) <= tiny) {
          A[p * n + q] = 0;
          A[q * n + p] = 0;
          continue;
        }
        const app = A[p * n + p] as number;
        const aqq = A[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p] as number;
          const akq = A[k * n + q] as number;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k] as number;
          const aqk = A[q * n + k] as number;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p] as number;
          const vkq = V[k * n + q] as number;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
        A[p * n + q] = 0;
        A[q * n + p] = 0;
      }
    }
  }
  if (!converged) throw new ConvergenceError("jacobiEigen: 100 sweeps without convergence; the input is not finite?");
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (A[i * n + i] as number) - (A[j * n + j] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Matrix(n, n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src] as number;
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = V[k * n + src] as number;
  });
  return { values, vectors };
}

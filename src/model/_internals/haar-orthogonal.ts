/**
 * Private stop-gap: a Haar-distributed random orthogonal matrix (QR of a Gaussian matrix by modified
 * Gram–Schmidt applied twice, with the sign convention R_ii > 0 that makes Q exactly Haar; Mezzadri 2007,
 * arXiv math-ph/0609050), used by the model layer until `src/core/orthogonal.ts` lands.
 *
 * @packageDocumentation
 */
import { Matrix } from "../../core/matrix.js";
import type { Rng } from "../../core/rng.js";

/** An `n × n` orthogonal matrix drawn from the Haar measure. */
export function haarOrthogonal(rng: Rng, n: number): Matrix {
  for (;;) {
    const A = rng.gaussianMatrix(n, n);
    const Q = new Matrix(n, n);
    const col = new Float64Array(n);
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      for (let i = 0; i < n; i++) col[i] = A.data[i * n + j] as number;
      const norm0 = Math.hypot(...col);
      // Two passes of modified Gram–Schmidt: orthogonality to ~ε regardless of conditioning.
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < j; k++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += (Q.data[i * n + k] as number) * (col[i] as number);
          for (let i = 0; i < n; i++) col[i] = (col[i] as number) - dot * (Q.data[i * n + k] as number);
        }
      }
      const norm = Math.hypot(...col);
      if (!(norm > 1e-8 * norm0)) ok = false; // numerically dependent draw (probability ~0): redraw
      // Q's column j is the normalised residual; its R_jj = norm > 0, so no sign flip is needed.
      for (let i = 0; i < n; i++) Q.data[i * n + j] = (col[i] as number) / norm;
    }
    if (ok) return Q;
  }
}

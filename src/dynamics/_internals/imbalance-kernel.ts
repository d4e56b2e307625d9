/**
 * Allocation-free kernel for the layer imbalance (not exported from the package).
 *
 * @packageDocumentation
 */
import type { LinearNet } from "../../model/architecture.js";

/**
 * Writes `b·W_{i+1}ᵀW_{i+1} − a·W_iW_iᵀ` (d_i × d_i, row-major) into `out`; `i` 1-based. Allocation-free.
 * Only the diagonal when `diagonalOnly` (then `out` has length d_i).
 */
export function imbalanceKernel(
  out: Float64Array,
  net: LinearNet,
  theta: Float64Array,
  i: number,
  a: number,
  b: number,
  diagonalOnly = false,
): void {
  const dPrev = net.widths[i - 1] as number;
  const d = net.widths[i] as number;
  const dNext = net.widths[i + 1] as number;
  const wi = net.offsets[i - 1] as number; // W_i: d × dPrev
  const wn = net.offsets[i] as number; // W_{i+1}: dNext × d
  for (let j = 0; j < d; j++) {
    for (let k = diagonalOnly ? j : 0; k < (diagonalOnly ? j + 1 : d); k++) {
      let s1 = 0;
      for (let r = 0; r < dNext; r++) s1 += (theta[wn + r * d + j] as number) * (theta[wn + r * d + k] as number);
      let s2 = 0;
      for (let c = 0; c < dPrev; c++)
        s2 += (theta[wi + j * dPrev + c] as number) * (theta[wi + k * dPrev + c] as number);
      out[diagonalOnly ? j : j * d + k] = b * s1 - a * s2;
    }
  }
}

/**
 * Forward and backward passes of a {@link NonlinearNet} on a batch of n samples, on buffers allocated once.
 * Products use the blocked kernels of src/core/matmul.ts, so widths of a few thousand stay practical.
 *
 * Batch layout: one sample per row. Z_i = H_{i−1}W_iᵀ + 1b_iᵀ (n × d_i), H_i = φ(Z_i) for hidden i, and
 * the output F = Z_L/α. Backward: Δ_L = ∂/∂Z_L, Δ_{i−1} = (Δ_iW_i) ⊙ φ′(Z_{i−1}); ∂/∂W_i = Δ_iᵀH_{i−1},
 * ∂/∂b_i = 1ᵀΔ_i.
 */
import { matmulInto, matmulNTInto, matmulTNInto } from "../../../core/matmul.js";
import { Matrix } from "../../../core/matrix.js";
import type { NonlinearNet } from "../nonlinear-net.js";

export class BatchKernel {
  readonly n: number;
  /** Pre-activations Z_1..Z_L. */
  readonly Z: Matrix[];
  /** Hidden activations H_1..H_{L−1} (index i − 1). */
  readonly H: Matrix[];
  /** φ′(Z_i) for hidden i (index i − 1). */
  readonly D: Float64Array[];
  /** Back-propagated Δ_1..Δ_L. */
  readonly Delta: Matrix[];
  /** The outputs F = Z_L/α. */
  readonly F: Matrix;

  constructor(
    private readonly net: NonlinearNet,
    n: number,
  ) {
    this.n = n;
    const L = net.depth;
    this.Z = [];
    this.H = [];
    this.D = [];
    this.Delta = [];
    for (let i = 1; i <= L; i++) {
      const d = net.widths[i] as number;
      this.Z.push(new Matrix(n, d));
      this.Delta.push(new Matrix(n, d));
      if (i < L) {
        this.H.push(new Matrix(n, d));
        this.D.push(new Float64Array(n * d));
      }
    }
    this.F = new Matrix(n, net.widths[L] as number);
  }

  /** The input of layer i (1-based): X for i = 1, H_{i−1} otherwise. */
  input(i: number, X: Matrix): Matrix {
    return i === 1 ? X : (this.H[i - 2] as Matrix);
  }

  /** Forward pass; fills Z, H, D and F. */
  forward(W: readonly Matrix[], b: readonly Float64Array[], X: Matrix): void {
    const L = this.net.depth;
    const n = this.n;
    for (let i = 1; i <= L; i++) {
      const Z = this.Z[i - 1] as Matrix;
      matmulNTInto(Z, this.input(i, X), W[i - 1] as Matrix);
      if (this.net.bias) {
        const bi = b[i - 1] as Float64Array;
        const d = Z.cols;
        const z = Z.data;
        for (let s = 0; s < n; s++) {
          const o = s * d;
          for (let j = 0; j < d; j++) z[o + j] = (z[o + j] as number) + (bi[j] as number);
        }
      }
      if (i < L)
        this.net.activation.evaluateInto(Z.data, (this.H[i - 1] as Matrix).data, this.D[i - 1] as Float64Array);
    }
    const zL = (this.Z[L - 1] as Matrix).data;
    const f = this.F.data;
    const inv = this.net.alpha;
    for (let k = 0; k < f.length; k++) f[k] = (zL[k] as number) / inv;
  }

  /**
   * Backward pass from Δ_L (already in `Delta[L−1]`), filling Δ_{L−1}..Δ_1. With `G`/`gb`, also writes the
   * parameter gradients ∂/∂W_i = Δ_iᵀH_{i−1} and ∂/∂b_i = column sums of Δ_i.
   */
  backward(W: readonly Matrix[], X: Matrix, G: readonly Matrix[] | null, gb: readonly Float64Array[] | null): void {
    const L = this.net.depth;
    const n = this.n;
    for (let i = L; i >= 1; i--) {
      const Delta = this.Delta[i - 1] as Matrix;
      if (G !== null) matmulTNInto(G[i - 1] as Matrix, Delta, this.input(i, X));
      if (gb !== null && this.net.bias) {
        const g = gb[i - 1] as Float64Array;
        const d = Delta.cols;
        const dd = Delta.data;
        g.fill(0);
        for (let s = 0; s < n; s++) {
          const o = s * d;
          for (let j = 0; j < d; j++) g[j] = (g[j] as number) + (dd[o + j] as number);
        }
      }
      if (i > 1) {
        const prev = this.Delta[i - 2] as Matrix;
        matmulInto(prev, Delta, W[i - 1] as Matrix);
        const dphi = this.D[i - 2] as Float64Array;
        const p = prev.data;
        for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) * (dphi[k] as number);
      }
    }
  }
}

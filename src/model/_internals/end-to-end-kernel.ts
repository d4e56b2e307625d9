/**
 * Noise-free loss and gradient through the end-to-end map (private; see objective.ts).
 *
 * ℒ = c·(⟨PΣxx, P⟩ − 2⟨P, Σyx⟩ + E‖y‖²) + Σ_i γ_i‖W_i‖²,
 * ∂ℒ/∂W_i = 2c·(W_L⋯W_{i+1})ᵀ E (W_{i−1}⋯W_1)ᵀ + 2γ_i W_i with E = PΣxx − Σyx.
 *
 * Two multiplication orders, picked by cost:
 * - input side (d0 ≤ dL): prefix products Q_i = W_i⋯W_1 (d_i×d0) forward, then backprop M_{i−1} = W_iᵀM_i
 *   from M_L = E, with ∂ℒ/∂W_i = 2c M_i Q_{i−1}ᵀ; ≈ 3·d0·Σ d_i d_{i−1} flops·2;
 * - output side (dL < d0): suffix products S_i = W_L⋯W_{i+1} (dL×d_i) backward, then N_i = N_{i−1}W_iᵀ
 *   from N_0 = E, with ∂ℒ/∂W_i = 2c S_iᵀ N_{i−1}; ≈ 3·dL·Σ d_i d_{i−1}.
 * Both add dL·d0² for PΣxx. All buffers are allocated once here.
 *
 * @packageDocumentation
 */
import { matmulInto, matmulNTInto, matmulTNInto } from "../../core/matmul.js";
import { Matrix } from "../../core/matrix.js";
import type { LinearNet } from "../architecture.js";
import type { LossConfig } from "../loss-config.js";
import type { Moments } from "../moments.js";
import { coefficients, combine, dotInto, TWO_C, twoGammaAt } from "./small-kernels.js";

/** Evaluates ℒ and (optionally) ∂ℒ/∂W_i into `G` for weights `W` (no allocation). */
export class EndToEndKernel {
  readonly side: "input" | "output";
  /**
   * The value of the last {@link evaluate}: written here rather than returned so that no HeapNumber is boxed
   * per call (V8 boxes non-integer doubles returned from functions it does not inline).
   */
  readonly result = new Float64Array(1);
  private readonly L: number;
  private readonly coef: Float64Array;
  private readonly dots = new Float64Array(3);
  private readonly moments: Moments;
  /** Input side: Q[i] = W_i⋯W_1 for i = 2..L (Q[1] is W_1 itself). Output side: S[i] = W_L⋯W_{i+1}, i = 0..L−2. */
  private readonly chain: Matrix[];
  /** Input side: M[i] (d_i×d0), i = 1..L−1. Output side: N[i] (dL×d_i), i = 1..L−1. */
  private readonly back: Matrix[];
  private readonly PS: Matrix;
  private readonly E: Matrix;

  constructor(net: LinearNet, moments: Moments, config: LossConfig) {
    const w = net.widths;
    const L = net.depth;
    const d0 = w[0] as number;
    const dL = w[L] as number;
    this.L = L;
    this.coef = coefficients(config);
    this.moments = moments;
    this.side = d0 <= dL ? "input" : "output";
    this.chain = new Array<Matrix>(L + 1);
    this.back = new Array<Matrix>(L + 1);
    if (this.side === "input") {
      for (let i = 2; i <= L; i++) this.chain[i] = new Matrix(w[i] as number, d0);
      for (let i = 1; i < L; i++) this.back[i] = new Matrix(w[i] as number, d0);
    } else {
      for (let i = 0; i <= L - 2; i++) this.chain[i] = new Matrix(dL, w[i] as number);
      for (let i = 1; i < L; i++) this.back[i] = new Matrix(dL, w[i] as number);
    }
    this.PS = new Matrix(dL, d0);
    this.E = new Matrix(dL, d0);
  }

  /** ℒ at weights `W` (W[0] = W_1) into `result[0]`; writes ∂ℒ/∂W_i into `G[i − 1]` when `G` is given. */
  evaluate(W: readonly Matrix[], G: readonly Matrix[] | null): void {
    const L = this.L;
    const { Sxx, Syx, Ey2 } = this.moments;
    const coef = this.coef;
    const dots = this.dots;
    let P: Matrix;
    if (this.side === "input") {
      P = W[0] as Matrix;
      for (let i = 2; i <= L; i++) {
        const Qi = this.chain[i] as Matrix;
        matmulInto(Qi, W[i - 1] as Matrix, P);
        P = Qi;
      }
    } else {
      P = W[L - 1] as Matrix;
      for (let i = L - 2; i >= 0; i--) {
        const Si = this.chain[i] as Matrix;
        matmulInto(Si, P, W[i] as Matrix);
        P = Si;
      }
    }
    matmulInto(this.PS, P, Sxx);
    dotInto(dots, 0, this.PS.data, P.data);
    dotInto(dots, 1, P.data, Syx.data);
    let value = 0.5 * (coef[TWO_C] as number) * ((dots[0] as number) - 2 * (dots[1] as number) + Ey2);
    for (let i = 1; i <= L; i++) {
      const twoGamma = coef[twoGammaAt(i)] as number;
      if (twoGamma === 0) continue;
      const Wd = (W[i - 1] as Matrix).data;
      dotInto(dots, 2, Wd, Wd);
      value += 0.5 * twoGamma * (dots[2] as number);
    }
    this.result[0] = value;
    if (G === null) return;

    const E = this.E;
    const PSd = this.PS.data;
    const Sd = Syx.data;
    const Ed = E.data;
    for (let k = 0; k < Ed.length; k++) Ed[k] = (PSd[k] as number) - (Sd[k] as number);

    if (this.side === "input") {
      let M = E;
      for (let i = L; i >= 1; i--) {
        const Gi = G[i - 1] as Matrix;
        if (i >= 2) {
          const Qprev = i === 2 ? (W[0] as Matrix) : (this.chain[i - 1] as Matrix);
          matmulNTInto(Gi, M, Qprev);
          const Mnext = this.back[i - 1] as Matrix;
          matmulTNInto(Mnext, W[i - 1] as Matrix, M);
          M = Mnext;
        } else {
          Gi.data.set(M.data);
        }
        combine(Gi, coef, TWO_C, W[i - 1] as Matrix, twoGammaAt(i));
      }
    } else {
      let N = E;
      for (let i = 1; i <= L; i++) {
        const Gi = G[i - 1] as Matrix;
        if (i < L) {
          const Si = i === L - 1 ? (W[L - 1] as Matrix) : (this.chain[i] as Matrix);
          matmulTNInto(Gi, Si, N);
          const Nnext = this.back[i] as Matrix;
          matmulNTInto(Nnext, N, W[i - 1] as Matrix);
          N = Nnext;
        } else {
          Gi.data.set(N.data);
        }
        combine(Gi, coef, TWO_C, W[i - 1] as Matrix, twoGammaAt(i));
      }
    }
  }
}

/**
 * Exact noise-averaged loss, gradient and Hessian-vector product by second-moment propagation (private;
 * see objective.ts). Valid for any noise variances, including all zero.
 *
 * Forward (stochastic neurons of mean 1, variance σ_i², independent, on hidden layers 1..L−1):
 *   S̃_0 = Σxx;  T_i = W_i S̃_{i−1};  S_i = T_i W_iᵀ;  S̃_i = S_i + σ_i²·Diag(S_i)      (i ≤ L−1)
 *   K_0 = Σyx;  K_i = K_{i−1} W_iᵀ = Σyx (W_i⋯W_1)ᵀ                                   (first moments pass
 *   unchanged because E[ε] = 1)
 *   ℒ = c·(⟨T_L, W_L⟩ − 2⟨W_L, K_{L−1}⟩ + E‖y‖²) + Σ γ_i‖W_i‖²
 * (E‖f‖² = tr(W_L S̃_{L−1} W_Lᵀ) and E[yᵀf] = tr(P Σxy); S̃_i = S_i ⊙ E[εεᵀ] = S_i ⊙ (11ᵀ + σ_i² I).)
 *
 * Backward: the adjoint of S ↦ S + σ²Diag(S) is itself (Diag is self-adjoint for ⟨·,·⟩_F), so with
 *   B_L = I, B̃_i = B_i + σ_i²·Diag(B_i), B_{i−1} = W_iᵀ B̃_i W_i,  Y_i = W_L⋯W_{i+1}:
 *   ∂ℒ/∂W_i = 2c·(B̃_i T_i − Y_iᵀ K_{i−1}) + 2γ_i W_i      (B̃_i, S̃_{i−1} symmetric).
 *
 * Hessian-vector product: forward-over-reverse, i.e. the exact directional derivative (tangent-linear
 * model) of every line above along V; each bilinear product A·B gets the tangent dA·B + A·dB. It is
 * exact up to round-off (no step size): the Hessian is a polynomial's derivative evaluated in closed form.
 *
 * @packageDocumentation
 */
import { matmulInto, matmulNTInto, matmulTNInto } from "../../core/matmul.js";
import { Matrix } from "../../core/matrix.js";
import type { LinearNet } from "../architecture.js";
import type { LossConfig } from "../loss-config.js";
import type { Moments } from "../moments.js";
import {
  addInPlace,
  addTransposeInPlace,
  coefficients,
  combine,
  dotInto,
  inflateDiagonal,
  inflationAt,
  subtractInPlace,
  symmetriseInPlace,
  TWO_C,
  twoGammaAt,
} from "./small-kernels.js";

interface TangentBuffers {
  dSt: Matrix[]; // d_i×d_i, i = 1..L−1 (also a d_i×d_i scratch in the backward pass)
  dT: Matrix[]; // d_i×d_{i−1}, i = 1..L
  dK: Matrix[]; // dL×d_i, i = 1..L−1 (also scratch once consumed)
  dY: Matrix[]; // dL×d_i, i = 1..L−1 (also scratch in the forward pass)
  dB: Matrix[]; // d_i×d_i, i = 1..L−1 (also scratch in the forward pass)
  dU: Matrix[]; // d_i×d_{i−1}, i = 2..L−1
}

/** Second-moment propagation kernel; all buffers allocated once. */
export class SecondMomentKernel {
  /**
   * The value of the last {@link evaluate}: written here rather than returned so that no HeapNumber is boxed
   * per call (V8 boxes non-integer doubles returned from functions it does not inline).
   */
  readonly result = new Float64Array(1);
  private readonly L: number;
  private readonly coef: Float64Array;
  private readonly dots = new Float64Array(3);
  private readonly moments: Moments;
  private readonly widths: readonly number[];
  private readonly St: Matrix[]; // S̃_i, i = 0..L−1 (St[0] = Σxx)
  private readonly T: Matrix[]; // i = 1..L
  private readonly K: Matrix[]; // i = 0..L−1 (K[0] = Σyx)
  private readonly Y: Matrix[]; // Y_i = W_L⋯W_{i+1}, i = 1..L−2 (Y_{L−1} = W_L)
  private readonly B: Matrix[]; // B̃_i, i = 1..L−1
  private readonly U: Matrix[]; // B̃_i W_i, i = 2..L−1
  private readonly X: Matrix[]; // d_i×d_{i−1} scratch, i = 1..L
  private tangent: TangentBuffers | undefined;

  constructor(net: LinearNet, moments: Moments, config: LossConfig) {
    const w = net.widths;
    const L = net.depth;
    const dL = w[L] as number;
    this.L = L;
    this.coef = coefficients(config);
    this.moments = moments;
    this.widths = w;
    this.St = new Array<Matrix>(L);
    this.T = new Array<Matrix>(L + 1);
    this.K = new Array<Matrix>(L);
    this.Y = new Array<Matrix>(L);
    this.B = new Array<Matrix>(L);
    this.U = new Array<Matrix>(L);
    this.X = new Array<Matrix>(L + 1);
    this.St[0] = moments.Sxx;
    this.K[0] = moments.Syx;
    for (let i = 1; i <= L; i++) {
      const di = w[i] as number;
      const dp = w[i - 1] as number;
      this.T[i] = new Matrix(di, dp);
      this.X[i] = new Matrix(di, dp);
      if (i <= L - 1) {
        this.St[i] = new Matrix(di, di);
        this.K[i] = new Matrix(dL, di);
        this.B[i] = new Matrix(di, di);
        if (i <= L - 2) this.Y[i] = new Matrix(dL, di);
        if (i >= 2) this.U[i] = new Matrix(di, dp);
      }
    }
  }

  private suffix(W: readonly Matrix[], i: number): Matrix {
    return i === this.L - 1 ? (W[this.L - 1] as Matrix) : (this.Y[i] as Matrix);
  }

  /** ℒ at `W` (W[0] = W_1) into `result[0]`; writes ∂ℒ/∂W_i into `G[i − 1]` when given. Leaves the primal buffers filled. */
  evaluate(W: readonly Matrix[], G: readonly Matrix[] | null): void {
    const L = this.L;
    const coef = this.coef;
    const twoC = coef[TWO_C] as number;
    for (let i = 1; i <= L; i++) {
      const Wi = W[i - 1] as Matrix;
      const Ti = this.T[i] as Matrix;
      matmulInto(Ti, Wi, this.St[i - 1] as Matrix);
      if (i <= L - 1) {
        const Si = this.St[i] as Matrix;
        matmulNTInto(Si, Ti, Wi);
        symmetriseInPlace(Si);
        inflateDiagonal(Si, coef, inflationAt(L, i));
        matmulNTInto(this.K[i] as Matrix, this.K[i - 1] as Matrix, Wi);
      }
    }
    const WL = W[L - 1] as Matrix;
    const TL = this.T[L] as Matrix;
    const KL = this.K[L - 1] as Matrix;
    const dots = this.dots;
    dotInto(dots, 0, TL.data, WL.data);
    dotInto(dots, 1, WL.data, KL.data);
    let value = 0.5 * twoC * ((dots[0] as number) - 2 * (dots[1] as number) + this.moments.Ey2);
    for (let i = 1; i <= L; i++) {
      const twoGamma = coef[twoGammaAt(i)] as number;
      if (twoGamma === 0) continue;
      const Wd = (W[i - 1] as Matrix).data;
      dotInto(dots, 2, Wd, Wd);
      value += 0.5 * twoGamma * (dots[2] as number);
    }
    this.result[0] = value;
    if (G === null) return;

    // Layer L: B̃_L = I, Y_L = I.
    const GL = G[L - 1] as Matrix;
    const GLd = GL.data;
    const Td = TL.data;
    const Kd = KL.data;
    const WLd = WL.data;
    const gL2 = coef[twoGammaAt(L)] as number;
    for (let k = 0; k < GLd.length; k++)
      GLd[k] = twoC * ((Td[k] as number) - (Kd[k] as number)) + gL2 * (WLd[k] as number);
    if (L === 1) return;
    const BL1 = this.B[L - 1] as Matrix;
    matmulTNInto(BL1, WL, WL);
    for (let i = L - 1; i >= 1; i--) {
      const Wi = W[i - 1] as Matrix;
      const Bi = this.B[i] as Matrix;
      inflateDiagonal(Bi, coef, inflationAt(L, i));
      const Yi = this.suffix(W, i);
      const Gi = G[i - 1] as Matrix;
      const Xi = this.X[i] as Matrix;
      matmulInto(Gi, Bi, this.T[i] as Matrix);
      matmulTNInto(Xi, Yi, this.K[i - 1] as Matrix);
      const Gd = Gi.data;
      const Xd = Xi.data;
      const Wd = Wi.data;
      const g2 = coef[twoGammaAt(i)] as number;
      for (let k = 0; k < Gd.length; k++)
        Gd[k] = twoC * ((Gd[k] as number) - (Xd[k] as number)) + g2 * (Wd[k] as number);
      if (i >= 2) {
        const Ui = this.U[i] as Matrix;
        matmulInto(Ui, Bi, Wi);
        const Bprev = this.B[i - 1] as Matrix;
        matmulTNInto(Bprev, Wi, Ui);
        symmetriseInPlace(Bprev);
        matmulInto(this.Y[i - 1] as Matrix, Yi, Wi);
      }
    }
  }

  private tangentBuffers(): TangentBuffers {
    if (this.tangent !== undefined) return this.tangent;
    const L = this.L;
    const w = this.widths;
    const dL = w[L] as number;
    const t: TangentBuffers = {
      dSt: new Array<Matrix>(L),
      dT: new Array<Matrix>(L + 1),
      dK: new Array<Matrix>(L),
      dY: new Array<Matrix>(L),
      dB: new Array<Matrix>(L),
      dU: new Array<Matrix>(L),
    };
    for (let i = 1; i <= L; i++) {
      const di = w[i] as number;
      const dp = w[i - 1] as number;
      t.dT[i] = new Matrix(di, dp);
      if (i <= L - 1) {
        t.dSt[i] = new Matrix(di, di);
        t.dK[i] = new Matrix(dL, di);
        t.dY[i] = new Matrix(dL, di);
        t.dB[i] = new Matrix(di, di);
        if (i >= 2) t.dU[i] = new Matrix(di, dp);
      }
    }
    this.tangent = t;
    return t;
  }

  /**
   * Writes H·V into `out` (out[i − 1] for layer i), H the exact Hessian of ℒ at `W`, V the direction given
   * per layer. Runs the primal pass itself; `G` is a scratch gradient buffer (overwritten).
   */
  hessianVector(W: readonly Matrix[], V: readonly Matrix[], out: readonly Matrix[], G: readonly Matrix[]): void {
    this.evaluate(W, G);
    const L = this.L;
    const coef = this.coef;
    const twoC = coef[TWO_C] as number;
    const { dSt, dT, dK, dY, dB, dU } = this.tangentBuffers();
    // Tangent forward pass (dS̃_0 = 0, dK_0 = 0).
    for (let i = 1; i <= L; i++) {
      const Wi = W[i - 1] as Matrix;
      const Vi = V[i - 1] as Matrix;
      const dTi = dT[i] as Matrix;
      matmulInto(dTi, Vi, this.St[i - 1] as Matrix);
      if (i >= 2) {
        const Xi = this.X[i] as Matrix;
        matmulInto(Xi, Wi, dSt[i - 1] as Matrix);
        addInPlace(dTi, Xi);
      }
      if (i <= L - 1) {
        const dSi = dSt[i] as Matrix;
        const scratch = dB[i] as Matrix;
        matmulNTInto(dSi, dTi, Wi);
        matmulNTInto(scratch, this.T[i] as Matrix, Vi);
        addInPlace(dSi, scratch);
        symmetriseInPlace(dSi);
        inflateDiagonal(dSi, coef, inflationAt(L, i));
        const dKi = dK[i] as Matrix;
        matmulNTInto(dKi, this.K[i - 1] as Matrix, Vi);
        if (i >= 2) {
          const scratchK = dY[i] as Matrix;
          matmulNTInto(scratchK, dK[i - 1] as Matrix, Wi);
          addInPlace(dKi, scratchK);
        }
      }
    }
    // Tangent backward pass.
    const WL = W[L - 1] as Matrix;
    const VL = V[L - 1] as Matrix;
    {
      const oL = (out[L - 1] as Matrix).data;
      const dTd = (dT[L] as Matrix).data;
      const gL2 = coef[twoGammaAt(L)] as number;
      const Vd = VL.data;
      if (L >= 2) {
        const dKd = (dK[L - 1] as Matrix).data;
        for (let k = 0; k < oL.length; k++)
          oL[k] = twoC * ((dTd[k] as number) - (dKd[k] as number)) + gL2 * (Vd[k] as number);
      } else {
        for (let k = 0; k < oL.length; k++) oL[k] = twoC * (dTd[k] as number) + gL2 * (Vd[k] as number);
      }
    }
    if (L === 1) return;
    const dBL1 = dB[L - 1] as Matrix;
    matmulTNInto(dBL1, VL, WL);
    addTransposeInPlace(dBL1);
    for (let i = L - 1; i >= 1; i--) {
      const Wi = W[i - 1] as Matrix;
      const Vi = V[i - 1] as Matrix;
      const Bi = this.B[i] as Matrix;
      const dBi = dB[i] as Matrix;
      inflateDiagonal(dBi, coef, inflationAt(L, i));
      const Yi = this.suffix(W, i);
      const dYi = i === L - 1 ? VL : (dY[i] as Matrix);
      const Xi = this.X[i] as Matrix;
      const oi = out[i - 1] as Matrix;
      // out = 2c(dB̃ T + B̃ dT − dYᵀ K_{i−1} − Yᵀ dK_{i−1}) + 2γ V
      matmulInto(oi, dBi, this.T[i] as Matrix);
      matmulInto(Xi, Bi, dT[i] as Matrix);
      addInPlace(oi, Xi);
      matmulTNInto(Xi, dYi, this.K[i - 1] as Matrix);
      subtractInPlace(oi, Xi);
      if (i >= 2) {
        matmulTNInto(Xi, Yi, dK[i - 1] as Matrix);
        subtractInPlace(oi, Xi);
      }
      combine(oi, coef, TWO_C, Vi, twoGammaAt(i));
      if (i >= 2) {
        const dUi = dU[i] as Matrix;
        matmulInto(dUi, dBi, Wi);
        matmulInto(Xi, Bi, Vi);
        addInPlace(dUi, Xi);
        const dBprev = dB[i - 1] as Matrix;
        const scratchSq = dSt[i - 1] as Matrix;
        matmulTNInto(dBprev, Vi, this.U[i] as Matrix);
        matmulTNInto(scratchSq, Wi, dUi);
        addInPlace(dBprev, scratchSq);
        symmetriseInPlace(dBprev);
        const dYprev = dY[i - 1] as Matrix;
        const scratchY = dK[i - 1] as Matrix;
        matmulInto(dYprev, dYi, Wi);
        matmulInto(scratchY, Yi, Vi);
        addInPlace(dYprev, scratchY);
      }
    }
  }
}

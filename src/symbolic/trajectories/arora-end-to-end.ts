/**
 * End-to-end dynamics of a deep linear network from a balanced initialisation (Arora, Cohen & Hazan,
 * "On the Optimization of Deep Networks: Implicit Acceleration by Overparameterization", arXiv 1802.06509,
 * Thm. 1 and Claim 1): if every layer follows Ẇ_i = −∂ℒ/∂W_i (unit rates, no weight decay) and
 * W_{i+1}ᵀW_{i+1} = W_iW_iᵀ at t = 0, then P = W_N⋯W_1 follows
 *
 *   Ṗ = −Σ_{j=1}^{N} (PPᵀ)^{(j−1)/N} ∇L(P) (PᵀP)^{(N−j)/N},   scalar case ṗ = −N|p|^{2−2/N} L′(p),
 *
 * where L(P) is the loss as a function of the end-to-end map. The constant is exactly 1 in lindyn's setting
 * because each layer's flow is −∂ℒ/∂W_i of the same ℒ(θ) = L(W_N⋯W_1): ∂ℒ/∂W_i = (W_N⋯W_{i+1})ᵀ∇L(P)(W_{i−1}⋯W_1)ᵀ,
 * and balancedness turns W_{N:i+1}W_{N:i+1}ᵀ into (PPᵀ)^{(N−i)/N}. With lindyn's loss
 * L(P) = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²), ∇L(P) = 2c(PΣxx − Σyx) (see {@link regressionGradient}).
 *
 * @packageDocumentation
 */

import { matrixPower } from "../../core/eigen.js";
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { matmul, matmulNTInto, matmulTNInto } from "../../core/matmul.js";
import { Matrix } from "../../core/matrix.js";
import { requireFinite, requireInteger, requirePositive } from "../../core/validate.js";

/** Parameters of the scalar end-to-end law. */
export interface AroraScalarParams {
  /** Number of layers N ≥ 1. */
  readonly N: number;
  /** A = E[x²] > 0. */
  readonly A: number;
  /** a = E[xy]. */
  readonly a: number;
  /**
   * Loss convention factor.
   * @defaultValue 1
   */
  readonly c?: 1 | 0.5;
}

/** ṗ = −N|p|^{2−2/N}·2c(Ap − a) (Arora et al. 2018, arXiv 1802.06509, Eq. 8 in the scalar case). */
export function aroraScalarVelocity(params: AroraScalarParams, p: number): number {
  requireInteger("N", params.N, 1);
  requirePositive("A", params.A);
  requireFinite("a", params.a);
  const c = params.c ?? 1;
  return -params.N * Math.abs(p) ** (2 - 2 / params.N) * 2 * c * (params.A * p - params.a);
}

/** ∇L(P) = 2c(PΣxx − Σyx) for L(P) = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²). */
export function regressionGradient(P: Matrix, Sxx: Matrix, Syx: Matrix, c: 1 | 0.5 = 1): Matrix {
  if (Sxx.rows !== P.cols || Sxx.cols !== P.cols || Syx.rows !== P.rows || Syx.cols !== P.cols) {
    throw new ShapeError(
      errorMessage(
        "shapes",
        [P.shape, Sxx.shape, Syx.shape],
        "must be P: dL×d0, Σxx: d0×d0, Σyx: dL×d0",
        "Pass the end-to-end map and the moments of the same problem.",
      ),
    );
  }
  const G = matmul(P, Sxx);
  for (let i = 0; i < G.data.length; i++) G.data[i] = 2 * c * ((G.data[i] as number) - (Syx.data[i] as number));
  return G;
}

/**
 * Ṗ = −Σ_{j=1}^{N} (PPᵀ)^{(j−1)/N} G (PᵀP)^{(N−j)/N} for the end-to-end map P and the gradient G = ∇L(P)
 * (Arora et al. 2018, arXiv 1802.06509, Thm. 1). Fractional powers by the spectral calculus of
 * `core/eigen` (A⁰ = I, PSD rounding noise clipped). Costs 2N symmetric eigendecompositions: fine for the
 * small matrices of a check, not meant for a hot loop.
 */
export function aroraEndToEndVelocity(P: Matrix, G: Matrix, N: number): Matrix {
  requireInteger("N", N, 1);
  if (G.rows !== P.rows || G.cols !== P.cols) {
    throw new ShapeError(errorMessage("G.shape", G.shape, `must equal P.shape = ${P.shape}`, "Pass ∇L at P."));
  }
  for (const v of P.data) if (!Number.isFinite(v)) throw new DomainError(errorMessage("P", v, "must be finite", ""));
  const PPt = matmulNTInto(new Matrix(P.rows, P.rows), P, P);
  const PtP = matmulTNInto(new Matrix(P.cols, P.cols), P, P);
  const out = new Matrix(P.rows, P.cols);
  for (let j = 1; j <= N; j++) {
    const left = matrixPower(PPt, (j - 1) / N);
    const right = matrixPower(PtP, (N - j) / N);
    const term = matmul(matmul(left, G), right);
    for (let i = 0; i < out.data.length; i++) out.data[i] -= term.data[i] as number;
  }
  return out;
}

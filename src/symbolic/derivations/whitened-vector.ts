/**
 * Derivation 6 (lindyn's extension of arXiv 2202.04777 §3 to vector outputs): with whitened inputs (Σxx = I)
 * and Σyx = U diag(s) Vᵀ, the loss tr(PPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖² + Σγ_i‖W_i‖² decouples over the singular values:
 * by von Neumann's trace inequality the optimal P shares Σyx's singular vectors, and Σγ_i‖W_i‖² ≥ Lγ̄ Σ_k σ_k(P)^{2/L}
 * with equality for balanced factors, so each mode is a scalar chain with A = 1, a = s_k, E[y²] = s_k² (loss
 * c = 1 convention). For L = 2 this is soft-thresholding, σ_k(P) = (s_k − γ̄)₊. At most r = min_i d_i modes can be
 * active; a mode's gain ℓ_k(0) − ℓ_k* grows with s_k, so the r largest are the candidates.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import { svd } from "../../core/svd.js";
import { requireInteger, requireNonNegative } from "../../core/validate.js";
import { landscape } from "./landscape.js";

/** Parameters of {@link whitenedVectorMinimum}. */
export interface WhitenedVectorParams {
  /** Σyx = E[yxᵀ], d_L × d_0 (inputs whitened: Σxx = I). */
  readonly Syx: Matrix | readonly (readonly number[])[];
  /** E‖y‖² ≥ ‖Σyx‖_F². */
  readonly Ey2: number;
  /** Widths [d0, …, dL]. */
  readonly widths: readonly number[];
  /** Weight decay: one value or one per weight matrix, each > 0. */
  readonly gamma: number | readonly number[];
}

/** One singular mode at the optimum. */
export interface WhitenedMode {
  /** Singular value s_k of Σyx. */
  readonly s: number;
  /** Per-layer scale of the mode (σ_k(P) = b^L). */
  readonly b: number;
  /** σ_k(P*), the mode's end-to-end strength. */
  readonly P: number;
  /** The mode's contribution ℓ_k* − s_k² to the loss (≤ 0). */
  readonly lossChange: number;
  /** Whether the mode is active (b > 0). */
  readonly active: boolean;
}

/** Output of {@link whitenedVectorMinimum}. */
export interface WhitenedVectorMinimum {
  readonly modes: readonly WhitenedMode[];
  /** The optimal end-to-end map P* = Σ_k σ_k(P*) u_k v_kᵀ (d_L × d_0, rows). */
  readonly P: readonly (readonly number[])[];
  /** The minimal loss E‖y‖² + Σ_k (ℓ_k* − s_k²). */
  readonly loss: number;
  readonly gbar: number;
}

/**
 * The global minimum for whitened inputs and vector outputs (see the module documentation).
 * @throws ShapeError / DomainError for invalid or inconsistent parameters
 */
export function whitenedVectorMinimum(params: WhitenedVectorParams): WhitenedVectorMinimum {
  const widths = params.widths.map((w, i) => requireInteger(`widths[${i}]`, w, 1));
  if (widths.length < 2) throw new ShapeError(errorMessage("widths", widths, "must list d0 … dL", "Example: 3,4,2."));
  const L = widths.length - 1;
  const Syx = params.Syx instanceof Matrix ? params.Syx : Matrix.fromRows(params.Syx as number[][], "Syx");
  if (Syx.rows !== widths[L] || Syx.cols !== widths[0]) {
    throw new ShapeError(
      errorMessage(
        "Syx.shape",
        Syx.shape,
        `must be d_L × d_0 = ${widths[L]}×${widths[0]}`,
        "Pass E[yxᵀ] (outputs × inputs).",
      ),
    );
  }
  const Ey2 = requireNonNegative("Ey2", params.Ey2, "E‖y‖² is a second moment.");
  const { U, s, V } = svd(Syx);
  const frob2 = Array.from(s).reduce((t, x) => t + x * x, 0);
  if (frob2 > Ey2 * (1 + 1e-12)) {
    throw new DomainError(
      errorMessage(
        "Ey2",
        Ey2,
        `must be ≥ ‖Σyx‖_F² = ${frob2} for whitened inputs`,
        "These moments cannot come from data.",
      ),
    );
  }
  const rank = Math.min(...widths);
  const modes: WhitenedMode[] = [];
  let gbar = Number.NaN;
  Array.from(s).forEach((sk, k) => {
    const land = landscape({ depth: L, A: 1, a: sk, Ey2: sk * sk, gamma: params.gamma });
    gbar = land.gbar;
    const m = land.globalMinimum;
    const active = k < rank && m.b > 0;
    modes.push({
      s: sk,
      b: active ? m.b : 0,
      P: active ? Math.abs(m.P) : 0,
      lossChange: active ? m.loss - sk * sk : 0,
      active,
    });
  });
  const P: number[][] = Array.from({ length: Syx.rows }, (_, i) =>
    Array.from({ length: Syx.cols }, (_, j) => modes.reduce((t, m, k) => t + m.P * U.get(i, k) * V.get(j, k), 0)),
  );
  const loss = Ey2 + modes.reduce((t, m) => t + m.lossChange, 0);
  return { modes, P, loss, gbar };
}

/**
 * Conserved quantities of M2's gradient flow without weight decay (arXiv 2401.07085 §3; lindyn's
 * formalisation): with ũ = u/√η_u, α̃ = α/√η_w, the d × d matrices Q_sym = ũũᵀ − α̃α̃ᵀ and
 * Q_anti = ũα̃ᵀ − α̃ũᵀ, and the product S·D of S = ‖ũ + α̃‖², D = ‖ũ − α̃‖².
 *
 * @packageDocumentation
 */
import { Matrix } from "../../core/matrix.js";
import type { M2Model } from "./m2-model.js";

/** The invariants of one state. */
export interface M2Invariants {
  /** Q_sym = uuᵀ/η_u − ααᵀ/η_w (d × d). */
  readonly qSym: Matrix;
  /** Q_anti = (uαᵀ − αuᵀ)/√(η_uη_w) (d × d). */
  readonly qAnti: Matrix;
  /** S = ‖u/√η_u + α/√η_w‖². */
  readonly S: number;
  /** D = ‖u/√η_u − α/√η_w‖². */
  readonly D: number;
  /** S·D (conserved although S and D are not). */
  readonly sdProduct: number;
}

/** Computes the invariants of (u, α); O(d²) for the matrices, so meant for small widths. */
export function m2Invariants(model: M2Model, u: ArrayLike<number>, alpha: ArrayLike<number>): M2Invariants {
  const d = model.width;
  const qSym = new Matrix(d, d);
  const qAnti = new Matrix(d, d);
  const lam = model.lambda;
  const ru = Math.sqrt(model.etaU);
  const rw = Math.sqrt(model.etaW);
  let S = 0;
  let D = 0;
  for (let i = 0; i < d; i++) {
    const ui = u[i] as number;
    const ai = alpha[i] as number;
    const s = ui / ru + ai / rw;
    const dd = ui / ru - ai / rw;
    S += s * s;
    D += dd * dd;
    for (let j = 0; j < d; j++) {
      const uj = u[j] as number;
      const aj = alpha[j] as number;
      qSym.data[i * d + j] = (ui * uj) / model.etaU - (ai * aj) / model.etaW;
      qAnti.data[i * d + j] = (ui * aj - ai * uj) / lam;
    }
  }
  return { qSym, qAnti, S, D, sdProduct: S * D };
}

/**
 * Observables of an M2 state computed directly from the weights (the numeric route that the exact solution
 * is compared with): P, f, the NTK on the data line, norms, angles, loss (arXiv 2401.07085 §3–4).
 *
 * @packageDocumentation
 */
import type { Matrix } from "../../core/matrix.js";
import type { M2Model } from "./m2-model.js";

/** Observables of one M2 state. */
export interface M2Observables {
  /** P = Σ u_iα_i. */
  readonly P: number;
  /** f(ξv)/ξ = κP. */
  readonly f: number;
  /** K_f = κ²Σ(η_uα_i² + η_wu_i²): the NTK K(ξv, ξ'v)/(ξξ'). */
  readonly ntk: number;
  readonly normU: number;
  readonly normAlpha: number;
  /** cos∠(u, α); 0 when either vector is zero. */
  readonly cosAngle: number;
  /** ½(κ²AP² − 2κaP + E[y²]). */
  readonly loss: number;
}

/** Observables from u and α (O(d)). */
export function m2Observables(model: M2Model, u: ArrayLike<number>, alpha: ArrayLike<number>): M2Observables {
  let P = 0;
  let uu = 0;
  let aa = 0;
  for (let i = 0; i < model.width; i++) {
    const ui = u[i] as number;
    const ai = alpha[i] as number;
    P += ui * ai;
    uu += ui * ui;
    aa += ai * ai;
  }
  const k2 = model.kappa * model.kappa;
  const denom = Math.sqrt(uu) * Math.sqrt(aa);
  const cos = denom > 0 ? Math.min(1, Math.max(-1, P / denom)) : 0;
  return {
    P,
    f: model.kappa * P,
    ntk: k2 * (model.etaU * aa + model.etaW * uu),
    normU: Math.sqrt(uu),
    normAlpha: Math.sqrt(aa),
    cosAngle: cos,
    loss: model.lossAtP(P),
  };
}

/** Per-unit cos∠(w_i, v) = (w_i·v)/‖w_i‖ from the full first layer (0 for a zero row). */
export function m2CosWv(model: M2Model, W: Matrix, out: Float64Array = new Float64Array(model.width)): Float64Array {
  const d0 = model.inputDim;
  for (let i = 0; i < model.width; i++) {
    let dot = 0;
    let nn = 0;
    for (let j = 0; j < d0; j++) {
      const w = W.data[i * d0 + j] as number;
      dot += w * (model.direction[j] as number);
      nn += w * w;
    }
    out[i] = nn > 0 ? dot / Math.sqrt(nn) : 0;
  }
  return out;
}

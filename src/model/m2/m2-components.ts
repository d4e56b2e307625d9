/**
 * Splits M2's first-layer weights into the moving part along the data direction and the frozen part
 * orthogonal to it (arXiv 2401.07085 §3: only α_i = w_i·v moves under gradient flow on data x = ξv).
 *
 * @packageDocumentation
 */
import { Matrix } from "../../core/matrix.js";
import type { M2Model } from "./m2-model.js";

/** The components of W relative to v. */
export interface M2Components {
  /** α_i = w_i·v (length d). */
  readonly alpha: Float64Array;
  /**
   * The orthogonal parts in a fixed orthonormal basis of v⊥ (d × (d0 − 1)); the basis is the last d0 − 1
   * columns of the Householder reflection that maps v to ±e₁, so it depends on v only.
   */
  readonly perp: Matrix;
}

/** α = Wv and W⊥ (coordinates of each w_i − α_i v in a fixed orthonormal basis of v⊥), O(d·d0). */
export function m2Components(model: M2Model, W: Matrix): M2Components {
  const d = model.width;
  const d0 = model.inputDim;
  const v = model.direction;
  const alpha = model.alphaOf(W);
  const perp = new Matrix(d, d0 - 1);
  if (d0 === 1) return { alpha, perp };
  // Householder vector h = v + σe₁ (σ = sign v₁, so no cancellation); H = I − 2hhᵀ/hᵀh maps v to −σe₁.
  const sigma = (v[0] as number) >= 0 ? 1 : -1;
  const h = Float64Array.from(v);
  h[0] = (h[0] as number) + sigma;
  let hh = 0;
  for (let j = 0; j < d0; j++) hh += (h[j] as number) * (h[j] as number);
  for (let i = 0; i < d; i++) {
    let wh = 0;
    for (let j = 0; j < d0; j++) wh += (W.data[i * d0 + j] as number) * (h[j] as number);
    const c = (2 * wh) / hh;
    for (let j = 1; j < d0; j++)
      perp.data[i * (d0 - 1) + j - 1] = (W.data[i * d0 + j] as number) - c * (h[j] as number);
  }
  return { alpha, perp };
}

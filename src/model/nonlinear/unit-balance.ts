/**
 * Per-unit balances and layer alignments of a {@link NonlinearNet}: the quantities that gradient flow
 * conserves (or not) in homogeneous nets.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import type { Matrix } from "../../core/matrix.js";
import type { NonlinearNet } from "./nonlinear-net.js";

/** Options of {@link unitBalances}. */
export interface UnitBalanceOptions {
  /**
   * Add the unit's incoming bias: c_j = ‖W_h[j,:]‖² + b_h[j]² − ‖W_{h+1}[:,j]‖² (nets with biases only).
   * @defaultValue true when the net has biases
   */
  includeBias?: boolean;
}

/**
 * c_j = ‖W_h[j,:]‖² (+ b_h[j]²) − ‖W_{h+1}[:,j]‖² for every unit j of hidden layer h (1 ≤ h ≤ L − 1): incoming
 * minus outgoing squared norm. For a positively homogeneous activation (ReLU, leaky ReLU, identity) and the
 * square loss without weight decay, dc_j/dt = 0 under gradient flow (Du, Hu, Lee 2018, arXiv 1806.00900,
 * Thm 2.1; with biases the bias joins the incoming weights).
 *
 * @throws DomainError when h is not a hidden layer index, or includeBias is requested on a bias-free net
 */
export function unitBalances(
  net: NonlinearNet,
  theta: Float64Array,
  h: number,
  options: UnitBalanceOptions = {},
): Float64Array {
  if (!Number.isInteger(h) || h < 1 || h > net.depth - 1) {
    throw new DomainError(
      errorMessage("h", h, `must be a hidden layer index 1..${net.depth - 1}`, "Hidden layers are 1..L−1."),
    );
  }
  const includeBias = options.includeBias ?? net.bias;
  if (includeBias && !net.bias) {
    throw new DomainError(
      errorMessage("includeBias", true, "needs a net with biases", "Omit includeBias for a bias-free net."),
    );
  }
  const { W, b } = net.views(theta);
  const Win = W[h - 1] as Matrix;
  const Wout = W[h] as Matrix;
  const out = new Float64Array(Win.rows);
  for (let j = 0; j < Win.rows; j++) {
    let s = 0;
    for (let p = 0; p < Win.cols; p++) s += Win.data[j * Win.cols + p]! ** 2;
    if (includeBias) s += (b[h - 1] as Float64Array)[j]! ** 2;
    for (let r = 0; r < Wout.rows; r++) s -= Wout.data[r * Wout.cols + j]! ** 2;
    out[j] = s;
  }
  return out;
}

/** Result of {@link layerAlignments}. */
export interface LayerAlignments {
  /** ⟨W_i, ∂ℒ/∂W_i⟩ for i = 1..L (index i − 1): −½·d‖W_i‖_F²/dt under gradient flow. */
  readonly weights: number[];
  /** ⟨b_i, ∂ℒ/∂b_i⟩ (empty without biases). */
  readonly biases: number[];
  /** Σ over all terms of |W_i ⊙ ∂ℒ/∂W_i| and |b_i ⊙ ∂ℒ/∂b_i|: the size against which round-off is judged. */
  readonly magnitude: number;
}

/**
 * The layer alignments ⟨W_i, G_i⟩ and ⟨b_i, g_i⟩ from θ and the gradient ∇ℒ(θ) (same layout). Under
 * gradient flow d‖W_i‖_F²/dt = −2⟨W_i, G_i⟩: equal alignments mean equal layer growth rates (Basu et al.
 * 2019, arXiv 1904.10689, abstract).
 */
export function layerAlignments(net: NonlinearNet, theta: Float64Array, gradient: Float64Array): LayerAlignments {
  const { W, b } = net.views(theta);
  const { W: G, b: g } = net.views(gradient);
  let magnitude = 0;
  const dot = (x: Float64Array, y: Float64Array): number => {
    let s = 0;
    for (let k = 0; k < x.length; k++) {
      const t = x[k]! * y[k]!;
      s += t;
      magnitude += Math.abs(t);
    }
    return s;
  };
  const weights = W.map((Wi, i) => dot(Wi.data, (G[i] as Matrix).data));
  const biases = b.map((bi, i) => dot(bi, g[i] as Float64Array));
  return { weights, biases, magnitude };
}

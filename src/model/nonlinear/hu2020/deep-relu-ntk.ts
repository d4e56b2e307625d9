/**
 * The empirical NTK at initialisation of a deep bias-free ReLU net in the NTK parameterisation,
 * f(x) = vᵀφ(W_{L−1}⋯φ(W₁x/√d)⋯/√m_{L−2})/√m_{L−1}, all entries N(0, 1): the finite-width counterpart of
 * {@link reluNtk}, for the deeper-net extension of Hu et al. 2020 (arXiv 2006.14599).
 *
 * @packageDocumentation
 */
import { errorMessage, ShapeError } from "../../../core/errors.js";
import { matmulInto, matmulNTInto } from "../../../core/matmul.js";
import { Matrix } from "../../../core/matrix.js";
import type { Rng } from "../../../core/rng.js";
import { requireInteger } from "../../../core/validate.js";

/** Hidden weights W₁..W_{L−1} (W_l ∈ ℝ^{m_l × m_{l−1}}, m₀ = d) and output weights v ∈ ℝ^{m_{L−1}}. */
export interface DeepReluWeights {
  readonly W: readonly Matrix[];
  readonly v: Float64Array;
}

/** N(0, 1) weights for input dimension d and hidden widths m₁..m_{L−1} (depth L = widths.length + 1). */
export function initDeepRelu(rng: Rng, d: number, hidden: readonly number[]): DeepReluWeights {
  requireInteger("d", d, 1);
  if (hidden.length < 1) {
    throw new ShapeError(errorMessage("hidden", "[]", "must list at least one hidden width", "Pass e.g. [512, 512]."));
  }
  hidden.forEach((m, i) => {
    requireInteger(`hidden[${i}]`, m, 1);
  });
  const W = hidden.map((m, i) => rng.gaussianMatrix(m, i === 0 ? d : (hidden[i - 1] as number)));
  const v = new Float64Array(hidden[hidden.length - 1] as number);
  rng.fillGaussian(v);
  return { W, v };
}

/**
 * Θ(x_s, x_t) = Σ_θ ∂f(x_s)/∂θ·∂f(x_t)/∂θ over all layers, in the NTK parameterisation (gradients in the N(0, 1)
 * entries), for the rows of X (n × d). Back-propagation per layer: with H₀ = X, Z_l = H_{l−1}W_lᵀ/√m_{l−1},
 * H_l = relu(Z_l), G_{L−1} = relu′(Z_{L−1}) ⊙ vᵀ/√m_{L−1}, G_{l−1} = relu′(Z_{l−1}) ⊙ (G_lW_l/√m_{l−1}):
 * Θ = H_{L−1}H_{L−1}ᵀ/m_{L−1} + Σ_l (G_lG_lᵀ) ⊙ (H_{l−1}H_{l−1}ᵀ)/m_{l−1}.
 * @throws ShapeError for inconsistent shapes
 */
export function deepReluEmpiricalNtk(weights: DeepReluWeights, X: Matrix): Matrix {
  const { W, v } = weights;
  const n = X.rows;
  const H: Matrix[] = [X];
  const D: Matrix[] = [];
  for (let l = 0; l < W.length; l++) {
    const Wl = W[l] as Matrix;
    const prev = H[l] as Matrix;
    if (Wl.cols !== prev.cols) {
      throw new ShapeError(
        errorMessage(`W[${l}]`, Wl.shape, `must have ${prev.cols} columns`, "Chain the widths: W_l is m_l × m_{l−1}."),
      );
    }
    const Z = new Matrix(n, Wl.rows);
    matmulNTInto(Z, prev, Wl);
    const s = 1 / Math.sqrt(prev.cols);
    const h = new Matrix(n, Wl.rows);
    const dz = new Matrix(n, Wl.rows);
    for (let k = 0; k < Z.data.length; k++) {
      const z = (Z.data[k] as number) * s;
      h.data[k] = Math.max(z, 0);
      dz.data[k] = z > 0 ? 1 : 0;
    }
    H.push(h);
    D.push(dz);
  }
  const last = H[H.length - 1] as Matrix;
  if (v.length !== last.cols) {
    throw new ShapeError(errorMessage("v.length", v.length, `must be ${last.cols}`, "Match the last hidden width."));
  }
  const theta = new Matrix(n, n);
  matmulNTInto(theta, last, last);
  for (let k = 0; k < theta.data.length; k++) theta.data[k] = (theta.data[k] as number) / last.cols;
  // G_{L−1}
  let G = D[D.length - 1]!.clone();
  const sOut = 1 / Math.sqrt(last.cols);
  for (let i = 0; i < n; i++) for (let j = 0; j < last.cols; j++) G.data[i * last.cols + j]! *= (v[j] as number) * sOut;
  const gg = new Matrix(n, n);
  const hh = new Matrix(n, n);
  for (let l = W.length - 1; l >= 0; l--) {
    const prev = H[l] as Matrix;
    matmulNTInto(gg, G, G);
    matmulNTInto(hh, prev, prev);
    const inv = 1 / prev.cols;
    for (let k = 0; k < n * n; k++) theta.data[k]! += (gg.data[k] as number) * (hh.data[k] as number) * inv;
    if (l > 0) {
      const back = new Matrix(n, prev.cols);
      matmulInto(back, G, W[l] as Matrix);
      const dz = D[l - 1] as Matrix;
      const s = 1 / Math.sqrt(prev.cols);
      for (let k = 0; k < back.data.length; k++) back.data[k] = (back.data[k] as number) * s * (dz.data[k] as number);
      G = back;
    }
  }
  return theta;
}

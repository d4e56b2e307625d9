/**
 * The NTK of Hu et al.'s two-layer net per layer, in the paper's parameters, and the affine data kernel it is
 * compared with (arXiv 2006.14599: the spectral-norm bound of the abstract, "NTK at initialisation vs an affine transform of the data kernel").
 *
 * @packageDocumentation
 */
import { matmulNTInto } from "../../../core/matmul.js";
import { Matrix } from "../../../core/matrix.js";
import type { HuFeatureCoefficients } from "./linear-model.js";
import { huFeatures } from "./linear-model.js";
import type { HuTrainedLayers, HuTwoLayer } from "./two-layer.js";

/** The two per-layer kernels (n × n). */
export interface HuLayerNtk {
  /** Θ₁(x, x′) = (1/m)Σ_r v_r²φ′(w_rᵀx/√d)φ′(w_rᵀx′/√d)·xᵀx′/d (gradients in W). */
  readonly first: Matrix;
  /** Θ₂(x, x′) = (1/m)Σ_r φ(w_rᵀx/√d)φ(w_rᵀx′/√d) (gradients in v). */
  readonly second: Matrix;
}

/**
 * The per-layer NTK at θ on the rows of X, with gradients taken in the PAPER's parameters W, v (so Θ₁ is
 * 1/d times lindyn's empiricalNtk contribution of W₁ = W/√d): the kernel that drives f under GD with rate
 * η on the trained layers, f ← f − (η/n)Θ(f − y) to first order.
 */
export function huLayerNtk(model: HuTwoLayer, theta: Float64Array, X: Matrix): HuLayerNtk {
  model.net.assertInputs("X", X);
  const { W } = model.net.views(theta);
  const W1 = W[0] as Matrix;
  const v = (W[1] as Matrix).data;
  const n = X.rows;
  const m = model.m;
  const Z = new Matrix(n, m);
  matmulNTInto(Z, X, W1);
  const H = new Matrix(n, m);
  const D = new Matrix(n, m);
  model.net.activation.evaluateInto(Z.data, H.data, D.data);
  for (let s = 0; s < n; s++)
    for (let r = 0; r < m; r++) D.data[s * m + r] = (D.data[s * m + r] as number) * Math.abs(v[r] as number);
  const second = new Matrix(n, n);
  matmulNTInto(second, H, H);
  const first = new Matrix(n, n);
  matmulNTInto(first, D, D);
  const G = new Matrix(n, n);
  matmulNTInto(G, X, X);
  const d = model.d;
  for (let k = 0; k < n * n; k++) {
    first.data[k] = ((first.data[k] as number) * (G.data[k] as number)) / (m * d);
    second.data[k] = (second.data[k] as number) / m;
  }
  return { first, second };
}

/** Θ for the trained layers: Θ₁, Θ₂ or Θ₁ + Θ₂. */
export function trainedNtk(kernels: HuLayerNtk, layers: HuTrainedLayers): Matrix {
  if (layers === "first") return kernels.first.clone();
  if (layers === "second") return kernels.second.clone();
  const out = kernels.first.clone();
  for (let k = 0; k < out.data.length; k++) out.data[k] = (out.data[k] as number) + (kernels.second.data[k] as number);
  return out;
}

/**
 * The affine data kernel ΨΨᵀ = a²·XXᵀ/d + b²·11ᵀ of the linear model (Hu et al. 2020, abstract and two-layer analysis: the NTK at
 * initialisation is close to it in spectral norm).
 */
export function affineDataKernel(X: Matrix, coefficients: HuFeatureCoefficients): Matrix {
  const P = huFeatures(X, coefficients);
  const out = new Matrix(X.rows, X.rows);
  matmulNTInto(out, P, P);
  return out;
}

/**
 * Layer-growth quantities for the Basu et al. 2019 claims (arXiv 1904.10689; lindyn note
 * basu2019-layer-dynamics.md, A-1): per-layer gradient alignments, the same number obtained from loss values
 * alone, and from the end-to-end map.
 *
 * @packageDocumentation
 */
import { frobeniusDot } from "../../src/core/elementwise.js";
import { matmul } from "../../src/core/matmul.js";
import type { Matrix } from "../../src/core/matrix.js";
import type { LinearNetObjective } from "../../src/model/objective.js";

/** Per-layer data alignments and the size of the terms they were computed from. */
export interface LayerAlignments {
  /** a_i = ⟨W_i, ∇_iℒ⟩ − 2γ_i‖W_i‖_F² (the data part c⟨W_i, ∂E/∂W_i⟩), i = 1..L (entry i − 1). */
  readonly values: number[];
  /** Σ_i |⟨W_i, ∇_iℒ⟩| + 2γ_i‖W_i‖²: the scale against which round-off in `values` is judged. */
  readonly magnitude: number;
  /** ‖W_i‖_F², i = 1..L. */
  readonly normsSquared: number[];
  /** ‖∇_iℒ‖_F², i = 1..L. */
  readonly gradientNormsSquared: number[];
}

/** a_i = ⟨W_i, ∇_iℒ⟩ − 2γ_i‖W_i‖² from the objective's exact gradient (its own γ_i). */
export function layerAlignments(objective: LinearNetObjective, theta: Float64Array): LayerAlignments {
  const net = objective.net;
  const grad = new Float64Array(net.dim);
  objective.valueAndGradient(theta, grad);
  const values: number[] = [];
  const normsSquared: number[] = [];
  const gradientNormsSquared: number[] = [];
  let magnitude = 0;
  for (let i = 0; i < net.depth; i++) {
    const start = net.offsets[i] as number;
    const end = i + 1 < net.depth ? (net.offsets[i + 1] as number) : net.dim;
    let dot = 0;
    let w2 = 0;
    let g2 = 0;
    for (let k = start; k < end; k++) {
      dot += (theta[k] as number) * (grad[k] as number);
      w2 += (theta[k] as number) ** 2;
      g2 += (grad[k] as number) ** 2;
    }
    const decay = 2 * (objective.config.gamma[i] as number) * w2;
    values.push(dot - decay);
    normsSquared.push(w2);
    gradientNormsSquared.push(g2);
    magnitude += Math.abs(dot) + decay;
  }
  return { values, magnitude, normsSquared, gradientNormsSquared };
}

/** v′(1) for v(α) = data loss with W_1 scaled by α, from three loss values, and the size of those values. */
export interface ScalingDerivative {
  readonly derivative: number;
  readonly magnitude: number;
}

/**
 * Scaling W_1 by α scales the network output by α (also with unit-mean multiplicative noise, draw by draw),
 * so the data loss is exactly the quadratic v(α) = c(α²E‖f‖² − 2αE⟨f, y⟩ + E‖y‖²) and
 * v′(1) = 3v(1)/2 + v(−1)/2 − 2v(0). By Euler's identity v′(1) = ⟨W_i, ∂E/∂W_i⟩ for every layer i, E = c·E‖f − y‖²
 * the data term.
 *
 * @param dataOnly - the objective WITHOUT weight decay (its value is the data term)
 */
export function scalingDerivative(dataOnly: LinearNetObjective, theta: Float64Array): ScalingDerivative {
  const net = dataOnly.net;
  const end = net.depth > 1 ? (net.offsets[1] as number) : net.dim;
  const at = (alpha: number): number => {
    const scaled = theta.slice();
    for (let k = 0; k < end; k++) scaled[k] = alpha * (theta[k] as number);
    return dataOnly.value(scaled);
  };
  const v1 = at(1);
  const vm = at(-1);
  const v0 = at(0);
  return { derivative: 1.5 * v1 + 0.5 * vm - 2 * v0, magnitude: Math.abs(v1) + Math.abs(vm) + 2 * Math.abs(v0) };
}

/**
 * ⟨W_e, ∇ℓ(W_e)⟩ = 2c⟨P, PΣxx − Σyx⟩ for the noise-free end-to-end loss ℓ(P) = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²),
 * computed from P = W_L⋯W_1 and the moments only.
 */
export function endToEndGradientAlignment(objective: LinearNetObjective, theta: Float64Array): number {
  return frobeniusDot(objective.endToEnd(theta), endToEndGradient(objective, objective.endToEnd(theta)));
}

/** ∇ℓ(P) = 2c(PΣxx − Σyx) for the noise-free end-to-end square loss of `objective` (weight decay excluded). */
export function endToEndGradient(objective: LinearNetObjective, P: Matrix): Matrix {
  const G = matmul(P, objective.moments.Sxx);
  const c = objective.config.c;
  const Syx = objective.moments.Syx;
  for (let k = 0; k < G.data.length; k++) G.data[k] = 2 * c * ((G.data[k] as number) - (Syx.data[k] as number));
  return G;
}

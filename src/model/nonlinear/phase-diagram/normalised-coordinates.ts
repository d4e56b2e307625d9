/**
 * The normalised coordinates of Luo, Xu, Ma, Zhang 2021 (arXiv 2007.07497, normalised model; lindyn note zhou2022-phase-diagram.md) for the
 * two-layer net f(x) = (1/α) Σ_k a_k σ(w_kᵀx) with a_k ~ N(0, β₁²), w_k ~ N(0, β₂²I).
 *
 * @packageDocumentation
 */
import { requireFinite, requirePositive } from "../../../core/validate.js";

/** κ, κ′ and the time scale of one (α, β₁, β₂) triple. */
export interface NormalisedCoordinates {
  /** κ = β₁β₂/α: the output scale of the normalised model f = κ Σ ā_k σ(w̄_kᵀx). */
  readonly kappa: number;
  /** κ′ = β₁/β₂: the rate ratio of the normalised flow (ā moves with 1/κ′, w̄ with κ′). */
  readonly kappaPrime: number;
  /**
   * β₁β₂: raw time per unit of normalised time. With ā = a/β₁, w̄ = w/β₂ (ReLU is 1-homogeneous) the raw
   * unit-rate flow ȧ = −∇_a R, ẇ = −∇_w R becomes dā/dt̄ = −(1/κ′)∇_ā R, dw̄/dt̄ = −κ′∇_w̄ R exactly when
   * t̄ = t/(β₁β₂). (The lindyn note writes t̄ = t/α; that is the same clock up to the factor κ = β₁β₂/α, so
   * for triples with equal κ both clocks agree.) Likewise one raw GD step with rate η is one normalised GD
   * step with step η/(β₁β₂).
   */
  readonly timeScale: number;
}

/**
 * κ = β₁β₂/α, κ′ = β₁/β₂, time scale β₁β₂ (Luo et al. 2021, arXiv 2007.07497, normalised model).
 * @throws DomainError unless α, β₁, β₂ are finite and > 0
 */
export function normalisedCoordinates(alpha: number, beta1: number, beta2: number): NormalisedCoordinates {
  requirePositive("alpha", alpha);
  requirePositive("beta1", beta1);
  requirePositive("beta2", beta2);
  return { kappa: (beta1 * beta2) / alpha, kappaPrime: beta1 / beta2, timeScale: beta1 * beta2 };
}

/**
 * κ = m^{−γ}, κ′ = m^{−γ′}: the width scaling that defines the phase-diagram coordinates
 * γ = lim −log κ/log m, γ′ = lim −log κ′/log m (Luo et al. 2021, arXiv 2007.07497, coordinates of the phase diagram).
 * @throws DomainError for a width < 1 or non-finite exponents
 */
export function kappasAtWidth(gamma: number, gammaPrime: number, m: number): { kappa: number; kappaPrime: number } {
  requirePositive("m", m);
  requireFinite("gamma", gamma);
  requireFinite("gammaPrime", gammaPrime);
  return { kappa: m ** -gamma, kappaPrime: m ** -gammaPrime };
}

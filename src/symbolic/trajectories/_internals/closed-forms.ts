/**
 * Numerically careful evaluators of the depth-2 closed forms (Ziyin, Li & Meng, arXiv 2202.04777, lindyn's
 * derivation in `shared/papers/ziyin2022-exact-solutions.md`, "Depth-2 closed-form trajectories"). The flow is
 * u̇ = −gw − 2γu, ẇ = −gu − 2γw with g = 2(AP − a), P = uw; s = u + w, d = u − w satisfy ṡ = −(g + 2γ)s,
 * ḋ = (g − 2γ)d. Every formula below is written as a ratio of sums of non-negative terms so that it has no
 * cancellation in any sign case (the cancellation-prone forms of the paper note are algebraically equal).
 *
 * @packageDocumentation
 */

/**
 * P(t) for Ṗ = ρP − βP² (the balanced logistic, ρ = 4(a − γ), β = 4A), P₀ ≥ 0:
 * P = P₀e^{ρt}/(1 + βP₀(e^{ρt} − 1)/ρ), evaluated as P₀/(e^{−ρt} + βP₀(1 − e^{−ρt})/ρ) for ρ > 0 and with
 * expm1(ρt)/ρ (→ t as ρ → 0) otherwise, so neither branch subtracts.
 */
export function logisticP(P0: number, rho: number, beta: number, t: number): number {
  if (P0 === 0) return 0;
  if (rho > 0) {
    const em = Math.exp(-rho * t);
    return P0 / (em + (beta * P0 * -Math.expm1(-rho * t)) / rho);
  }
  const phi = rho === 0 ? t : Math.expm1(rho * t) / rho;
  return (P0 * Math.exp(rho * t)) / (1 + beta * P0 * phi);
}

/** The t → ∞ limit of {@link logisticP}. */
export function logisticLimit(P0: number, rho: number, beta: number): number {
  return P0 > 0 && rho > 0 ? rho / beta : 0;
}

/** Constants of the γ = 0 Riccati solution. */
export interface RiccatiConstants {
  readonly kappa: number;
  /** κ + 2a and κ − 2a, the one with cancellation recomputed from m·n = A²Δ₀². */
  readonly m: number;
  readonly n: number;
}

/** κ = √(4a² + A²Δ₀²) and m = κ + 2a, n = κ − 2a without cancellation. */
export function riccatiConstants(A: number, a: number, delta0: number): RiccatiConstants {
  const kappa = Math.hypot(2 * a, A * delta0);
  const prod = A * delta0 * (A * delta0);
  if (a >= 0) {
    const m = kappa + 2 * a;
    return { kappa, m, n: m === 0 ? 0 : prod / m };
  }
  const n = kappa - 2 * a;
  return { kappa, m: prod / n, n };
}

/**
 * z(t) = e^{2∫g} for γ = 0: the solution of ż = A s₀² − 4az − A d₀²z², z(0) = 1, written as
 * z = [(n + A s₀²)ψ + 2E]/[(m + A d₀²)ψ + 2E] with E = e^{−2κt}, ψ = (1 − E)/κ: equal to the paper form
 * (z₊ − z₋Re^{−2κt})/(1 − Re^{−2κt}) and free of its cancellations; `t = Infinity` gives z₊.
 */
export function riccatiZ(A: number, s0: number, d0: number, c: RiccatiConstants, t: number): number {
  const { kappa, m, n } = c;
  if (t === Number.POSITIVE_INFINITY) return kappa === 0 ? 0 : (n + A * s0 * s0) / (m + A * d0 * d0);
  const E = Math.exp(-2 * kappa * t);
  const psi = kappa === 0 ? 2 * t : -Math.expm1(-2 * kappa * t) / kappa;
  return ((n + A * s0 * s0) * psi + 2 * E) / ((m + A * d0 * d0) * psi + 2 * E);
}

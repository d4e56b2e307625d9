/**
 * Width scaling of Model M2 with Gaussian initialisation (Xu & Ziyin, arXiv 2401.07085, the phase diagram
 * of §4; lindyn's formalisation): output scale κ = d^{−a_κ}, initial variances σ_u² = σ_w² = d^{−s}, rate
 * ratio η_u/η_w = d^{ρ} (η_u = d^{ρ/2}, η_w = d^{−ρ/2}, so λ = √(η_uη_w) = 1 and only the ratio matters).
 * Then q ≈ κAd(√(η_u/η_w)σ_w² + √(η_w/η_u)σ_u²)/(2|a|) ∝ d^{γ} with γ = 1 − a_κ − s + |ρ|/2, and the sign
 * of γ decides the regime as d → ∞: γ > 0 kernel (NTK frozen), γ = 0 feature learning, γ < 0 the
 * small-initialisation alignment regime.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { Rng } from "../../core/rng.js";
import { requireFinite, requireInteger } from "../../core/validate.js";
import { FeatureLearningSolution } from "./closed-form.js";

/** The three regimes of the phase diagram. */
export type FeatureRegime = "kernel" | "feature" | "alignment";

/** One point of the width-scaling family. */
export interface WidthScalingSetting {
  /** Width d ≥ 1. */
  readonly width: number;
  /** Output-scale exponent: κ = d^{−a_κ}. */
  readonly aKappa: number;
  /** Initial-variance exponent: σ_u² = σ_w² = d^{−s}. */
  readonly s: number;
  /** Rate-ratio exponent: η_u/η_w = d^{ρ}. */
  readonly rho: number;
  /** Seed of the Gaussian initialisation (u first, then α, from one {@link Rng}). */
  readonly seed: number;
  /** A = E[ξ²]. @defaultValue 1 */
  readonly A?: number;
  /** a = E[ξy]. @defaultValue 1 */
  readonly a?: number;
}

/** What one width-scaling point measures (all from the exact solution; JSON-safe numbers). */
export interface WidthScalingResult {
  readonly width: number;
  readonly kappa: number;
  readonly sigma2: number;
  readonly etaU: number;
  readonly etaW: number;
  /** The predicted exponent γ = 1 − a_κ − s + |ρ|/2. */
  readonly gamma: number;
  /** The mean-field estimate κAd(√(η_u/η_w) + √(η_w/η_u))σ²/(2|a|) of q. */
  readonly qPredicted: number;
  /** The exact q = κAλ(S₀ + D₀)/(4|a|) of this draw. */
  readonly q: number;
  /** K_f(∞)/K_f(0). */
  readonly ntkRatio: number;
  /** log(K_f(∞)/K_f(0)), accurate also when the ratio is within 1e-16 of 1. */
  readonly logNtkRatio: number;
  /**
   * The q that the measured NTK change corresponds to under the orthogonal-initialisation law
   * K∞/K0 = √(1 + 1/q²): q_eff = 1/√(e^{2|log K∞/K0|} − 1) (∞ when the NTK does not move at all).
   */
  readonly qEff: number;
  /** cos∠(u, α) at t = 0 and t = ∞. */
  readonly cos0: number;
  readonly cosInf: number;
  /** f(0) and f(∞) per unit input (f∞ = a/A unless at a saddle). */
  readonly f0: number;
  readonly fInf: number;
  /** Convergence rate λΩ. */
  readonly rate: number;
}

/** γ = 1 − a_κ − s + |ρ|/2, the exponent of q ∝ d^{γ}. */
export function regimeExponent(aKappa: number, s: number, rho: number): number {
  return 1 - aKappa - s + Math.abs(rho) / 2;
}

/** The regime the sign of γ predicts as d → ∞ (|γ| ≤ `tolerance` counts as 0, for grids of decimals). */
export function predictedRegime(gamma: number, tolerance = 1e-12): FeatureRegime {
  if (gamma > tolerance) return "kernel";
  if (gamma < -tolerance) return "alignment";
  return "feature";
}

/** q_eff = 1/√(e^{2|ℓ|} − 1) for ℓ = log(K∞/K0) (the orthogonal-initialisation law inverted). */
export function effectiveQ(logNtkRatio: number): number {
  const l = Math.abs(logNtkRatio);
  if (l === 0) return Number.POSITIVE_INFINITY;
  return 1 / Math.sqrt(Math.expm1(2 * l));
}

/**
 * Draws the Gaussian initialisation of one width-scaling point and evaluates the exact solution's limits.
 * O(d) time and memory (d = 10⁶ takes well under a second).
 * @throws ShapeError / DomainError for a bad width or non-finite exponents
 */
export function widthScalingPoint(setting: WidthScalingSetting): WidthScalingResult {
  const d = requireInteger("width", setting.width, 1);
  const aKappa = requireFinite("aKappa", setting.aKappa);
  const s = requireFinite("s", setting.s);
  const rho = requireFinite("rho", setting.rho);
  const A = setting.A ?? 1;
  const a = setting.a ?? 1;
  if (a === 0) {
    throw new DomainError(errorMessage("a", a, "must be ≠ 0 for the phase diagram", "q is defined relative to |a|."));
  }
  const kappa = d ** -aKappa;
  const sigma2 = d ** -s;
  const etaU = d ** (rho / 2);
  const etaW = d ** (-rho / 2);
  const rng = new Rng(setting.seed);
  const sigma = Math.sqrt(sigma2);
  const u0 = rng.fillGaussian(new Float64Array(d), sigma);
  const alpha0 = rng.fillGaussian(new Float64Array(d), sigma);
  const sol = new FeatureLearningSolution({ u0, alpha0, etaU, etaW, kappa, A, a });
  const inf = sol.asymptotes;
  const start = sol.at(0);
  const rm1 = inf.ntkRatioMinusOne ?? 0;
  const logNtkRatio = Math.log1p(rm1);
  return {
    width: d,
    kappa,
    sigma2,
    etaU,
    etaW,
    gamma: regimeExponent(aKappa, s, rho),
    qPredicted: (kappa * A * d * (Math.sqrt(etaU / etaW) + Math.sqrt(etaW / etaU)) * sigma2) / (2 * Math.abs(a)),
    q: inf.q,
    ntkRatio: inf.ntkRatio ?? 1,
    logNtkRatio,
    qEff: effectiveQ(logNtkRatio),
    cos0: start.cosAngle,
    cosInf: inf.cosInf,
    f0: start.f,
    fInf: inf.fInf,
    rate: inf.rate,
  };
}

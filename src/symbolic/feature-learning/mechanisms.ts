/**
 * The three feature-learning mechanisms of Xu & Ziyin ("Three Mechanisms of Feature Learning in a Linear
 * Network", arXiv 2401.07085, §5) as lindyn formalises them on the exact solution of Model M2. With
 * f = κ‖u‖‖α‖cos∠(u, α)·ξ the output can change by
 *
 * 1. **alignment**: cos∠(u, α) rises (from a small orthogonal initialisation);
 * 2. **disalignment**: cos∠(u, α) falls (a large, aligned initialisation overshoots the target);
 * 3. **rescaling**: the layer norms change at a fixed angle (exact for u₀ ∥ α₀, where the angle is ±1 forever).
 *
 * Each mechanism gets a one-parameter family of initial states indexed by q = κA K_P(0)/(2|a|λ) (large q is
 * the kernel limit) at a fixed target and a fixed initial output, and a dimensionless magnitude:
 * the change of |cos∠(u, α)| between t = 0 and t = ∞ for (1) and (2); for (3) the layer-norm change in units of the
 * parameter scale, (|Δ‖ũ‖| + |Δ‖α̃‖|)/‖(ũ₀, α̃₀)‖ in the rate-rescaled coordinates ũ = u/√η_u, α̃ = α/√η_w.
 * All families are balanced (C = ‖ũ₀‖² − ‖α̃₀‖² = 0) except rescaling, which is necessarily unbalanced at
 * large q (a parallel, balanced start has f₀ ∝ q).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { requirePositive } from "../../core/validate.js";
import { FeatureLearningSolution } from "./closed-form.js";
import type { FeatureLearningSetting } from "./setting.js";

/** The three mechanisms. */
export type Mechanism = "alignment" | "disalignment" | "rescaling";

/** Hyper-parameters shared by the families (the same defaults as the exact solution). */
export interface MechanismFamilyOptions {
  /** @defaultValue 1 */
  readonly etaU?: number;
  /** @defaultValue 1 */
  readonly etaW?: number;
  /** @defaultValue 1 */
  readonly kappa?: number;
  /** @defaultValue 1 */
  readonly A?: number;
  /** @defaultValue 1 (must be ≠ 0) */
  readonly a?: number;
  /**
   * Disalignment: the initial output as a multiple of the target, f₀ = overshoot·a/A (> 1). Rescaling: the
   * initial output as a fraction of the target, f₀ = fraction·a/A (in (0, 1)).
   * @defaultValue 2 for disalignment, 1/2 for rescaling
   */
  readonly outputFactor?: number;
}

/** The smallest q each family is defined for (below it the requested initial output is unreachable). */
export function minimumQ(mechanism: Mechanism, options: MechanismFamilyOptions = {}): number {
  if (mechanism === "alignment") return 0;
  if (mechanism === "disalignment") return options.outputFactor ?? 2;
  return options.outputFactor ?? 0.5;
}

/**
 * The initial state (width 2, in the plane of e₁, e₂) of `mechanism`'s family at kernel parameter `q`.
 *
 * - alignment: ũ₀ = r e₁, α̃₀ = r e₂ (orthogonal, balanced, f₀ = 0), q = κAλr²/|a|;
 * - disalignment: ‖ũ₀‖ = ‖α̃₀‖ = r at the angle with cos = overshoot·sign(a)/q, so f₀ = overshoot·a/A;
 * - rescaling: ũ₀ = ρ e₁, α̃₀ = (c/ρ) e₁ with λc = fraction·a/(κA) (f₀ = fraction·a/A) and ρ² ≥ |c| set by q.
 *
 * @throws DomainError when q is below {@link minimumQ} or not finite and positive
 */
export function mechanismFamily(
  mechanism: Mechanism,
  q: number,
  options: MechanismFamilyOptions = {},
): FeatureLearningSetting {
  requirePositive("q", q);
  const etaU = options.etaU ?? 1;
  const etaW = options.etaW ?? 1;
  const kappa = options.kappa ?? 1;
  const A = options.A ?? 1;
  const a = options.a ?? 1;
  if (a === 0) throw new DomainError(errorMessage("a", a, "must be ≠ 0", "q is measured relative to |a|."));
  const lambda = Math.sqrt(etaU * etaW);
  const su = Math.sqrt(etaU);
  const sw = Math.sqrt(etaW);
  const base = { etaU, etaW, kappa, A, a };
  const qMin = minimumQ(mechanism, options);
  if (!(q >= qMin)) {
    throw new DomainError(
      errorMessage(
        "q",
        q,
        `must be ≥ ${qMin} for the ${mechanism} family`,
        "A larger q is reachable at this initial output.",
      ),
    );
  }
  if (mechanism === "alignment") {
    const r = Math.sqrt((q * Math.abs(a)) / (kappa * A * lambda));
    return { ...base, u0: [su * r, 0], alpha0: [0, sw * r] };
  }
  if (mechanism === "disalignment") {
    const overshoot = options.outputFactor ?? 2;
    if (!(overshoot > 1))
      throw new DomainError(errorMessage("outputFactor", overshoot, "must be > 1 (an overshoot)", "Use 2."));
    const r = Math.sqrt((q * Math.abs(a)) / (kappa * A * lambda));
    const c = (overshoot * Math.sign(a)) / q;
    const sn = Math.sqrt(Math.max(0, 1 - c * c));
    return { ...base, u0: [su * r, 0], alpha0: [sw * r * c, sw * r * sn] };
  }
  const fraction = options.outputFactor ?? 0.5;
  if (!(fraction > 0 && fraction < 1)) {
    throw new DomainError(errorMessage("outputFactor", fraction, "must lie in (0, 1) (an undershoot)", "Use 1/2."));
  }
  const c = (fraction * a) / (kappa * A * lambda);
  const Q = (2 * Math.abs(a) * q) / (kappa * A * lambda); // = ρ² + c²/ρ²
  const rho2 = (Q + Math.sqrt(Math.max(0, Q * Q - 4 * c * c))) / 2;
  const rho = Math.sqrt(rho2);
  return { ...base, u0: [su * rho], alpha0: [(sw * c) / rho] };
}

/** The mechanism magnitudes of one exact trajectory (t = 0 → ∞). */
export interface MechanismMeasures {
  /** cos∠(u, α) at t = 0 and at t = ∞. */
  readonly cos0: number;
  readonly cosInf: number;
  /** cos∞ − cos₀. */
  readonly deltaCos: number;
  /**
   * |cos∞| − |cos₀|: > 0 alignment, < 0 disalignment (with a < 0 the layers align antiparallel, so the
   * magnitude of the cosine is what measures alignment).
   */
  readonly deltaAbsCos: number;
  /** (|Δ‖ũ‖| + |Δ‖α̃‖|)/‖(ũ₀, α̃₀)‖: layer-norm change in units of the parameter scale. */
  readonly rescaling: number;
  /** K∞/K0 − 1 (the NTK change). */
  readonly ntkChange: number;
  /** The family parameter q of this state. */
  readonly q: number;
}

/** Measures the three mechanisms on the exact solution from `setting` (O(d)). */
export function measureMechanisms(setting: FeatureLearningSetting): MechanismMeasures {
  const sol = new FeatureLearningSolution(setting);
  const s0 = sol.at(0);
  const sInf = sol.at(Number.POSITIVE_INFINITY);
  const ru = Math.sqrt(sol.setting.etaU);
  const rw = Math.sqrt(sol.setting.etaW);
  const u0 = s0.normU / ru;
  const a0 = s0.normAlpha / rw;
  const scale = Math.hypot(u0, a0);
  const rescaling = scale > 0 ? (Math.abs(sInf.normU / ru - u0) + Math.abs(sInf.normAlpha / rw - a0)) / scale : 0;
  return {
    cos0: s0.cosAngle,
    cosInf: sInf.cosAngle,
    deltaCos: sInf.cosAngle - s0.cosAngle,
    deltaAbsCos: Math.abs(sInf.cosAngle) - Math.abs(s0.cosAngle),
    rescaling,
    ntkChange: sol.asymptotes.ntkRatioMinusOne ?? 0,
    q: sol.asymptotes.q,
  };
}

/**
 * The magnitude of `mechanism` in the measures: Δ|cos∠(u, α)| for alignment, −Δ|cos∠(u, α)| for
 * disalignment (both positive when the mechanism acts), the rescaling measure for rescaling.
 */
export function mechanismMagnitude(mechanism: Mechanism, m: MechanismMeasures): number {
  if (mechanism === "alignment") return m.deltaAbsCos;
  if (mechanism === "disalignment") return -m.deltaAbsCos;
  return m.rescaling;
}

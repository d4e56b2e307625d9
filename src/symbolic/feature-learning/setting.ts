/**
 * The input of the exact finite-width solution of Model M2 (Xu & Ziyin, arXiv 2401.07085): hyper-parameters
 * and the initial state, validated eagerly. The symbolic layer depends on core only, so this is a plain data
 * description rather than the model-layer `M2Model`; `m2ClosedFormSetting` in `src/model/m2` is not needed
 * because the fields line up one to one (u0, the components α0_i = w_i·v, and the frozen orthogonal parts).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import type { Matrix } from "../../core/matrix.js";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate.js";

/**
 * Model M2: f(x) = κ Σ_{i=1..d} u_i (w_iᵀx) on data x = ξ v (‖v‖ = 1), loss L = ½E[(f − y)²] (note the ½:
 * the convention of arXiv 2401.07085, not lindyn's default c = 1), gradient flow u̇ = −η_u ∂L/∂u,
 * ẇ_i = −η_w ∂L/∂w_i. Only α_i = w_i·v moves; w_i's part orthogonal to v is frozen.
 */
export interface FeatureLearningSetting {
  /** Second-layer weights u(0) ∈ R^d (d ≥ 1 is the width). */
  readonly u0: ArrayLike<number>;
  /** First-layer components along the data direction, α_i(0) = w_i(0)·v, length d. */
  readonly alpha0: ArrayLike<number>;
  /** Rate of the second layer η_u > 0. @defaultValue 1 */
  readonly etaU?: number;
  /** Rate of the first layer η_w > 0. @defaultValue 1 */
  readonly etaW?: number;
  /** Output scale κ > 0. @defaultValue 1 */
  readonly kappa?: number;
  /** Input second moment A = E[ξ²] > 0. @defaultValue 1 */
  readonly A?: number;
  /** Input–target cross moment a = E[ξy] (any sign). @defaultValue 1 */
  readonly a?: number;
  /**
   * Target second moment E[y²] ≥ a²/A (Cauchy–Schwarz), used only for loss values.
   * @defaultValue a²/A (a realisable target: the minimum loss is 0)
   */
  readonly Ey2?: number;
  /**
   * Frozen components of the first-layer weights orthogonal to v, one row per hidden unit (d × k, in any
   * orthonormal basis of v⊥). Needed only for per-unit cos∠(w_i, v) and for held-out directions.
   * @defaultValue none (k = 0: every w_i lies along v)
   */
  readonly wPerp?: Matrix;
}

/** A validated setting with defaults filled in. */
export interface ResolvedFeatureLearningSetting {
  readonly width: number;
  readonly u0: Float64Array;
  readonly alpha0: Float64Array;
  readonly etaU: number;
  readonly etaW: number;
  readonly kappa: number;
  readonly A: number;
  readonly a: number;
  readonly Ey2: number;
  readonly wPerp: Matrix | undefined;
}

function toVector(name: string, values: ArrayLike<number>): Float64Array {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new ShapeError(errorMessage(name, values, "must be an array of numbers", "Pass e.g. [0.3, -0.2, 0.1]."));
  }
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i] as number)) {
      throw new DomainError(
        errorMessage(`${name}[${i}]`, values[i], "must be a finite number", "Replace NaN/Infinity entries."),
      );
    }
  }
  return out;
}

/**
 * Validates a {@link FeatureLearningSetting} and fills in defaults.
 * @throws ShapeError when u0 and alpha0 differ in length, are empty, or wPerp has the wrong row count;
 *   DomainError for non-finite or out-of-domain numbers (η ≤ 0, κ ≤ 0, A ≤ 0, E[y²] < a²/A)
 */
export function resolveFeatureLearningSetting(setting: FeatureLearningSetting): ResolvedFeatureLearningSetting {
  const u0 = toVector("u0", setting.u0);
  const alpha0 = toVector("alpha0", setting.alpha0);
  if (u0.length === 0) {
    throw new ShapeError(errorMessage("u0.length", 0, "must be ≥ 1 (the width d)", "Pass one entry per hidden unit."));
  }
  if (alpha0.length !== u0.length) {
    throw new ShapeError(
      errorMessage(
        "alpha0.length",
        alpha0.length,
        `must equal u0.length = ${u0.length} (one first-layer weight per hidden unit)`,
        "Pass as many first-layer components as second-layer weights.",
      ),
    );
  }
  const etaU = requirePositive("etaU", setting.etaU ?? 1, "Learning rates must be > 0.");
  const etaW = requirePositive("etaW", setting.etaW ?? 1, "Learning rates must be > 0.");
  const kappa = requirePositive(
    "kappa",
    setting.kappa ?? 1,
    "The output scale κ must be > 0 (flip the sign of a instead).",
  );
  const A = requirePositive("A", setting.A ?? 1, "A = E[ξ²] is the input's second moment; it must be > 0.");
  const a = requireFinite("a", setting.a ?? 1);
  const Ey2 = requireNonNegative("Ey2", setting.Ey2 ?? (a * a) / A);
  if (Ey2 < ((a * a) / A) * (1 - 1e-12)) {
    throw new DomainError(
      errorMessage("Ey2", Ey2, `must be ≥ a²/A = ${(a * a) / A} (Cauchy–Schwarz)`, "Omit Ey2 for a realisable target."),
    );
  }
  const wPerp = setting.wPerp;
  if (wPerp !== undefined) {
    if (wPerp.rows !== u0.length) {
      throw new ShapeError(
        errorMessage(
          "wPerp.rows",
          wPerp.rows,
          `must equal the width d = ${u0.length}`,
          "Pass one row per hidden unit.",
        ),
      );
    }
    for (let i = 0; i < wPerp.data.length; i++) {
      if (!Number.isFinite(wPerp.data[i] as number)) {
        throw new DomainError(
          errorMessage(`wPerp.data[${i}]`, wPerp.data[i], "must be finite", "Replace NaN/Infinity."),
        );
      }
    }
  }
  return { width: u0.length, u0, alpha0, etaU, etaW, kappa, A, a, Ey2, wPerp };
}

/**
 * Data moments (Σxx, Σyx, E‖y‖²) with a bounded condition number, generated from readable recipes: a few
 * samples with small integer entries plus isotropic input noise on a k/8 grid, or whitened inputs with a
 * cross-moment on a k/4 grid. Each value is a {@link MomentsCase}: it prints its recipe (through
 * fast-check's `toStringMethod`) and builds the validated `Moments` on demand.
 *
 * @packageDocumentation
 */
import type fc from "fast-check";
import {
  buildSampleMoments,
  buildWhitenedMoments,
  sampleRecipeArb,
  whitenedRecipeArb,
} from "./_internals/moments-recipes.js";
import type { MomentsCase } from "./moments-case.js";

/** Constraints of {@link sampleMomentsArb}. */
export interface SampleMomentsConstraints {
  /**
   * Number of samples n (rows of X and Y). A power of two keeps Σxx = XᵀX/n + rI on a dyadic grid.
   * @defaultValue 4
   */
  readonly samples?: number;
  /** Entries of X and Y are integers in [−maxEntry, maxEntry]. @defaultValue 2 */
  readonly maxEntry?: number;
  /**
   * Bound on the condition number of Σxx. Guaranteed by the smallest input-noise variance r:
   * κ(Σxx) ≤ 1 + maxEntry²·d0 / r, so r ≥ maxEntry²·d0/(κ − 1), rounded up onto the k/8 grid.
   * @defaultValue 100
   */
  readonly maxConditionNumber?: number;
  /** Largest input-noise variance r. @defaultValue 1 */
  readonly maxInputNoise?: number;
}

/**
 * Moments of n samples (x_k, y_k) with integer entries, where the inputs are observed with independent
 * isotropic noise ξ of variance r: `Σxx = XᵀX/n + r·I`, `Σyx = YᵀX/n`, `E‖y‖² = ‖Y‖_F²/n`. These are the
 * exact moments of a genuine distribution, so they are consistent (the least-squares residual is ≥ 0),
 * and r > 0 bounds the condition number (see {@link SampleMomentsConstraints.maxConditionNumber}).
 *
 * Shrinks towards X = Y = 0 and the smallest r.
 *
 * @throws DomainError when the bound on κ needs more input noise than `maxInputNoise` allows
 */
export function sampleMomentsArb(
  inputDim: number,
  outputDim: number,
  constraints: SampleMomentsConstraints = {},
): fc.Arbitrary<MomentsCase> {
  return sampleRecipeArb(inputDim, outputDim, constraints).map((r) => buildSampleMoments(r, inputDim, outputDim));
}

/** Constraints of {@link whitenedMomentsArb}. */
export interface WhitenedMomentsConstraints {
  /** Entries of Σyx are k/denominator. @defaultValue 4 */
  readonly denominator?: number;
  /** Entries of Σyx lie in [−maxEntry, maxEntry]. @defaultValue 2 */
  readonly maxEntry?: number;
  /** `E‖y‖² = ‖Σyx‖_F² + v` with the residual variance v on the k/8 grid in [0, maxResidual]. @defaultValue 1 */
  readonly maxResidual?: number;
}

/**
 * Whitened inputs (Σxx = I, condition number 1) with Σyx on a k/4 grid and `E‖y‖² = ‖Σyx‖_F² + v`, v ≥ 0 the
 * variance left unexplained by the best linear map (so the moments are consistent). The setting of Saxe et
 * al. 2014 (arXiv 1312.6120) and of the whitened results of Ziyin et al. 2022 (arXiv 2202.04777).
 */
export function whitenedMomentsArb(
  inputDim: number,
  outputDim: number,
  constraints: WhitenedMomentsConstraints = {},
): fc.Arbitrary<MomentsCase> {
  return whitenedRecipeArb(inputDim, outputDim, constraints).map((r) => buildWhitenedMoments(r, inputDim, outputDim));
}

/**
 * Loss conventions: the factor `c` in front of the square loss, weight decay per layer and the variance of
 * the stochastic neurons per hidden layer.
 *
 * `ℒ(θ) = c·E_{x,y,ε}‖W_L ε_{L−1}⊙(W_{L−1} ⋯ ε_1⊙(W_1 x)) − y‖² + Σ_i γ_i‖W_i‖_F²` (DESIGN.md; Ziyin, Li, Meng
 * 2022, arXiv 2202.04777, Eq. 1, with E[ε] = 1, Var[ε] = σ_i² independent across units and layers).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import { expandPerLayer } from "../core/validate.js";
import type { LinearNet } from "./architecture.js";

/** User-facing loss options (all optional). */
export interface LossOptions {
  /**
   * Factor in front of the square loss: `1` (Ziyin et al.) or `0.5` (Saxe et al. and most others).
   * @defaultValue 1
   */
  c?: 1 | 0.5;
  /**
   * Weight decay `γ_i ≥ 0` on `‖W_i‖_F²` (no ½): one number for every layer, or one per weight matrix.
   * @defaultValue 0
   */
  gamma?: number | readonly number[];
  /**
   * Variance `σ_i² ≥ 0` of the multiplicative unit-mean noise on every unit of hidden layer `i`
   * (`i = 1..L−1`): one number for every hidden layer, or one per hidden layer. Dropout with keep
   * probability p has σ² = (1 − p)/p.
   * @defaultValue 0
   */
  noise?: number | readonly number[];
}

/** Validated, expanded loss configuration. */
export interface LossConfig {
  /** Factor in front of the square loss. */
  readonly c: 1 | 0.5;
  /** `γ_i` for `i = 1..L` (length L). */
  readonly gamma: readonly number[];
  /** `σ_i²` for hidden layers `i = 1..L−1` (length L − 1). */
  readonly noise: readonly number[];
}

/**
 * Validates and expands loss options for `net`.
 *
 * @throws DomainError for `c ∉ {1, 0.5}`, a negative or non-finite `γ_i` or `σ_i²`, or a non-zero noise on a
 *   net without hidden layers; ShapeError when an array has the wrong length (one per weight matrix for
 *   `gamma`, one per hidden layer for `noise`)
 */
export function lossConfig(net: LinearNet, options: LossOptions = {}): LossConfig {
  const c = options.c ?? 1;
  if (c !== 1 && c !== 0.5) {
    throw new DomainError(
      errorMessage(
        "c",
        c,
        "must be 1 or 0.5 (the factor in front of the square loss)",
        "Use c = 1 for the Ziyin et al. convention (default) or c = 0.5 for the Saxe et al. one.",
      ),
    );
  }
  const L = net.depth;
  const gamma = expandPerLayer("gamma", options.gamma ?? 0, L, "weight matrix");
  gamma.forEach((g, i) => {
    if (typeof g !== "number" || !Number.isFinite(g) || g < 0) {
      throw new DomainError(
        errorMessage(
          `gamma[${i}] (weight decay on W_${i + 1})`,
          g,
          "must be a finite number ≥ 0",
          "Weight decay is a penalty γ‖W‖²; use 0 to switch it off.",
        ),
      );
    }
  });
  const rawNoise = options.noise ?? 0;
  if (L === 1 && typeof rawNoise === "number" && rawNoise !== 0) {
    throw new DomainError(
      errorMessage(
        "noise",
        rawNoise,
        "must be 0 for a net with no hidden layer (depth 1): stochastic neurons act on hidden units only",
        "Omit noise, or add a hidden layer to the widths.",
      ),
    );
  }
  const noise = expandPerLayer("noise", rawNoise, L - 1, "hidden layer");
  noise.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
      throw new DomainError(
        errorMessage(
          `noise[${i}] (variance σ² of hidden layer ${i + 1})`,
          s,
          "must be a finite number ≥ 0",
          "It is the variance of the unit-mean multiplicative noise (dropout with keep probability p has (1 − p)/p); use 0 to switch it off.",
        ),
      );
    }
  });
  return Object.freeze({ c, gamma: Object.freeze(gamma), noise: Object.freeze(noise) });
}

/**
 * Numbers on a small rational grid `k/denominator`: the building block of every lindyn arbitrary, so that
 * shrunk counterexamples read `3/8` rather than `0.37499999999999994` or `5e-324` (STYLE lesson 14).
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { gridRange } from "./_internals/grid-range.js";

/** Constraints of {@link gridArb}. */
export interface GridConstraints {
  /**
   * Grid spacing is `1/denominator`; use a power of two so that values and their sums are exact in
   * float64 and print as fractions.
   * @defaultValue 8
   */
  readonly denominator?: number;
  /** Smallest value (rounded up onto the grid). @defaultValue -1 */
  readonly min?: number;
  /** Largest value (rounded down onto the grid). @defaultValue 1 */
  readonly max?: number;
}

/**
 * Values `k/denominator` with `min ≤ k/denominator ≤ max`. Shrinks towards the grid point closest to 0.
 *
 * @throws DomainError when the denominator is not a positive integer or the range holds no grid point
 * @example `gridArb({ denominator: 16, min: 0, max: 1 / 2 })` generates weight decays 0, 1/16, …, 1/2.
 */
export function gridArb(constraints: GridConstraints = {}): fc.Arbitrary<number> {
  const { kMin, kMax, denominator } = gridRange("grid", constraints, { denominator: 8, min: -1, max: 1 });
  return fc.integer({ min: kMin, max: kMax }).map(
    (k) => k / denominator,
    (v) => {
      if (typeof v !== "number") throw new Error("not a grid value");
      return Math.round(v * denominator);
    },
  );
}

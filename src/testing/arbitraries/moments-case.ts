/**
 * A generated data distribution: the readable recipe it was built from and its moments.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { Moments } from "../../model/moments.js";

/** A generated data distribution: its recipe (what a counterexample prints) and its moments. */
export class MomentsCase {
  /** How the moments were built, readable (this is what a counterexample prints). */
  readonly recipe: string;
  /** `Σxx` rows (exact: sums of products of small integers and dyadic fractions). */
  readonly Sxx: readonly (readonly number[])[];
  /** `Σyx` rows. */
  readonly Syx: readonly (readonly number[])[];
  /** `E‖y‖²`. */
  readonly Ey2: number;
  private cached: Moments | undefined;

  constructor(recipe: string, Sxx: number[][], Syx: number[][], Ey2: number) {
    this.recipe = recipe;
    this.Sxx = Sxx;
    this.Syx = Syx;
    this.Ey2 = Ey2;
  }

  /** The validated moments (built once). */
  get moments(): Moments {
    this.cached ??= Moments.of({ Sxx: this.Sxx, Syx: this.Syx, Ey2: this.Ey2 });
    return this.cached;
  }

  /** The recipe, for fast-check reports and `formatValue`. */
  [fc.toStringMethod](): string {
    return this.recipe;
  }
}

/**
 * Weights W_1..W_L with entries on a small grid (k/4 in [−1, 1] by default): readable initial points and
 * critical-point candidates. Turn them into θ with `initFromWeights(net, weights)` or `net.pack`.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { errorMessage, ShapeError } from "../../core/errors.js";
import { gridRange } from "./_internals/grid-range.js";
import type { GridConstraints } from "./grid.js";

/**
 * One matrix per layer, `W_i` of shape `d_i × d_{i−1}` given as rows, entries `k/denominator` in
 * [min, max]. Shrinks towards the all-zero weights.
 *
 * @param widths - `[d0, …, dL]`
 * @param constraints - grid of the entries @defaultValue `{ denominator: 4, min: -1, max: 1 }`
 */
export function weightsArb(widths: readonly number[], constraints: GridConstraints = {}): fc.Arbitrary<number[][][]> {
  if (!Array.isArray(widths) || widths.length < 2 || widths.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ShapeError(
      errorMessage("widths", widths, "must list at least two positive integers [d0, …, dL]", "Pass e.g. [2, 3, 1]."),
    );
  }
  const g = gridRange("weights", constraints, { denominator: 4, min: -1, max: 1 });
  const entry = fc.integer({ min: g.kMin, max: g.kMax }).map((k) => k / g.denominator);
  const layers: fc.Arbitrary<number[][]>[] = [];
  for (let i = 1; i < widths.length; i++) {
    const rows = widths[i] as number;
    const cols = widths[i - 1] as number;
    layers.push(fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
  }
  return fc.tuple(...layers);
}

/**
 * Random checking points for symbolic results, drawn with fast-check from a fixed seed so that every
 * check is reproducible. Values are small rationals (k/16), so a failing point is readable.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { ConvergenceError } from "../../core/errors.js";
import type { Assumption } from "../assumptions.js";

/** Seed used by every symbolic check unless the caller passes another. */
export const DEFAULT_CHECK_SEED = 20220209;

function arbitraryFor(symbol: string, assumptions: readonly Assumption[]): fc.Arbitrary<number> {
  for (const a of assumptions) {
    if (a.kind === "relation" || a.symbol !== symbol) continue;
    switch (a.kind) {
      case "positive":
        return fc.integer({ min: 2, max: 64 }).map((k) => k / 16);
      case "nonnegative":
        return fc.integer({ min: 0, max: 64 }).map((k) => k / 16);
      case "real":
        return fc.integer({ min: -64, max: 64 }).map((k) => k / 16);
      case "integer":
        return fc.integer({ min: a.min, max: a.max });
      case "range":
        return fc.integer({ min: 1, max: 63 }).map((k) => a.min + ((a.max - a.min) * k) / 64);
    }
  }
  // No assumption: a non-zero real of moderate size.
  return fc
    .integer({ min: -64, max: 64 })
    .filter((k) => k !== 0)
    .map((k) => k / 16);
}

/**
 * `count` points over `symbols` that satisfy every relation in `assumptions`.
 * @throws ConvergenceError when the relations reject nearly every draw (say how to widen them)
 */
export function samplePoints(
  symbols: readonly string[],
  assumptions: readonly Assumption[],
  count: number,
  seed: number = DEFAULT_CHECK_SEED,
): Record<string, number>[] {
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const s of symbols) record[s] = arbitraryFor(s, assumptions);
  const relations = assumptions.filter((a) => a.kind === "relation");
  const draws = fc.sample(fc.record(record), { seed, numRuns: count * 40 });
  const kept = draws.filter((p) => relations.every((r) => r.kind === "relation" && r.holds(p))).slice(0, count);
  if (kept.length < count) {
    throw new ConvergenceError(
      `checking points: only ${kept.length} of ${count} random points satisfied ${relations
        .map((r) => (r.kind === "relation" ? r.text : ""))
        .join(" and ")}. Widen the sampled ranges (assume.range) or relax the relation.`,
    );
  }
  return kept;
}

import { DomainError, errorMessage } from "../../../core/errors.js";
import type { IntRange, WidthsConstraints } from "../architecture.js";

/** Resolved width constraints with their defaults (depths 2–4, hidden 1–4, input and output 1–3). */
export interface WidthsRanges {
  readonly depth: IntRange;
  readonly hidden: IntRange;
  readonly input: IntRange;
  readonly output: IntRange;
}

/** Resolves and validates {@link WidthsConstraints}. */
export function resolveWidths(constraints: WidthsConstraints = {}): WidthsRanges {
  return {
    depth: intRange("depth", constraints.depth, { min: 2, max: 4 }),
    hidden: intRange("hidden", constraints.hidden, { min: 1, max: 4 }),
    input: intRange("input", constraints.input, { min: 1, max: 3 }),
    output: intRange("output", constraints.output, { min: 1, max: 3 }),
  };
}

function intRange(name: string, value: number | IntRange | undefined, fallback: IntRange): IntRange {
  const r = value === undefined ? fallback : typeof value === "number" ? { min: value, max: value } : value;
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < 1 || r.min > r.max) {
    throw new DomainError(
      errorMessage(
        name,
        value,
        "must be an integer ≥ 1 or a range { min, max } of such with min ≤ max",
        "Pass e.g. { min: 1, max: 3 }.",
      ),
    );
  }
  return r;
}

/**
 * Eager input checks shared by every layer. Each throws a typed error whose message names the parameter,
 * the value, the requirement and the fix (see {@link errorMessage}).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "./errors.js";

/** Requires a finite number. */
export function requireFinite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new DomainError(
      errorMessage(name, value, "must be a finite number", "Pass a real number (not NaN or ±Infinity)."),
    );
  }
  return value;
}

/** Requires a finite number ≥ 0. */
export function requireNonNegative(name: string, value: number, fix = "Use 0 to switch it off."): number {
  requireFinite(name, value);
  if (value < 0) throw new DomainError(errorMessage(name, value, "must be ≥ 0", fix));
  return value;
}

/** Requires a finite number > 0. */
export function requirePositive(name: string, value: number, fix = "Pass a strictly positive number."): number {
  requireFinite(name, value);
  if (!(value > 0)) throw new DomainError(errorMessage(name, value, "must be > 0", fix));
  return value;
}

/** Requires an integer ≥ `min` (default 1). */
export function requireInteger(name: string, value: number, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new ShapeError(
      errorMessage(name, value, `must be an integer ≥ ${min}`, `Pass a whole number such as ${Math.max(min, 1)}.`),
    );
  }
  return value;
}

/** Requires every entry of an array to be finite; names the first offending index. */
export function requireAllFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new DomainError(
        errorMessage(
          `${name}[${i}]`,
          v,
          "must be finite",
          "Remove NaN/±Infinity entries (check the data or the previous step).",
        ),
      );
    }
  }
}

/**
 * Expands a per-layer parameter given as one number or one value per layer.
 *
 * @param name - parameter name for messages (e.g. `gamma`)
 * @param value - a single number (applied to all) or an array of length `count`
 * @param count - required length
 * @param what - what one entry stands for (e.g. "weight matrix")
 */
export function expandPerLayer(name: string, value: number | readonly number[], count: number, what: string): number[] {
  if (typeof value === "number") return Array.from({ length: count }, () => value);
  if (value.length !== count) {
    throw new ShapeError(
      errorMessage(
        name,
        value,
        `must have one entry per ${what} (${count}), got ${value.length}`,
        `Pass a single number to use it everywhere, or exactly ${count} values.`,
      ),
    );
  }
  return [...value];
}

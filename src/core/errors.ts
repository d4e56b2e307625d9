/**
 * Typed errors. Every message names the parameter, the value received, what is required and how to fix
 * it, so that a user never has to read a stack trace from deep inside a kernel.
 *
 * @packageDocumentation
 */

/** Base class of every error lindyn throws on purpose. */
export class LindynError extends Error {
  override name = "LindynError";
}

/** Shapes that do not fit together (matrix products, widths against weights, moments against widths). */
export class ShapeError extends LindynError {
  override name = "ShapeError";
}

/** A value outside its mathematical domain: NaN/∞, a negative variance, a non-symmetric covariance… */
export class DomainError extends LindynError {
  override name = "DomainError";
}

/** An iterative method that did not reach its tolerance within its budget. */
export class ConvergenceError extends LindynError {
  override name = "ConvergenceError";
}

/** Formats a value for an error message: numbers at full precision, arrays abbreviated. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, 6).map(describeValue).join(", ");
    return `[${shown}${items.length > 6 ? `, … (${items.length} entries)` : ""}]`;
  }
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Builds the standard message `parameter = value: requirement. fix`.
 *
 * @example domainMessage("gamma[1]", -0.1, "must be ≥ 0", "weight decay is a penalty; use 0 to switch it off")
 */
export function errorMessage(parameter: string, value: unknown, requirement: string, fix: string): string {
  return `${parameter} = ${describeValue(value)}: ${requirement}. ${fix}`;
}

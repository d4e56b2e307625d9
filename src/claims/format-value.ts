/**
 * Readable printing of counterexamples: numbers on small dyadic grids print as fractions (`3/8`), other
 * numbers as their shortest round-trip decimal, matrices as nested rows. A person should be able to read
 * a shrunk counterexample and redo it by hand (STYLE lesson 14).
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { Matrix } from "../core/matrix.js";

/** Options of {@link formatValue} and {@link formatNumber}. */
export interface FormatOptions {
  /**
   * Largest denominator (a power of two) printed as a fraction; values k/2^m with 2^m above it print as
   * decimals.
   * @defaultValue 64
   */
  readonly maxDenominator?: number;
  /**
   * Longest array printed in full; longer ones are abbreviated with a count.
   * @defaultValue 64
   */
  readonly maxItems?: number;
}

/**
 * Prints one number: integers as integers, `k/2^m` (2^m ≤ `maxDenominator`) as a reduced fraction, other
 * finite numbers as the shortest decimal that reads back to the same double, and `NaN`, `Infinity`,
 * `-Infinity` and `-0` literally.
 */
export function formatNumber(x: number, options: FormatOptions = {}): string {
  const maxDen = options.maxDenominator ?? 64;
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  if (Number.isInteger(x)) return String(x);
  for (let den = 2; den <= maxDen; den *= 2) {
    const num = x * den; // exact: scaling by a power of two
    if (Number.isInteger(num) && Math.abs(num) < 2 ** 53) return `${num}/${den}`;
  }
  return String(x);
}

/**
 * Prints any value readably: numbers with {@link formatNumber}; arrays and typed arrays as `[a, b]`;
 * {@link Matrix} as nested rows; objects as `{ key: value }`; values that define fast-check's
 * `toStringMethod` through it (so an arbitrary can print its recipe rather than derived matrices);
 * everything else with `fc.stringify`.
 */
export function formatValue(value: unknown, options: FormatOptions = {}): string {
  return format(value, options, new Set());
}

function format(value: unknown, options: FormatOptions, seen: Set<unknown>): string {
  const maxItems = options.maxItems ?? 64;
  if (typeof value === "number") return formatNumber(value, options);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "function") return "[function]";
  if (typeof value !== "object") return fc.stringify(value);
  if (fc.hasToStringMethod(value)) return value[fc.toStringMethod]();
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  try {
    if (value instanceof Matrix) return format(value.toArray(), options, seen);
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = Array.from(value as unknown as ArrayLike<unknown>);
      const shown = items.slice(0, maxItems).map((v) => format(v, options, seen));
      if (items.length > maxItems) shown.push(`… (${items.length} entries)`);
      return `[${shown.join(", ")}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return fc.stringify(value);
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${format(v, options, seen)}`,
    );
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  } finally {
    seen.delete(value);
  }
}

/**
 * Short form of a residual or tolerance for messages and tables: three significant digits, exponent
 * form below 1e-3 and from 1e4 (`3.2e-12`), `–` for null.
 */
export function formatResidual(x: number | null | undefined): string {
  if (x === null || x === undefined) return "–";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e4) return String(Number(x.toPrecision(3)));
  const [mantissa, exponent] = x.toExponential(1).split("e");
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/**
 * Parsers for CLI flag values. Each throws a {@link UsageError} naming the flag, the text received, what
 * is required and an example, so that `runCli` prints one clear line and exits with code 2.
 *
 * @packageDocumentation
 */
import { LindynError } from "../../core/errors.js";

/** Bad command-line usage (exit code 2). */
export class UsageError extends LindynError {
  override name = "UsageError";
}

function usage(flag: string, text: string, requirement: string, example: string): UsageError {
  return new UsageError(`${flag} ${JSON.stringify(text)}: ${requirement}. Example: ${flag} ${example}`);
}

/** A finite number. */
export function parseNumber(flag: string, text: string): number {
  const v = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(v)) throw usage(flag, text, "must be a finite number", "0.1");
  return v;
}

/** A comma-separated list of finite numbers (`0.1,0.2`), or a JSON array. */
export function parseNumberList(flag: string, text: string): number[] {
  const trimmed = text.trim();
  const parts = trimmed.startsWith("[") ? safeJson(flag, text) : trimmed.split(",");
  if (!Array.isArray(parts) || parts.length === 0) throw usage(flag, text, "must be a list of numbers", "0.1,0.2");
  return parts.map((p) => {
    const v = typeof p === "number" ? p : typeof p === "string" && p.trim() !== "" ? Number(p) : Number.NaN;
    if (!Number.isFinite(v)) throw usage(flag, text, "must be a comma-separated list of finite numbers", "0.1,0.2");
    return v;
  });
}

/** One number or one per item (`0.1` or `0.1,0.2,0.3`). */
export function parseNumberOrList(flag: string, text: string): number | number[] {
  const list = parseNumberList(flag, text);
  return list.length === 1 ? (list[0] as number) : list;
}

/** A comma-separated list of integers ≥ 1 (`2,4,4,1`). */
export function parseWidths(flag: string, text: string): number[] {
  const list = parseNumberList(flag, text);
  if (list.length < 2 || list.some((w) => !Number.isInteger(w) || w < 1)) {
    throw usage(flag, text, "must list at least two integer widths ≥ 1 (input first, output last)", "2,4,4,1");
  }
  return list;
}

/** A number, a JSON array of numbers, or a JSON array of arrays (a matrix). */
export function parseNumericJson(flag: string, text: string): number | number[] | number[][] {
  const value = safeJson(flag, text);
  const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
  if (isNum(value)) return value;
  if (Array.isArray(value) && value.length > 0 && value.every(isNum)) return value;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((row) => Array.isArray(row) && row.length > 0 && row.every(isNum))
  ) {
    return value as number[][];
  }
  throw usage(flag, text, "must be a number, a JSON list of numbers or a JSON list of rows", "'[[1,0],[0,1]]'");
}

/** A JSON list of matrices (`[[[…]], [[…]]]`). */
export function parseMatrixList(flag: string, text: string): number[][][] {
  const value = safeJson(flag, text);
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (m) =>
        Array.isArray(m) &&
        m.length > 0 &&
        m.every((row) => Array.isArray(row) && row.every((x) => typeof x === "number" && Number.isFinite(x))),
    );
  if (!ok) throw usage(flag, text, "must be a JSON list of matrices (each a list of rows)", "'[[[1,0]],[[2]]]'");
  return value as number[][][];
}

/** An integer ≥ `min`. */
export function parseInteger(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < min)
    throw usage(flag, text, `must be an integer ≥ ${min}`, String(Math.max(min, 1)));
  return v;
}

/** A comma-separated list of integers ≥ `min` (`250,1000,4000`). */
export function parseIntegerList(flag: string, text: string, min: number): number[] {
  const list = text.split(",").map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
  if (list.some((x) => !Number.isSafeInteger(x) || x < min)) {
    throw usage(
      flag,
      text,
      `must be a comma-separated list of integers ≥ ${min}`,
      `${Math.max(min, 1)},${Math.max(min, 1) * 4}`,
    );
  }
  return list;
}

/** A non-negative safe integer. */
export function parseSeed(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) throw usage(flag, text, "must be a non-negative integer", "42");
  return v;
}

/** One of the allowed words. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw usage(flag, text, `must be one of ${choices.join(", ")}`, choices[0] as string);
  }
  return text as T;
}

function safeJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw usage(flag, text, "is not valid JSON", "'[[1,0],[0,1]]'");
  }
}

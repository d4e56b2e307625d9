/**
 * The JSON report of a verification run: a stable, documented schema (`schemaVersion` 1) written by
 * `lindyn verify --json` and `--report <dir>` (results.json).
 *
 * Schema (all keys always present, in this order):
 * ```
 * { schemaVersion: 1, seed, runs: number|null, size: "ci"|"paper", totals: { claims, matched, mismatched, byStatus, millis },
 *   loadErrors: [{ file, message }],
 *   claims: [{ id, title, status, expected, matched, source: { paper, arxiv, section }, statement: { text, latex },
 *              cases, seed, worstResidual, tolerance, counterexample, message, evidence, millis }] }
 * ```
 * `counterexample` is `null` or `{ value, residual, tolerance, reason, seed, path, shrinks, replay }`.
 * Absent optional strings are `null`. Non-finite numbers (a NaN residual, an infinite tolerance) are
 * written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, since JSON has no such numbers. Times are in
 * milliseconds, rounded to 0.1 ms. An incompatible change bumps `schemaVersion`; `size` (the `--size` of the
 * run) was added within version 1, so readers of older reports should treat a missing `size` as `"ci"`.
 *
 * @packageDocumentation
 */
import type { CatalogueError } from "../claims/catalogue.js";
import type { RunSummary } from "../claims/runner.js";
import type { Counterexample, VerdictStatus } from "../claims/verdict.js";
import { Matrix } from "../core/matrix.js";

/** Version of the JSON schema below; bumped on any incompatible change. */
export const JSON_SCHEMA_VERSION = 1;

/** A number, or one of the strings standing for a non-finite number. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** One claim's entry in the JSON report. */
export interface JsonClaimResult {
  readonly id: string;
  readonly title: string;
  readonly status: VerdictStatus;
  readonly expected: string;
  /** `status === expected`. */
  readonly matched: boolean;
  readonly source: { readonly paper: string; readonly arxiv: string | null; readonly section: string | null };
  readonly statement: { readonly text: string; readonly latex: string | null };
  readonly cases: number;
  readonly seed: number;
  readonly worstResidual: JsonNumber | null;
  readonly tolerance: JsonNumber | null;
  readonly counterexample: JsonCounterexample | null;
  readonly message: string;
  readonly evidence: Record<string, unknown>;
  readonly millis: number;
}

/** A counterexample in the JSON report. */
export interface JsonCounterexample {
  readonly value: string;
  readonly residual: JsonNumber | null;
  readonly tolerance: JsonNumber | null;
  readonly reason: string;
  readonly seed: number | null;
  readonly path: string | null;
  readonly shrinks: number;
  readonly replay: string | null;
}

/** The whole JSON report. */
export interface JsonReport {
  readonly schemaVersion: number;
  readonly seed: number;
  readonly runs: number | null;
  /** The run's experiment size (`--size`); added within schema 1, absent in older reports (read as "ci"). */
  readonly size: "ci" | "paper";
  readonly totals: {
    readonly claims: number;
    readonly matched: number;
    readonly mismatched: number;
    readonly byStatus: Record<VerdictStatus, number>;
    readonly millis: number;
  };
  readonly loadErrors: readonly CatalogueError[];
  readonly claims: readonly JsonClaimResult[];
}

/** Options of {@link toJsonReport}. */
export interface ReportOptions {
  /** Catalogue files that failed to load (they count as failures of the run). @defaultValue [] */
  readonly loadErrors?: readonly CatalogueError[];
}

/** Builds the JSON report object of a run. */
export function toJsonReport(summary: RunSummary, options: ReportOptions = {}): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    seed: summary.seed,
    runs: summary.runs,
    size: summary.size,
    totals: {
      claims: summary.totals.claims,
      matched: summary.totals.matched,
      mismatched: summary.totals.mismatched,
      byStatus: { ...summary.totals.byStatus },
      millis: roundMillis(summary.totals.millis),
    },
    loadErrors: (options.loadErrors ?? []).map((e) => ({ file: e.file, message: e.message })),
    claims: summary.outcomes.map(({ claim, verdict, expected, matched }) => ({
      id: claim.id,
      title: claim.title,
      status: verdict.status,
      expected,
      matched,
      source: { paper: claim.source.paper, arxiv: claim.source.arxiv ?? null, section: claim.source.section ?? null },
      statement: { text: claim.statement.text, latex: claim.statement.latex ?? null },
      cases: verdict.cases,
      seed: verdict.seed,
      worstResidual: jsonNumber(verdict.worstResidual),
      tolerance: jsonNumber(verdict.tolerance),
      counterexample: jsonCounterexample(verdict.counterexample),
      message: verdict.message,
      evidence: jsonSafe(verdict.evidence) as Record<string, unknown>,
      millis: roundMillis(verdict.millis),
    })),
  };
}

/** Serialises the report: two-space indentation and a final newline. */
export function stringifyJsonReport(report: JsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A number for JSON: non-finite numbers become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function jsonNumber(x: number | null): JsonNumber | null {
  if (x === null) return null;
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  return x;
}

function jsonCounterexample(c: Counterexample | null): JsonCounterexample | null {
  if (c === null) return null;
  return {
    value: c.value,
    residual: jsonNumber(c.residual),
    tolerance: jsonNumber(c.tolerance),
    reason: c.reason,
    seed: c.seed,
    path: c.path,
    shrinks: c.shrinks,
    replay: c.replay,
  };
}

function roundMillis(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Converts evidence into plain JSON: matrices to rows, typed arrays to arrays, non-finite numbers to strings. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (typeof value === "number") return jsonNumber(value);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Matrix) return value.toArray().map((row) => row.map((x) => jsonNumber(x)));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => jsonNumber(Number(x)));
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = jsonSafe(v, depth + 1);
  return out;
}

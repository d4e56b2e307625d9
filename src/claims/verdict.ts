/**
 * Verdicts: what checking a claim concluded, with the evidence behind it. Never a bare boolean: a verdict
 * separates `refuted` (a counterexample exists) from `inconclusive` (the engine could not decide) from
 * `unsupported` (the engine cannot even attempt it), after compute-engine's tri-state `isEqual`.
 *
 * @packageDocumentation
 */

/**
 * The outcome of checking a claim.
 *
 * - `proved`: a symbolic identity verified exactly (no tolerance involved).
 * - `verified`: numeric or property evidence within a stated tolerance on every case tried.
 * - `refuted`: a counterexample was found (shrunk to a readable one when the claim is a property).
 * - `inconclusive`: the check could not decide: an integrator failed, a tolerance was not reachable, the
 *   budget ran out, a case produced a non-finite number, or the check itself threw.
 * - `unsupported`: the engine cannot derive or test this statement at all.
 */
export type VerdictStatus = "proved" | "verified" | "refuted" | "inconclusive" | "unsupported";

/** Every verdict status, in report order. */
export const VERDICT_STATUSES: readonly VerdictStatus[] = [
  "proved",
  "verified",
  "refuted",
  "inconclusive",
  "unsupported",
];

/**
 * A counterexample, printed for people and replayable by machines.
 *
 * For a property claim, `value` is the shrunk case with numbers printed as short decimals or small
 * fractions (see {@link formatValue}); `seed` and `path` replay exactly that case through fast-check, and
 * `replay` is the command line that does so.
 */
export interface Counterexample {
  /** The failing case, readable (numbers as printed decimals or fractions such as `3/8`). */
  readonly value: string;
  /** The failing case's residual (what was measured), when the check measured one. */
  readonly residual: number | null;
  /** The tolerance the residual had to meet. */
  readonly tolerance: number | null;
  /** Why this case fails, in words (e.g. `‖Q(t) − Q(0)‖/‖Q(0)‖ = 0.31 > 1e-8`). */
  readonly reason: string;
  /** The fast-check seed that generated the case (`null` when the check did not use fast-check). */
  readonly seed: number | null;
  /** The fast-check replay path of the shrunk case (`null` when the check did not use fast-check). */
  readonly path: string | null;
  /** How many shrinking steps led from the first failure to this case. */
  readonly shrinks: number;
  /** A command that replays the case (filled in by the runner, which knows the global seed). */
  readonly replay: string | null;
}

/**
 * A JSON-safe record of supporting facts (counts, per-case extremes, integrator statistics…). Keep it
 * small: it is printed in reports.
 */
export type Evidence = Readonly<Record<string, unknown>>;

/**
 * What a claim's `check` returns. The runner completes it into a {@link Verdict}: it adds the seed and the
 * timing, fills absent fields, and enforces consistency (see {@link Verdict}).
 */
export interface CheckResult {
  readonly status: VerdictStatus;
  /** One sentence saying what was established or why not. */
  readonly message: string;
  /** Number of cases tried (settings, initialisations, sample points…). @defaultValue 1 */
  readonly cases?: number;
  /** The worst residual met, comparable with `tolerance` (`residual ≤ tolerance` means the case passed). */
  readonly worstResidual?: number | null;
  /** The tolerance the worst residual was held to. */
  readonly tolerance?: number | null;
  /** Required when `status` is `refuted`. */
  readonly counterexample?: Counterexample | null;
  readonly evidence?: Evidence;
}

/**
 * The completed verdict on one claim, as reported.
 *
 * The runner guarantees: `verified` only if `worstResidual ≤ tolerance` when both are reported (otherwise
 * the verdict is downgraded to `inconclusive` and `message` says why); `refuted` only with a
 * counterexample; a `check` that throws yields `inconclusive` with the error message.
 */
export interface Verdict {
  readonly status: VerdictStatus;
  readonly message: string;
  readonly cases: number;
  /** The seed the check ran with (the run's global seed: every claim receives the same one). */
  readonly seed: number;
  readonly worstResidual: number | null;
  readonly tolerance: number | null;
  readonly counterexample: Counterexample | null;
  readonly evidence: Evidence;
  /** Wall-clock time of the check in milliseconds, measured by the runner. */
  readonly millis: number;
}

/** True when `value` is one of the five verdict statuses. */
export function isVerdictStatus(value: unknown): value is VerdictStatus {
  return typeof value === "string" && (VERDICT_STATUSES as readonly string[]).includes(value);
}

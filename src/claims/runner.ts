/**
 * The runner: checks claims one after another with a seed and a case budget, turns whatever a check does
 * (returns, throws, returns nonsense) into an honest {@link Verdict}, and reports progress.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import { CLAIM_SIZES, type Claim, type ClaimContext, type ClaimSize, type ExpectedStatus } from "./claim.js";
import { formatResidual as shortNumber } from "./format-value.js";
import { type CheckResult, isVerdictStatus, VERDICT_STATUSES, type Verdict, type VerdictStatus } from "./verdict.js";

/**
 * The seed used when none is given, by `lindyn verify` and by the vitest adapter alike (the same value as
 * the fast-check seed pinned in test/setup.ts). Override with `--seed` or `LINDYN_SEED`.
 */
export const DEFAULT_SEED = 20221123;

/**
 * The default seed of a run: `LINDYN_SEED` from the environment when set (the variable test/setup.ts
 * reads too), else {@link DEFAULT_SEED}. `lindyn verify` and the vitest adapter both use it, so they check
 * every claim with the same seed.
 *
 * @throws DomainError when `LINDYN_SEED` is set but is not an integer in the 32-bit signed range
 */
export function seedFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.LINDYN_SEED;
  if (text === undefined || text.trim() === "") return DEFAULT_SEED;
  return requireSeed(Number(text), "LINDYN_SEED");
}

/**
 * The default experiment size of a run: `LINDYN_SIZE` from the environment when set (the vitest adapter
 * reads it like `LINDYN_RUNS`), else `"ci"`.
 *
 * @throws DomainError when `LINDYN_SIZE` is set to anything but `ci` or `paper`
 */
export function sizeFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): ClaimSize {
  const text = env.LINDYN_SIZE;
  if (text === undefined || text.trim() === "") return "ci";
  return requireSize(text.trim(), "LINDYN_SIZE");
}

/** Validates an experiment size: `"ci"` or `"paper"`. */
export function requireSize(size: string, name = "size"): ClaimSize {
  if (!(CLAIM_SIZES as readonly string[]).includes(size)) {
    throw new DomainError(
      errorMessage(name, size, `must be one of ${CLAIM_SIZES.join(", ")}`, `Pass e.g. ${name} paper.`),
    );
  }
  return size as ClaimSize;
}

/** Options of {@link runClaim} and {@link runClaims}. */
export interface RunOptions {
  /** Seed passed to every check. @defaultValue {@link DEFAULT_SEED} */
  readonly seed?: number;
  /** Cases per claim, overriding each claim's `defaults.runs`. @defaultValue undefined (claim defaults) */
  readonly runs?: number;
  /** fast-check replay path (meaningful only when running one claim). @defaultValue undefined */
  readonly path?: string;
  /** Experiment size given to every check as `ctx.size`. @defaultValue "ci" */
  readonly size?: ClaimSize;
  /** Called before and after each claim. @defaultValue undefined */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** Progress of a run: a claim is starting or has finished. `index` is 0-based, `total` the run's size. */
export type ProgressEvent =
  | { readonly kind: "start"; readonly index: number; readonly total: number; readonly claim: Claim }
  | {
      readonly kind: "finish";
      readonly index: number;
      readonly total: number;
      readonly claim: Claim;
      readonly verdict: Verdict;
      readonly matched: boolean;
    };

/** One claim's outcome in a run. */
export interface ClaimOutcome {
  readonly claim: Claim;
  readonly verdict: Verdict;
  readonly expected: ExpectedStatus;
  /** `verdict.status === expected`. */
  readonly matched: boolean;
}

/** Counts over a run. */
export interface RunTotals {
  readonly claims: number;
  /** Claims whose verdict equals their expected status. */
  readonly matched: number;
  readonly mismatched: number;
  readonly byStatus: Readonly<Record<VerdictStatus, number>>;
  readonly millis: number;
}

/** The result of {@link runClaims}. */
export interface RunSummary {
  readonly seed: number;
  /** The `runs` override, or `null` when each claim used its own default. */
  readonly runs: number | null;
  /** The experiment size every claim was given. */
  readonly size: ClaimSize;
  readonly outcomes: readonly ClaimOutcome[];
  readonly totals: RunTotals;
}

/** Validates a seed: an integer in the 32-bit signed range (what fast-check and {@link Rng} accept alike). */
export function requireSeed(seed: number, name = "seed"): number {
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new DomainError(
      errorMessage(name, seed, "must be an integer in [−2³¹, 2³¹)", "Pass a whole number such as 42."),
    );
  }
  return seed;
}

/** Validates a case budget: an integer ≥ 1. */
export function requireRuns(runs: number, name = "runs"): number {
  if (!Number.isInteger(runs) || runs < 1) {
    throw new DomainError(errorMessage(name, runs, "must be an integer ≥ 1", "Pass e.g. 200 for a deeper run."));
  }
  return runs;
}

/**
 * Checks one claim and returns its completed verdict. Never throws because of the claim: a throwing
 * check, a non-verdict return value, `verified` with a residual above its tolerance, or `refuted` without
 * a counterexample all become `inconclusive` with a message that says so.
 */
export async function runClaim(claim: Claim, options: RunOptions = {}): Promise<Verdict> {
  const seed = requireSeed(options.seed ?? DEFAULT_SEED);
  const runs = options.runs === undefined ? claim.defaults.runs : requireRuns(options.runs);
  const size = requireSize(options.size ?? "ci");
  const ctx: ClaimContext =
    options.path === undefined ? { seed, runs, size } : { seed, runs, size, path: options.path };
  const start = performance.now();
  let result: unknown;
  try {
    result = await claim.check(ctx);
  } catch (error) {
    const millis = performance.now() - start;
    return {
      status: "inconclusive",
      message: `the check threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      cases: 0,
      seed,
      worstResidual: null,
      tolerance: null,
      counterexample: null,
      evidence: {},
      millis,
    };
  }
  const millis = performance.now() - start;
  return complete(claim, result, seed, millis);
}

/**
 * Checks claims sequentially (in the given order) and summarises. Selection (patterns, grep, shards)
 * happens before, with {@link selectClaims}.
 */
export async function runClaims(claims: readonly Claim[], options: RunOptions = {}): Promise<RunSummary> {
  const seed = requireSeed(options.seed ?? DEFAULT_SEED);
  if (options.runs !== undefined) requireRuns(options.runs);
  const size = requireSize(options.size ?? "ci");
  const outcomes: ClaimOutcome[] = [];
  const total = claims.length;
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const claim = claims[index] as Claim;
    options.onProgress?.({ kind: "start", index, total, claim });
    const verdict = await runClaim(claim, { ...options, seed, size });
    const matched = verdict.status === claim.expected;
    outcomes.push({ claim, verdict, expected: claim.expected, matched });
    options.onProgress?.({ kind: "finish", index, total, claim, verdict, matched });
  }
  return { seed, runs: options.runs ?? null, size, outcomes, totals: totalsOf(outcomes, performance.now() - start) };
}

/** Counts of a list of outcomes. */
export function totalsOf(outcomes: readonly ClaimOutcome[], millis: number): RunTotals {
  const byStatus = Object.fromEntries(VERDICT_STATUSES.map((s) => [s, 0])) as Record<VerdictStatus, number>;
  let matched = 0;
  for (const o of outcomes) {
    byStatus[o.verdict.status]++;
    if (o.matched) matched++;
  }
  return { claims: outcomes.length, matched, mismatched: outcomes.length - matched, byStatus, millis };
}

/** The command line that replays a counterexample path. */
export function replayCommand(id: string, seed: number, path: string): string {
  return `lindyn verify ${id} --seed ${seed} --path ${path}`;
}

function complete(claim: Claim, raw: unknown, seed: number, millis: number): Verdict {
  const base = { seed, millis, counterexample: null, worstResidual: null, tolerance: null, evidence: {} };
  if (raw === null || typeof raw !== "object" || !isVerdictStatus((raw as CheckResult).status)) {
    return {
      ...base,
      status: "inconclusive",
      message: `the check returned ${describe(raw)}, not a CheckResult with a status (fix the claim)`,
      cases: 0,
    };
  }
  const r = raw as CheckResult;
  const cases = Number.isInteger(r.cases) && (r.cases as number) >= 0 ? (r.cases as number) : 1;
  const worstResidual = typeof r.worstResidual === "number" ? r.worstResidual : null;
  const tolerance = typeof r.tolerance === "number" ? r.tolerance : null;
  const evidence = r.evidence !== null && typeof r.evidence === "object" ? r.evidence : {};
  const message = typeof r.message === "string" && r.message !== "" ? r.message : "(no message)";
  let counterexample = r.counterexample ?? null;
  if (counterexample !== null && counterexample.path !== null && counterexample.replay === null) {
    counterexample = {
      ...counterexample,
      replay: replayCommand(claim.id, counterexample.seed ?? seed, counterexample.path),
    };
  }
  const verdict: Verdict = {
    ...base,
    status: r.status,
    message,
    cases,
    worstResidual,
    tolerance,
    counterexample,
    evidence,
  };
  if ((r.status === "verified" || r.status === "proved") && worstResidual !== null && tolerance !== null) {
    if (!(worstResidual <= tolerance)) {
      return {
        ...verdict,
        status: "inconclusive",
        message: `the check reported ${r.status} but its worst residual ${shortNumber(worstResidual)} exceeds its tolerance ${shortNumber(tolerance)} (${message})`,
      };
    }
  }
  if (r.status === "refuted" && counterexample === null) {
    return {
      ...verdict,
      status: "inconclusive",
      message: `the check reported refuted without a counterexample (${message})`,
    };
  }
  return verdict;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "boolean") return `the boolean ${value}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

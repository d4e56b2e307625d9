/**
 * Property claims: "for every generated setting, this residual meets its tolerance", checked by
 * fast-check with the run's seed, shrunk to a readable counterexample when false.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { type CaseOutcome, type CaseResult, classifyCase, severity } from "./case-result.js";
import { type Claim, type ClaimContext, type ClaimSpec, defineClaim } from "./claim.js";
import { formatValue, formatResidual as shortNumber } from "./format-value.js";
import type { CheckResult, Counterexample, Evidence } from "./verdict.js";

/** Options of {@link checkProperty}. */
export interface PropertyOptions<T> {
  /**
   * Prints a case for people. Prefer arbitraries whose values print well by themselves (small integers,
   * k/8 grids, or a recipe via fast-check's `toStringMethod`).
   * @defaultValue {@link formatValue}
   */
  readonly format?: (value: T) => string;
  /**
   * Largest fraction of generated cases that may be undecided (`{ inconclusive }` or a throw) while the
   * verdict is still `verified`. The count is always reported.
   * @defaultValue 0
   */
  readonly maxInconclusiveFraction?: number;
  /**
   * Wall-clock budget in milliseconds; when it runs out before `ctx.runs` cases, the verdict is
   * `inconclusive` (unless a counterexample was already found).
   * @defaultValue undefined (no limit)
   */
  readonly timeLimitMillis?: number;
}

/** What {@link propertyClaim} needs: a claim spec without `check`, plus the arbitrary and the property. */
export interface PropertyClaimSpec<T> extends Omit<ClaimSpec, "check">, PropertyOptions<T> {
  /** Generates the settings the statement quantifies over ("for all architectures, γ, …"). */
  readonly arbitrary: fc.Arbitrary<T>;
  /**
   * Decides one setting: `{ residual, tolerance }` (passes iff residual ≤ tolerance) or `{ inconclusive }`
   * with the reason. A throw counts as undecided with the error's message, never as a counterexample.
   */
  readonly property: (value: T) => CaseResult | Promise<CaseResult>;
}

/**
 * Builds a {@link Claim} whose check runs {@link checkProperty}. `defaults.timeLimitMillis` is used as the
 * time budget when `timeLimitMillis` is not given.
 *
 * @example
 * ```ts
 * export default propertyClaim({
 *   id: "du2018.conservation", title: "…", source: { paper: "…", arxiv: "1806.00900", section: "Thm 2.1" },
 *   statement: { text: "…" }, expected: "verified", defaults: { runs: 40 },
 *   arbitrary: settingArb(),
 *   property: (s) => ({ residual: imbalanceDrift(s), tolerance: 1e-7 }),
 * });
 * ```
 */
export function propertyClaim<T>(spec: PropertyClaimSpec<T>): Claim {
  const { arbitrary, property, format, maxInconclusiveFraction, timeLimitMillis, ...rest } = spec;
  const claim = defineClaim({
    ...rest,
    tags: rest.tags ?? ["property"],
    check: (ctx) => {
      const limit = timeLimitMillis ?? claim.defaults.timeLimitMillis;
      return checkProperty(arbitrary, property, ctx, {
        ...(format === undefined ? {} : { format }),
        ...(maxInconclusiveFraction === undefined ? {} : { maxInconclusiveFraction }),
        ...(limit === undefined ? {} : { timeLimitMillis: limit }),
      });
    },
  });
  return claim;
}

/**
 * Runs a property with fast-check (`seed = ctx.seed`, `numRuns = ctx.runs`, replaying `ctx.path` when
 * set) and returns a verdict:
 *
 * - `refuted` when some case fails: the counterexample is the shrunk case, printed with `format`, with its
 *   residual, tolerance, seed and replay path;
 * - `inconclusive` when more than `maxInconclusiveFraction` of the generated cases were undecided, when
 *   the time budget ran out, or when fast-check itself could not run (e.g. an arbitrary threw);
 * - `verified` otherwise, with the worst residual (largest residual/tolerance) and its tolerance.
 *
 * Undecided cases count as passing for fast-check, so shrinking never walks into a case that merely
 * could not be decided.
 */
export async function checkProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  property: (value: T) => CaseResult | Promise<CaseResult>,
  ctx: ClaimContext,
  options: PropertyOptions<T> = {},
): Promise<CheckResult> {
  const format = options.format ?? ((v: T) => formatValue(v));
  const maxFraction = options.maxInconclusiveFraction ?? 0;
  let shrinking = false;
  let generated = 0;
  let passed = 0;
  let undecided = 0;
  let firstUndecided: { value: T; reason: string } | undefined;
  let worst: { value: T; residual: number; tolerance: number } | undefined;
  let lastFailure: { value: T; outcome: CaseOutcome & { kind: "fail" } } | undefined;

  const evaluate = async (value: T): Promise<CaseOutcome> => {
    try {
      return classifyCase(await property(value));
    } catch (error) {
      if (fc.PreconditionFailure.isFailure(error)) throw error;
      return { kind: "undecided", reason: `the case threw ${describeError(error)}` };
    }
  };

  const predicate = async (value: T): Promise<boolean> => {
    const outcome = await evaluate(value);
    if (!shrinking) {
      generated++;
      if (outcome.kind === "undecided") {
        undecided++;
        firstUndecided ??= { value, reason: outcome.reason };
      } else {
        if (outcome.kind === "pass") passed++;
        if (
          worst === undefined ||
          severity(outcome.residual, outcome.tolerance) > severity(worst.residual, worst.tolerance)
        ) {
          worst = { value, residual: outcome.residual, tolerance: outcome.tolerance };
        }
      }
    }
    if (outcome.kind === "fail") {
      shrinking = true;
      lastFailure = { value, outcome };
      return false;
    }
    return true;
  };

  const params: fc.Parameters<[T]> = {
    seed: ctx.seed,
    numRuns: ctx.runs,
    ...(ctx.path === undefined ? {} : { path: ctx.path }),
    ...(options.timeLimitMillis === undefined
      ? {}
      : { interruptAfterTimeLimit: options.timeLimitMillis, markInterruptAsFailure: false }),
  };
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), params);

  const evidence: Evidence = {
    passed,
    undecided,
    ...(firstUndecided === undefined
      ? {}
      : { firstUndecided: `${format(firstUndecided.value)}: ${firstUndecided.reason}` }),
    ...(worst === undefined ? {} : { worstCase: format(worst.value) }),
    shrinks: details.numShrinks,
    skipped: details.numSkips,
  };
  const worstResidual = worst?.residual ?? null;
  const tolerance = worst?.tolerance ?? null;

  if (details.failed) {
    const shrunk = details.counterexample?.[0];
    if (details.counterexample === null || lastFailure === undefined) {
      return {
        status: "inconclusive",
        message: `fast-check could not run the property: ${firstLine(fc.defaultReportMessage(details) ?? "unknown failure")}`,
        cases: generated,
        worstResidual,
        tolerance,
        evidence,
      };
    }
    let failure = lastFailure.outcome;
    if (lastFailure.value !== shrunk) {
      // fast-check cloned the value: re-decide the reported case so residual and value agree.
      const again = await evaluate(shrunk as T);
      if (again.kind === "fail") failure = again;
    }
    const value = format(shrunk as T);
    const reason = `residual ${shortNumber(failure.residual)} > tolerance ${shortNumber(failure.tolerance)}${failure.note ? ` (${failure.note})` : ""}`;
    const counterexample: Counterexample = {
      value,
      residual: failure.residual,
      tolerance: failure.tolerance,
      reason,
      seed: details.seed,
      path: details.counterexamplePath,
      shrinks: details.numShrinks,
      replay: null,
    };
    return {
      status: "refuted",
      message: `counterexample found after ${generated} case${generated === 1 ? "" : "s"} and shrunk ${details.numShrinks}×: ${reason}`,
      cases: generated,
      worstResidual,
      tolerance,
      counterexample,
      evidence,
    };
  }
  if (details.interrupted) {
    return {
      status: "inconclusive",
      message: `time budget of ${options.timeLimitMillis} ms exhausted after ${generated} of ${ctx.runs} cases (no counterexample so far)`,
      cases: generated,
      worstResidual,
      tolerance,
      evidence,
    };
  }
  if (generated === 0 || passed === 0) {
    return {
      status: "inconclusive",
      message:
        generated === 0
          ? "no case was generated"
          : `none of ${generated} cases could be decided (first: ${firstUndecided?.reason ?? "?"})`,
      cases: generated,
      worstResidual,
      tolerance,
      evidence,
    };
  }
  if (undecided > maxFraction * generated) {
    return {
      status: "inconclusive",
      message: `${undecided} of ${generated} cases could not be decided (first: ${firstUndecided?.reason ?? "?"}); the other cases passed`,
      cases: generated,
      worstResidual,
      tolerance,
      evidence,
    };
  }
  const undecidedNote = undecided > 0 ? `; ${undecided} undecided (allowed)` : "";
  return {
    status: "verified",
    message: `${passed} generated cases within tolerance: worst residual ${shortNumber(worstResidual)} ≤ ${shortNumber(tolerance)}${undecidedNote}`,
    cases: generated,
    worstResidual,
    tolerance,
    evidence,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "");
  return line?.trim() ?? text;
}

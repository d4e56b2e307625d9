/**
 * Aggregation of per-case residuals into a verdict: the worst residual against its tolerance, counts of
 * passing, failing and undecided cases, and the worst failing case as counterexample.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import { type CaseOutcome, type CaseResult, classifyCase, severity } from "./case-result.js";
import { formatResidual as shortNumber } from "./format-value.js";
import type { CheckResult, Counterexample, Evidence } from "./verdict.js";

/** Options of {@link ResidualTally.result} and {@link residualCheck}. */
export interface ResidualCheckOptions {
  /**
   * Largest fraction of undecided cases that still allows `verified` (the undecided count is always
   * reported). Keep 0 unless the claim explains why some cases may legitimately be undecidable.
   * @defaultValue 0
   */
  readonly maxInconclusiveFraction?: number;
  /** Extra evidence merged into the verdict's evidence. @defaultValue {} */
  readonly evidence?: Evidence;
  /** What a case is, for messages (e.g. `"settings"`, `"sample times"`). @defaultValue "cases" */
  readonly noun?: string;
}

interface Ranked {
  readonly label: string;
  readonly residual: number;
  readonly tolerance: number;
  readonly note?: string;
}

/**
 * Collects case results one at a time (for checks that loop themselves) and turns them into a
 * {@link CheckResult}: `refuted` if any case failed (the worst one, by residual/tolerance, becomes the
 * counterexample), `inconclusive` if too many were undecided or none were tried, `verified` otherwise.
 *
 * @example
 * ```ts
 * const tally = new ResidualTally();
 * for (const t of times) tally.add(`t = ${t}`, { residual: err(t), tolerance: 1e-8 });
 * return tally.result();
 * ```
 */
export class ResidualTally {
  private passed = 0;
  private failed = 0;
  private undecidedCount = 0;
  private firstUndecided: string | undefined;
  private worst: Ranked | undefined;
  private worstFailure: Ranked | undefined;

  /** Adds one case and returns how it was classified. */
  add(label: string, result: CaseResult): CaseOutcome {
    const outcome = classifyCase(result);
    if (outcome.kind === "undecided") {
      this.undecidedCount++;
      this.firstUndecided ??= `${label}: ${outcome.reason}`;
      return outcome;
    }
    const ranked: Ranked = {
      label,
      residual: outcome.residual,
      tolerance: outcome.tolerance,
      ...(outcome.note === undefined ? {} : { note: outcome.note }),
    };
    if (
      this.worst === undefined ||
      severity(ranked.residual, ranked.tolerance) > severity(this.worst.residual, this.worst.tolerance)
    ) {
      this.worst = ranked;
    }
    if (outcome.kind === "pass") {
      this.passed++;
    } else {
      this.failed++;
      this.worstFailure = this.worst;
    }
    return outcome;
  }

  /** Shorthand for `add(label, { residual, tolerance, note })`. */
  measure(label: string, residual: number, tolerance: number, note?: string): CaseOutcome {
    return this.add(label, note === undefined ? { residual, tolerance } : { residual, tolerance, note });
  }

  /** Shorthand for `add(label, { inconclusive: reason })`. */
  undecided(label: string, reason: string): CaseOutcome {
    return this.add(label, { inconclusive: reason });
  }

  /** Cases added so far. */
  get cases(): number {
    return this.passed + this.failed + this.undecidedCount;
  }

  /** The verdict so far. */
  result(options: ResidualCheckOptions = {}): CheckResult {
    const maxFraction = options.maxInconclusiveFraction ?? 0;
    if (!(maxFraction >= 0 && maxFraction <= 1)) {
      throw new DomainError(
        errorMessage(
          "maxInconclusiveFraction",
          maxFraction,
          "must lie in [0, 1]",
          "Use 0 unless undecidable cases are expected.",
        ),
      );
    }
    const noun = options.noun ?? "cases";
    const cases = this.cases;
    const evidence: Evidence = {
      passed: this.passed,
      failed: this.failed,
      undecided: this.undecidedCount,
      ...(this.firstUndecided === undefined ? {} : { firstUndecided: this.firstUndecided }),
      ...(options.evidence ?? {}),
    };
    const worstResidual = this.worst?.residual ?? null;
    const tolerance = this.worst?.tolerance ?? null;
    if (this.worstFailure !== undefined) {
      const f = this.worstFailure;
      const counterexample: Counterexample = {
        value: f.label,
        residual: f.residual,
        tolerance: f.tolerance,
        reason: `residual ${shortNumber(f.residual)} > tolerance ${shortNumber(f.tolerance)}${f.note ? ` (${f.note})` : ""}`,
        seed: null,
        path: null,
        shrinks: 0,
        replay: null,
      };
      return {
        status: "refuted",
        message: `${this.failed} of ${cases} ${noun} violate the bound; worst: ${f.label}`,
        cases,
        worstResidual,
        tolerance,
        counterexample,
        evidence,
      };
    }
    if (cases === 0) {
      return { status: "inconclusive", message: `no ${noun} were tried`, cases, evidence };
    }
    if (this.undecidedCount > maxFraction * cases || this.passed === 0) {
      return {
        status: "inconclusive",
        message: `${this.undecidedCount} of ${cases} ${noun} could not be decided (first: ${this.firstUndecided})`,
        cases,
        worstResidual,
        tolerance,
        evidence,
      };
    }
    const undecidedNote = this.undecidedCount > 0 ? `; ${this.undecidedCount} undecided (allowed)` : "";
    return {
      status: "verified",
      message: `${this.passed} ${noun} within tolerance: worst residual ${shortNumber(worstResidual)} ≤ ${shortNumber(tolerance)}${undecidedNote}`,
      cases,
      worstResidual,
      tolerance,
      evidence,
    };
  }
}

/**
 * Aggregates labelled case results into a verdict in one call (see {@link ResidualTally}).
 *
 * @example
 * ```ts
 * return residualCheck(depths.map((L) => ({ label: `L = ${L}`, result: { residual: gap(L), tolerance: 1e-10 } })));
 * ```
 */
export function residualCheck(
  cases: Iterable<{ readonly label: string; readonly result: CaseResult }>,
  options: ResidualCheckOptions = {},
): CheckResult {
  const tally = new ResidualTally();
  for (const c of cases) tally.add(c.label, c.result);
  return tally.result(options);
}

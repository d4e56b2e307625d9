/**
 * The tri-state result of one case of a claim: a measured residual held to a tolerance, or an honest
 * "could not decide" (integrator failure, non-finite numbers, an unreachable tolerance).
 *
 * @packageDocumentation
 */

/** One case measured: it passes iff `residual ≤ tolerance`. */
export interface CaseMeasured {
  /** What was measured: an error, a violation margin (`max(0, −λ_min)`), a relative gap… (normally ≥ 0). */
  readonly residual: number;
  /** The bound the residual must meet; finite and ≥ 0. State why it is this value in the claim. */
  readonly tolerance: number;
  /** Optional words shown with a failing case, e.g. which layer or time violated the bound. */
  readonly note?: string;
}

/** One case the check could not decide, with the reason (e.g. `integrator: step-underflow at t = 3.2`). */
export interface CaseInconclusive {
  readonly inconclusive: string;
}

/** The result of one case. A case never answers with a bare boolean. */
export type CaseResult = CaseMeasured | CaseInconclusive;

/** Builds a measured case. */
export function measured(residual: number, tolerance: number, note?: string): CaseMeasured {
  return note === undefined ? { residual, tolerance } : { residual, tolerance, note };
}

/** Builds an undecided case. */
export function inconclusiveCase(reason: string): CaseInconclusive {
  return { inconclusive: reason };
}

/** How a case result is read: pass, fail, or undecided (with the reason). */
export type CaseOutcome =
  | { readonly kind: "pass"; readonly residual: number; readonly tolerance: number; readonly note?: string }
  | { readonly kind: "fail"; readonly residual: number; readonly tolerance: number; readonly note?: string }
  | { readonly kind: "undecided"; readonly reason: string };

/**
 * Classifies a case result. A non-finite residual is undecided, not a failure: NaN is evidence that a
 * computation broke, not that the statement is false (so a negative control cannot pass on NaNs). An
 * invalid tolerance, or a value that is not a case result at all, is undecided with a message that
 * points at the claim's code.
 */
export function classifyCase(result: unknown): CaseOutcome {
  if (result !== null && typeof result === "object") {
    const r = result as Partial<CaseMeasured> & Partial<CaseInconclusive>;
    if (typeof r.inconclusive === "string") return { kind: "undecided", reason: r.inconclusive };
    if (typeof r.residual === "number" && typeof r.tolerance === "number") {
      const { residual, tolerance } = r;
      const note = typeof r.note === "string" ? { note: r.note } : {};
      if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
        return {
          kind: "undecided",
          reason: `the case reported tolerance ${tolerance}: a tolerance must be finite and ≥ 0 (fix the claim)`,
        };
      }
      if (!Number.isFinite(residual)) {
        return {
          kind: "undecided",
          reason: `the case produced a non-finite residual (${residual})${note.note ? `: ${note.note}` : ""}`,
        };
      }
      return { kind: residual <= tolerance ? "pass" : "fail", residual, tolerance, ...note };
    }
  }
  return {
    kind: "undecided",
    reason: `the case returned ${typeof result === "object" ? JSON.stringify(result) : String(result)}, not { residual, tolerance } or { inconclusive } (fix the claim)`,
  };
}

/** The ratio by which cases are ranked: residual / tolerance (∞ for a positive residual at zero tolerance). */
export function severity(residual: number, tolerance: number): number {
  if (tolerance > 0) return residual / tolerance;
  return residual > 0 ? Number.POSITIVE_INFINITY : 0;
}

/**
 * Combines several measurements of one case (e.g. a loss gap and a structure residual, each with its own
 * tolerance) into one case result: the worst failing part if any part fails (a failure is definite even
 * when other parts were undecided), otherwise the first undecided part, otherwise the part closest to its
 * bound (largest residual/tolerance). The part's label goes into the note, so a counterexample says which
 * condition broke.
 *
 * @example
 * ```ts
 * return worstOf({ "loss gap": { residual: gap, tolerance: 1e-8 }, "rank": { residual: s2 / s1, tolerance: 1e-6 } });
 * ```
 */
export function worstOf(
  parts: Iterable<readonly [label: string, result: CaseResult]> | Readonly<Record<string, CaseResult>>,
): CaseResult {
  const entries: (readonly [string, CaseResult])[] =
    Symbol.iterator in parts
      ? [...(parts as Iterable<readonly [string, CaseResult]>)]
      : Object.entries(parts as Readonly<Record<string, CaseResult>>);
  let worstFail: { label: string; o: CaseOutcome & { kind: "fail" } } | undefined;
  let worstPass: { label: string; o: CaseOutcome & { kind: "pass" } } | undefined;
  let undecided: string | undefined;
  for (const [label, result] of entries) {
    const o = classifyCase(result);
    if (o.kind === "undecided") undecided ??= `${label}: ${o.reason}`;
    else if (o.kind === "fail") {
      if (
        worstFail === undefined ||
        severity(o.residual, o.tolerance) > severity(worstFail.o.residual, worstFail.o.tolerance)
      ) {
        worstFail = { label, o };
      }
    } else if (
      worstPass === undefined ||
      severity(o.residual, o.tolerance) > severity(worstPass.o.residual, worstPass.o.tolerance)
    ) {
      worstPass = { label, o };
    }
  }
  const pick = worstFail ?? (undecided === undefined ? worstPass : undefined);
  if (pick !== undefined) {
    return measured(pick.o.residual, pick.o.tolerance, pick.o.note ? `${pick.label}: ${pick.o.note}` : pick.label);
  }
  return { inconclusive: undecided ?? "no measurements were combined" };
}

/**
 * A case made of several measured parts, each with its own tolerance: the case reports the part with the
 * largest ratio residual/tolerance, with that part's own residual and tolerance, and the note names it.
 * A NaN part makes the whole case undecided (never a pass, never a counterexample).
 *
 * @packageDocumentation
 */
import { type CaseResult, severity } from "../../src/claims/case-result.js";
import { formatResidual } from "../../src/claims/format-value.js";

/** Collects the parts of one case. */
export class Parts {
  private readonly items: { name: string; residual: number; tolerance: number }[] = [];

  /** Adds a part: passes iff residual ≤ tolerance. */
  add(name: string, residual: number, tolerance: number): this {
    this.items.push({ name, residual, tolerance });
    return this;
  }

  /**
   * The case result: the worst part (largest residual/tolerance; a positive residual against tolerance 0 is
   * worst of all) with its own residual and tolerance; `context` is appended to the note.
   */
  result(context = ""): CaseResult {
    let worst: { name: string; residual: number; tolerance: number } | undefined;
    for (const p of this.items) {
      if (Number.isNaN(p.residual)) return { inconclusive: `${p.name} is NaN${context ? ` (${context})` : ""}` };
      if (worst === undefined || severity(p.residual, p.tolerance) > severity(worst.residual, worst.tolerance))
        worst = p;
    }
    if (worst === undefined) return { inconclusive: "no part was measured" };
    const note = `worst part: ${worst.name} = ${formatResidual(worst.residual)} vs ${formatResidual(worst.tolerance)}${context ? `; ${context}` : ""}`;
    return { residual: worst.residual, tolerance: worst.tolerance, note };
  }
}

/** |x − ref| / max(|ref|, floor). */
export function relErr(x: number, ref: number, floor = 1e-12): number {
  return Math.abs(x - ref) / Math.max(Math.abs(ref), floor);
}

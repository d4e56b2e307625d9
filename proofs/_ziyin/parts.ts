/**
 * A case made of several measured parts, each with its own tolerance: the case's residual is the largest
 * ratio residual/tolerance over the parts (tolerance 1), and the note names the worst part with its raw
 * residual and tolerance. A NaN part makes the whole case undecided (never a pass, never a counterexample).
 *
 * @packageDocumentation
 */
import type { CaseResult } from "../../src/claims/case-result.js";
import { formatResidual } from "../../src/claims/format-value.js";

/** Collects the parts of one case. */
export class Parts {
  private readonly items: { name: string; residual: number; tolerance: number }[] = [];

  /** Adds a part: passes iff residual ≤ tolerance. */
  add(name: string, residual: number, tolerance: number): this {
    this.items.push({ name, residual, tolerance });
    return this;
  }

  /** The case result; `context` is appended to the note. */
  result(context = ""): CaseResult {
    let worst = this.items[0];
    for (const p of this.items) {
      if (Number.isNaN(p.residual)) return { inconclusive: `${p.name} is NaN${context ? ` (${context})` : ""}` };
      if (worst === undefined || p.residual / p.tolerance > worst.residual / worst.tolerance) worst = p;
    }
    if (worst === undefined) return { inconclusive: "no part was measured" };
    const note = `worst part: ${worst.name} = ${formatResidual(worst.residual)} vs ${formatResidual(worst.tolerance)}${context ? `; ${context}` : ""}`;
    return { residual: worst.residual / worst.tolerance, tolerance: 1, note };
  }
}

/** |x − ref| / max(|ref|, floor). */
export function relErr(x: number, ref: number, floor = 1e-12): number {
  return Math.abs(x - ref) / Math.max(Math.abs(ref), floor);
}

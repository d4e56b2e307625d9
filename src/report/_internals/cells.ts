/**
 * Cell formatting shared by the table and the Markdown summary.
 */
import type { ClaimSource } from "../../claims/claim.js";
import { formatResidual as shortNumber } from "../../claims/format-value.js";
import type { Verdict } from "../../claims/verdict.js";

/** `arXiv 1806.00900 Thm 2.1`, or the paper's name when no arXiv id is given. */
export function sourceCell(source: ClaimSource, max = 32): string {
  const text = source.arxiv ? `arXiv ${source.arxiv}${source.section ? ` ${source.section}` : ""}` : source.paper;
  return truncate(text, max);
}

/** `3.2e-12 / 1e-8`, `– ` when no residual was measured. */
export function residualCell(verdict: Pick<Verdict, "worstResidual" | "tolerance">): string {
  if (verdict.worstResidual === null && verdict.tolerance === null) return "–";
  return `${shortNumber(verdict.worstResidual)} / ${shortNumber(verdict.tolerance)}`;
}

/** `850 ms`, `3.4 s`. */
export function timeCell(millis: number): string {
  if (millis < 1000) return `${Math.round(millis)} ms`;
  return `${(millis / 1000).toFixed(1)} s`;
}

/** Cuts `text` to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * The terminal table of a verification run: one row per claim (id, source, status, expected status,
 * cases, worst residual / tolerance, time), a totals line, then details for every claim that did not get
 * its expected status and every counterexample.
 *
 * @packageDocumentation
 */
import type { RunSummary } from "../claims/runner.js";
import { residualCell, sourceCell, timeCell } from "./_internals/cells.js";
import type { ReportOptions } from "./json.js";

const HEADERS = ["", "id", "source", "status", "expected", "cases", "worst residual / tol", "time"] as const;

/** Formats the run as a plain-text table followed by the totals and the details. */
export function formatTable(summary: RunSummary, options: ReportOptions = {}): string {
  const rows = summary.outcomes.map(({ claim, verdict, expected, matched }) => [
    matched ? "✓" : "✗",
    claim.id,
    sourceCell(claim.source),
    verdict.status,
    expected,
    String(verdict.cases),
    residualCell(verdict),
    timeCell(verdict.millis),
  ]);
  const widths = HEADERS.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] as string).length)));
  const rightAligned = new Set([5, 7]);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (rightAligned.has(j) ? c.padStart(widths[j] as number) : c.padEnd(widths[j] as number)))
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  if (rows.length > 0) {
    out.push(line(HEADERS));
    out.push(line(widths.map((w) => "─".repeat(w))));
    for (const r of rows) out.push(line(r));
    out.push("");
  }
  out.push(totalsLine(summary, options));
  const details = detailLines(summary, options);
  if (details.length > 0) out.push("", ...details);
  return `${out.join("\n")}\n`;
}

/** One line: counts by status, whether all claims met expectations, seed and total time. */
export function totalsLine(summary: RunSummary, options: ReportOptions = {}): string {
  const t = summary.totals;
  const byStatus = Object.entries(t.byStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
  const loadErrors = options.loadErrors?.length ?? 0;
  const verdict =
    t.mismatched === 0 && loadErrors === 0
      ? "all as expected"
      : [
          t.mismatched > 0 ? `${t.mismatched} not as expected` : "",
          loadErrors > 0 ? `${loadErrors} proof file${loadErrors === 1 ? "" : "s"} failed to load` : "",
        ]
          .filter((s) => s !== "")
          .join(", ");
  const count = `${t.claims} claim${t.claims === 1 ? "" : "s"}`;
  return `${count}${byStatus ? ` (${byStatus})` : ""}: ${verdict} · seed ${summary.seed}${summary.runs === null ? "" : ` · runs ${summary.runs}`} · ${timeCell(t.millis)}`;
}

function detailLines(summary: RunSummary, options: ReportOptions): string[] {
  const out: string[] = [];
  for (const e of options.loadErrors ?? []) out.push(`✗ ${e.file}: ${e.message}`);
  for (const { claim, verdict, expected, matched } of summary.outcomes) {
    if (matched && verdict.counterexample === null) continue;
    const head = matched
      ? `${claim.id}: ${verdict.status} as expected`
      : `✗ ${claim.id}: expected ${expected}, got ${verdict.status}`;
    out.push(head);
    out.push(`    ${verdict.message}`);
    const c = verdict.counterexample;
    if (c !== null) {
      out.push(`    counterexample: ${c.value}`);
      if (!verdict.message.includes(c.reason)) out.push(`    ${c.reason}`);
      if (c.replay !== null) out.push(`    replay: ${c.replay}`);
    }
  }
  return out;
}

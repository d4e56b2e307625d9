/**
 * The Markdown summary of a verification run (summary.md): totals, a table, then one section per claim
 * with its source, statement, verdict message and counterexample.
 *
 * @packageDocumentation
 */
import type { RunSummary } from "../claims/runner.js";
import { residualCell, sourceCell, timeCell } from "./_internals/cells.js";
import type { ReportOptions } from "./json.js";
import { totalsLine } from "./table.js";

/** Formats the run as GitHub-flavoured Markdown. */
export function formatMarkdown(summary: RunSummary, options: ReportOptions = {}): string {
  const out: string[] = ["# lindyn verify", "", totalsLine(summary, options), ""];
  const loadErrors = options.loadErrors ?? [];
  if (loadErrors.length > 0) {
    out.push("## Proof files that failed to load", "");
    for (const e of loadErrors) out.push(`- \`${e.file}\`: ${escapeInline(e.message)}`);
    out.push("");
  }
  if (summary.outcomes.length > 0) {
    out.push("| | id | source | status | expected | cases | worst residual / tol | time |");
    out.push("|---|---|---|---|---|---:|---|---:|");
    for (const { claim, verdict, expected, matched } of summary.outcomes) {
      const cells = [
        matched ? "✓" : "✗",
        `[\`${claim.id}\`](#${anchor(claim.id)})`,
        escapeCell(sourceCell(claim.source, 60)),
        `**${verdict.status}**`,
        expected,
        String(verdict.cases),
        residualCell(verdict),
        timeCell(verdict.millis),
      ];
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  for (const { claim, verdict, expected, matched } of summary.outcomes) {
    out.push(`## ${claim.id}`, "");
    out.push(
      `**${escapeInline(claim.title)}**: ${verdict.status}${matched ? " (as expected)" : ` — expected ${expected}`}`,
      "",
    );
    const s = claim.source;
    out.push(
      `Source: ${escapeInline(s.paper)}${s.arxiv ? `, [arXiv ${s.arxiv}](https://arxiv.org/abs/${s.arxiv})` : ""}${s.section ? `, ${escapeInline(s.section)}` : ""}`,
      "",
    );
    out.push(`Statement: ${escapeInline(claim.statement.text)}`, "");
    if (claim.statement.latex) out.push("$$", claim.statement.latex, "$$", "");
    if (claim.formalisation) out.push(`Formalisation: ${escapeInline(claim.formalisation)}`, "");
    out.push(
      `Verdict: ${escapeInline(verdict.message)} (${verdict.cases} cases, seed ${verdict.seed}, ${timeCell(verdict.millis)})`,
      "",
    );
    const c = verdict.counterexample;
    if (c !== null) {
      out.push(
        "Counterexample:",
        "",
        "```",
        c.value,
        c.reason,
        ...(c.replay === null ? [] : [`replay: ${c.replay}`]),
        "```",
        "",
      );
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** GitHub's heading anchor for a heading made of an id. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, "");
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, "\\|");
}

function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/([*_`<>])/g, "\\$1");
}

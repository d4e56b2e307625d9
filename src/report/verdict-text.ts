/**
 * A verdict in words, for failure messages (the vitest adapter) and the details under the table.
 *
 * @packageDocumentation
 */
import type { Claim } from "../claims/claim.js";
import type { Verdict } from "../claims/verdict.js";
import { residualCell } from "./_internals/cells.js";

/**
 * Several lines describing a verdict: the claim and its source, the status against the expected one,
 * the message, cases, seed, worst residual / tolerance, and the counterexample with its replay command.
 */
export function formatVerdictDetails(claim: Claim, verdict: Verdict): string {
  const s = claim.source;
  const lines = [
    `${claim.id}: expected ${claim.expected}, got ${verdict.status}`,
    `  claim: ${claim.title} (${[s.paper, s.arxiv ? `arXiv ${s.arxiv}` : "", s.section ?? ""].filter((x) => x !== "").join(", ")})`,
    `  ${verdict.message}`,
    `  cases ${verdict.cases} · seed ${verdict.seed} · worst residual / tolerance ${residualCell(verdict)}`,
  ];
  const c = verdict.counterexample;
  if (c !== null) {
    lines.push(`  counterexample: ${c.value}`, `  ${c.reason}`);
    if (c.replay !== null) lines.push(`  replay: ${c.replay}`);
  }
  return lines.join("\n");
}

/**
 * The vitest adapter: every claim of the built-in catalogue (proofs/*.proof.ts) is one test asserting that
 * its verdict equals its expected status, checked with the same seed as `lindyn verify` (LINDYN_SEED or the
 * default) and each claim's own case budget (LINDYN_RUNS overrides it, like `--runs`; LINDYN_SIZE=paper runs
 * the paper-scale variants, like `--size paper`, and takes minutes). A failure prints
 * the verdict: message, seed, worst residual / tolerance and the shrunk counterexample with its replay
 * command.
 */
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/claims/catalogue.js";
import { requireRuns, runClaim, seedFromEnvironment, sizeFromEnvironment } from "../src/claims/runner.js";
import { formatVerdictDetails } from "../src/report/verdict-text.js";

const catalogue = await loadCatalogue();
const seed = seedFromEnvironment();
const size = sizeFromEnvironment();
const runs = process.env.LINDYN_RUNS ? requireRuns(Number(process.env.LINDYN_RUNS), "LINDYN_RUNS") : undefined;

describe("catalogue", () => {
  it("every proof file loads and exports well-formed claims with unique ids", () => {
    expect(catalogue.errors).toEqual([]);
  });

  it("every claim cites its paper, arXiv id and section", () => {
    const missing = catalogue.claims.filter((c) => !c.source.arxiv || !c.source.section).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  for (const claim of catalogue.claims) {
    it(`${claim.id} is ${claim.expected}`, size === "paper" ? { timeout: 600_000 } : {}, async () => {
      const verdict = await runClaim(claim, { seed, size, ...(runs === undefined ? {} : { runs }) });
      if (verdict.status !== claim.expected) expect.fail(formatVerdictDetails(claim, verdict));
      expect(verdict.status).toBe(claim.expected);
    });
  }
});

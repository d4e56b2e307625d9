import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/report/markdown.js";
import { formatTable } from "../../src/report/table.js";
import { formatVerdictDetails } from "../../src/report/verdict-text.js";
import { sampleSummary } from "./_summary.js";

describe("formatTable", () => {
  it("prints one row per claim with source, status, expected, cases, residual / tolerance and time", async () => {
    const text = formatTable(await sampleSummary());
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^\s+id\s+source\s+status\s+expected\s+cases\s+worst residual \/ tol\s+time$/);
    expect(lines.find((l) => l.includes("s.ok"))).toMatch(
      /^✓\s+s\.ok\s+arXiv 1806\.00900 Thm 2\.1\s+verified\s+verified\s+3\s+2e-12 \/ 1e-8\s+\d+ ms$/,
    );
    expect(lines.find((l) => l.startsWith("✗  s.flaky"))).toMatch(/inconclusive\s+verified/);
  });

  it("ends with totals and details: mismatches with their message, counterexamples with the replay", async () => {
    const text = formatTable(await sampleSummary(), {
      loadErrors: [{ file: "bad.proof.ts", message: "import failed" }],
    });
    expect(text).toMatch(
      /3 claims \(1 verified, 1 refuted, 1 inconclusive\): 1 not as expected, 1 proof file failed to load · seed 9 · \d+ ms/,
    );
    expect(text).toContain("✗ bad.proof.ts: import failed");
    expect(text).toContain("✗ s.flaky: expected verified, got inconclusive\n    integrator: max-steps at t = 4");
    expect(text).toContain("s.neg: refuted as expected");
    expect(text).toContain("    counterexample: { widths: [1, 1, 1], gamma: 1/16 }");
    expect(text).toContain("    replay: lindyn verify s.neg --seed 9 --path 4:1");
  });
});

describe("formatMarkdown", () => {
  it("has the totals, a table with escaped cells, and a section per claim with source link and LaTeX", async () => {
    const md = formatMarkdown(await sampleSummary());
    expect(md.startsWith("# lindyn verify\n\n3 claims")).toBe(true);
    expect(md).toContain("|---|---|---|---|---|---:|---|---:|");
    expect(md).toMatch(
      /\| ✓ \| \[`s\.ok`\]\(#sok\) \| arXiv 1806\.00900 Thm 2\.1 \| \*\*verified\*\* \| verified \| 3 \| 2e-12 \/ 1e-8 \|/,
    );
    expect(md).toContain("[arXiv 1806.00900](https://arxiv.org/abs/1806.00900)");
    expect(md).toContain("$$\n\\dot Q = 0\n$$");
    expect(md).toContain("**Negative | control**");
    expect(md).toContain(
      "```\n{ widths: [1, 1, 1], gamma: 1/16 }\nresidual 0.25 > tolerance 1e-8\nreplay: lindyn verify s.neg --seed 9 --path 4:1\n```",
    );
    expect(md).toContain("**Integrator trouble**: inconclusive — expected verified");
  });
});

describe("formatVerdictDetails (the vitest adapter's failure message)", () => {
  it("names the claim, its source, expected and actual status, seed, residual and the counterexample", async () => {
    const summary = await sampleSummary();
    const neg = summary.outcomes[1];
    if (neg === undefined) throw new Error("sample summary changed");
    expect(formatVerdictDetails(neg.claim, neg.verdict)).toBe(
      [
        "s.neg: expected refuted, got refuted",
        "  claim: Negative | control (Basu et al. 2019)",
        "  counterexample",
        "  cases 2 · seed 9 · worst residual / tolerance NaN / 1e-8",
        "  counterexample: { widths: [1, 1, 1], gamma: 1/16 }",
        "  residual 0.25 > tolerance 1e-8",
        "  replay: lindyn verify s.neg --seed 9 --path 4:1",
      ].join("\n"),
    );
  });
});

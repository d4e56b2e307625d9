import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_VERSION, stringifyJsonReport, toJsonReport } from "../../src/report/json.js";
import { sampleSummary } from "./_summary.js";

describe("JSON report", () => {
  it("keeps its documented schema: top-level and per-claim keys in order (bump schemaVersion to change)", async () => {
    const report = toJsonReport(await sampleSummary(), {
      loadErrors: [{ file: "x.proof.ts", message: "import failed" }],
    });
    expect(JSON_SCHEMA_VERSION).toBe(1);
    // `size` was added within schema 1 (a new key, backward compatible for readers); removing or renaming keys bumps it.
    expect(Object.keys(report)).toEqual(["schemaVersion", "seed", "runs", "size", "totals", "loadErrors", "claims"]);
    expect(report.size).toBe("ci");
    expect(Object.keys(report.totals)).toEqual(["claims", "matched", "mismatched", "byStatus", "millis"]);
    expect(Object.keys(report.totals.byStatus)).toEqual([
      "proved",
      "verified",
      "refuted",
      "inconclusive",
      "unsupported",
    ]);
    expect(report.loadErrors).toEqual([{ file: "x.proof.ts", message: "import failed" }]);
    for (const c of report.claims) {
      expect(Object.keys(c)).toEqual([
        "id",
        "title",
        "status",
        "expected",
        "matched",
        "source",
        "statement",
        "cases",
        "seed",
        "worstResidual",
        "tolerance",
        "counterexample",
        "message",
        "evidence",
        "millis",
      ]);
      expect(Object.keys(c.source)).toEqual(["paper", "arxiv", "section"]);
      expect(Object.keys(c.statement)).toEqual(["text", "latex"]);
    }
    const neg = report.claims.find((c) => c.id === "s.neg");
    expect(Object.keys(neg?.counterexample ?? {})).toEqual([
      "value",
      "residual",
      "tolerance",
      "reason",
      "seed",
      "path",
      "shrinks",
      "replay",
    ]);
  });

  it("writes values faithfully: absent strings as null, non-finite numbers as strings, the replay command", async () => {
    const report = toJsonReport(await sampleSummary());
    expect(report.seed).toBe(9);
    expect(report.runs).toBeNull();
    expect(report.totals).toMatchObject({ claims: 3, matched: 2, mismatched: 1 });
    const [ok, neg, flaky] = report.claims;
    expect(ok).toMatchObject({
      status: "verified",
      expected: "verified",
      matched: true,
      cases: 3,
      seed: 9,
      worstResidual: 2e-12,
      tolerance: 1e-8,
    });
    expect(ok?.statement.latex).toBe("\\dot Q = 0");
    expect(neg?.source).toEqual({ paper: "Basu et al. 2019", arxiv: null, section: null });
    expect(neg?.worstResidual).toBe("NaN");
    expect(neg?.evidence).toEqual({ drift: [0.25, "Infinity"] });
    expect(neg?.counterexample?.replay).toBe("lindyn verify s.neg --seed 9 --path 4:1");
    expect(flaky).toMatchObject({ status: "inconclusive", matched: false, worstResidual: null, counterexample: null });
    // Round trip: the serialised text parses back to the same object (nothing JSON cannot hold).
    expect(JSON.parse(stringifyJsonReport(report))).toEqual(report);
  });
});

import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/report/progress.js";
import { writeFileAtomic, writeReport } from "../../src/report/write-report.js";
import { sampleSummary } from "./_summary.js";

describe("writeReport", () => {
  it("creates the folder and writes results.json and summary.md, leaving no temporary files", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "lindyn-report-")), "nested", "report");
    const written = await writeReport(dir, await sampleSummary());
    expect((await readdir(dir)).sort()).toEqual(["results.json", "summary.md"]);
    expect(JSON.parse(await readFile(written.json, "utf8")).schemaVersion).toBe(1);
    expect(await readFile(written.markdown, "utf8")).toMatch(/^# lindyn verify/);
  });

  it("replaces an existing report whole", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lindyn-report-"));
    await writeFile(join(dir, "results.json"), "old");
    await writeReport(dir, await sampleSummary());
    expect(await readFile(join(dir, "results.json"), "utf8")).toMatch(/^\{\n {2}"schemaVersion": 1/);
  });

  it("on failure leaves the target untouched and removes its temporary file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lindyn-report-"));
    const target = join(dir, "results.json");
    await mkdir(target); // a folder where the file should go: the rename must fail
    await expect(writeFileAtomic(target, "new")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["results.json"]);
    expect(await readdir(target)).toEqual([]);
  });
});

describe("createProgress", () => {
  it("prints one plain line per finished claim when not on a terminal", async () => {
    let out = "";
    const progress = createProgress({ write: (s) => void (out += s), isTTY: false });
    const summary = await sampleSummary();
    summary.outcomes.forEach((o, index) => {
      progress.onProgress({ kind: "start", index, total: 3, claim: o.claim });
      progress.onProgress({ kind: "finish", index, total: 3, claim: o.claim, verdict: o.verdict, matched: o.matched });
    });
    progress.done();
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[1\/3\] ✓ s\.ok: verified in \d+ ms$/);
    expect(lines[2]).toMatch(/^\[3\/3\] ✗ s\.flaky: inconclusive \(expected verified\) in \d+ ms$/);
  });

  it("rewrites one line in place on a terminal, keeps mismatches, and clears the line at the end", async () => {
    let out = "";
    const progress = createProgress({ write: (s) => void (out += s), isTTY: true });
    const summary = await sampleSummary();
    const [ok, , flaky] = summary.outcomes;
    if (ok === undefined || flaky === undefined) throw new Error("sample summary changed");
    progress.onProgress({ kind: "start", index: 0, total: 2, claim: ok.claim });
    progress.onProgress({ kind: "finish", index: 0, total: 2, claim: ok.claim, verdict: ok.verdict, matched: true });
    progress.onProgress({ kind: "start", index: 1, total: 2, claim: flaky.claim });
    progress.onProgress({
      kind: "finish",
      index: 1,
      total: 2,
      claim: flaky.claim,
      verdict: flaky.verdict,
      matched: false,
    });
    progress.done();
    expect(out).toBe(
      "\r\u001b[2K[1/2] running s.ok…\r\u001b[2K[2/2] running s.flaky…\r\u001b[2K[2/2] ✗ s.flaky: inconclusive (expected verified)\n",
    );
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TwoLayerRegimesReport } from "../../src/cli/commands/sweep-two-layer-regimes.js";
import { logLogSlope } from "../../src/model/nonlinear/phase-diagram/regime.js";
import { readSweepFile } from "../../src/sweep/results-file.js";
import { evaluate, summarizeTwoLayerRegimes } from "../../src/sweep/tasks/two-layer-regimes.js";
import { runLindyn } from "../_helpers/run-cli.js";

const run = runLindyn;

const tmp = () => mkdtempSync(join(tmpdir(), "lindyn-two-layer-"));
// Small, fast grid: 2 cells × 3 widths × 2 seeds = 12 points, loose stopping.
const GRID = [
  "--gamma",
  "0.5,1.5",
  "--gamma-prime",
  "0",
  "--widths",
  "32,64,128",
  "--seeds",
  "1,2",
  "--loss-tol",
  "1e-4",
  "--workers",
  "1",
  "--no-progress",
];

describe("lindyn sweep two-layer-regimes", () => {
  it("writes one JSON line per point and its summary slope is the log-log fit of the recorded RDs (tolerance 1e-12, same arithmetic re-done)", async () => {
    const out = join(tmp(), "tl.jsonl");
    const r = await run(["sweep", "two-layer-regimes", "--out", out, ...GRID, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.io.out) as TwoLayerRegimesReport;
    expect(report.points).toBe(12);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(13); // meta + 12 points
    const contents = readSweepFile(out)!;
    for (const cell of report.cells) {
      const widths = [32, 64, 128];
      const rd = widths.map((m) => {
        const logs = contents.records
          .filter((rec) => rec.params.gamma === cell.gamma && rec.params.width === m)
          .map((rec) => Math.log((rec.result as { rdW: number }).rdW));
        return Math.exp(logs.reduce((s, v) => s + v, 0) / logs.length);
      });
      expect(Math.abs(cell.slope - logLogSlope(widths, rd))).toBeLessThan(1e-12);
    }
    // Even at these small widths the NTK point falls and the condensed point grows (signs only).
    const [ntk, cond] = report.cells;
    expect(ntk!.predicted).toBe("linear");
    expect(ntk!.slope).toBeLessThan(0);
    expect(cond!.predicted).toBe("condensed");
    expect(cond!.slope).toBeGreaterThan(0);
  });

  it("resumes without recomputing: --limit 5 then a rerun computes the other 7 and the records equal a fresh evaluation (bit-exact: deterministic seeds)", async () => {
    const out = join(tmp(), "tl.jsonl");
    const first = await run(["sweep", "two-layer-regimes", "--out", out, ...GRID, "--limit", "5"]);
    expect(first.code).toBe(1); // points remain
    const second = await run(["sweep", "two-layer-regimes", "--out", out, ...GRID]);
    expect(second.code).toBe(0);
    expect(second.io.out).toMatch(/7 computed, 5 resumed/);
    const recs = readSweepFile(out)!.records;
    expect(new Set(recs.map((x) => x.key)).size).toBe(12);
    const rec = recs[3]!;
    expect(evaluate(rec.params as never).rdW).toBe((rec.result as { rdW: number }).rdW);
  });

  it("two shards merged give the same summary as the whole grid (exact: same points, same arithmetic)", async () => {
    const dir = tmp();
    await run(["sweep", "two-layer-regimes", "--out", join(dir, "all.jsonl"), ...GRID]);
    await run(["sweep", "two-layer-regimes", "--out", join(dir, "a.jsonl"), ...GRID, "--shard", "1/2"]);
    await run(["sweep", "two-layer-regimes", "--out", join(dir, "b.jsonl"), ...GRID, "--shard", "2/2"]);
    const merged = await run(["merge", "--out", join(dir, "m.jsonl"), join(dir, "a.jsonl"), join(dir, "b.jsonl")]);
    expect(merged.code).toBe(0);
    const a = summarizeTwoLayerRegimes(join(dir, "all.jsonl")).cells.map((c) => [c.gamma, c.slope]);
    const b = summarizeTwoLayerRegimes(join(dir, "m.jsonl")).cells.map((c) => [c.gamma, c.slope]);
    expect(b).toEqual(a);
  });

  it("rejects an odd width with exit code 2", async () => {
    const r = await run(["sweep", "two-layer-regimes", "--out", join(tmp(), "x.jsonl"), "--widths", "33"]);
    expect(r.code).toBe(2);
    expect(r.io.err).toMatch(/even/);
  });
});

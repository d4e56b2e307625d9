import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ThreeLayerRegimesReport } from "../../src/cli/commands/sweep-three-layer-regimes.js";
import { logLogSlope } from "../../src/model/nonlinear/phase-diagram/regime.js";
import { readSweepFile } from "../../src/sweep/results-file.js";
import {
  evaluate,
  gamma2Of,
  gamma3Family,
  gamma3Of,
  MF_LIKE_PQ,
  NTK_LIKE_PQ,
  summarizeThreeLayerRegimes,
  type ThreeLayerPointResult,
  threeLayerFamilies,
  ZHOU_GAMMA3,
} from "../../src/sweep/tasks/three-layer-regimes.js";
import { runLindyn } from "../_helpers/run-cli.js";

const run = runLindyn;

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), "lindyn-three-layer-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const WIDTHS = [16, 32, 48];
// Tiny, fast grid: MF-like, NTK-like (= γ₃ = 1 at γ₂ = 0, merged) and γ₃ = 2 → 3 families × 3 widths = 9 points.
const GRID = [
  "--families",
  "0,1,0,1;0,0.5,0,0.5",
  "--gamma3",
  "1,2",
  "--gamma2",
  "0",
  "--widths",
  WIDTHS.join(","),
  "--seeds",
  "1",
  "--loss-tol",
  "1e-4",
  "--workers",
  "1",
  "--no-progress",
];

describe("γ₂, γ₃ formalisation (exact: rational arithmetic rounded at 1e-9)", () => {
  it("the γ₃ line at γ₂ = 0 passes through the NTK-like family at γ₃ = 1, and MF-like has γ₃ = 2, γ₂ = ½", () => {
    expect(gamma3Family(1, 0)).toEqual([...NTK_LIKE_PQ]);
    expect(gamma3Of(MF_LIKE_PQ)).toBe(2);
    expect(gamma2Of(MF_LIKE_PQ)).toBe(0.5);
    for (const g of ZHOU_GAMMA3) {
      expect(gamma3Of(gamma3Family(g, 0))).toBe(g);
      expect(gamma2Of(gamma3Family(g, 0.25))).toBe(0.25);
    }
    expect(ZHOU_GAMMA3).toEqual([0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1]);
  });

  it("merges a γ₃ family equal to an explicit one (one family, both labels)", () => {
    const fams = threeLayerFamilies({
      families: [MF_LIKE_PQ, NTK_LIKE_PQ],
      gamma3: [1, 2],
      gamma2: 0,
      widths: [16],
      seeds: [1],
      lossTol: 1e-4,
      maxSteps: 10,
    });
    expect(fams.map((f) => f.label)).toEqual(["MF-like", "NTK-like γ₃=1", "γ₃=2"]);
  });
});

describe("lindyn sweep three-layer-regimes", () => {
  it("writes one JSON line per point; summary slopes are the log-log fits of the recorded RDs (tolerance 1e-12, same arithmetic re-done)", async () => {
    const out = join(tmp(), "t3.jsonl");
    const r = await run(["sweep", "three-layer-regimes", "--out", out, ...GRID, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.io.out) as ThreeLayerRegimesReport;
    expect(report.points).toBe(9);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(10); // meta + 9 points
    const contents = readSweepFile(out)!;
    expect(report.cells).toHaveLength(3);
    for (const cell of report.cells) {
      const rec = (m: number) =>
        contents.records.find((x) => x.params.p2 === cell.pq[1] && x.params.q === cell.pq[3] && x.params.width === m)!
          .result as ThreeLayerPointResult;
      const rd1 = WIDTHS.map((m) => rec(m).rdW1);
      const rd2 = WIDTHS.map((m) => rec(m).rdW2);
      expect(Math.abs(cell.slopeW1 - logLogSlope(WIDTHS, rd1))).toBeLessThan(1e-12);
      expect(Math.abs(cell.slopeW2 - logLogSlope(WIDTHS, rd2))).toBeLessThan(1e-12);
      // the condensation measure is a mass fraction: in [0, 1] (exact bounds, up to 1e-12 summation rounding)
      for (const m of WIDTHS) {
        expect(rec(m).condensationFinal).toBeGreaterThanOrEqual(0);
        expect(rec(m).condensationFinal).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
    // One γ₃ line (γ₂ = 0) with the two points γ₃ = 1, 2; MF-like sits alone on γ₂ = ½.
    expect(report.trends).toHaveLength(1);
    const t = report.trends[0]!;
    expect(t.gamma3).toEqual([1, 2]);
    // Qualitative, signs only (even at m = 16…48): RD(W¹) falls at γ₃ = 1 (NTK-like) and the slope rises with γ₃.
    expect(t.slopeW1[0]).toBeLessThan(0);
    expect(t.risingW1).toBe(1);
    expect(t.risingW2).toBe(1);
    expect(r.io.out).not.toMatch(/NaN/);
    const text = await run(["sweep", "three-layer-regimes", "--out", out, ...GRID, "--summary-only"]);
    expect(text.io.out).toMatch(/lindyn's formalisation/);
    expect(text.io.out).toMatch(/S_W1 rises in 1 of 1/);
  });

  it("resumes without recomputing: --limit 4 then a full run computes the other 5, keeps the first 4 lines verbatim, no duplicate keys, records equal a fresh evaluation (bit-exact: deterministic seeds)", async () => {
    const out = join(tmp(), "t3.jsonl");
    const first = await run(["sweep", "three-layer-regimes", "--out", out, ...GRID, "--limit", "4"]);
    expect(first.code).toBe(1); // points remain
    const before = readFileSync(out, "utf8").trim().split("\n");
    expect(before).toHaveLength(5); // meta + 4
    const second = await run(["sweep", "three-layer-regimes", "--out", out, ...GRID]);
    expect(second.code).toBe(0);
    expect(second.io.out).toMatch(/5 computed, 4 resumed/);
    const after = readFileSync(out, "utf8").trim().split("\n");
    expect(after).toHaveLength(10);
    expect(after.slice(0, 5)).toEqual(before); // the first run's lines untouched (not recomputed)
    const recs = readSweepFile(out)!.records;
    expect(recs).toHaveLength(9);
    expect(new Set(recs.map((x) => x.key)).size).toBe(9);
    const third = await run(["sweep", "three-layer-regimes", "--out", out, ...GRID]);
    expect(third.io.out).toMatch(/0 computed, 9 resumed/);
    const rec = recs[6]!;
    const fresh = evaluate(rec.params as never);
    const stored = rec.result as ThreeLayerPointResult;
    expect(fresh.rdW1).toBe(stored.rdW1);
    expect(fresh.rdW2).toBe(stored.rdW2);
    expect(fresh.condensationFinal).toBe(stored.condensationFinal);
  });

  it("two shards merged give the same summary as the whole grid (exact: same points, same arithmetic)", async () => {
    const dir = tmp();
    await run(["sweep", "three-layer-regimes", "--out", join(dir, "all.jsonl"), ...GRID]);
    await run(["sweep", "three-layer-regimes", "--out", join(dir, "a.jsonl"), ...GRID, "--shard", "1/2"]);
    await run(["sweep", "three-layer-regimes", "--out", join(dir, "b.jsonl"), ...GRID, "--shard", "2/2"]);
    const merged = await run(["merge", "--out", join(dir, "m.jsonl"), join(dir, "a.jsonl"), join(dir, "b.jsonl")]);
    expect(merged.code).toBe(0);
    const pick = (p: string) =>
      summarizeThreeLayerRegimes(p).cells.map((c) => [c.label, c.slopeW1, c.slopeW2, c.condensationFinal]);
    expect(pick(join(dir, "m.jsonl"))).toEqual(pick(join(dir, "all.jsonl")));
  });

  it("rejects an odd width and a malformed family with exit code 2", async () => {
    const a = await run(["sweep", "three-layer-regimes", "--out", join(tmp(), "x.jsonl"), "--widths", "33"]);
    expect(a.code).toBe(2);
    expect(a.io.err).toMatch(/even/);
    const b = await run(["sweep", "three-layer-regimes", "--out", join(tmp(), "x.jsonl"), "--families", "0,1,0"]);
    expect(b.code).toBe(2);
    expect(b.io.err).toMatch(/four numbers/);
  });
});

import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSweepFile, SweepWriter } from "../../src/sweep/results-file.js";
import type { SweepMeta } from "../../src/sweep/sweep-point.js";

const meta: SweepMeta = { sweep: "t", fingerprint: "abc", total: 3, shard: "all" };

describe("results file", () => {
  it("writes a meta line and one line per record; reads them back", () => {
    const path = join(mkdtempSync(join(tmpdir(), "lindyn-rf-")), "r.jsonl");
    const w = SweepWriter.open(path, meta, undefined);
    w.append({ key: "k0", index: 0, params: { x: 0 }, result: { y: 1 } });
    w.append({ key: "k1", index: 1, params: { x: 1 }, error: "boom" });
    w.close();
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(4); // meta, 2 records, final ""
    const c = readSweepFile(path);
    expect(c?.meta).toEqual(meta);
    expect(c?.records.map((r) => r.key)).toEqual(["k0", "k1"]);
    expect(c?.droppedBytes).toBe(0);
  });

  it("drops a truncated last line and cuts it off before appending, so the next line is clean", () => {
    const path = join(mkdtempSync(join(tmpdir(), "lindyn-rf-")), "r.jsonl");
    const w = SweepWriter.open(path, meta, undefined);
    w.append({ key: "k0", index: 0, params: {}, result: 1 });
    w.close();
    appendFileSync(path, '{"key":"k1","index":1,"par'); // a write interrupted by a kill
    const c = readSweepFile(path);
    expect(c?.records.map((r) => r.key)).toEqual(["k0"]);
    expect(c?.droppedBytes).toBeGreaterThan(0);
    const w2 = SweepWriter.open(path, meta, c);
    w2.append({ key: "k1", index: 1, params: {}, result: 2 });
    w2.close();
    const again = readSweepFile(path);
    expect(again?.records.map((r) => r.key)).toEqual(["k0", "k1"]);
    expect(again?.droppedBytes).toBe(0);
  });

  it("refuses a corrupt middle line and a file of another sweep, with a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "lindyn-rf-"));
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ meta })}\nnot json\n{"key":"a","index":0,"params":{}}\n`);
    expect(() => readSweepFile(bad)).toThrow(/only the last line may be truncated/);
    const other = join(dir, "other.jsonl");
    SweepWriter.open(other, meta, undefined).close();
    expect(() => SweepWriter.open(other, { ...meta, fingerprint: "zzz" }, readSweepFile(other))).toThrow(
      /different sweep configuration/,
    );
  });

  it("a file holding only a partial meta line counts as absent", () => {
    const path = join(mkdtempSync(join(tmpdir(), "lindyn-rf-")), "r.jsonl");
    writeFileSync(path, '{"meta":{"swe');
    expect(readSweepFile(path)).toBeUndefined();
  });
});

import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cartesianGrid } from "../../src/sweep/grid.js";
import { mergeSweepFiles } from "../../src/sweep/merge.js";
import { createProgress } from "../../src/sweep/progress.js";
import { latestByKey, readSweepFile } from "../../src/sweep/results-file.js";
import { runSweep, type SweepTask } from "../../src/sweep/run-sweep.js";
import type { SweepParams } from "../../src/sweep/sweep-point.js";

const fixture = new URL("./fixtures/square-task.mjs", import.meta.url).href;

function task(
  counter: { calls: number; keys: string[] },
  xs = Array.from({ length: 20 }, (_, i) => i),
): SweepTask<SweepParams, { y: number }> {
  return {
    name: "squares",
    points: cartesianGrid({ x: xs, c: [0, 100] }),
    config: { version: 1 },
    evaluate: (p) => {
      counter.calls++;
      counter.keys.push(`x=${p.x},c=${p.c}`);
      if (p.x === 13) throw new Error("unlucky point");
      return { y: (p.x as number) ** 2 + (p.c as number) };
    },
    worker: { module: fixture },
  };
}

const tmp = () => join(mkdtempSync(join(tmpdir(), "lindyn-sweep-")), "out.jsonl");

function resultsOf(path: string): Map<string, unknown> {
  const c = readSweepFile(path);
  return new Map(
    [...latestByKey(c?.records ?? []).values()].map((r) => [r.key, r.error ?? (r.result as { y: number }).y]),
  );
}

describe("runSweep (in-process)", () => {
  it("computes every point once, records evaluator errors as error lines, and a rerun recomputes nothing", async () => {
    const out = tmp();
    const counter = { calls: 0, keys: [] as string[] };
    const s1 = await runSweep(task(counter), { output: out });
    expect(s1).toMatchObject({ total: 40, computed: 40, failed: 2, resumed: 0, remaining: 0, parallel: false });
    expect(resultsOf(out).get("x=3,c=100")).toBe(109);
    expect(resultsOf(out).get("x=13,c=0")).toBe("unlucky point");
    const s2 = await runSweep(task(counter), { output: out });
    expect(s2).toMatchObject({ computed: 0, resumed: 40 });
    expect(counter.calls).toBe(40);
    const s3 = await runSweep(task(counter), { output: out, retryErrors: true });
    expect(s3.computed).toBe(2); // only the two error points are retried
  });

  it("resumes an interrupted run (limit, then a truncated last line) without recomputing or losing points", async () => {
    const out = tmp();
    const counter = { calls: 0, keys: [] as string[] };
    await runSweep(task(counter), { output: out, limit: 15 });
    expect(readSweepFile(out)?.records).toHaveLength(15);
    // Simulate a kill in the middle of writing point 16.
    appendFileSync(out, '{"key":"x=7,c=100","index":15,"params":{"x":7,"c":1');
    const s = await runSweep(task(counter), { output: out });
    expect(s).toMatchObject({ resumed: 15, computed: 25, remaining: 0 });
    expect(counter.calls).toBe(40); // 15 + 25: nothing computed twice
    expect(new Set(counter.keys).size).toBe(40);
    const all = readSweepFile(out);
    expect(all?.droppedBytes).toBe(0);
    expect(new Set(all?.records.map((r) => r.key)).size).toBe(40);
  });

  it("an aborted run stops between points; everything finished is on disk and the rest resumes", async () => {
    const out = tmp();
    const counter = { calls: 0, keys: [] as string[] };
    const ac = new AbortController();
    const t = task(counter);
    const inner = t.evaluate as (p: SweepParams) => { y: number };
    const s1 = await runSweep(
      {
        ...t,
        evaluate: (p) => {
          if (counter.calls === 9) ac.abort(); // abort while the 10th point is being computed
          return inner(p);
        },
      },
      { output: out, signal: ac.signal },
    );
    expect(s1.interrupted).toBe(true);
    expect(s1.computed).toBe(10);
    const s2 = await runSweep(task(counter), { output: out });
    expect(s2).toMatchObject({ resumed: 10, computed: 30 });
  });

  it("refuses to resume a file written by a different configuration", async () => {
    const out = tmp();
    await runSweep(task({ calls: 0, keys: [] }, [1, 2]), { output: out });
    await expect(runSweep(task({ calls: 0, keys: [] }, [1, 2, 3]), { output: out })).rejects.toThrow(
      /different sweep configuration/,
    );
    const fresh = await runSweep(task({ calls: 0, keys: [] }, [1, 2, 3]), { output: out, fresh: true });
    expect(fresh.computed).toBe(6);
  });
});

describe("shards and merge", () => {
  it("two shards merged equal the unsharded run, in grid order; missing points are counted", async () => {
    const full = tmp();
    await runSweep(task({ calls: 0, keys: [] }), { output: full });
    const a = tmp();
    const b = tmp();
    const sa = await runSweep(task({ calls: 0, keys: [] }), { output: a, shard: { index: 1, count: 2 } });
    expect(sa.inShard).toBe(20);
    const partialMerged = tmp();
    expect(mergeSweepFiles([a], partialMerged).missing).toBe(20);
    expect(() => mergeSweepFiles([a], partialMerged, { requireComplete: true })).toThrow(/missing shards|whole grid/);
    await runSweep(task({ calls: 0, keys: [] }), { output: b, shard: { index: 2, count: 2 } });
    const merged = tmp();
    const m = mergeSweepFiles([a, b], merged);
    expect(m).toMatchObject({ total: 40, points: 40, missing: 0, conflicts: [] });
    expect(resultsOf(merged)).toEqual(resultsOf(full));
    const idx = readSweepFile(merged)?.records.map((r) => r.index);
    expect(idx).toEqual([...(idx ?? [])].sort((x, y) => x - y));
    expect(readSweepFile(merged)?.meta.shard).toBe("merged");
  });
});

describe("runSweep with worker threads", () => {
  it("two workers give the same results as in-process, and both workers take points", async () => {
    const serial = tmp();
    await runSweep(task({ calls: 0, keys: [] }), { output: serial });
    const par = tmp();
    const t = task({ calls: 0, keys: [] });
    const s = await runSweep({ ...t, evaluate: undefined }, { output: par, workers: 2 });
    expect(s).toMatchObject({ parallel: true, computed: 40, failed: 2 });
    expect(resultsOf(par)).toEqual(resultsOf(serial));
    const threads = new Set(
      readSweepFile(par)
        ?.records.map((r) => (r.result as { thread?: number } | undefined)?.thread)
        .filter((x) => x !== undefined),
    );
    expect(threads.size).toBe(2);
  });

  it("a worker module that cannot be loaded is a clear error", async () => {
    const t = task({ calls: 0, keys: [] });
    await expect(
      runSweep(
        { ...t, evaluate: undefined, worker: { module: new URL("./fixtures/missing.mjs", import.meta.url).href } },
        { output: tmp(), workers: 2 },
      ),
    ).rejects.toThrow(/could not load its task/);
  });
});

describe("progress", () => {
  it("draws a redrawn bar with ETA on a TTY and plain lines otherwise (fake clock: one point per second)", () => {
    let clock = 0;
    let tty = "";
    const bar = createProgress({ label: "sq", write: (s) => (tty += s), isTTY: true, now: () => clock, intervalMs: 0 });
    bar.start(4, 2);
    for (let i = 0; i < 4; i++) {
      clock += 1000;
      bar.tick(i === 1);
    }
    bar.finish();
    expect(tty).toContain("\rsq [");
    expect(tty).toContain("1/4 25%, 1.0 pt/s, ETA 3s");
    expect(tty).toContain("1 failed");
    expect(tty).toContain("2 resumed");
    expect(tty.endsWith("\n")).toBe(true);
    let plain = "";
    const lines = createProgress({ label: "sq", write: (s) => (plain += s), isTTY: false, now: () => clock });
    lines.start(20, 0);
    for (let i = 0; i < 20; i++) {
      clock += 10;
      lines.tick(false);
    }
    lines.finish();
    expect(plain).not.toContain("\r");
    expect(plain.split("\n").filter((l) => l.includes("ETA")).length).toBeGreaterThanOrEqual(9); // every 10%
    expect(plain).toContain("sq: 20/20 (100%)");
  });
});

describe("output format", () => {
  it("every line of a results file is one JSON object; the first is the meta line", async () => {
    const out = tmp();
    await runSweep(task({ calls: 0, keys: [] }, [1]), { output: out });
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0] as string).meta.sweep).toBe("squares");
    for (const l of lines.slice(1))
      expect(Object.keys(JSON.parse(l))).toEqual(["key", "index", "params", "result", "ms"]);
  });
});

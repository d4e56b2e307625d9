import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { FeatureRegimesReport } from "../../src/cli/commands/sweep.js";
import { latestByKey, readSweepFile } from "../../src/sweep/results-file.js";
import { evaluate, type FeatureRegimesParams } from "../../src/sweep/tasks/feature-regimes.js";
import { runLindyn } from "../_helpers/run-cli.js";

const run = runLindyn;

const tmp = () => mkdtempSync(join(tmpdir(), "lindyn-cli-sweep-"));

describe("lindyn sweep feature-regimes (in-process)", () => {
  it("classifies kernel, feature and alignment cells in agreement with sign(γ) (widths 10²…10⁴, 3 seeds)", async () => {
    const out = join(tmp(), "fr.jsonl");
    const { code, io } = await run([
      "sweep",
      "feature-regimes",
      "--out",
      out,
      "--a-kappa",
      "0.5,1",
      "--s",
      "0,0.5",
      "--rho",
      "0",
      "--widths",
      "100,1000,10000",
      "--seeds",
      "3",
      "--workers",
      "1",
      "--no-progress",
      "--json",
    ]);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(io.out) as FeatureRegimesReport;
    expect(report.run?.computed).toBe(2 * 2 * 3 * 3);
    const byCell = new Map(report.cells.map((c) => [`${c.aKappa},${c.s}`, c]));
    // γ = 1 − a_κ − s: (0.5, 0) → 0.5 kernel; (1, 0) and (0.5, 0.5) → 0 feature; (1, 0.5) → −0.5 alignment.
    expect(byCell.get("0.5,0")?.numeric).toBe("kernel");
    expect(byCell.get("1,0")?.numeric).toBe("feature");
    expect(byCell.get("0.5,0.5")?.numeric).toBe("feature");
    expect(byCell.get("1,0.5")?.numeric).toBe("alignment");
    expect(report.disagreements).toEqual([]);
    // The alignment cell's fitted exponent is γ itself (q_eff = q exactly there, up to O(d^{-1/2}) noise: ±0.05).
    expect(Math.abs((byCell.get("1,0.5")?.measuredExponent as number) + 0.5)).toBeLessThan(0.05);
    // Text output has the table and the agreement line.
    const again = await run([
      "sweep",
      "feature-regimes",
      "--out",
      out,
      "--a-kappa",
      "0.5,1",
      "--s",
      "0,0.5",
      "--rho",
      "0",
      "--widths",
      "100,1000,10000",
      "--seeds",
      "3",
      "--summary-only",
    ]);
    expect(again.io.out).toContain("fitted exponents agree with sign(1 − a_κ − s + |ρ|/2) in 4 of 4 cells");
  });

  it("shards merged by `lindyn merge` give the unsharded results; a missing shard is reported with exit code 1", async () => {
    const dir = tmp();
    const args = [
      "--a-kappa",
      "1",
      "--s",
      "0,0.5",
      "--rho",
      "0,1",
      "--widths",
      "10,100",
      "--seeds",
      "2",
      "--workers",
      "1",
      "--no-progress",
    ];
    expect((await run(["sweep", "feature-regimes", "--out", join(dir, "all.jsonl"), ...args])).code).toBe(0);
    expect(
      (await run(["sweep", "feature-regimes", "--out", join(dir, "a.jsonl"), "--shard", "1/2", ...args])).code,
    ).toBe(0);
    const partial = await run(["merge", "--out", join(dir, "m1.jsonl"), join(dir, "a.jsonl")]);
    expect(partial.code).toBe(1);
    expect(partial.io.out).toContain("8 of 16 points, 8 missing");
    expect(
      (await run(["sweep", "feature-regimes", "--out", join(dir, "b.jsonl"), "--shard", "2/2", ...args])).code,
    ).toBe(0);
    const merged = await run(["merge", "--out", join(dir, "m.jsonl"), join(dir, "a.jsonl"), join(dir, "b.jsonl")]);
    expect(merged.code).toBe(0);
    const results = (p: string) =>
      [...latestByKey(readSweepFile(p)?.records ?? []).values()].map((r) => [r.key, JSON.stringify(r.result)]).sort();
    expect(results(join(dir, "m.jsonl"))).toEqual(results(join(dir, "all.jsonl")));
  });

  it("bad input gives one clear stderr line and exit code 2", async () => {
    for (const args of [
      ["sweep", "feature-regimes", "--shard", "3/2"],
      ["sweep", "feature-regimes", "--widths", "0,10"],
      ["sweep", "feature-regimes", "--a", "0", "--out", join(tmp(), "x.jsonl")],
      ["sweep", "feature-regimes", "--seeds", "x"],
      ["merge", "--out", join(tmp(), "m.jsonl"), "/nonexistent/a.jsonl"],
    ]) {
      const { code, io } = await run(args);
      expect(code).toBe(2);
      const lines = io.err
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("(run with --help"));
      expect(lines).toHaveLength(1);
    }
  });
});

/**
 * Kill-and-resume with the compiled code in a child process, using two worker threads: the closure of the
 * sweep command is compiled with tsc into a temporary folder (independent of dist/ and of which commands
 * src/cli/main.ts registers), started with `node`, killed with SIGKILL after some points are on disk, and
 * run again with the same arguments.
 */
describe("lindyn sweep: kill and resume in a child process (compiled JavaScript, worker threads)", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  let dir = "";
  let entry = "";
  beforeAll(() => {
    dir = tmp();
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const compiled = spawnSync(
      process.execPath,
      [
        tsc,
        "--outDir",
        join(dir, "dist"),
        "--rootDir",
        root,
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "--target",
        "ES2022",
        "--skipLibCheck",
        "--types",
        "node",
        "--esModuleInterop",
        join(root, "src/cli/commands/sweep.ts"),
        join(root, "src/cli/commands/merge.ts"),
        join(root, "src/cli/io.ts"),
      ],
      { encoding: "utf8" },
    );
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    entry = join(dir, "cli.mjs");
    writeFileSync(
      entry,
      `import { Command } from "commander";
import { registerSweep } from "./dist/src/cli/commands/sweep.js";
import { registerMerge } from "./dist/src/cli/commands/merge.js";
import { processIo } from "./dist/src/cli/io.js";
const program = new Command("lindyn");
registerSweep(program, processIo);
registerMerge(program, processIo);
await program.parseAsync(process.argv);
process.exitCode = processIo.exitCode ?? 0;
`,
    );
  }, 120_000);

  it("loses no finished point and recomputes none", async () => {
    expect(existsSync(join(dir, "dist/src/sweep/tasks/feature-regimes.js"))).toBe(true);
    const out = join(dir, "fr.jsonl");
    const args = [
      entry,
      "sweep",
      "feature-regimes",
      "--out",
      out,
      "--a-kappa",
      "0,0.5,1",
      "--s",
      "0,0.5",
      "--rho",
      "0",
      "--widths",
      "10000,100000",
      "--seeds",
      "8",
      "--workers",
      "2",
      "--json",
    ];
    const total = 3 * 2 * 2 * 8;
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const lines = () => (existsSync(out) ? readFileSync(out, "utf8").split("\n").length - 2 : 0); // minus meta and the last ""
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (lines() >= 10) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(timer);
        resolve();
      });
      child.on("error", reject);
    });
    await new Promise((r) => child.once("close", r));
    const before = readSweepFile(out);
    const done = before?.records.length ?? 0;
    expect(done).toBeGreaterThanOrEqual(10);
    expect(done, "the first run finished before it could be killed; make the grid larger").toBeLessThan(total);
    const second = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(second.status, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as FeatureRegimesReport;
    expect(report.run?.resumed).toBe(done);
    expect(report.run?.computed).toBe(total - done);
    expect(report.run?.parallel).toBe(true);
    const after = readSweepFile(out);
    expect(after?.records.length).toBe(total); // each point exactly once
    expect(new Set(after?.records.map((r) => r.key)).size).toBe(total);
    // Worker results equal the in-process evaluation bit for bit (same code, same seeds).
    for (const r of after?.records.slice(0, 3) ?? []) {
      expect(JSON.parse(JSON.stringify(r.result))).toEqual(
        JSON.parse(JSON.stringify(evaluate(r.params as unknown as FeatureRegimesParams))),
      );
    }
  });
});

/**
 * Benchmark orchestrator: `npm run bench [-- options]` (= `npm run build && node dist/bench/run.js`).
 *
 * Runs the registered sections (`bench/sections.ts`), each measuring lindyn and its NumPy/SciPy peer on
 * the same problems in the same run, prints one table per section and writes all raw numbers to
 * `bench/results/bench-<timestamp>.json` and `bench/results/latest.json` (gitignored).
 *
 * Options:
 *   --only a,b        run only these section ids
 *   --quick           smaller problems, fewer repeats
 *   --no-peer         lindyn only (no Python needed)
 *   --python PATH     Python interpreter for peers (default: $LINDYN_PYTHON or python3)
 *   --peer-threads N  BLAS threads for the peer (default 1: lindyn is single-threaded)
 *   --clock cpu|wall  clock of the headline numbers (default: cpu with 1 peer thread, else wall)
 *   --list            list section ids and exit
 *
 * @packageDocumentation
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext, BenchRow, SectionResult } from "./section.js";
import { sections } from "./sections.js";

interface CliOptions {
  only: string[] | undefined;
  quick: boolean;
  noPeer: boolean;
  python: string;
  peerThreads: number;
  clock: "cpu" | "wall" | undefined;
  list: boolean;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = {
    only: undefined,
    quick: false,
    noPeer: false,
    python: process.env.LINDYN_PYTHON ?? "python3",
    peerThreads: 1,
    clock: undefined,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--only") opts.only = value().split(",").filter(Boolean);
    else if (a === "--quick") opts.quick = true;
    else if (a === "--no-peer") opts.noPeer = true;
    else if (a === "--python") opts.python = value();
    else if (a === "--peer-threads") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`--peer-threads must be an integer ≥ 1, got ${n}`);
      opts.peerThreads = n;
    } else if (a === "--clock") {
      const c = value();
      if (c !== "cpu" && c !== "wall") throw new Error(`--clock must be cpu or wall, got ${c}`);
      opts.clock = c;
    } else if (a === "--list") opts.list = true;
    else throw new Error(`unknown option ${a} (see the header of bench/run.ts)`);
  }
  return opts;
}

function fmt(x: number | undefined, digits = 3): string {
  if (x === undefined) return "—";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(2);
  return x.toPrecision(digits);
}

function printTable(title: string, result: SectionResult): void {
  console.log(`\n## ${title}\n`);
  if (result.skipped !== undefined) {
    console.log(`SKIPPED: ${result.skipped}`);
    return;
  }
  const extraKeys = [...new Set(result.rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ["case", "unit", "lindyn", "peer", "lindyn/peer speed", ...extraKeys, "same problem?"];
  const lines: string[][] = result.rows.map((r: BenchRow) => [
    r.case,
    r.unit,
    fmt(r.lindyn.value),
    r.peer ? fmt(r.peer.value) : "skipped",
    r.ratio === undefined ? "—" : `${fmt(r.ratio)}×`,
    ...extraKeys.map((k) => r.extra?.[k] ?? ""),
    r.checks === undefined || r.checks.length === 0
      ? r.peer
        ? "unchecked"
        : "—"
      : r.checks
          .map(
            (c) =>
              `${c.ok ? "ok" : "MISMATCH"} (${c.quantity}: rel ${fmt(c.relativeDifference, 2)} ≤ ${fmt(c.tolerance, 2)})`,
          )
          .join("; "),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  const row = (cells: string[]) => `| ${cells.map((c, j) => c.padEnd(widths[j])).join(" | ")} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(row(l));
  for (const r of result.rows) if (r.peerSkipped) console.log(`  peer skipped for ${r.case}: ${r.peerSkipped}`);
  for (const n of result.notes ?? []) console.log(`  · ${n}`);
}

function pythonVersions(python: string): string {
  const p = spawnSync(
    python,
    ["-c", "import sys, numpy, scipy; print(sys.version.split()[0], numpy.__version__, scipy.__version__)"],
    { encoding: "utf8" },
  );
  if (p.error || p.status !== 0) return "unavailable";
  const [py, np, sp] = p.stdout.trim().split(" ");
  return `Python ${py}, NumPy ${np}, SciPy ${sp}`;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.list) {
    for (const s of sections) console.log(`${s.id}\t${s.title}`);
    return;
  }
  const here = dirname(fileURLToPath(import.meta.url)); // <root>/dist/bench
  const root = resolve(here, "..", "..");
  const resultsDir = join(root, "bench", "results");
  const scratchDir = join(resultsDir, "scratch");
  mkdirSync(scratchDir, { recursive: true });
  const ctx: BenchContext = {
    quick: opts.quick,
    noPeer: opts.noPeer,
    python: opts.python,
    peerThreads: opts.peerThreads,
    clock: opts.clock ?? (opts.peerThreads === 1 ? "cpu" : "wall"),
    root,
    scratchDir,
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  const chosen = opts.only === undefined ? sections : sections.filter((s) => opts.only?.includes(s.id));
  const unknown = (opts.only ?? []).filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; try --list`);

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    peer: opts.noPeer ? "disabled" : pythonVersions(opts.python),
    peerThreads: opts.peerThreads,
    clock: ctx.clock,
    quick: opts.quick,
    loadAverageAtStart: loadavg()[0],
    loadAverageAtEnd: Number.NaN,
  };
  console.log(
    `lindyn benchmarks — ${environment.date}\nNode ${environment.node} (V8 ${environment.v8}), ${environment.cpu} × ${environment.cores}; peer: ${environment.peer}, ${opts.peerThreads} BLAS thread(s); headline clock: ${ctx.clock === "cpu" ? "process CPU time" : "wall time"}${opts.quick ? "; QUICK mode" : ""}`,
  );
  if (environment.loadAverageAtStart > 0.75 * environment.cores) {
    console.log(
      `WARNING: the machine is busy (1-min load average ${environment.loadAverageAtStart.toFixed(1)} on ${environment.cores} cores): timings are inflated and noisy on both sides; rerun on an idle machine for numbers worth quoting.`,
    );
  }
  const out: { id: string; title: string; result: SectionResult; seconds: number }[] = [];
  for (const s of chosen) {
    const t0 = performance.now();
    let result: SectionResult;
    try {
      result = await s.run(ctx);
    } catch (e) {
      result = { rows: [], skipped: `section failed: ${(e as Error).stack ?? String(e)}` };
    }
    const seconds = (performance.now() - t0) / 1000;
    printTable(s.title, result);
    out.push({ id: s.id, title: s.title, result, seconds });
  }
  environment.loadAverageAtEnd = loadavg()[0];
  console.log(
    `\nLoad average (1 min): ${environment.loadAverageAtStart.toFixed(2)} at start, ${environment.loadAverageAtEnd.toFixed(2)} at end (${environment.cores} cores).`,
  );
  const json = JSON.stringify({ environment, sections: out }, null, 2);
  const stamp = environment.date.replace(/[:.]/g, "-");
  const file = join(resultsDir, `bench-${stamp}.json`);
  writeFileSync(`${file}.tmp`, json);
  renameSync(`${file}.tmp`, file);
  writeFileSync(join(resultsDir, "latest.json.tmp"), json);
  renameSync(join(resultsDir, "latest.json.tmp"), join(resultsDir, "latest.json"));
  console.log(`\nResults written to ${file} (and latest.json).`);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});

/**
 * The `two-layer-regimes` sweep: the two-layer ReLU phase diagram of Luo, Xu, Ma, Zhang 2021
 * (arXiv 2007.07497) at paper-like widths. Every point trains the normalised model (κ = m^{−γ}, κ′ = m^{−γ′})
 * at one width and seed on the lindyn note's 4 points in 1-D and records sup_t RD of the input weights (bias
 * included); the summary fits the slope of log RD against log m per (γ, γ′) and compares the band it falls
 * in with the regime of S = γ − 1 − max(γ′, 0).
 *
 * This module is also the worker-thread entry of the sweep (its `evaluate` export) and defines the
 * `lindyn sweep two-layer-regimes` subcommand (registered with one line in src/cli/commands/sweep.ts); it
 * imports only commander's types from above the sweep layer.
 *
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { DomainError, errorMessage } from "../../core/errors.js";
import { kappasAtWidth } from "../../model/nonlinear/phase-diagram/normalised-coordinates.js";
import { trainNormalisedTwoLayer } from "../../model/nonlinear/phase-diagram/normalised-two-layer.js";
import {
  logLogSlope,
  predictedRegime,
  type Regime,
  regimeScore,
  regimesOfSlope,
} from "../../model/nonlinear/phase-diagram/regime.js";
import { cartesianGrid } from "../grid.js";
import { createProgress, silentProgress } from "../progress.js";
import { latestByKey, readSweepFile } from "../results-file.js";
import { runSweep, type SweepSummary, type SweepTask } from "../run-sweep.js";
import { parseShard, type Shard } from "../shard.js";

/** The axes and stopping rule of the sweep. */
export interface TwoLayerRegimesConfig {
  /** γ values (κ = m^{−γ}). */
  readonly gamma: readonly number[];
  /** γ′ values (κ′ = m^{−γ′}). */
  readonly gammaPrime: readonly number[];
  /** Widths m (even integers ≥ 2). */
  readonly widths: readonly number[];
  /** Seeds of the N(0, 1) draws (the same seeds at every cell: common random numbers). */
  readonly seeds: readonly number[];
  /** Stop training at R < lossTol. */
  readonly lossTol: number;
  /** Step cap per run. */
  readonly maxSteps: number;
}

/** Default: 5 × 5 cells (γ 0.5…1.5, γ′ −0.25…0.75), widths 250…4000, one seed: 125 points, ~30 s on 2 cores. */
export const DEFAULT_TWO_LAYER_REGIMES: TwoLayerRegimesConfig = {
  gamma: [0.5, 0.75, 1, 1.25, 1.5],
  gammaPrime: [-0.25, 0, 0.25, 0.5, 0.75],
  widths: [250, 500, 1000, 2000, 4000],
  seeds: [1],
  lossTol: 1e-7,
  maxSteps: 1_000_000,
};

/** Parameters of one point. */
export interface TwoLayerRegimesParams {
  readonly gamma: number;
  readonly gammaPrime: number;
  readonly width: number;
  readonly seed: number;
  readonly lossTol: number;
  readonly maxSteps: number;
  [key: string]: number;
}

/** The JSON result of one point. */
export interface TwoLayerPointResult {
  readonly kappa: number;
  readonly kappaPrime: number;
  readonly rdW: number;
  readonly rdA: number;
  readonly steps: number;
  readonly time: number;
  readonly finalLoss: number;
  readonly status: string;
}

/** Evaluates one point (the worker entry). */
export function evaluate(params: TwoLayerRegimesParams): TwoLayerPointResult {
  const { kappa, kappaPrime } = kappasAtWidth(params.gamma, params.gammaPrime, params.width);
  const r = trainNormalisedTwoLayer({
    kappa,
    kappaPrime,
    width: params.width,
    seed: params.seed,
    lossTol: params.lossTol,
    maxSteps: params.maxSteps,
  });
  return {
    kappa,
    kappaPrime,
    rdW: r.rdW,
    rdA: r.rdA,
    steps: r.steps,
    time: r.time,
    finalLoss: r.finalLoss,
    status: r.status,
  };
}

/** The compiled worker module, when running from `dist/` (undefined under a TypeScript loader). */
export function twoLayerRegimesWorkerModule(): string | undefined {
  const url = new URL(import.meta.url);
  if (!url.pathname.endsWith(".js")) return undefined;
  return existsSync(fileURLToPath(url)) ? url.href : undefined;
}

/** The sweep task for a configuration (validated: non-empty axes, even widths ≥ 2, lossTol > 0). */
export function twoLayerRegimesTask(
  config: TwoLayerRegimesConfig = DEFAULT_TWO_LAYER_REGIMES,
): SweepTask<TwoLayerRegimesParams, TwoLayerPointResult> {
  for (const w of config.widths) {
    if (!Number.isInteger(w) || w < 2 || w % 2 !== 0) {
      throw new DomainError(
        errorMessage(
          "widths",
          config.widths,
          "must be even integers ≥ 2 (antisymmetric pairs)",
          "Use e.g. 250,500,1000.",
        ),
      );
    }
  }
  if (!(config.lossTol > 0)) {
    throw new DomainError(errorMessage("lossTol", config.lossTol, "must be > 0", "Use e.g. 1e-7."));
  }
  const points = cartesianGrid({
    gamma: config.gamma,
    gammaPrime: config.gammaPrime,
    width: config.widths,
    seed: config.seeds,
  }).map((p) => ({
    ...p,
    params: { ...p.params, lossTol: config.lossTol, maxSteps: config.maxSteps } as TwoLayerRegimesParams,
  }));
  const worker = twoLayerRegimesWorkerModule();
  return {
    name: "two-layer-regimes",
    points,
    config: { ...config, version: 1 },
    evaluate,
    ...(worker === undefined ? {} : { worker: { module: worker } }),
  };
}

/** One (γ, γ′) cell of the summary. */
export interface TwoLayerCell {
  readonly gamma: number;
  readonly gammaPrime: number;
  /** S = γ − 1 − max(γ′, 0). */
  readonly score: number;
  readonly predicted: Regime;
  readonly widths: number[];
  /** Geometric mean over seeds of sup_t RD(w), per width. */
  readonly rd: number[];
  /** Slope of log RD against log m (NaN with fewer than two widths). */
  readonly slope: number;
  /** The bands containing the slope (see REGIME_BANDS). */
  readonly numeric: Regime[];
  /** Whether the predicted regime's band contains the slope. */
  readonly agree: boolean;
  /** Runs that stopped before the loss tolerance. */
  readonly unconverged: number;
  /** Mean milliseconds per point of the cell. */
  readonly msPerPoint: number;
}

/** Reads a results file (of any shard, or merged) and summarises every (γ, γ′) cell it covers. */
export function summarizeTwoLayerRegimes(path: string): { cells: TwoLayerCell[]; points: number; failed: number } {
  const contents = readSweepFile(path);
  if (contents === undefined) {
    throw new DomainError(errorMessage("results file", path, "must exist and hold a sweep", "Run the sweep first."));
  }
  const records = [...latestByKey(contents.records).values()];
  const ok = records.filter((r) => r.error === undefined && r.result !== undefined);
  const byCell = new Map<string, typeof ok>();
  for (const r of ok) {
    const p = r.params as unknown as TwoLayerRegimesParams;
    const key = `${p.gamma},${p.gammaPrime}`;
    byCell.set(key, [...(byCell.get(key) ?? []), r]);
  }
  const cells: TwoLayerCell[] = [];
  for (const rs of byCell.values()) {
    const p0 = rs[0]!.params as unknown as TwoLayerRegimesParams;
    const widths = [...new Set(rs.map((r) => (r.params as unknown as TwoLayerRegimesParams).width))].sort(
      (a, b) => a - b,
    );
    const rd = widths.map((m) => {
      const at = rs.filter((r) => (r.params as unknown as TwoLayerRegimesParams).width === m);
      return Math.exp(at.reduce((s, r) => s + Math.log((r.result as TwoLayerPointResult).rdW), 0) / at.length);
    });
    const slope =
      widths.length >= 2 && rd.every((v) => v > 0 && Number.isFinite(v)) ? logLogSlope(widths, rd) : Number.NaN;
    const score = regimeScore(p0.gamma, p0.gammaPrime);
    const predicted = predictedRegime(score);
    const numeric = Number.isFinite(slope) ? regimesOfSlope(slope) : [];
    cells.push({
      gamma: p0.gamma,
      gammaPrime: p0.gammaPrime,
      score,
      predicted,
      widths,
      rd,
      slope,
      numeric,
      agree: numeric.includes(predicted),
      unconverged: rs.filter((r) => (r.result as TwoLayerPointResult).status !== "converged").length,
      msPerPoint: rs.reduce((s, r) => s + (r.ms ?? 0), 0) / rs.length,
    });
  }
  cells.sort((a, b) => a.gamma - b.gamma || a.gammaPrime - b.gammaPrime);
  return { cells, points: ok.length, failed: records.length - ok.length };
}

/** The report of `lindyn sweep two-layer-regimes`. */
export interface TwoLayerRegimesReport {
  run: SweepSummary | null;
  points: number;
  failed: number;
  cells: TwoLayerCell[];
  agree: number;
}

/** Output sink of the subcommand (structurally the CLI's CliIo). */
export interface TwoLayerRegimesIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly isTTY: boolean;
  exitCode?: number;
}

/** Options of the subcommand (after parsing). */
export interface TwoLayerRegimesOptions {
  out: string;
  gamma: number[];
  gammaPrime: number[];
  widths: number[];
  seeds: number[];
  lossTol: number;
  maxSteps: number;
  shard?: Shard;
  workers?: number;
  fresh?: boolean;
  retryErrors?: boolean;
  limit?: number;
  progress: boolean;
  summaryOnly?: boolean;
  json?: boolean;
}

/** Runs (or only summarises) the sweep. */
export async function runTwoLayerRegimes(
  options: TwoLayerRegimesOptions,
  io: TwoLayerRegimesIo,
): Promise<TwoLayerRegimesReport> {
  let run: SweepSummary | null = null;
  if (!options.summaryOnly) {
    const task = twoLayerRegimesTask({
      gamma: options.gamma,
      gammaPrime: options.gammaPrime,
      widths: options.widths,
      seeds: options.seeds,
      lossTol: options.lossTol,
      maxSteps: options.maxSteps,
    });
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once("SIGINT", onSigint);
    try {
      run = await runSweep(task, {
        output: options.out,
        ...(options.shard === undefined ? {} : { shard: options.shard }),
        workers: options.workers ?? Math.max(1, availableParallelism()),
        fresh: options.fresh ?? false,
        retryErrors: options.retryErrors ?? false,
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        progress: options.progress
          ? createProgress({ label: "two-layer-regimes", write: (t) => io.stderr(t), isTTY: io.isTTY })
          : silentProgress,
        signal: controller.signal,
      });
    } finally {
      process.removeListener("SIGINT", onSigint);
    }
    if (run.interrupted) io.exitCode = 130;
    else if (run.failed > 0 || run.remaining > 0) io.exitCode = 1;
  }
  const { cells, points, failed } = summarizeTwoLayerRegimes(options.out);
  return { run, points, failed, cells, agree: cells.filter((c) => c.agree).length };
}

function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return String(Number(x.toFixed(digits)));
}

/** The text report: one row per cell. */
export function formatTwoLayerRegimes(report: TwoLayerRegimesReport): string {
  const lines: string[] = [];
  if (report.run !== null) {
    const r = report.run;
    lines.push(
      `sweep two-layer-regimes → ${r.file}: ${r.computed} computed, ${r.resumed} resumed, ${r.failed} failed, ${r.remaining} remaining` +
        ` (${r.inShard} of ${r.total} points in this shard${r.parallel ? ", worker threads" : ""}, ${num(r.elapsedMs / 1000, 1)} s)`,
    );
  }
  const header = ["γ", "γ′", "S", "predicted", "slope", "numeric", "agree", "RD(m_min)", "RD(m_max)", "ms/point"];
  const rows = report.cells.map((c) => [
    num(c.gamma),
    num(c.gammaPrime),
    num(c.score),
    c.predicted,
    num(c.slope),
    c.numeric.join("|") || "—",
    c.agree ? "yes" : "NO",
    num(c.rd[0] ?? Number.NaN),
    num(c.rd[c.rd.length - 1] ?? Number.NaN),
    num(c.msPerPoint, 0),
  ]);
  const w = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] as string).length)));
  const fmt = (r: string[]) => r.map((x, k) => x.padStart(w[k] as number)).join("  ");
  lines.push(fmt(header), ...rows.map(fmt));
  lines.push(
    `slope band (linear < −0.2, critical |s| < 0.15, condensed > 0.05) matches sign(S) in ${report.agree} of ${report.cells.length} cells` +
      `${report.failed ? `; ${report.failed} points failed` : ""}`,
  );
  const unconverged = report.cells.reduce((s, c) => s + c.unconverged, 0);
  if (unconverged > 0) lines.push(`${unconverged} runs stopped before the loss tolerance (see --max-steps)`);
  return `${lines.join("\n")}\n`;
}

function numberList(flag: string, text: string): number[] {
  const list = String(text)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number);
  if (list.length === 0 || list.some((x) => !Number.isFinite(x))) {
    throw new DomainError(
      errorMessage(flag, text, "must be a comma-separated list of numbers", `Example: ${flag} 0.5,1,1.5`),
    );
  }
  return list;
}

function intList(flag: string, text: string, min: number): number[] {
  const list = numberList(flag, text);
  if (list.some((x) => !Number.isInteger(x) || x < min)) {
    throw new DomainError(errorMessage(flag, text, `must be integers ≥ ${min}`, `Example: ${flag} 250,1000,4000`));
  }
  return list;
}

const HELP = `
Two-layer ReLU net f(x) = (1/α)Σ a_k σ(w_k·(x, 1)) (Luo et al. 2021, arXiv 2007.07497) in normalised form:
f = κ Σ ā_k σ(w̄_k·(x, 1)), κ = m^(−γ), κ′ = m^(−γ′), ā, w̄ ~ N(0, 1) in antisymmetric pairs (f₀ ≡ 0), GD with step
min(0.5/λ_max(Θ/n), 1 % relative change of ā or w̄) on the 4 points x = (−0.5, −1/6, 1/6, 0.5),
y = (−0.2, 0.3, 0.25, −0.1), loss (1/2n)Σ(f − y)², until R < --loss-tol. Each point (γ, γ′, m, seed) records
sup_t RD(w) = sup_t ‖w(t) − w(0)‖/‖w(0)‖ (input weights with bias). Per cell the slope of log RD vs log m is
compared with S = γ − 1 − max(γ′, 0): linear (S < 0) needs slope < −0.2, critical (S = 0) |slope| < 0.15,
condensed (S > 0) slope > 0.05.

Results: one JSON line per finished point in --out (resumed when the file exists). Shards: --shard 1/2 and
--shard 2/2, then lindyn merge --out all.jsonl a.jsonl b.jsonl and --summary-only --out all.jsonl.
Exit code 0 when every point of the shard is in the file, 1 when some failed or remain, 2 for bad flags, 130
after Ctrl-C.`;

/** Adds `two-layer-regimes` under the `lindyn sweep` command. */
export function registerTwoLayerRegimes(sweep: Command, io: TwoLayerRegimesIo): void {
  const d = DEFAULT_TWO_LAYER_REGIMES;
  sweep
    .command("two-layer-regimes")
    .description(
      "Two-layer ReLU phase diagram (Luo et al. 2021) over (γ, γ′) at widths 250…4000: slope of log RD vs sign(S).",
    )
    .option("--out <file>", "results file (JSON lines; resumed when it exists)", "two-layer-regimes.jsonl")
    .option("--gamma <list>", "γ values (κ = m^−γ)", (v) => numberList("--gamma", v), [...d.gamma])
    .option("--gamma-prime <list>", "γ′ values (κ′ = m^−γ′)", (v) => numberList("--gamma-prime", v), [...d.gammaPrime])
    .option("--widths <list>", "even widths m", (v) => intList("--widths", v, 2), [...d.widths])
    .option("--seeds <list>", "seeds", (v) => intList("--seeds", v, 0), [...d.seeds])
    .option("--loss-tol <x>", "stop at loss < x", (v) => numberList("--loss-tol", v)[0] as number, d.lossTol)
    .option("--max-steps <n>", "step cap per run", (v) => intList("--max-steps", v, 1)[0] as number, d.maxSteps)
    .option("--shard <i/n>", "run only shard i of n (1-based)", (v) => parseShard(v))
    .option(
      "--workers <n>",
      "worker threads (default: all cores; 1 = in-process)",
      (v) => intList("--workers", v, 1)[0],
    )
    .option("--fresh", "delete an existing results file instead of resuming it")
    .option("--retry-errors", "recompute points whose evaluation failed")
    .option("--limit <n>", "compute at most n points in this run", (v) => intList("--limit", v, 0)[0])
    .option("--no-progress", "no progress bar / progress lines on stderr")
    .option("--summary-only", "do not compute: summarise the points already in --out")
    .option("--json", "print the summary as JSON")
    .addHelpText("after", HELP)
    .action(async (options: TwoLayerRegimesOptions) => {
      const report = await runTwoLayerRegimes(options, io);
      io.stdout(
        options.json
          ? `${JSON.stringify(report, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`
          : formatTwoLayerRegimes(report),
      );
    });
}

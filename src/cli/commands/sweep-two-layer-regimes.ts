/**
 * `lindyn sweep two-layer-regimes`: the two-layer ReLU phase diagram of Luo et al. 2021 (arXiv 2007.07497)
 * as a resumable sweep (the task itself is src/sweep/tasks/two-layer-regimes.ts).
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import type { SweepSummary } from "../../sweep/run-sweep.js";
import {
  DEFAULT_TWO_LAYER_REGIMES,
  summarizeTwoLayerRegimes,
  type TwoLayerCell,
  twoLayerRegimesTask,
} from "../../sweep/tasks/two-layer-regimes.js";
import { parseInteger, parseIntegerList, parseNumber, parseNumberList } from "../_internals/parse.js";
import {
  formatSweepNumber,
  formatSweepRunLine,
  runSweepCommand,
  type SweepCommandOptions,
  withSweepOptions,
} from "../_internals/run-sweep-command.js";
import type { CliIo } from "../io.js";

/** The report of `lindyn sweep two-layer-regimes`. */
export interface TwoLayerRegimesReport {
  run: SweepSummary | null;
  points: number;
  failed: number;
  cells: TwoLayerCell[];
  agree: number;
}

/** Options of the subcommand (after parsing). */
export interface TwoLayerRegimesOptions extends SweepCommandOptions {
  gamma: number[];
  gammaPrime: number[];
  widths: number[];
  seeds: number[];
  lossTol: number;
  maxSteps: number;
  summaryOnly?: boolean;
  json?: boolean;
}

/** Runs (or only summarises) the sweep. */
export async function runTwoLayerRegimes(options: TwoLayerRegimesOptions, io: CliIo): Promise<TwoLayerRegimesReport> {
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
    run = await runSweepCommand(task, "two-layer-regimes", options, io);
  }
  const { cells, points, failed } = summarizeTwoLayerRegimes(options.out);
  return { run, points, failed, cells, agree: cells.filter((c) => c.agree).length };
}

const num = formatSweepNumber;

/** The text report: one row per cell. */
export function formatTwoLayerRegimes(report: TwoLayerRegimesReport): string {
  const lines: string[] = [];
  if (report.run !== null) {
    lines.push(formatSweepRunLine("two-layer-regimes", report.run));
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
export function registerTwoLayerRegimes(sweep: Command, io: CliIo): void {
  const d = DEFAULT_TWO_LAYER_REGIMES;
  withSweepOptions(sweep.command("two-layer-regimes"), "two-layer-regimes.jsonl")
    .description(
      "Two-layer ReLU phase diagram (Luo et al. 2021) over (γ, γ′) at widths 250…4000: slope of log RD vs sign(S).",
    )
    .option("--gamma <list>", "γ values (κ = m^−γ)", (v) => parseNumberList("--gamma", v), [...d.gamma])
    .option("--gamma-prime <list>", "γ′ values (κ′ = m^−γ′)", (v) => parseNumberList("--gamma-prime", v), [
      ...d.gammaPrime,
    ])
    .option("--widths <list>", "even widths m", (v) => parseIntegerList("--widths", v, 2), [...d.widths])
    .option("--seeds <list>", "seeds", (v) => parseIntegerList("--seeds", v, 0), [...d.seeds])
    .option("--loss-tol <x>", "stop at loss < x", (v) => parseNumber("--loss-tol", v), d.lossTol)
    .option("--max-steps <n>", "step cap per run", (v) => parseInteger("--max-steps", v, 1), d.maxSteps)
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

/**
 * What every `lindyn sweep <experiment>` shares: run a task with the common flags, a progress display on
 * stderr, Ctrl-C that stops after the points in flight (finished points stay in the file), and the exit
 * code (130 interrupted, 1 when points failed or remain, 0 otherwise).
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { createProgress, silentProgress } from "../../sweep/progress.js";
import { runSweep, type SweepSummary, type SweepTask } from "../../sweep/run-sweep.js";
import { parseShard, type Shard } from "../../sweep/shard.js";
import type { SweepParams } from "../../sweep/sweep-point.js";
import type { CliIo } from "../io.js";
import { parseInteger } from "./parse.js";

/** The flags every sweep subcommand accepts (after parsing). */
export interface SweepCommandOptions {
  /** Results file (JSON lines; resumed when it exists). */
  out: string;
  /** Only this shard of the grid. */
  shard?: Shard;
  /** Worker threads; default all cores, 1 = in-process. */
  workers?: number;
  /** Delete an existing results file instead of resuming it. */
  fresh?: boolean;
  /** Recompute points whose evaluation failed. */
  retryErrors?: boolean;
  /** Compute at most this many points in this run. */
  limit?: number;
  /** Progress bar (TTY) or lines on stderr. */
  progress: boolean;
}

/** Runs `task` as the sweep subcommand `label` and sets `io.exitCode` from the outcome. */
export async function runSweepCommand<P extends SweepParams, R>(
  task: SweepTask<P, R>,
  label: string,
  options: SweepCommandOptions,
  io: CliIo,
): Promise<SweepSummary> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  let run: SweepSummary;
  try {
    run = await runSweep(task, {
      output: options.out,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      workers: options.workers ?? Math.max(1, availableParallelism()),
      fresh: options.fresh ?? false,
      retryErrors: options.retryErrors ?? false,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      progress: options.progress
        ? createProgress({ label, write: (t) => io.stderr(t), isTTY: io.isTTY })
        : silentProgress,
      signal: controller.signal,
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
  if (run.interrupted) io.exitCode = 130;
  else if (run.failed > 0 || run.remaining > 0) io.exitCode = 1;
  return run;
}

/**
 * Adds the flags every sweep subcommand shares (results file, shards, workers, resume control, progress,
 * summary) to `command`; the experiment adds its own grid flags after these.
 */
export function withSweepOptions(command: Command, defaultOut: string): Command {
  return command
    .option("--out <file>", "results file (JSON lines; resumed when it exists)", defaultOut)
    .option("--shard <i/n>", "run only shard i of n (1-based)", (v) => parseShard(v))
    .option("--workers <n>", "worker threads (default: all cores; 1 = in-process)", (v) =>
      parseInteger("--workers", v, 1),
    )
    .option("--fresh", "delete an existing results file instead of resuming it")
    .option("--retry-errors", "recompute points whose evaluation failed")
    .option("--limit <n>", "compute at most n points in this run", (v) => parseInteger("--limit", v, 0))
    .option("--no-progress", "no progress bar / progress lines on stderr")
    .option("--summary-only", "do not compute: summarise the points already in --out")
    .option("--json", "print the summary as JSON");
}

/** A number for sweep tables: at most `digits` decimals, exponent form outside [1e-3, 1e5). */
export function formatSweepNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return String(Number(x.toFixed(digits)));
}

/** The first line of every sweep summary: what this run computed, resumed, failed and left. */
export function formatSweepRunLine(label: string, r: SweepSummary): string {
  return (
    `sweep ${label} → ${r.file}: ${r.computed} computed, ${r.resumed} resumed, ${r.failed} failed, ${r.remaining} remaining` +
    ` (${r.inShard} of ${r.total} points in this shard${r.parallel ? ", worker threads" : ""}, ${formatSweepNumber(r.elapsedMs / 1000, 1)} s)`
  );
}

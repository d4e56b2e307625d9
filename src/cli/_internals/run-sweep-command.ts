/**
 * What every `lindyn sweep <experiment>` shares: run a task with the common flags, a progress display on
 * stderr, Ctrl-C that stops after the points in flight (finished points stay in the file), and the exit
 * code (130 interrupted, 1 when points failed or remain, 0 otherwise).
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { createProgress, silentProgress } from "../../sweep/progress.js";
import { runSweep, type SweepSummary, type SweepTask } from "../../sweep/run-sweep.js";
import type { Shard } from "../../sweep/shard.js";
import type { SweepParams } from "../../sweep/sweep-point.js";
import type { CliIo } from "../io.js";

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

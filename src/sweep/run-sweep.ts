/**
 * The generic sweep engine: evaluates the points of a grid, writes one flushed JSON line per finished point,
 * resumes from its own file after an interruption without recomputing or losing points, runs one shard of
 * the grid (`--shard i/n`), and spreads points over worker threads.
 *
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { DomainError, errorMessage } from "../core/errors.js";
import { type TaskModuleSpec, WorkerPool } from "./_internals/worker-pool.js";
import { type SweepProgress, silentProgress } from "./progress.js";
import { latestByKey, readSweepFile, SweepWriter } from "./results-file.js";
import { inShard, type Shard, shardLabel } from "./shard.js";
import type { SweepMeta, SweepParams, SweepPoint, SweepRecord } from "./sweep-point.js";

export type { TaskModuleSpec } from "./_internals/worker-pool.js";

/** What to sweep. */
export interface SweepTask<P extends SweepParams = SweepParams, R = unknown> {
  /** Name written into the file (e.g. `feature-regimes`). */
  readonly name: string;
  /** The FULL grid (every shard passes the same list). Keys must be unique. */
  readonly points: readonly SweepPoint<P>[];
  /** Configuration echoed into the meta line and hashed into the fingerprint. */
  readonly config?: unknown;
  /** In-process evaluator (used when `workers` ≤ 1, or when no worker module is given). */
  readonly evaluate?: (params: P) => R | Promise<R>;
  /** A plain-JavaScript module exporting the same evaluator, for worker threads. */
  readonly worker?: TaskModuleSpec;
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** The JSON-lines results file (created, or resumed when it exists). */
  readonly output: string;
  /** Only the points of this shard. @defaultValue the whole grid */
  readonly shard?: Shard;
  /**
   * Worker threads. Values > 1 need `task.worker`; without it the sweep runs in-process.
   * @defaultValue 1 (in-process)
   */
  readonly workers?: number;
  /** Delete an existing file instead of resuming it. @defaultValue false */
  readonly fresh?: boolean;
  /** Recompute points whose record holds an error. @defaultValue false */
  readonly retryErrors?: boolean;
  /** Stop after computing this many points (the rest stay for a later resume). @defaultValue no limit */
  readonly limit?: number;
  /** Progress sink. @defaultValue silent */
  readonly progress?: SweepProgress;
  /** Aborting stops dispatching new points; finished ones are already on disk. */
  readonly signal?: AbortSignal;
  /** See {@link SweepWriter}. @defaultValue 1000 */
  readonly fsyncIntervalMs?: number;
}

/** What a run did. */
export interface SweepSummary {
  readonly sweep: string;
  readonly file: string;
  /** Points in the full grid. */
  readonly total: number;
  /** Points in this shard. */
  readonly inShard: number;
  /** Points of the shard already in the file before this run. */
  readonly resumed: number;
  /** Points computed by this run. */
  readonly computed: number;
  /** Of those, how many threw. */
  readonly failed: number;
  /** Points of the shard still missing (after an interruption or `limit`). */
  readonly remaining: number;
  /** Whether the run stopped because of the abort signal. */
  readonly interrupted: boolean;
  /** Wall-clock milliseconds. */
  readonly elapsedMs: number;
  /** Whether worker threads were used. */
  readonly parallel: boolean;
}

/** SHA-256 of the sweep name, its configuration and every point key (independent of sharding). */
export function sweepFingerprint(name: string, points: readonly SweepPoint[], config: unknown): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ name, config: config ?? null }));
  for (const p of points) h.update(`\n${p.index}:${p.key}`);
  return h.digest("hex");
}

/** The meta line for a task and shard. */
export function sweepMeta(task: SweepTask, shard: Shard | undefined): SweepMeta {
  return {
    sweep: task.name,
    fingerprint: sweepFingerprint(task.name, task.points, task.config),
    total: task.points.length,
    shard: shardLabel(shard),
    config: task.config,
  };
}

/**
 * Runs (or resumes) a sweep. Every finished point is appended to `options.output` at once as one JSON line;
 * points already there are skipped, so running the same command again after a kill continues where it
 * stopped. Resolves with a summary; evaluator errors become `error` records, not exceptions.
 * @throws DomainError when the existing file belongs to a different sweep configuration, or for bad options
 */
export async function runSweep<P extends SweepParams, R>(
  task: SweepTask<P, R>,
  options: RunSweepOptions,
): Promise<SweepSummary> {
  const t0 = Date.now();
  const keys = new Set<string>();
  for (const p of task.points) {
    if (keys.has(p.key)) {
      throw new DomainError(
        errorMessage("point key", p.key, "must be unique within the grid", "Give every point a distinct key."),
      );
    }
    keys.add(p.key);
  }
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new DomainError(
      errorMessage("workers", workers, "must be an integer ≥ 1", "Use 1 for in-process evaluation."),
    );
  }
  if (task.evaluate === undefined && task.worker === undefined) {
    throw new DomainError(
      errorMessage("task", task.name, "needs an evaluate function or a worker module", "Provide one."),
    );
  }
  if (options.fresh) rmSync(options.output, { force: true });
  const meta = sweepMeta(task as unknown as SweepTask, options.shard);
  const existing = readSweepFile(options.output);
  const writer = SweepWriter.open(options.output, meta, existing, { fsyncIntervalMs: options.fsyncIntervalMs });
  const done = latestByKey(existing?.records ?? []);
  const shardPoints = task.points.filter((p) => inShard(p.index, options.shard));
  const isDone = (p: SweepPoint<P>): boolean => {
    const r = done.get(p.key);
    return r !== undefined && !(options.retryErrors && r.error !== undefined);
  };
  let todo = shardPoints.filter((p) => !isDone(p));
  const resumed = shardPoints.length - todo.length;
  if (options.limit !== undefined) todo = todo.slice(0, Math.max(0, options.limit));
  const progress = options.progress ?? silentProgress;
  progress.start(todo.length, resumed);
  let computed = 0;
  let failed = 0;
  let interrupted = false;
  const record = (p: SweepPoint<P>, outcome: { result?: unknown; error?: string; ms: number }): void => {
    const rec: SweepRecord =
      outcome.error !== undefined
        ? { key: p.key, index: p.index, params: p.params, error: outcome.error, ms: round3(outcome.ms) }
        : { key: p.key, index: p.index, params: p.params, result: outcome.result, ms: round3(outcome.ms) };
    writer.append(rec);
    computed++;
    if (outcome.error !== undefined) failed++;
    progress.tick(outcome.error !== undefined);
  };
  const useWorkers = workers > 1 && task.worker !== undefined && todo.length > 1;
  try {
    if (useWorkers) {
      const pool = await WorkerPool.create(task.worker as TaskModuleSpec, Math.min(workers, todo.length));
      try {
        let next = 0;
        const lanes = Array.from({ length: Math.min(workers, todo.length) }, async () => {
          while (next < todo.length) {
            if (options.signal?.aborted) {
              interrupted = true;
              return;
            }
            const p = todo[next++] as SweepPoint<P>;
            record(p, await pool.run(p.params));
          }
        });
        await Promise.all(lanes);
      } finally {
        await pool.terminate();
      }
    } else {
      const evaluate = task.evaluate ?? (await loadEvaluate<P, R>(task.worker as TaskModuleSpec));
      for (const p of todo) {
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        const start = performance.now();
        try {
          const result = await evaluate(p.params);
          record(p, { result, ms: performance.now() - start });
        } catch (e) {
          record(p, { error: e instanceof Error ? e.message : String(e), ms: performance.now() - start });
        }
        // Let signal handlers (Ctrl-C) run between points.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    writer.close();
    progress.finish();
  }
  return {
    sweep: task.name,
    file: options.output,
    total: task.points.length,
    inShard: shardPoints.length,
    resumed,
    computed,
    failed,
    remaining: shardPoints.length - resumed - computed,
    interrupted,
    elapsedMs: Date.now() - t0,
    parallel: useWorkers,
  };
}

async function loadEvaluate<P, R>(spec: TaskModuleSpec): Promise<(params: P) => R | Promise<R>> {
  const url = spec.module.startsWith("file:") ? spec.module : `file://${spec.module}`;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[spec.exportName ?? "evaluate"];
  if (typeof fn !== "function") {
    throw new DomainError(
      errorMessage("worker.exportName", spec.exportName ?? "evaluate", `must name a function of ${url}`, "Export it."),
    );
  }
  return fn as (params: P) => R | Promise<R>;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

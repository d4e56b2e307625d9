/**
 * Shared benchmark machinery: a timer with warm-up, calibration and median of repeats, measuring both wall
 * and process CPU time (the same protocol as `bench/peers/_timing.py`), the peer runner, and agreement
 * checks.
 *
 * @packageDocumentation
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AgreementCheck, BenchContext } from "./section.js";

/** Options of {@link timeIt}. Mirrored by `bench/peers/_timing.py`. */
export interface TimingOptions {
  /**
   * Each sample runs the function enough times to last at least this long, so timer resolution and loop
   * overhead do not matter for fast calls.
   * @defaultValue 0.05 s
   */
  minSampleSeconds?: number;
  /**
   * Number of timed samples; the median is reported.
   * @defaultValue 7
   */
  samples?: number;
  /**
   * Untimed warm-up before sampling (lets V8 optimise the hot code and caches settle); it also calibrates
   * the calls per sample. 0 skips it: every sample is then exactly one call (for long runs).
   * @defaultValue 0.2 s, at least one call
   */
  warmupSeconds?: number;
  /**
   * Cap on the total sampling time: no new sample starts after it (at least 1 sample is always taken).
   * @defaultValue 30 s
   */
  maxSeconds?: number;
}

/** Result of {@link timeIt}; times are per call. */
export interface Timing {
  /** Wall-clock time per call, median over samples. */
  readonly medianSeconds: number;
  readonly minSeconds: number;
  /**
   * CPU time of this process (user + system, `process.cpuUsage`) per call, median over samples. On a
   * machine shared with other work, wall time also counts time spent waiting for a core; CPU time does
   * not, so it is the fairer measure for two single-threaded programs run on a busy machine.
   */
  readonly cpuMedianSeconds: number;
  readonly cpuMinSeconds: number;
  readonly samples: number;
  readonly callsPerSample: number;
}

/** The per-call time a section reports: CPU or wall median, per {@link BenchContext.clock}. */
export function headlineSeconds(ctx: BenchContext, t: Timing): number {
  return ctx.clock === "cpu" ? t.cpuMedianSeconds : t.medianSeconds;
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Times `fn` with the protocol: warm-up, calibrate calls per sample, then `samples` samples, median per
 * call. Uses `process.hrtime.bigint()` (ns resolution).
 */
export function timeIt(fn: () => void, options: TimingOptions = {}): Timing {
  const minSample = options.minSampleSeconds ?? 0.05;
  const wanted = options.samples ?? 7;
  const warmup = options.warmupSeconds ?? 0.2;
  const maxSeconds = options.maxSeconds ?? 30;
  const now = () => Number(process.hrtime.bigint()) / 1e9;
  // Warm-up, which also estimates the cost of one call. Skipped entirely when warmupSeconds is 0 (for
  // long runs, where one call already amortises JIT compilation): then every sample is a single call.
  let callsPerSample = 1;
  if (warmup > 0) {
    const w0 = now();
    let calls = 0;
    do {
      fn();
      calls++;
    } while (now() - w0 < warmup);
    const perCall = (now() - w0) / calls;
    callsPerSample = Math.max(1, Math.ceil(minSample / Math.max(perCall, 1e-9)));
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const start = now();
  for (let s = 0; s < wanted; s++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    for (let c = 0; c < callsPerSample; c++) fn();
    const wall = now() - t0;
    const cpu = process.cpuUsage(c0);
    times.push(wall / callsPerSample);
    cpuTimes.push((cpu.user + cpu.system) / 1e6 / callsPerSample);
    if (now() - start > maxSeconds) break; // at least one sample is always taken
  }
  return {
    medianSeconds: median(times),
    minSeconds: Math.min(...times),
    cpuMedianSeconds: median(cpuTimes),
    cpuMinSeconds: Math.min(...cpuTimes),
    samples: times.length,
    callsPerSample,
  };
}

/** Outcome of {@link runPeer}: the peer's JSON answer, or why there is none. */
export type PeerOutcome<T> = { ok: true; result: T } | { ok: false; reason: string };

/**
 * Runs `bench/peers/<script>` with the problem written to a JSON file and parses the JSON it prints on
 * stdout. BLAS/OpenMP thread counts are pinned to `ctx.peerThreads`.
 */
export function runPeer<T>(ctx: BenchContext, script: string, name: string, input: unknown): PeerOutcome<T> {
  if (ctx.noPeer) return { ok: false, reason: "peers disabled (--no-peer)" };
  const file = join(ctx.scratchDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(input));
  const threads = String(ctx.peerThreads);
  const proc = spawnSync(ctx.python, [join(ctx.root, "bench", "peers", script), file], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: {
      ...process.env,
      OMP_NUM_THREADS: threads,
      OPENBLAS_NUM_THREADS: threads,
      MKL_NUM_THREADS: threads,
      VECLIB_MAXIMUM_THREADS: threads,
    },
  });
  if (proc.error) return { ok: false, reason: `could not start ${ctx.python}: ${proc.error.message}` };
  if (proc.status !== 0) {
    const tail = (proc.stderr || "").trim().split("\n").slice(-3).join(" | ");
    return { ok: false, reason: `${script} exited with ${proc.status}: ${tail}` };
  }
  try {
    return { ok: true, result: JSON.parse(proc.stdout) as T };
  } catch (e) {
    return { ok: false, reason: `${script} printed invalid JSON: ${(e as Error).message}` };
  }
}

/** Builds an {@link AgreementCheck}: relative difference against the peer value, with an absolute floor. */
export function agreement(
  quantity: string,
  lindyn: number,
  peer: number,
  tolerance: number,
  why: string,
  floor = 0,
): AgreementCheck {
  const denom = Math.max(Math.abs(peer), floor);
  const diff = Math.abs(lindyn - peer);
  const relativeDifference = diff === 0 ? 0 : denom === 0 ? Number.POSITIVE_INFINITY : diff / denom;
  return { quantity, lindyn, peer, relativeDifference, tolerance, why, ok: relativeDifference <= tolerance };
}

/** Relative 2-norm difference ‖a − b‖/‖b‖ of two vectors. */
export function relativeVectorDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return den === 0 ? (num === 0 ? 0 : Number.POSITIVE_INFINITY) : Math.sqrt(num / den);
}

/** Formats seconds with a sensible unit. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(2)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(2)} ms`;
  return `${s.toFixed(2)} s`;
}

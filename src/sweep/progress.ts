/**
 * Progress reporting for long sweeps: a redrawn bar with throughput and ETA on an interactive terminal,
 * occasional plain lines otherwise (logs, CI, pipes).
 *
 * @packageDocumentation
 */

/** Receives the engine's progress events. */
export interface SweepProgress {
  /** `total` points to do in this run (after resume), `resumed` already in the file. */
  start(total: number, resumed: number): void;
  /** One point finished (`failed` when its evaluator threw). */
  tick(failed: boolean): void;
  /** The run ended (normally or interrupted). */
  finish(): void;
}

/** A progress sink that reports nothing. */
export const silentProgress: SweepProgress = { start() {}, tick() {}, finish() {} };

/** Formats seconds as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Label in front of the bar, e.g. the sweep name. */
  readonly label: string;
  /** Where to write (stderr). */
  readonly write: (text: string) => void;
  /** Draw a redrawn bar (terminal) or plain lines. */
  readonly isTTY: boolean;
  /** Bar width in characters. @defaultValue 30 */
  readonly width?: number;
  /** Minimum milliseconds between redraws (TTY) or between plain lines. @defaultValue 100 (TTY), 5000 (plain) */
  readonly intervalMs?: number;
  /** Clock, injectable for tests. @defaultValue Date.now */
  readonly now?: () => number;
}

/**
 * A progress reporter. On a TTY: `\r<label> [#####-----] 120/500 24% 35.1 pt/s ETA 11s` redrawn at most every
 * `intervalMs`. Otherwise one line `<label>: 120/500 (24%), 35.1 pt/s, ETA 11s` every `intervalMs` and at
 * every 10% step, plus a final line. The ETA is the remaining count over the throughput of this run.
 */
export function createProgress(options: ProgressOptions): SweepProgress {
  const now = options.now ?? Date.now;
  const barWidth = options.width ?? 30;
  const interval = options.intervalMs ?? (options.isTTY ? 100 : 5000);
  let total = 0;
  let resumed = 0;
  let done = 0;
  let failed = 0;
  let t0 = 0;
  let lastDraw = -Infinity;
  let lastDecile = 0; // no line for the first 10%: the start line already said how many points
  const line = (final: boolean): string => {
    const elapsed = (now() - t0) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = total === 0 ? 100 : Math.floor((100 * done) / total);
    const tail = `${done}/${total} ${options.isTTY ? `${pct}%` : `(${pct}%)`}${rate > 0 ? `, ${rate.toFixed(1)} pt/s` : ""}${
      final ? `, ${formatDuration(elapsed)} elapsed` : `, ETA ${formatDuration(eta)}`
    }${failed > 0 ? `, ${failed} failed` : ""}${resumed > 0 ? `, ${resumed} resumed` : ""}`;
    if (!options.isTTY) return `${options.label}: ${tail}\n`;
    const filled = total === 0 ? barWidth : Math.round((barWidth * done) / total);
    return `\r${options.label} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${tail}\x1b[K${final ? "\n" : ""}`;
  };
  return {
    start(n, r) {
      total = n;
      resumed = r;
      t0 = now();
      if (options.isTTY) options.write(line(false));
      else options.write(`${options.label}: ${n} points to compute${r > 0 ? `, ${r} already in the file` : ""}\n`);
      lastDraw = now();
    },
    tick(f) {
      done++;
      if (f) failed++;
      const t = now();
      const decile = total === 0 ? 10 : Math.floor((10 * done) / total);
      const due = t - lastDraw >= interval || (!options.isTTY && decile !== lastDecile && done < total);
      if (due) {
        options.write(line(false));
        lastDraw = t;
        lastDecile = decile;
      }
    },
    finish() {
      options.write(line(true));
    },
  };
}

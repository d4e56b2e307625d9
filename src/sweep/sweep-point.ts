/**
 * The vocabulary of the sweep engine: a point of a parameter grid, and the JSON-lines record written for it.
 *
 * @packageDocumentation
 */

/** Parameter values of one point: JSON-serialisable scalars by axis name. */
export type SweepParams = Readonly<Record<string, number | string | boolean>>;

/** One point of a sweep. */
export interface SweepPoint<P extends SweepParams = SweepParams> {
  /** Position in the full grid (0-based); sharding and merged output follow it. */
  readonly index: number;
  /** A stable identifier, unique within the grid (resume and merge match points by it). */
  readonly key: string;
  readonly params: P;
}

/** The first line of a results file: which sweep made it. */
export interface SweepMeta {
  /** Sweep name, e.g. `feature-regimes`. */
  readonly sweep: string;
  /** Hash of the sweep name, its configuration and every point key of the FULL grid (independent of the shard). */
  readonly fingerprint: string;
  /** Number of points in the full grid. */
  readonly total: number;
  /** `"i/n"` for a shard, `"all"`, or `"merged"`. */
  readonly shard: string;
  /** Free-form configuration echoed for readers (axes, widths, seeds…). */
  readonly config?: unknown;
}

/** One finished point: a JSON line `{"key", "index", "params", "result" | "error", "ms"}`. */
export interface SweepRecord<P extends SweepParams = SweepParams, R = unknown> {
  readonly key: string;
  readonly index: number;
  readonly params: P;
  /** The evaluator's result (absent when it threw). */
  readonly result?: R;
  /** The evaluator's error message when it threw. */
  readonly error?: string;
  /** Wall-clock milliseconds spent on the point (informational). */
  readonly ms?: number;
}

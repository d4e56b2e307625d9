/**
 * Sharding: splitting a sweep across machines or processes as `--shard i/n` (1-based, like vitest).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `"i/n"` with 1 ≤ i ≤ n.
 * @throws DomainError naming the accepted form
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count) {
    throw new DomainError(
      errorMessage(
        "--shard",
        text,
        "must be i/n with 1 ≤ i ≤ n",
        "Use e.g. --shard 1/2 and --shard 2/2 on two machines.",
      ),
    );
  }
  return { index, count };
}

/** Whether grid point `pointIndex` belongs to `shard` (round-robin, so shards get similar mixes of points). */
export function inShard(pointIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || pointIndex % shard.count === shard.index - 1;
}

/** `"i/n"`, or `"all"` without a shard. */
export function shardLabel(shard: Shard | undefined): string {
  return shard === undefined ? "all" : `${shard.index}/${shard.count}`;
}

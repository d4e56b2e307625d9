/**
 * Choosing which claims run: ids and globs, a `--grep` filter, and deterministic sharding so that CI can
 * split the catalogue over machines with every claim running exactly once.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import type { Claim } from "./claim.js";

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Options of {@link selectClaims}. */
export interface SelectOptions {
  /**
   * Claim ids or globs (`*` any run of characters, `?` one character), e.g. `ziyin2022.*`. Each pattern
   * must match at least one claim. @defaultValue [] (all claims)
   */
  readonly patterns?: readonly string[];
  /**
   * Case-insensitive regular expression matched against id, title, tags, source paper and statement
   * text. @defaultValue undefined (no filter)
   */
  readonly grep?: string;
  /** Keep only this shard of the selection (claims sorted by id, dealt round-robin). */
  readonly shard?: Shard;
}

/**
 * Parses `"i/n"` into a {@link Shard}.
 *
 * @throws DomainError unless `i` and `n` are integers with 1 ≤ i ≤ n
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const fix = "Use --shard i/n with whole numbers 1 ≤ i ≤ n, e.g. --shard 1/2 and --shard 2/2 on two machines.";
  if (match === null) throw new DomainError(errorMessage("--shard", text, "must have the form i/n", fix));
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new DomainError(errorMessage("--shard", text, `needs 1 ≤ i ≤ n (got i = ${index}, n = ${count})`, fix));
  }
  return { index, count };
}

/** Converts a glob (`*`, `?`) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/**
 * Selects claims: the union of the patterns' matches (all claims when no pattern is given), filtered by
 * `grep`, sorted by id, then restricted to one shard (claim k of the sorted selection, 0-based, goes to
 * shard `k mod n + 1`). The result is sorted by id.
 *
 * @throws DomainError when a pattern matches no claim, when `grep` is not a valid regular expression or
 *   matches nothing
 */
export function selectClaims(claims: readonly Claim[], options: SelectOptions = {}): Claim[] {
  const patterns = options.patterns ?? [];
  let chosen: Claim[];
  if (patterns.length === 0) {
    chosen = [...claims];
  } else {
    const keep = new Set<Claim>();
    for (const pattern of patterns) {
      const re = globToRegExp(pattern);
      const hits = claims.filter((c) => re.test(c.id));
      if (hits.length === 0) {
        throw new DomainError(
          errorMessage("claim", pattern, "matches no claim id", "Run `lindyn list` to see the ids; globs use * and ?."),
        );
      }
      for (const c of hits) keep.add(c);
    }
    chosen = claims.filter((c) => keep.has(c));
  }
  if (options.grep !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(options.grep, "i");
    } catch (error) {
      throw new DomainError(
        errorMessage(
          "--grep",
          options.grep,
          `must be a valid regular expression (${(error as Error).message})`,
          "Escape special characters such as ( or [.",
        ),
      );
    }
    chosen = chosen.filter((c) => re.test(searchText(c)));
    if (chosen.length === 0) {
      throw new DomainError(
        errorMessage("--grep", options.grep, "matches no claim", "Run `lindyn list` to see what exists."),
      );
    }
  }
  chosen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shard = options.shard;
  if (shard !== undefined) {
    if (
      !(
        Number.isInteger(shard.index) &&
        Number.isInteger(shard.count) &&
        shard.index >= 1 &&
        shard.index <= shard.count
      )
    ) {
      throw new DomainError(
        errorMessage(
          "shard",
          `${shard.index}/${shard.count}`,
          "needs integers 1 ≤ i ≤ n",
          "Pass e.g. { index: 1, count: 2 }.",
        ),
      );
    }
    chosen = chosen.filter((_, k) => k % shard.count === shard.index - 1);
  }
  return chosen;
}

function searchText(c: Claim): string {
  return [c.id, c.title, ...c.tags, c.source.paper, c.source.arxiv ?? "", c.statement.text].join("\n");
}

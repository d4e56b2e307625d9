/**
 * A claim: a statement from a paper (or a user's conjecture) made executable. Data (id, source, statement,
 * expected outcome) plus a `check` that returns an honest verdict.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import type { CheckResult } from "./verdict.js";

/**
 * The verdict a claim is expected to receive. Theorems expect `verified` (numeric evidence) or `proved`
 * (exact symbolic identity); negative controls (deliberately false statements that guard the machinery
 * against vacuous passes) expect `refuted`.
 */
export type ExpectedStatus = "proved" | "verified" | "refuted";

/** Where a claim comes from. */
export interface ClaimSource {
  /** Authors, year and short title, e.g. `Du, Hu, Lee 2018, "Algorithmic Regularization in Learning Deep Homogeneous Models"`. */
  readonly paper: string;
  /** arXiv identifier without prefix, e.g. `1806.00900`. Required in the built-in catalogue. */
  readonly arxiv?: string;
  /** Section, theorem or equation, e.g. `Thm 2.1` or `§3, eq. (7)`. Required in the built-in catalogue. */
  readonly section?: string;
}

/** The statement in words and in LaTeX (rendered by KaTeX in HTML reports). */
export interface ClaimStatement {
  readonly text: string;
  readonly latex?: string;
}

/** Per-claim defaults that the runner's options may override. */
export interface ClaimDefaults {
  /**
   * Cases a property claim generates (fast-check `numRuns`), or the count of random settings a numeric
   * claim tries. Choose it so the claim runs in a few seconds; deeper runs come from `--runs`.
   * @defaultValue 100
   */
  readonly runs: number;
  /**
   * Wall-clock budget for a property claim in milliseconds; when exceeded, generation stops and the
   * verdict is `inconclusive` (budget exhausted) unless a counterexample was already found.
   * @defaultValue undefined (no limit)
   */
  readonly timeLimitMillis?: number;
}

/**
 * How large a numeric experiment a claim runs: `"ci"` (the default, sized to finish in seconds under
 * `npm test`) or `"paper"` (the sizes of the paper's own experiments, for `lindyn verify --size paper`).
 * Claims without a paper-scale variant ignore it.
 */
export type ClaimSize = "ci" | "paper";

/** The accepted values of {@link ClaimSize}, in order. */
export const CLAIM_SIZES: readonly ClaimSize[] = ["ci", "paper"];

/** What a check receives from the runner. */
export interface ClaimContext {
  /** The run's seed. Derive all randomness from it (fast-check `seed`, `new Rng(ctx.seed)`). */
  readonly seed: number;
  /** Cases to try: the `--runs` override, else the claim's `defaults.runs`. */
  readonly runs: number;
  /**
   * A fast-check replay path (from a previous counterexample). When set, a property claim replays that
   * one case instead of generating new ones.
   */
  readonly path?: string;
  /**
   * Experiment size: the `--size` flag or `LINDYN_SIZE`. Absent means `"ci"` (the runner always sets it;
   * contexts built by hand in tests may omit it).
   * @defaultValue "ci"
   */
  readonly size?: ClaimSize;
}

/** A claim as stored in the catalogue. Build one with {@link defineClaim} or {@link propertyClaim}. */
export interface Claim {
  /**
   * Stable identifier, lower case: `[a-z0-9][a-z0-9._-]*`, e.g. `du2018.conservation`. In the catalogue
   * it equals the file name's stem or starts with `<stem>.`.
   */
  readonly id: string;
  readonly title: string;
  readonly source: ClaimSource;
  readonly statement: ClaimStatement;
  /**
   * Where the executable statement is our own formalisation of the paper's words (a chosen tolerance,
   * a finite family of settings standing for "for all", a convention conversion such as Ziyin's D = L − 1):
   * say so here.
   */
  readonly formalisation?: string;
  readonly expected: ExpectedStatus;
  readonly tags: readonly string[];
  readonly defaults: ClaimDefaults;
  /** Decides the claim. May throw: the runner turns an exception into an `inconclusive` verdict. */
  check(ctx: ClaimContext): CheckResult | Promise<CheckResult>;
}

/** Everything {@link defineClaim} needs; `tags` and `defaults` may be omitted. */
export interface ClaimSpec {
  readonly id: string;
  readonly title: string;
  readonly source: ClaimSource;
  readonly statement: ClaimStatement;
  readonly formalisation?: string;
  readonly expected: ExpectedStatus;
  /** @defaultValue [] */
  readonly tags?: readonly string[];
  /** @defaultValue `{ runs: 100 }` */
  readonly defaults?: Partial<ClaimDefaults>;
  check(ctx: ClaimContext): CheckResult | Promise<CheckResult>;
}

/** Default number of cases when a claim does not say. */
export const DEFAULT_RUNS = 100;

/** The pattern every claim id matches. */
export const CLAIM_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const EXPECTED: readonly string[] = ["proved", "verified", "refuted"];

/**
 * Validates a claim specification and returns a frozen {@link Claim}.
 *
 * @throws DomainError naming the offending field and how to fix it
 */
export function defineClaim(spec: ClaimSpec): Claim {
  const id = spec.id;
  const where = typeof id === "string" ? `claim "${id}"` : "claim";
  if (typeof id !== "string" || !CLAIM_ID_PATTERN.test(id)) {
    throw new DomainError(
      errorMessage(
        `${where}: id`,
        id,
        "must be lower case letters, digits, '.', '_' or '-', starting with a letter or digit",
        "Name it after its source, e.g. du2018.conservation.",
      ),
    );
  }
  requireText(where, "title", spec.title);
  if (spec.source === null || typeof spec.source !== "object") {
    throw new DomainError(
      errorMessage(`${where}: source`, spec.source, "must be an object", "Pass { paper, arxiv, section }."),
    );
  }
  requireText(where, "source.paper", spec.source.paper);
  if (spec.source.arxiv !== undefined) requireText(where, "source.arxiv", spec.source.arxiv);
  if (spec.source.section !== undefined) requireText(where, "source.section", spec.source.section);
  if (spec.statement === null || typeof spec.statement !== "object") {
    throw new DomainError(
      errorMessage(`${where}: statement`, spec.statement, "must be an object", "Pass { text, latex }."),
    );
  }
  requireText(where, "statement.text", spec.statement.text);
  if (spec.statement.latex !== undefined) requireText(where, "statement.latex", spec.statement.latex);
  if (spec.formalisation !== undefined) requireText(where, "formalisation", spec.formalisation);
  if (!EXPECTED.includes(spec.expected)) {
    throw new DomainError(
      errorMessage(
        `${where}: expected`,
        spec.expected,
        'must be "proved", "verified" or "refuted"',
        'Negative controls (statements meant to be false) expect "refuted".',
      ),
    );
  }
  const tags = spec.tags ?? [];
  for (const tag of tags) requireText(where, "tags[]", tag);
  const runs = spec.defaults?.runs ?? DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new DomainError(errorMessage(`${where}: defaults.runs`, runs, "must be an integer ≥ 1", "Pass e.g. 50."));
  }
  const timeLimitMillis = spec.defaults?.timeLimitMillis;
  if (timeLimitMillis !== undefined && !(Number.isFinite(timeLimitMillis) && timeLimitMillis > 0)) {
    throw new DomainError(
      errorMessage(`${where}: defaults.timeLimitMillis`, timeLimitMillis, "must be > 0", "Omit it for no limit."),
    );
  }
  if (typeof spec.check !== "function") {
    throw new DomainError(
      errorMessage(`${where}: check`, spec.check, "must be a function", "Pass check(ctx) => CheckResult."),
    );
  }
  const defaults: ClaimDefaults = timeLimitMillis === undefined ? { runs } : { runs, timeLimitMillis };
  const claim: Claim = {
    id,
    title: spec.title,
    source: Object.freeze({ ...spec.source }),
    statement: Object.freeze({ ...spec.statement }),
    ...(spec.formalisation === undefined ? {} : { formalisation: spec.formalisation }),
    expected: spec.expected,
    tags: Object.freeze([...tags]),
    defaults: Object.freeze(defaults),
    check: spec.check,
  };
  return Object.freeze(claim);
}

/** True when `value` has the shape of a {@link Claim} (used by the catalogue loader). */
export function isClaim(value: unknown): value is Claim {
  if (value === null || typeof value !== "object") return false;
  const c = value as Partial<Claim>;
  return (
    typeof c.id === "string" &&
    typeof c.title === "string" &&
    typeof c.check === "function" &&
    typeof c.expected === "string" &&
    c.source !== undefined &&
    c.statement !== undefined &&
    c.defaults !== undefined &&
    Array.isArray(c.tags)
  );
}

function requireText(where: string, field: string, value: unknown): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new DomainError(errorMessage(`${where}: ${field}`, value, "must be a non-empty string", "Fill it in."));
  }
}

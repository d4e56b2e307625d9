/**
 * The symbolic engine: a thin, distrustful wrapper around nerdamer-prime 1.5. Every result that the engine
 * could get wrong is checked before it is returned:
 *
 * - solver roots are substituted back into the equation at random points drawn from the assumptions
 *   (fast-check, fixed seed); only roots that are real and make the relative residual ≤ the tolerance at
 *   every point are kept (nerdamer's complex cube-root branches fail here, by design);
 * - "could not solve" is an {@link SolveResult} with status `unsupported`, never an empty root list;
 * - simplifications are accepted only when `expand(lhs − rhs)` is 0 or, failing that, the two sides agree
 *   numerically (status `numeric`, reported as such);
 * - series come from repeated differentiation (no series routine of the engine is trusted).
 *
 * nerdamer keeps a global history of parsed expressions; every entry made here is removed again, so the
 * history does not grow with use.
 *
 * @packageDocumentation
 */
import nerdamer from "nerdamer-prime";
import { ConvergenceError, DomainError, errorMessage } from "../core/errors.js";
import { toEngineText } from "./_internals/ast.js";
import { DEFAULT_CHECK_SEED, samplePoints } from "./_internals/sampling.js";
import { commonDenominator } from "./_internals/split.js";
import type { Assumption } from "./assumptions.js";
import { Expr } from "./expr.js";

/** Anything the engine accepts as an expression. */
export type ExprLike = Expr | string | number;

/** Engine text of an expression-like value. */
export function engineText(e: ExprLike): string {
  if (typeof e === "number") {
    if (!Number.isFinite(e)) {
      throw new DomainError(errorMessage("number", e, "must be finite", "Symbolic expressions hold finite numbers."));
    }
    return e < 0 ? `(${e})` : String(e);
  }
  return typeof e === "string" ? e : e.text;
}

/**
 * The element texts of a vector the engine returned. nerdamer 1.5's typings say `solve`/`coeffs` return a
 * Vector, but at run time they return an Expression wrapping it (`.symbol.elements`); accept both.
 */
function elementTexts(result: unknown): string[] {
  const r = result as { elements?: unknown[]; symbol?: { elements?: unknown[] } };
  const elements = r.elements ?? r.symbol?.elements;
  if (!Array.isArray(elements)) throw new Error("the engine returned no vector");
  return elements.map((e) => String(e));
}

function engineCall<T>(operation: string, input: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConvergenceError(
      `symbolic engine: ${operation} of ${input} failed inside nerdamer (${message}). ` +
        "This operation has no fallback; report the expression.",
    );
  }
}

/** Parses and canonicalises `text` with the engine (e.g. `2*x*(1/3)` → `(2/3)*x`). */
export function expr(text: ExprLike): Expr {
  const input = engineText(text);
  const out = engineCall("parse", input, () => {
    const e = nerdamer(input);
    const s = e.toString();
    nerdamer.clear("last");
    return s;
  });
  return new Expr(out);
}

/**
 * ∂e/∂v by the engine, checked against central finite differences at random points (relative 1e-6 of the
 * size of the terms: differences with step 1e-5·(1 + |v|) are accurate to ~1e-10, so only a wrong derivative
 * fails). nerdamer 1.5 differentiates some radicals wrongly, e.g. √(Ab)·e^{−γ̄b}; that throws here.
 * @throws ConvergenceError when the engine's derivative is refuted
 */
export function diff(e: ExprLike, v: string, options: Pick<CheckOptions, "assumptions" | "seed"> = {}): Expr {
  const input = engineText(e);
  const out = new Expr(engineCall(`diff by ${v}`, input, () => nerdamer.diff(input, v).toString()));
  const f = e instanceof Expr ? e : new Expr(input);
  const symbols = [...new Set([...f.symbols, v])].filter((s) => s !== "i" && s !== "pi" && s !== "e");
  const pts = samplePoints(symbols, options.assumptions ?? [], 8, options.seed ?? DEFAULT_CHECK_SEED);
  for (const p of pts) {
    const x = p[v] as number;
    const h = 1e-5 * (1 + Math.abs(x));
    const fp = f.evaluateRaw({ ...p, [v]: x + h });
    const fm = f.evaluateRaw({ ...p, [v]: x - h });
    const d = out.evaluateRaw(p);
    if (![fp, fm, d].every(Number.isFinite)) continue;
    const fd = (fp - fm) / (2 * h);
    const scale = Math.max(out.magnitude(p), f.magnitude(p) / (1 + Math.abs(x)), Number.MIN_VALUE);
    if (Math.abs(fd - d) > 1e-6 * scale) {
      throw new ConvergenceError(
        `symbolic engine: d/d${v} of ${input} gave ${out.text}, which disagrees with finite differences at ` +
          `${JSON.stringify(p)} (${d} vs ${fd}). This derivative is wrong in nerdamer; rewrite the expression ` +
          "(e.g. split radicals of products) or differentiate by hand.",
      );
    }
  }
  return out;
}

/** Full expansion by the engine. */
export function expand(e: ExprLike): Expr {
  const input = engineText(e);
  return new Expr(engineCall("expand", input, () => nerdamer.expand(input).toString()));
}

/** Factorisation by the engine (unchecked form change; the result is equal by construction of nerdamer). */
export function factor(e: ExprLike): Expr {
  const input = engineText(e);
  return new Expr(engineCall("factor", input, () => nerdamer.factor(input).toString()));
}

/** Substitutes expressions for symbols (simultaneously) and lets the engine canonicalise the result. */
export function substitute(e: ExprLike, values: Readonly<Record<string, ExprLike>>): Expr {
  const input = engineText(e);
  const subs: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) subs[k] = `(${engineText(v)})`;
  return new Expr(
    engineCall(`substitute ${JSON.stringify(subs)}`, input, () => {
      const s = nerdamer(input, subs).toString();
      nerdamer.clear("last");
      return s;
    }),
  );
}

/** Options shared by the numeric checks. */
export interface CheckOptions {
  /** Assumptions that define where checking points are drawn. @defaultValue [] (non-zero reals in [−4, 4]) */
  readonly assumptions?: readonly Assumption[];
  /** Number of random points. @defaultValue 12 */
  readonly points?: number;
  /**
   * Relative residual allowed at each point (residual / magnitude of the terms that cancel).
   * @defaultValue 1e-9 — double-precision evaluation of formulas with tens of operations loses well under
   * 1e-12; 1e-9 leaves room for powers with symbolic exponents while catching any wrong formula.
   */
  readonly tolerance?: number;
  /** Seed of the checking points. @defaultValue 20220209 */
  readonly seed?: number;
  /** Extra fixed values for symbols (not sampled). */
  readonly fixed?: Readonly<Record<string, number>>;
}

/** Outcome of an identity check: tri-state plus evidence. */
export interface IdentityCheck {
  /**
   * `proved`: the engine expands lhs − rhs to 0 (and the points agree); `numeric`: the engine could not
   * reduce it but every point agrees within tolerance; `refuted`: some point disagrees; `undecided`: too
   * few points where both sides are real.
   */
  readonly status: "proved" | "numeric" | "refuted" | "undecided";
  /** What the engine made of lhs − rhs. */
  readonly engineDifference: string;
  readonly points: number;
  readonly worstResidual: number;
  readonly tolerance: number;
  readonly seed: number;
  /** The first point that disagreed (status `refuted`). */
  readonly counterexample?: Readonly<Record<string, number>>;
}

function pointsFor(symbols: readonly string[], options: CheckOptions): Record<string, number>[] {
  const fixed = options.fixed ?? {};
  const free = symbols.filter((s) => !(s in fixed));
  return samplePoints(free, options.assumptions ?? [], options.points ?? 12, options.seed ?? DEFAULT_CHECK_SEED).map(
    (p) => ({ ...p, ...fixed }),
  );
}

/** Relative residual of `lhs − rhs` at a point (NaN when either side is not real there). */
function residualAt(lhs: Expr, rhs: Expr, point: Readonly<Record<string, number>>): number {
  const l = lhs.evaluateRaw(point);
  const r = rhs.evaluateRaw(point);
  if (!Number.isFinite(l) || !Number.isFinite(r)) return Number.NaN;
  const scale = Math.max(lhs.magnitude(point), rhs.magnitude(point), Number.MIN_VALUE);
  return Math.abs(l - r) / scale;
}

/** Numeric-only comparison of two expressions at random points (no engine reduction). */
export function compareNumerically(
  lhs: ExprLike,
  rhs: ExprLike,
  options: CheckOptions = {},
): Omit<IdentityCheck, "engineDifference" | "status"> & { status: "numeric" | "refuted" | "undecided" } {
  const L = lhs instanceof Expr ? lhs : new Expr(engineText(lhs));
  const R = rhs instanceof Expr ? rhs : new Expr(engineText(rhs));
  const tolerance = options.tolerance ?? 1e-9;
  const seed = options.seed ?? DEFAULT_CHECK_SEED;
  const symbols = [...new Set([...L.symbols, ...R.symbols])].filter((s) => s !== "i" && s !== "pi" && s !== "e");
  const pts = pointsFor(symbols, options);
  let worst = 0;
  let valid = 0;
  for (const p of pts) {
    const res = residualAt(L, R, p);
    if (Number.isNaN(res)) continue;
    valid++;
    if (res > worst) worst = res;
    if (res > tolerance)
      return { status: "refuted", points: valid, worstResidual: res, tolerance, seed, counterexample: p };
  }
  const needed = Math.ceil(pts.length / 2);
  return { status: valid >= needed ? "numeric" : "undecided", points: valid, worstResidual: worst, tolerance, seed };
}

/**
 * Checks `lhs = rhs`: first by engine expansion of the difference (exact), always also numerically at random
 * points (so an engine bug cannot prove a false identity).
 */
export function checkIdentity(lhs: ExprLike, rhs: ExprLike, options: CheckOptions = {}): IdentityCheck {
  const difference = expand(`(${engineText(lhs)})-(${engineText(rhs)})`).text;
  const numeric = compareNumerically(lhs, rhs, options);
  if (numeric.status === "refuted") return { ...numeric, engineDifference: difference };
  if (difference === "0") return { ...numeric, status: "proved", engineDifference: difference };
  return { ...numeric, engineDifference: difference };
}

/** A simplification and the evidence that it equals the input. */
export interface Simplified {
  readonly expr: Expr;
  readonly check: IdentityCheck;
}

/**
 * Engine simplification, accepted only if {@link checkIdentity} does not refute it.
 * @throws ConvergenceError when the engine's simplification is refuted numerically (an engine bug)
 */
export function simplify(e: ExprLike, options: CheckOptions = {}): Simplified {
  const input = engineText(e);
  const out = new Expr(engineCall("simplify", input, () => nerdamer.simplify(input).toString()));
  const check = checkIdentity(out, input, options);
  if (check.status === "refuted") {
    throw new ConvergenceError(
      `symbolic engine: simplify(${input}) gave ${out.text}, which differs at ${JSON.stringify(check.counterexample)} ` +
        `(relative residual ${check.worstResidual}). The unsimplified form is correct; use it.`,
    );
  }
  return { expr: out, check };
}

/** The result of {@link tidy}: the simplest verified form, and what was tried. */
export interface Tidied extends Simplified {
  /** Which engine operation produced the kept form (`input` when none was both shorter and correct). */
  readonly method: "simplify" | "factor" | "expand" | "together" | "input";
  /** Engine outputs that were refuted numerically (engine bugs caught), with the operation. */
  readonly refuted: readonly { readonly method: string; readonly output: string }[];
}

/** Display complexity: occurrences of symbols, then text length as a tie-break. */
function complexity(e: Expr): number {
  const occurrences = (e.text.match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? []).length;
  return occurrences * 1000 + e.text.length;
}

/**
 * The simplest (fewest symbol occurrences, then shortest) of the engine's simplify / factor / expand outputs that is not refuted numerically, or the
 * input itself; `together` puts a sum over a common denominator first (by hand on the tree), factors the
 * expanded numerator and simplifies the quotient. nerdamer's `simplify` is occasionally wrong (e.g. it turns a − (L−2)a/(2(L−1)) into
 * La/(L−1), off by a factor 2); this never lets such a form through.
 */
export function tidy(e: ExprLike, options: CheckOptions = {}): Tidied {
  const input = e instanceof Expr ? e : new Expr(engineText(e));
  const refuted: { method: string; output: string }[] = [];
  let best: { expr: Expr; check: IdentityCheck; method: Tidied["method"] } = {
    expr: input,
    check: { ...compareNumerically(input, input, options), engineDifference: "0" },
    method: "input",
  };
  const together = (t: string): string => {
    const { num, den } = commonDenominator(new Expr(t).tree, toEngineText);
    if (den === "1") throw new Error("no denominator");
    return nerdamer.simplify(`(${nerdamer.factor(nerdamer.expand(num).toString()).toString()})/(${den})`).toString();
  };
  const ops: [Tidied["method"], (t: string) => string][] = [
    ["simplify", (t) => nerdamer.simplify(t).toString()],
    ["factor", (t) => nerdamer.factor(t).toString()],
    ["expand", (t) => nerdamer.expand(t).toString()],
    ["together", together],
  ];
  for (const [method, op] of ops) {
    let out: Expr;
    try {
      out = new Expr(op(input.text));
    } catch {
      continue;
    }
    // Numeric comparison only: an engine expansion of the difference would cost more than the rewrite itself
    // (nerdamer's expand is slow on symbolic exponents) and cannot catch anything the points do not.
    if (complexity(out) >= complexity(best.expr)) continue;
    const numeric = compareNumerically(out, input, options);
    if (numeric.status === "refuted") {
      refuted.push({ method, output: out.text });
      continue;
    }
    if (numeric.status === "numeric")
      best = { expr: out, check: { ...numeric, engineDifference: "(not expanded)" }, method };
  }
  return { ...best, refuted };
}

/**
 * Polynomial coefficients of `e` in `v`, lowest degree first, checked by reassembling Σ c_k v^k = e.
 * @throws ConvergenceError when `e` is not a polynomial in `v` or the reassembly is refuted
 */
export function coefficients(e: ExprLike, v: string, options: CheckOptions = {}): Expr[] {
  const input = engineText(e);
  const coeffs = engineCall(`coefficients in ${v}`, input, () => elementTexts(nerdamer.coeffs(input, v))).map(
    (c) => new Expr(c),
  );
  const rebuilt = coeffs.map((c, k) => `(${c.text})*${v}^${k}`).join("+") || "0";
  const check = compareNumerically(rebuilt, input, options);
  if (check.status !== "numeric" || coeffs.some((c) => c.symbols.includes(v))) {
    throw new ConvergenceError(
      `symbolic engine: ${input} is not a polynomial in ${v} with the coefficients the engine gave ` +
        `(${coeffs.map(String).join(", ")}; check ${check.status}). Expand it or change variables first.`,
    );
  }
  return coeffs;
}

/** Options of {@link solve}. */
export interface SolveOptions extends CheckOptions {
  /**
   * Roots must also satisfy this (e.g. positivity of a scale); roots that fail it are rejected with the
   * given text as the reason.
   */
  readonly domain?: {
    readonly text: string;
    readonly holds: (root: number, scope: Readonly<Record<string, number>>) => boolean;
  };
}

/** A root that passed substitution at every checking point. */
export interface VerifiedRoot {
  readonly expr: Expr;
  readonly points: number;
  readonly worstResidual: number;
}

/** A candidate root the checks threw out, and why. */
export interface RejectedRoot {
  readonly expr: string;
  readonly reason: string;
}

/**
 * The result of {@link solve}. There is deliberately no "no solution" state: nerdamer does not distinguish
 * an empty solution set from failure, so an empty or fully rejected candidate list is `unsupported`.
 */
export type SolveResult =
  | {
      readonly status: "solved";
      readonly variable: string;
      readonly equation: Expr;
      readonly roots: readonly VerifiedRoot[];
      readonly rejected: readonly RejectedRoot[];
      readonly tolerance: number;
      readonly seed: number;
    }
  | {
      readonly status: "unsupported";
      readonly variable: string;
      readonly equation: Expr;
      readonly reason: string;
      readonly rejected: readonly RejectedRoot[];
    };

/**
 * Solves `equation = 0` for `v` with the engine and keeps only roots verified by substitution.
 * Never throws for an equation the engine cannot handle: that is `status: "unsupported"` with the reason.
 */
export function solve(equation: ExprLike, v: string, options: SolveOptions = {}): SolveResult {
  const eq = equation instanceof Expr ? equation : new Expr(engineText(equation));
  let candidates: string[];
  try {
    candidates = elementTexts(nerdamer.solve(eq.text, v));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "unsupported", variable: v, equation: eq, reason: `the engine failed: ${message}`, rejected: [] };
  }
  if (candidates.length === 0) {
    return {
      status: "unsupported",
      variable: v,
      equation: eq,
      reason: "the engine returned no candidates (it does not distinguish 'no solution' from 'could not solve')",
      rejected: [],
    };
  }
  return verifyCandidates(eq, v, candidates, options);
}

/** Substitutes each candidate root into `eq` at the checking points; keeps the verified ones. */
function verifyCandidates(eq: Expr, v: string, candidates: readonly string[], options: SolveOptions): SolveResult {
  const tolerance = options.tolerance ?? 1e-9;
  const seed = options.seed ?? DEFAULT_CHECK_SEED;
  const params = eq.symbols.filter((s) => s !== v && s !== "i" && s !== "pi" && s !== "e");
  const pts = pointsFor(params, options);
  const roots: VerifiedRoot[] = [];
  const rejected: RejectedRoot[] = [];
  const seen = new Set<string>();
  for (const text of candidates) {
    if (seen.has(text)) continue;
    seen.add(text);
    let root: Expr;
    try {
      root = new Expr(text);
    } catch {
      rejected.push({ expr: text, reason: "not parseable as a real expression" });
      continue;
    }
    let worst = 0;
    let reason: string | undefined;
    for (const p of pts) {
      const value = root.evaluateRaw(p);
      if (!Number.isFinite(value)) {
        reason = `not real at ${JSON.stringify(p)}`;
        break;
      }
      if (options.domain !== undefined && !options.domain.holds(value, p)) {
        reason = `outside the domain (${options.domain.text}) at ${JSON.stringify(p)}`;
        break;
      }
      const at = { ...p, [v]: value };
      const residual = Math.abs(eq.evaluateRaw(at)) / Math.max(eq.magnitude(at), Number.MIN_VALUE);
      if (!(residual <= tolerance)) {
        reason = `substitution leaves relative residual ${residual} > ${tolerance} at ${JSON.stringify(p)}`;
        break;
      }
      worst = Math.max(worst, residual);
    }
    if (reason === undefined) roots.push({ expr: root, points: pts.length, worstResidual: worst });
    else rejected.push({ expr: text, reason });
  }
  if (roots.length === 0) {
    return {
      status: "unsupported",
      variable: v,
      equation: eq,
      reason: `none of the engine's ${candidates.length} candidate(s) survived substitution`,
      rejected,
    };
  }
  return { status: "solved", variable: v, equation: eq, roots, rejected, tolerance, seed };
}

/**
 * Solves an equation that is linear in `v` from its engine coefficients (v = −c₀/c₁), with the same
 * substitution check as {@link solve}. nerdamer's general solver takes about half a second per call on
 * symbolic coefficients; this takes a few milliseconds. Falls back to {@link solve} when the equation is
 * not linear in `v`.
 */
export function solveLinear(equation: ExprLike, v: string, options: SolveOptions = {}): SolveResult {
  const eq = equation instanceof Expr ? equation : new Expr(engineText(equation));
  let c: Expr[];
  try {
    c = coefficients(eq, v, options);
  } catch {
    return solve(eq, v, options);
  }
  if (c.length !== 2 || c[1]?.text === "0") return solve(eq, v, options);
  return verifyCandidates(eq, v, [expr(`-(${c[0]?.text})/(${c[1]?.text})`).text], options);
}

/**
 * Taylor polynomial of `e` in `v` about `at` to the given order, by repeated engine differentiation:
 * Σ_{k≤order} e^{(k)}(at)/k! · (v − at)^k.
 */
export function series(e: ExprLike, v: string, at: ExprLike, order: number): Expr {
  let derivative = e instanceof Expr ? e : expr(e);
  const terms: string[] = [];
  let factorial = 1;
  const shift = engineText(at) === "0" ? v : `(${v}-(${engineText(at)}))`;
  for (let k = 0; k <= order; k++) {
    if (k > 0) {
      derivative = diff(derivative, v);
      factorial *= k;
    }
    const valueAt = substitute(derivative, { [v]: at });
    if (valueAt.text !== "0") terms.push(`(${valueAt.text})/${factorial}*${shift}^${k}`);
  }
  return expand(terms.join("+") || "0");
}

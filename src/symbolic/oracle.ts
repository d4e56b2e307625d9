/**
 * mathjs 15 as an independent second oracle for the symbolic engine: derivatives, simplification to zero and
 * compiled evaluation by a different code base, compared with nerdamer's results and lindyn's own compiler at
 * random points. Kept in its own module because importing mathjs takes about a second: the CLI's derive path
 * does not load it; tests and `verifyFormula` do.
 *
 * @packageDocumentation
 */
import { compile, derivative, parse, simplify } from "mathjs";
import { DEFAULT_CHECK_SEED, samplePoints } from "./_internals/sampling.js";
import type { Assumption } from "./assumptions.js";
import { type CheckOptions, compareNumerically, diff, type ExprLike, engineText } from "./engine.js";
import { Expr } from "./expr.js";
import type { DerivedFormula } from "./formula.js";

/** The derivative of `e` by mathjs, as an engine expression. */
export function mathjsDerivative(e: ExprLike, v: string): Expr {
  return new Expr(
    derivative(parse(engineText(e)), v)
      .toString({ parenthesis: "all", implicit: "show" })
      .replace(/\s+/g, ""),
  );
}

/** Whether mathjs simplifies `e` to exactly 0. */
export function mathjsSimplifiesToZero(e: ExprLike): boolean {
  return simplify(engineText(e)).toString() === "0";
}

/** The value of `e` at `scope` by mathjs; NaN when mathjs returns a non-real value. */
export function mathjsEvaluate(e: ExprLike, scope: Readonly<Record<string, number>>): number {
  const v: unknown = compile(engineText(e)).evaluate({ ...scope });
  return typeof v === "number" ? v : Number.NaN;
}

/** Outcome of a cross-check against mathjs. */
export interface OracleCheck {
  readonly status: "agrees" | "disagrees" | "undecided";
  readonly points: number;
  readonly worstResidual: number;
  readonly tolerance: number;
  readonly seed: number;
  readonly counterexample?: Readonly<Record<string, number>>;
}

/** Compares nerdamer's ∂e/∂v with mathjs's at random points (relative residual ≤ tolerance). */
export function crossCheckDerivative(e: ExprLike, v: string, options: CheckOptions = {}): OracleCheck {
  const r = compareNumerically(diff(e, v), mathjsDerivative(e, v), options);
  return { ...r, status: r.status === "numeric" ? "agrees" : r.status === "refuted" ? "disagrees" : "undecided" };
}

/**
 * Compares a formula's compiled evaluator with mathjs's evaluation of the same text at random points drawn
 * from the formula's assumptions.
 *
 * @param tolerance - relative; default 1e-12 (both evaluate the same expression in double precision, so
 *   they differ only by the order of rounding)
 */
export function crossCheckEvaluation(
  formula: Pick<DerivedFormula, "expression" | "assumptions">,
  options: {
    readonly points?: number;
    readonly tolerance?: number;
    readonly seed?: number;
    readonly assumptions?: readonly Assumption[];
  } = {},
): OracleCheck {
  const tolerance = options.tolerance ?? 1e-12;
  const seed = options.seed ?? DEFAULT_CHECK_SEED;
  const e = formula.expression;
  const symbols = e.symbols.filter((s) => s !== "pi" && s !== "e" && s !== "i");
  const pts = samplePoints(symbols, options.assumptions ?? formula.assumptions, options.points ?? 12, seed);
  const code = compile(e.text);
  let worst = 0;
  let valid = 0;
  for (const p of pts) {
    const ours = e.evaluateRaw(p);
    const raw: unknown = code.evaluate({ ...p });
    const theirs = typeof raw === "number" ? raw : Number.NaN;
    if (!Number.isFinite(ours) && !Number.isFinite(theirs)) continue;
    valid++;
    const res = Math.abs(ours - theirs) / Math.max(Math.abs(ours), Math.abs(theirs), Number.MIN_VALUE);
    if (!(res <= tolerance))
      return { status: "disagrees", points: valid, worstResidual: res, tolerance, seed, counterexample: p };
    worst = Math.max(worst, res);
  }
  return { status: valid > 0 ? "agrees" : "undecided", points: valid, worstResidual: worst, tolerance, seed };
}

/**
 * The shared pretty-printer behind {@link toLatex} and {@link toPlainText}: it puts an engine tree into the
 * shape a paper uses — numeric coefficient first, negative powers moved into a denominator, `−` instead of
 * `+ −1·`, polynomial terms ordered by degree in a chosen variable, constants last — and then writes it in a
 * target syntax described by a {@link Style}.
 *
 * @packageDocumentation
 */
import { type SymbolNotation, symbolNotation } from "../symbols.js";
import { freeSymbols, type Node } from "./ast.js";
import { negatedExponent, numericValue, type Split, split } from "./split.js";

/** Printer options common to both targets. */
export interface PrintOptions {
  /**
   * Order the terms of every sum by decreasing degree in this symbol (symbolic exponents such as `2L − 2`
   * are compared at L = 10); terms free of it go last.
   * @defaultValue none: constants go last and a positive term goes first
   */
  readonly orderBy?: string;
  /** Per-call symbol notations that override the built-in table. */
  readonly symbols?: Readonly<Record<string, SymbolNotation>>;
}

/** One output syntax. */
export interface Style {
  sym(n: SymbolNotation): string;
  num(v: number): string;
  /** Joins the factors of a product (coefficient already first). */
  join(parts: readonly string[]): string;
  frac(num: string, den: string, inline: boolean, numIsCompound: boolean, denIsCompound: boolean): string;
  paren(s: string): string;
  pow(base: string, exp: string, expIsAtomic: boolean): string;
  sqrt(s: string): string;
  call(fn: string, args: readonly string[]): string;
  minus: string;
  plus: string;
  leadingMinus: string;
}

/** Degree of a term in `v` (symbolic exponents evaluated with every other symbol = 10). */
function degreeIn(n: Node, v: string): number {
  switch (n.kind) {
    case "sym":
      return n.name === v ? 1 : 0;
    case "num":
      return 0;
    case "neg":
      return degreeIn(n.arg, v);
    case "mul":
      return n.factors.reduce((s, f) => s + degreeIn(f, v), 0);
    case "div":
      return degreeIn(n.num, v) - degreeIn(n.den, v);
    case "pow": {
      const d = degreeIn(n.base, v);
      if (d === 0) return 0;
      return d * evalAtTen(n.exp);
    }
    case "add":
      return Math.max(...n.terms.map((t) => degreeIn(t, v)));
    case "call":
      return n.args.some((a) => degreeIn(a, v) !== 0) ? 0.5 : 0;
  }
}

function evalAtTen(n: Node): number {
  switch (n.kind) {
    case "num":
      return n.value;
    case "sym":
      return 10;
    case "neg":
      return -evalAtTen(n.arg);
    case "add":
      return n.terms.reduce((s, t) => s + evalAtTen(t), 0);
    case "mul":
      return n.factors.reduce((s, t) => s * evalAtTen(t), 1);
    case "div":
      return evalAtTen(n.num) / evalAtTen(n.den);
    case "pow":
      return evalAtTen(n.base) ** evalAtTen(n.exp);
    case "call":
      return 1;
  }
}

const isConstant = (n: Node): boolean => !Number.isNaN(numericValue(n));
const termIsNegative = (n: Node): boolean => split(n).negative;

/** Default order: non-constant terms first, constants last, and a positive term in front when there is one. */
function defaultOrder(terms: readonly Node[]): Node[] {
  const ordered = [...terms.filter((t) => !isConstant(t)), ...terms.filter((t) => isConstant(t))];
  if (ordered.length > 1 && termIsNegative(ordered[0] as Node)) {
    const k = ordered.findIndex((t) => !termIsNegative(t));
    if (k > 0) ordered.unshift(...ordered.splice(k, 1));
  }
  return ordered;
}

function orderTerms(terms: readonly Node[], orderBy: string | undefined): Node[] {
  if (orderBy === undefined) return defaultOrder(terms);
  const degrees = [...new Set(terms.map((t) => degreeIn(t, orderBy)))].sort((x, y) => y - x);
  if (degrees.length === 1) return defaultOrder(terms);
  // Within one degree keep the engine's order; a leading negative term is fine when degrees dictate it.
  return degrees.flatMap((d) => terms.filter((t) => degreeIn(t, orderBy) === d));
}

/** Flattens nested sums so that `a + (b + c)` prints as one sum. */
function flattenSum(n: Node, negate = false, out: Node[] = []): Node[] {
  if (n.kind === "add") {
    for (const t of n.terms) flattenSum(t, negate, out);
  } else if (n.kind === "neg" && n.arg.kind === "add") {
    flattenSum(n.arg, !negate, out);
  } else {
    out.push(negate ? { kind: "neg", arg: n } : n);
  }
  return out;
}

/** Orders the factors of a product: depth polynomials, plain symbols and calls, the order variable, other sums. */
function orderFactors(factors: readonly Node[], orderBy: string | undefined): Node[] {
  const rank = (f: Node): number => {
    // Depth polynomials such as (L − 2) read as coefficients and go first, as in a paper.
    if (f.kind === "add") return freeSymbols(f).every((name) => name === "L") ? 0 : 3;
    if (orderBy !== undefined && degreeIn(f, orderBy) !== 0) return 2;
    return 1;
  };
  return factors
    .map((f, i) => ({ f, i }))
    .sort((x, y) => rank(x.f) - rank(y.f) || x.i - y.i)
    .map((x) => x.f);
}

/** Formats a coefficient's magnitude. */
function formatMagnitude(style: Style, v: number): string {
  return style.num(v);
}

/** Prints `node` in `style`. `inline` is true inside exponents (fractions as a/b). */
export function printNode(node: Node, style: Style, options: PrintOptions, inline = false): string {
  const p = (n: Node, inl = inline): string => printNode(n, style, options, inl);
  const needsParensInProduct = (n: Node): boolean =>
    n.kind === "add" || (n.kind === "num" && n.value < 0) || n.kind === "neg";

  switch (node.kind) {
    case "num":
      return node.value < 0 ? `${style.leadingMinus}${style.num(-node.value)}` : style.num(node.value);
    case "sym":
      return style.sym(symbolNotation(node.name, options.symbols));
    case "add": {
      const terms = orderTerms(flattenSum(node), options.orderBy);
      let out = "";
      terms.forEach((t, i) => {
        const s = split(t);
        const magnitude = printSplit({ ...s, negative: false }, style, options, inline);
        if (i === 0) out = s.negative ? `${style.leadingMinus}${magnitude}` : magnitude;
        else out += s.negative ? `${style.minus}${magnitude}` : `${style.plus}${magnitude}`;
      });
      return out;
    }
    case "mul":
    case "div":
    case "neg": {
      const s = split(node);
      const magnitude = printSplit({ ...s, negative: false }, style, options, inline);
      return s.negative ? `${style.leadingMinus}${magnitude}` : magnitude;
    }
    case "pow": {
      if (negatedExponent(node.exp) !== undefined) {
        return printSplit(split(node), style, options, inline);
      }
      const half = numericValue(node.exp) === 0.5;
      if (half) return style.sqrt(p(node.base, inline));
      const base = node.base;
      const baseNeedsParens =
        base.kind === "add" ||
        base.kind === "mul" ||
        base.kind === "div" ||
        base.kind === "neg" ||
        base.kind === "pow" ||
        (base.kind === "num" && (base.value < 0 || !Number.isInteger(base.value))) ||
        (base.kind === "call" && (base.fn === "sqrt" || base.fn === "exp"));
      const baseStr = baseNeedsParens ? style.paren(p(base)) : p(base);
      const expAtomic = node.exp.kind === "num" || node.exp.kind === "sym";
      return style.pow(baseStr, p(node.exp, true), expAtomic);
    }
    case "call": {
      return style.call(
        node.fn,
        node.args.map((a) => p(a, inline)),
      );
    }
  }

  function printSplit(s: Split, st: Style, opts: PrintOptions, inl: boolean): string {
    let num = orderFactors(s.num, opts.orderBy);
    const den = orderFactors(s.den, opts.orderBy);
    const hasDen = den.length > 0 || s.coefDen !== 1;
    // Powers of fractions stay in front of the fraction, as in (…/…)^{1/3} |a|/2, when something remains.
    const isPowerOfFraction = (f: Node): boolean => {
      if (f.kind !== "pow") return false;
      const b = split(f.base);
      return b.den.length > 0 || b.coefDen !== 1;
    };
    const hoisted = !inl && hasDen ? num.filter(isPowerOfFraction) : [];
    if (hoisted.length > 0 && (hoisted.length < num.length || s.coefNum !== 1)) {
      num = num.filter((f) => !isPowerOfFraction(f));
      const rest = printSplit({ ...s, negative: false, num }, st, opts, inl);
      const out = st.join([...hoisted.map((f) => p(f, inl)), rest]);
      return s.negative ? `${st.leadingMinus}${out}` : out;
    }
    const numCount = num.length + (s.coefNum !== 1 || num.length === 0 ? 1 : 0);
    const denCount = den.length + (s.coefDen !== 1 ? 1 : 0);
    // A lone sum needs no parentheses as the whole numerator or denominator of a displayed fraction.
    const factorStr = (f: Node, alone: boolean): string =>
      needsParensInProduct(f) && !(alone && hasDen) ? st.paren(p(f, inl)) : p(f, inl);
    const numParts: string[] = [];
    if (s.coefNum !== 1 || num.length === 0) numParts.push(formatMagnitude(st, s.coefNum));
    numParts.push(...num.map((f) => factorStr(f, numCount === 1)));
    const numStr = st.join(numParts);
    let out = numStr;
    if (hasDen) {
      const denParts: string[] = [];
      if (s.coefDen !== 1) denParts.push(formatMagnitude(st, s.coefDen));
      denParts.push(...den.map((f) => factorStr(f, denCount === 1)));
      const numCompound = numParts.length > 1 || (num.length === 1 && (num[0] as Node).kind === "add");
      const denCompound = denParts.length > 1 || (den.length === 1 && (den[0] as Node).kind === "add");
      out = st.frac(numStr, st.join(denParts), inl, numCompound, denCompound);
    }
    return s.negative ? `${st.leadingMinus}${out}` : out;
  }
}

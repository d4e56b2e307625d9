/**
 * Products taken apart into sign, rational coefficient, numerator and denominator factors: shared by the
 * printers (fractions) and by the engine's common-denominator step.
 *
 * @packageDocumentation
 */
import type { Node } from "./ast.js";

/** A product taken apart: sign, rational coefficient, numerator and denominator factors. */
export interface Split {
  negative: boolean;
  coefNum: number;
  coefDen: number;
  num: Node[];
  den: Node[];
}

/** True for a number node (with value `v` when given). */
export const isNum = (n: Node, v?: number): boolean => n.kind === "num" && (v === undefined || n.value === v);

/** Numeric value of a tree made of numbers only (NaN otherwise). */
export function numericValue(n: Node): number {
  switch (n.kind) {
    case "num":
      return n.value;
    case "neg":
      return -numericValue(n.arg);
    case "div":
      return numericValue(n.num) / numericValue(n.den);
    case "mul":
      return n.factors.reduce((p, f) => p * numericValue(f), 1);
    case "add":
      return n.terms.reduce((p, f) => p + numericValue(f), 0);
    case "pow":
      return numericValue(n.base) ** numericValue(n.exp);
    default:
      return Number.NaN;
  }
}

/** If `exp` is "visibly negative" (−k, −x, (−k)·x), returns its negation; otherwise undefined. */
export function negatedExponent(exp: Node): Node | undefined {
  if (exp.kind === "num" && exp.value < 0) return { kind: "num", value: -exp.value };
  if (exp.kind === "neg") return exp.arg;
  if (exp.kind === "div") {
    const inner = negatedExponent(exp.num);
    if (inner !== undefined) return { kind: "div", num: inner, den: exp.den };
  }
  if (exp.kind === "mul") {
    const first = exp.factors[0];
    if (first !== undefined && first.kind === "num" && first.value < 0) {
      const rest = exp.factors.slice(1);
      const lead: Node[] = first.value === -1 ? [] : [{ kind: "num", value: -first.value }];
      const factors = [...lead, ...rest];
      return factors.length === 1 ? (factors[0] as Node) : { kind: "mul", factors };
    }
  }
  return undefined;
}

/** Takes a product apart (powers with visibly negative exponents go to the denominator). */
export function split(node: Node): Split {
  const out: Split = { negative: false, coefNum: 1, coefDen: 1, num: [], den: [] };
  const absorb = (s: Split, inverse: boolean): void => {
    if (s.negative) out.negative = !out.negative;
    if (inverse) {
      out.coefNum *= s.coefDen;
      out.coefDen *= s.coefNum;
      out.num.push(...s.den);
      out.den.push(...s.num);
    } else {
      out.coefNum *= s.coefNum;
      out.coefDen *= s.coefDen;
      out.num.push(...s.num);
      out.den.push(...s.den);
    }
  };
  switch (node.kind) {
    case "num":
      if (node.value < 0) out.negative = true;
      out.coefNum = Math.abs(node.value);
      return out;
    case "neg":
      absorb(split(node.arg), false);
      out.negative = !out.negative;
      return out;
    case "mul":
      for (const f of node.factors) absorb(split(f), false);
      return out;
    case "div":
      absorb(split(node.num), false);
      absorb(split(node.den), true);
      return out;
    case "pow": {
      const positive = negatedExponent(node.exp);
      if (positive !== undefined) {
        if (isNum(positive, 1)) absorb(split(node.base), true);
        else out.den.push({ kind: "pow", base: node.base, exp: positive });
        return out;
      }
      out.num.push(node);
      return out;
    }
    default:
      out.num.push(node);
      return out;
  }
}

/**
 * Puts a sum over a common denominator: Σ_i s_i c_i m_i/d_i = (Σ_i s_i c_i m_i Π_{j≠} d_j)/Π d_j, with the
 * distinct denominator factors (compared by engine text). Returns engine texts of numerator and denominator.
 */
export function commonDenominator(node: Node, text: (n: Node) => string): { num: string; den: string } {
  const terms = node.kind === "add" ? node.terms : [node];
  const parts = terms.map(split);
  const denKeys = new Map<string, string>();
  for (const p of parts) {
    if (p.coefDen !== 1) denKeys.set(String(p.coefDen), String(p.coefDen));
    for (const d of p.den) {
      const t = text(d);
      denKeys.set(t, `(${t})`);
    }
  }
  const numTerms = parts.map((p) => {
    const own = new Set<string>([...(p.coefDen !== 1 ? [String(p.coefDen)] : []), ...p.den.map(text)]);
    const others = [...denKeys.entries()].filter(([k]) => !own.has(k)).map(([, v]) => v);
    const factors = [String(p.coefNum), ...p.num.map((n) => `(${text(n)})`), ...others];
    return `${p.negative ? "-" : "+"}${factors.join("*")}`;
  });
  return { num: numTerms.join(""), den: [...denKeys.values()].join("*") || "1" };
}

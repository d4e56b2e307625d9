/**
 * The change of variables u = b^L, v = b² for expressions whose powers of b have exponents linear in the
 * depth L: b^{αL+β} → u^α v^{β/2}. nerdamer cannot perform this substitution itself (it would need
 * b = u^{1/L}), so it is done on the tree; callers check the result numerically by substituting back.
 *
 * @packageDocumentation
 */
import { ConvergenceError } from "../../core/errors.js";
import { type Node, toEngineText } from "./ast.js";
import { compileNode } from "./compile-node.js";

/** Rewrites every power of `b` in `node` as u^α v^{β/2}; returns engine text. */
export function rewriteBPowers(node: Node, b = "b", depth = "L", u = "u", v = "v"): string {
  const rewrite = (n: Node): Node => {
    switch (n.kind) {
      case "sym":
        return n.name === b ? { kind: "pow", base: { kind: "sym", name: v }, exp: { kind: "num", value: 0.5 } } : n;
      case "num":
        return n;
      case "add":
        return { kind: "add", terms: n.terms.map(rewrite) };
      case "mul":
        return { kind: "mul", factors: n.factors.map(rewrite) };
      case "div":
        return { kind: "div", num: rewrite(n.num), den: rewrite(n.den) };
      case "neg":
        return { kind: "neg", arg: rewrite(n.arg) };
      case "call":
        return { kind: "call", fn: n.fn, args: n.args.map(rewrite) };
      case "pow": {
        if (n.base.kind !== "sym" || n.base.name !== b)
          return { kind: "pow", base: rewrite(n.base), exp: rewrite(n.exp) };
        const e = compileNode(n.exp);
        const at = (x: number): number => e({ [depth]: x });
        const beta = at(0);
        const alpha = at(1) - beta;
        if (![2, 3, 7].every((x) => Math.abs(at(x) - (alpha * x + beta)) <= 1e-12 * (1 + Math.abs(at(x))))) {
          throw new ConvergenceError(`rewriteBPowers: exponent ${toEngineText(n.exp)} is not linear in ${depth}.`);
        }
        const factors: Node[] = [];
        if (alpha !== 0)
          factors.push({ kind: "pow", base: { kind: "sym", name: u }, exp: { kind: "num", value: alpha } });
        if (beta !== 0)
          factors.push({ kind: "pow", base: { kind: "sym", name: v }, exp: { kind: "num", value: beta / 2 } });
        if (factors.length === 0) return { kind: "num", value: 1 };
        return factors.length === 1 ? (factors[0] as Node) : { kind: "mul", factors };
      }
    }
  };
  return toEngineText(rewrite(node));
}

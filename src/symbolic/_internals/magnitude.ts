/**
 * The magnitude of an expression at a point, used as the denominator of a relative residual: every sum is
 * replaced by the sum of the absolute values of its terms, so that a residual that cancels to rounding
 * level is measured against the size of what cancelled.
 *
 * @packageDocumentation
 */
import type { Node } from "./ast.js";
import { type CompiledNode, compileNode } from "./compile-node.js";

/** Compiles the magnitude bound of `node` (same scope as {@link compileNode}). */
export function compileMagnitude(node: Node): CompiledNode {
  switch (node.kind) {
    case "add": {
      const parts = node.terms.map(compileMagnitude);
      return (scope) => parts.reduce((s, p) => s + p(scope), 0);
    }
    case "mul": {
      const parts = node.factors.map(compileMagnitude);
      return (scope) => parts.reduce((s, p) => s * p(scope), 1);
    }
    case "neg":
      return compileMagnitude(node.arg);
    case "div": {
      const num = compileMagnitude(node.num);
      const den = compileNode(node.den);
      return (scope) => num(scope) / Math.abs(den(scope));
    }
    case "pow": {
      const base = compileMagnitude(node.base);
      const exact = compileNode(node.base);
      const exp = compileNode(node.exp);
      return (scope) => {
        const e = exp(scope);
        // For negative exponents the magnitude of the base is not an upper bound; use the exact value.
        return e >= 0 ? base(scope) ** e : Math.abs(exact(scope)) ** e;
      };
    }
    default: {
      const f = compileNode(node);
      return (scope) => Math.abs(f(scope));
    }
  }
}

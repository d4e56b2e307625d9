/**
 * Compiles an expression tree into a plain JavaScript closure over real doubles. Non-real intermediate
 * values (the imaginary unit `i`, a negative base under a fractional power, √ of a negative number, log of a
 * non-positive number) evaluate to NaN, so a formula that is complex at a point can never pass a residual
 * test there.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import type { Node } from "./ast.js";

/** A compiled expression: reads its symbols from `scope` by name. */
export type CompiledNode = (scope: Readonly<Record<string, number>>) => number;

const FUNCTIONS: Readonly<Record<string, (...x: number[]) => number>> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  atan: Math.atan,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  sign: Math.sign,
  min: Math.min,
  max: Math.max,
};

/** Constants the engine may print. `i` is the imaginary unit: not real, hence NaN. */
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, PI: Math.PI, e: Math.E, E: Math.E, i: Number.NaN };

/** Real power with the real odd-root branch for negative bases and exactly-representable odd denominators. */
function realPow(base: number, exponent: number): number {
  if (base >= 0 || Number.isInteger(exponent)) return base ** exponent;
  // A negative base has a real power only for rational exponents with odd denominators; engine output keeps
  // those as p/q, but by this point the exponent is a double, so only q = 1 (handled above) is certain.
  return Number.NaN;
}

/**
 * Compiles `node`. The engine constants `pi`, `e` and `i` are read as constants unless the scope gives them
 * a value; any other symbol missing from the scope throws a DomainError naming it.
 */
export function compileNode(node: Node): CompiledNode {
  switch (node.kind) {
    case "num": {
      const v = node.value;
      return () => v;
    }
    case "sym": {
      const name = node.name;
      const constant = CONSTANTS[name];
      return (scope) => {
        const v = scope[name];
        if (v !== undefined) return v;
        if (constant !== undefined) return constant;
        throw new DomainError(
          errorMessage(`scope.${name}`, undefined, "must be given a value", `Pass ${name} in the evaluation scope.`),
        );
      };
    }
    case "add": {
      const parts = node.terms.map(compileNode);
      return (scope) => {
        let s = 0;
        for (const p of parts) s += p(scope);
        return s;
      };
    }
    case "mul": {
      const parts = node.factors.map(compileNode);
      return (scope) => {
        let s = 1;
        for (const p of parts) s *= p(scope);
        return s;
      };
    }
    case "div": {
      const num = compileNode(node.num);
      const den = compileNode(node.den);
      return (scope) => num(scope) / den(scope);
    }
    case "neg": {
      const arg = compileNode(node.arg);
      return (scope) => -arg(scope);
    }
    case "pow": {
      const base = compileNode(node.base);
      const exp = compileNode(node.exp);
      return (scope) => realPow(base(scope), exp(scope));
    }
    case "call": {
      const fn = FUNCTIONS[node.fn];
      if (fn === undefined) {
        throw new DomainError(
          errorMessage(
            "function",
            node.fn,
            "is not supported by the numeric compiler",
            `Use one of ${Object.keys(FUNCTIONS).join(", ")}.`,
          ),
        );
      }
      const args = node.args.map(compileNode);
      if (args.length === 1) {
        const a0 = args[0] as CompiledNode;
        return (scope) => fn(a0(scope));
      }
      return (scope) => fn(...args.map((a) => a(scope)));
    }
  }
}

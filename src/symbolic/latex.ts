/**
 * LaTeX that reads like a paper: italic single-letter symbols, `\gamma_{1}`, `\bar{\gamma}`, `\frac{…}{…}`,
 * juxtaposition instead of `\cdot` (a `\cdot` appears only between two numerals), `\lvert a\rvert`, `\sqrt{…}`,
 * inline `a/b` fractions inside exponents. Every string this module produces is parsed by KaTeX with
 * `throwOnError` in the tests.
 *
 * nerdamer's own `toTeX` is not used: it prints `\cdot` everywhere and mis-brackets powers of quotients
 * (`((L-2)/A)^((L-2)/L)` comes out as `\frac{L-2^{…}}{A}`).
 *
 * @packageDocumentation
 */
import type { Node } from "./_internals/ast.js";
import { type PrintOptions, printNode, type Style } from "./_internals/printer.js";

/** Formats a double for LaTeX: integers plainly, others with the shortest round-trip digits, `×10^{k}`. */
function latexNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  const s = String(v);
  const m = /^([0-9.]+)e([+-]\d+)$/.exec(s);
  if (m) return `${m[1]} \\times 10^{${Number(m[2])}}`;
  return s;
}

const LATEX_FUNCTIONS = new Set(["sin", "cos", "tan", "sinh", "cosh", "tanh", "log", "exp", "min", "max"]);

const latexStyle: Style = {
  sym: (n) => n.latex,
  num: latexNumber,
  join(parts) {
    let out = "";
    parts.forEach((part, i) => {
      if (i === 0) out = part;
      else if (/^[0-9]/.test(part)) out += ` \\cdot ${part}`;
      else out += ` ${part}`;
    });
    return out;
  },
  frac(num, den, inline, numCompound, denCompound) {
    if (!inline) return `\\frac{${num}}{${den}}`;
    const n = numCompound ? `(${num})` : num;
    const d = denCompound ? `(${den})` : den;
    return `${n}/${d}`;
  },
  paren: (s) => `\\left(${s}\\right)`,
  pow: (base, exp) => `${base}^{${exp}}`,
  sqrt: (s) => `\\sqrt{${s}}`,
  call(fn, args) {
    const inner = args.join(", ");
    if (fn === "abs") return `\\lvert ${inner}\\rvert`;
    if (fn === "sqrt") return `\\sqrt{${inner}}`;
    if (fn === "exp") return `e^{${inner}}`;
    if (fn === "log") return `\\ln\\left(${inner}\\right)`;
    if (LATEX_FUNCTIONS.has(fn)) return `\\${fn}\\left(${inner}\\right)`;
    return `\\operatorname{${fn}}\\left(${inner}\\right)`;
  },
  minus: " - ",
  plus: " + ",
  leadingMinus: "-",
};

/** Options for {@link toLatex}. */
export type LatexOptions = PrintOptions;

/**
 * LaTeX for an expression tree.
 *
 * @example toLatex(parseExpression("((L-2)/A)^((L-2)/L)")) === "\\left(\\frac{L - 2}{A}\\right)^{(L - 2)/L}"
 */
export function toLatex(node: Node, options: LatexOptions = {}): string {
  return printNode(node, latexStyle, options);
}

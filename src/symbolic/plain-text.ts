/**
 * Plain-text formulas for terminals and logs: Unicode letters (γ₁, γ̄, E[y²]), `·` between factors, `/` for
 * fractions with parentheses where needed, `^(…)` for compound exponents, `|a|`, `√(…)`.
 *
 * @packageDocumentation
 */
import type { Node } from "./_internals/ast.js";
import { type PrintOptions, printNode, type Style } from "./_internals/printer.js";

const textStyle: Style = {
  sym: (n) => n.text,
  num: (v) => String(v),
  join(parts) {
    let out = "";
    parts.forEach((part, i) => {
      if (i === 0) out = part;
      else if (i === 1 && /^[0-9.]+$/.test(parts[0] as string) && /^[^0-9(]/.test(part)) out += part;
      else out += `·${part}`;
    });
    return out;
  },
  frac(num, den, _inline, numCompound, denCompound) {
    return `${numCompound ? `(${num})` : num}/${denCompound ? `(${den})` : den}`;
  },
  paren: (s) => `(${s})`,
  pow: (base, exp, atomic) => (atomic ? `${base}^${exp}` : `${base}^(${exp})`),
  sqrt: (s) => `√(${s})`,
  call(fn, args) {
    const inner = args.join(", ");
    if (fn === "abs") return `|${inner}|`;
    if (fn === "sqrt") return `√(${inner})`;
    return `${fn}(${inner})`;
  },
  minus: " - ",
  plus: " + ",
  leadingMinus: "-",
};

/** Options for {@link toPlainText}. */
export type PlainTextOptions = PrintOptions;

/**
 * Plain text for an expression tree.
 *
 * @example toPlainText(parseExpression("A*b^(2*L-2)-abs(a)*b^(L-2)+gbar")) === "A·b^(2L - 2) - |a|·b^(L - 2) + γ̄"
 */
export function toPlainText(node: Node, options: PlainTextOptions = {}): string {
  return printNode(node, textStyle, options);
}

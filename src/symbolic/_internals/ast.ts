/**
 * The expression tree shared by the printers (LaTeX, plain text) and the compiler. It is parsed from the
 * engine's (nerdamer's) text output, so that nothing downstream depends on nerdamer's internal objects and
 * so that the CLI path does not need mathjs (whose import alone takes about a second).
 *
 * Grammar (precedence low → high): sums `+ -`, products `* /`, unary minus, powers `^` (right-associative,
 * binding tighter than unary minus: `-x^2 = -(x^2)`), calls `f(x, y)`, parentheses, numbers, identifiers.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";

/** A node of the expression tree. Subtraction is an `add` with `neg` terms; `a/b` is `div`. */
export type Node =
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "sym"; readonly name: string }
  | { readonly kind: "add"; readonly terms: readonly Node[] }
  | { readonly kind: "mul"; readonly factors: readonly Node[] }
  | { readonly kind: "div"; readonly num: Node; readonly den: Node }
  | { readonly kind: "neg"; readonly arg: Node }
  | { readonly kind: "pow"; readonly base: Node; readonly exp: Node }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly Node[] };

type Token =
  | { t: "num"; v: number; pos: number }
  | { t: "id"; v: string; pos: number }
  | { t: "op"; v: string; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ t: "num", v: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z_0-9]*/.exec(text.slice(i));
    if (id) {
      tokens.push({ t: "id", v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if ("+-*/^(),".includes(ch)) {
      tokens.push({ t: "op", v: ch, pos: i });
      i++;
      continue;
    }
    throw new DomainError(
      errorMessage(
        "expression",
        text,
        `has an unexpected character ${JSON.stringify(ch)} at position ${i}`,
        "Use + - * / ^, parentheses, numbers, identifiers and function calls only.",
      ),
    );
  }
  return tokens;
}

/** Parses engine text such as `-2*a*b^(L-2)+A*b^(2*L-2)+gbar` into a tree. */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  let k = 0;
  const fail = (what: string): never => {
    const pos = tokens[k]?.pos ?? text.length;
    throw new DomainError(
      errorMessage("expression", text, `${what} at position ${pos}`, "Check the parentheses and operators."),
    );
  };
  const peekOp = (v: string): boolean => {
    const tok = tokens[k];
    return tok !== undefined && tok.t === "op" && tok.v === v;
  };
  const expectOp = (v: string): void => {
    if (!peekOp(v)) fail(`expected "${v}"`);
    k++;
  };

  const parseSum = (): Node => {
    const terms: Node[] = [parseProduct()];
    while (peekOp("+") || peekOp("-")) {
      const minus = (tokens[k] as Token).v === "-";
      k++;
      const term = parseProduct();
      terms.push(minus ? { kind: "neg", arg: term } : term);
    }
    return terms.length === 1 ? (terms[0] as Node) : { kind: "add", terms };
  };
  const parseProduct = (): Node => {
    let left = parseUnary();
    const factors: Node[] = [];
    while (peekOp("*") || peekOp("/")) {
      const div = (tokens[k] as Token).v === "/";
      k++;
      const right = parseUnary();
      if (div) {
        const num: Node = factors.length === 0 ? left : { kind: "mul", factors: [...factors, left] };
        factors.length = 0;
        left = { kind: "div", num, den: right };
      } else {
        factors.push(left);
        left = right;
      }
    }
    if (factors.length === 0) return left;
    return { kind: "mul", factors: [...factors, left] };
  };
  const parseUnary = (): Node => {
    if (peekOp("-")) {
      k++;
      return { kind: "neg", arg: parseUnary() };
    }
    if (peekOp("+")) {
      k++;
      return parseUnary();
    }
    return parsePower();
  };
  const parsePower = (): Node => {
    const base = parseAtom();
    if (peekOp("^")) {
      k++;
      const exp = parseUnary(); // right-associative; allows x^-1
      return { kind: "pow", base, exp };
    }
    return base;
  };
  const parseAtom = (): Node => {
    const tok = tokens[k];
    if (tok === undefined) return fail("unexpected end of expression");
    if (tok.t === "num") {
      k++;
      return { kind: "num", value: tok.v };
    }
    if (tok.t === "id") {
      k++;
      if (peekOp("(")) {
        k++;
        const args: Node[] = [];
        if (!peekOp(")")) {
          args.push(parseSum());
          while (peekOp(",")) {
            k++;
            args.push(parseSum());
          }
        }
        expectOp(")");
        return { kind: "call", fn: tok.v, args };
      }
      return { kind: "sym", name: tok.v };
    }
    if (tok.v === "(") {
      k++;
      const inner = parseSum();
      expectOp(")");
      return inner;
    }
    return fail(`unexpected "${tok.v}"`);
  };

  const tree = parseSum();
  if (k !== tokens.length) fail("unexpected trailing input");
  return tree;
}

/** The free symbols of a tree (identifiers not used as function names), sorted. */
export function freeSymbols(node: Node): string[] {
  const out = new Set<string>();
  const walk = (n: Node): void => {
    switch (n.kind) {
      case "num":
        return;
      case "sym":
        out.add(n.name);
        return;
      case "add":
        n.terms.forEach(walk);
        return;
      case "mul":
        n.factors.forEach(walk);
        return;
      case "div":
        walk(n.num);
        walk(n.den);
        return;
      case "neg":
        walk(n.arg);
        return;
      case "pow":
        walk(n.base);
        walk(n.exp);
        return;
      case "call":
        n.args.forEach(walk);
        return;
    }
  };
  walk(node);
  return [...out].sort();
}

/** Engine text for a tree (fully parenthesised where needed; round-trips through {@link parseExpression}). */
export function toEngineText(node: Node): string {
  const wrap = (n: Node, s: string): string =>
    n.kind === "num" || n.kind === "sym" || n.kind === "call" ? s : `(${s})`;
  switch (node.kind) {
    case "num":
      return node.value < 0 ? `(${node.value})` : String(node.value);
    case "sym":
      return node.name;
    case "add":
      return node.terms
        .map((t, i) =>
          t.kind === "neg" ? `-${wrap(t.arg, toEngineText(t.arg))}` : `${i === 0 ? "" : "+"}${toEngineText(t)}`,
        )
        .join("");
    case "mul":
      return node.factors.map((f) => wrap(f, toEngineText(f))).join("*");
    case "div":
      return `${wrap(node.num, toEngineText(node.num))}/${wrap(node.den, toEngineText(node.den))}`;
    case "neg":
      return `-${wrap(node.arg, toEngineText(node.arg))}`;
    case "pow":
      return `${wrap(node.base, toEngineText(node.base))}^${wrap(node.exp, toEngineText(node.exp))}`;
    case "call":
      return `${node.fn}(${node.args.map(toEngineText).join(",")})`;
  }
}

/** Replaces symbols by trees, structurally (no canonicalisation, so a hand-shaped form keeps its shape). */
export function replaceSymbols(node: Node, replacements: Readonly<Record<string, Node>>): Node {
  const r = (n: Node): Node => replaceSymbols(n, replacements);
  switch (node.kind) {
    case "num":
      return node;
    case "sym":
      return replacements[node.name] ?? node;
    case "add":
      return { kind: "add", terms: node.terms.map(r) };
    case "mul":
      return { kind: "mul", factors: node.factors.map(r) };
    case "div":
      return { kind: "div", num: r(node.num), den: r(node.den) };
    case "neg":
      return { kind: "neg", arg: r(node.arg) };
    case "pow":
      return { kind: "pow", base: r(node.base), exp: r(node.exp) };
    case "call":
      return { kind: "call", fn: node.fn, args: node.args.map(r) };
  }
}

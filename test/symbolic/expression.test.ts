import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import { type Node, parseExpression, toEngineText } from "../../src/symbolic/_internals/ast.js";
import { Expr } from "../../src/symbolic/expr.js";
import { toLatex } from "../../src/symbolic/latex.js";
import { toPlainText } from "../../src/symbolic/plain-text.js";
import { symbolNotation } from "../../src/symbolic/symbols.js";

const renders = (latex: string): void => {
  katex.renderToString(latex, { throwOnError: true });
};

/** Random expression trees over a few paper symbols, small integers and rationals (readable when shrunk). */
const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom("A", "a", "b", "L", "gbar", "g1", "Ey2", "u").map((name): Node => ({ kind: "sym", name })),
  fc.integer({ min: 1, max: 9 }).map((value): Node => ({ kind: "num", value })),
);
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((terms): Node => ({ kind: "add", terms })),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((factors): Node => ({ kind: "mul", factors })),
    fc.tuple(tie("node"), tie("node")).map(([num, den]): Node => ({ kind: "div", num, den })),
    tie("node").map((arg): Node => ({ kind: "neg", arg })),
    fc
      .tuple(
        tie("node"),
        fc.oneof(
          leaf,
          fc.constant<Node>({ kind: "div", num: { kind: "num", value: 1 }, den: { kind: "num", value: 3 } }),
        ),
      )
      .map(([base, exp]): Node => ({ kind: "pow", base, exp })),
    tie("node").map((arg): Node => ({ kind: "call", fn: "abs", args: [arg] })),
    tie("node").map((arg): Node => ({ kind: "call", fn: "sqrt", args: [arg] })),
  ),
})).node;

describe("expression trees", () => {
  it("parse engine text with the usual precedence: -x^2 = -(x^2), right-associative ^, left-associative /", () => {
    const e = new Expr("-b^2^3+a/b/2");
    // At b = 2, a = 8: −2^(2^3) + 8/2/2 = −256 + 2, exactly representable.
    expect(e.evaluate({ a: 8, b: 2 })).toBe(-254);
    expect(new Expr("x^-1").evaluate({ x: 4 })).toBe(0.25);
  });

  it("round-trip through toEngineText with the same value (property; exact for these small rationals up to 1e-12)", () => {
    const scope = { A: 1.5, a: -0.75, b: 0.625, L: 3, gbar: 0.25, g1: 0.375, Ey2: 2, u: 1.25 };
    fc.assert(
      fc.property(tree, (t) => {
        const v1 = new Expr(toEngineText(t)).evaluateRaw(scope);
        const v2 = new Expr(toEngineText(parseExpression(toEngineText(t)))).evaluateRaw(scope);
        // Same operations in the same order: identical results, NaN included (Object.is).
        expect(Object.is(v1, v2) || Math.abs(v1 - v2) <= 1e-12 * Math.abs(v1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("compile to real arithmetic: the imaginary unit and even roots of negatives are NaN, never a wrong real", () => {
    expect(Number.isNaN(new Expr("1+i").evaluateRaw({}))).toBe(true);
    expect(Number.isNaN(new Expr("sqrt(x)").evaluateRaw({ x: -1 }))).toBe(true);
    expect(Number.isNaN(new Expr("x^(1/3)").evaluateRaw({ x: -8 }))).toBe(true);
    expect(() => new Expr("x+y").evaluate({ x: 1 })).toThrow(DomainError);
    expect(() => new Expr("sqrt(x)").evaluate({ x: -1 })).toThrow(/not a finite real number/);
  });

  it("rejects malformed text with a DomainError that names the position", () => {
    expect(() => new Expr("a*(b+")).toThrow(DomainError);
    expect(() => new Expr("a $ b")).toThrow(/position 2/);
  });

  it("lists free symbols, not function names", () => {
    expect(new Expr("abs(a)*b^(L-2)+gbar").symbols).toEqual(["L", "a", "b", "gbar"]);
  });
});

describe("LaTeX and plain text read like a paper", () => {
  it("prints the landscape's h(b) with γ̄, |a| and exponents in L, ordered by degree in b", () => {
    const e = new Expr("-abs(a)*b^(-2+L)+A*b^(-2+2*L)+gbar");
    expect(e.latex({ orderBy: "b" })).toBe("A b^{2 L - 2} - \\lvert a\\rvert b^{L - 2} + \\bar{\\gamma}");
    expect(e.plainText({ orderBy: "b" })).toBe("A·b^(2L - 2) - |a|·b^(L - 2) + γ̄");
  });

  it("moves negative powers into \\frac, keeps powers of fractions in front, and uses no \\cdot between letters", () => {
    const gc = new Expr("((-1+L)^(-1)*(-2+L)*A^(-1)*abs(a))^((-2+L)*L^(-1))*(-1+L)^(-1)*abs(a)");
    expect(gc.latex()).toBe(
      "\\left(\\frac{\\left(L - 2\\right) \\lvert a\\rvert}{\\left(L - 1\\right) A}\\right)^{(L - 2)/L} \\frac{\\lvert a\\rvert}{L - 1}",
    );
    expect(gc.latex()).not.toContain("\\cdot");
    expect(new Expr("x^(1/2)").latex()).toBe("\\sqrt{x}");
    expect(new Expr("2*3^L").latex()).toBe("2 \\cdot 3^{L}");
  });

  it("maps engine names to notation: g1 → γ₁, gbar → γ̄, Ey2 → E[y²], lambda_k → λ_k, sigma2 → σ₂", () => {
    expect(symbolNotation("g1")).toEqual({ latex: "\\gamma_{1}", text: "γ₁" });
    expect(symbolNotation("gbar").latex).toBe("\\bar{\\gamma}");
    expect(symbolNotation("Ey2").text).toBe("E[y²]");
    expect(symbolNotation("lambda_k").latex).toBe("\\lambda_{k}");
    expect(symbolNotation("sigma2").text).toBe("σ₂");
    expect(symbolNotation("zp", { zp: { latex: "z_{+}", text: "z₊" } }).latex).toBe("z_{+}");
  });

  it("every printed tree is valid KaTeX (renderToString with throwOnError) and prints as plain text (property)", () => {
    fc.assert(
      fc.property(tree, (t) => {
        renders(toLatex(t));
        renders(toLatex(t, { orderBy: "b" }));
        expect(toPlainText(t).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

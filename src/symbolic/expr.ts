/**
 * A symbolic expression as lindyn passes it around: the engine's canonical text plus, computed lazily, its
 * tree, free symbols, LaTeX, plain text and a compiled real evaluator.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import { freeSymbols, type Node, parseExpression, replaceSymbols, toEngineText } from "./_internals/ast.js";
import { type CompiledNode, compileNode } from "./_internals/compile-node.js";
import { compileMagnitude } from "./_internals/magnitude.js";
import { type LatexOptions, toLatex } from "./latex.js";
import { type PlainTextOptions, toPlainText } from "./plain-text.js";

/** An immutable symbolic expression in engine syntax (`A*b^(2*L-2)-abs(a)*b^(L-2)+gbar`). */
export class Expr {
  /** Engine (nerdamer) syntax; parseable again by the engine and by {@link parseExpression}. */
  readonly text: string;
  private treeCache: Node | undefined;
  private compiled: CompiledNode | undefined;
  private magnitudeCache: CompiledNode | undefined;

  /** @throws DomainError when `text` is not a well-formed expression */
  constructor(text: string) {
    this.text = text;
    this.treeCache = parseExpression(text);
  }

  /** The expression tree. */
  get tree(): Node {
    this.treeCache ??= parseExpression(this.text);
    return this.treeCache;
  }

  /** Free symbols, sorted. */
  get symbols(): string[] {
    return freeSymbols(this.tree);
  }

  /** LaTeX (see {@link toLatex}). */
  latex(options?: LatexOptions): string {
    return toLatex(this.tree, options);
  }

  /** Plain text (see {@link toPlainText}). */
  plainText(options?: PlainTextOptions): string {
    return toPlainText(this.tree, options);
  }

  /** Real value at `scope`; NaN where the expression is not real there (no check: see {@link Expr.evaluate}). */
  evaluateRaw(scope: Readonly<Record<string, number>>): number {
    this.compiled ??= compileNode(this.tree);
    return this.compiled(scope);
  }

  /**
   * Real value at `scope`.
   * @throws DomainError when the value is not a finite real number there
   */
  evaluate(scope: Readonly<Record<string, number>>): number {
    const v = this.evaluateRaw(scope);
    if (!Number.isFinite(v)) {
      throw new DomainError(
        errorMessage(
          "expression",
          this.text,
          `is not a finite real number at ${JSON.stringify(scope)} (got ${v})`,
          "Check the parameters against the formula's assumptions.",
        ),
      );
    }
    return v;
  }

  /** Size of the terms that make up the value at `scope` (sums replaced by sums of absolute values). */
  magnitude(scope: Readonly<Record<string, number>>): number {
    this.magnitudeCache ??= compileMagnitude(this.tree);
    return this.magnitudeCache(scope);
  }

  /**
   * Replaces symbols by expressions structurally, without asking the engine to canonicalise (so a form
   * shaped for presentation keeps its shape), e.g. `e.replace({ a: "abs(a)" })`.
   */
  replace(replacements: Readonly<Record<string, string>>): Expr {
    const trees: Record<string, Node> = {};
    for (const [k, v] of Object.entries(replacements)) trees[k] = parseExpression(v);
    return new Expr(toEngineText(replaceSymbols(this.tree, trees)));
  }

  /** The engine text. */
  toString(): string {
    return this.text;
  }
}

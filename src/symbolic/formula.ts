/**
 * A derived formula: the object every derivation returns. It carries the expression, its plain text and
 * LaTeX, its free symbols, the assumptions under which it holds, the derivation steps that produced it
 * (which were done by the engine, which by hand, and which checks passed), the paper it encodes, and a
 * compiled numeric evaluator that refuses to return NaN.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import type { PrintOptions } from "./_internals/printer.js";
import { type Assumption, describeAssumption } from "./assumptions.js";
import type { IdentityCheck } from "./engine.js";
import { Expr } from "./expr.js";

/** Where a closed form comes from. */
export interface Citation {
  /** e.g. "Ziyin, Li, Meng, Exact Solutions of a Deep Linear Network" */
  readonly paper: string;
  /** e.g. "2202.04777" */
  readonly arxiv: string;
  /** Section / equation, and how lindyn's L relates to the paper's depth. */
  readonly where: string;
}

/** One step of a derivation. */
export interface DerivationStep {
  /** What was done, in words. */
  readonly description: string;
  /**
   * `definition`: typed in (the model or loss); `engine`: computed by nerdamer; `hand`: a step done in code
   * because the engine is unreliable there (the reason is in the description); `check`: a verification.
   */
  readonly by: "definition" | "engine" | "hand" | "check";
  /** The expression the step produced, in engine syntax. */
  readonly result?: string;
  /** Evidence, for `check` steps (and engine steps that were checked). */
  readonly check?: Pick<IdentityCheck, "status" | "points" | "worstResidual" | "tolerance" | "seed">;
}

/** Arguments of {@link derivedFormula}. */
export interface DerivedFormulaSpec {
  /** Stable identifier, e.g. `critical-gamma/L=4`. */
  readonly id: string;
  /** Plain-text name of the left-hand side, e.g. `γ_c`. */
  readonly name: string;
  /** LaTeX of the left-hand side, e.g. `\gamma_c`. */
  readonly nameLatex: string;
  readonly expression: Expr | string;
  readonly assumptions: readonly Assumption[];
  readonly provenance: readonly DerivationStep[];
  readonly source?: Citation;
  /** Printing options (e.g. order polynomial terms by `b`). */
  readonly print?: PrintOptions;
}

/** A derived formula (see the module documentation). */
export interface DerivedFormula {
  readonly id: string;
  readonly name: string;
  readonly nameLatex: string;
  readonly expression: Expr;
  /** Plain text of the right-hand side. */
  readonly text: string;
  /** LaTeX of the right-hand side. */
  readonly latex: string;
  /** `name = expression` in LaTeX, ready to paste into a paper. */
  readonly equationLatex: string;
  /** `name = expression` in plain text. */
  readonly equationText: string;
  readonly symbols: readonly string[];
  readonly assumptions: readonly Assumption[];
  /** The assumptions in words. */
  readonly assumptionsText: readonly string[];
  readonly provenance: readonly DerivationStep[];
  readonly source?: Citation;
  /**
   * The compiled evaluator.
   * @throws DomainError when a symbol is missing or the value is not a finite real number
   */
  evaluate(scope: Readonly<Record<string, number>>): number;
  /** JSON form (expression text, text, LaTeX, symbols, assumptions, provenance, source). */
  toJSON(): Record<string, unknown>;
}

/** Builds a {@link DerivedFormula}. */
export function derivedFormula(spec: DerivedFormulaSpec): DerivedFormula {
  const expression = typeof spec.expression === "string" ? new Expr(spec.expression) : spec.expression;
  const text = expression.plainText(spec.print);
  const latex = expression.latex(spec.print);
  const assumptionsText = spec.assumptions.map(describeAssumption);
  const formula: DerivedFormula = {
    id: spec.id,
    name: spec.name,
    nameLatex: spec.nameLatex,
    expression,
    text,
    latex,
    equationLatex: `${spec.nameLatex} = ${latex}`,
    equationText: `${spec.name} = ${text}`,
    symbols: expression.symbols,
    assumptions: spec.assumptions,
    assumptionsText,
    provenance: spec.provenance,
    ...(spec.source !== undefined ? { source: spec.source } : {}),
    evaluate(scope) {
      for (const s of expression.symbols) {
        if (!(s in scope)) {
          throw new DomainError(
            errorMessage(
              `${spec.name}: ${s}`,
              undefined,
              "must be given a value",
              `Pass every symbol of the formula: ${expression.symbols.join(", ")}.`,
            ),
          );
        }
      }
      const v = expression.evaluateRaw(scope);
      if (!Number.isFinite(v)) {
        throw new DomainError(
          errorMessage(
            spec.name,
            v,
            `is not a finite real number at ${JSON.stringify(scope)}`,
            `The formula holds under: ${assumptionsText.join("; ") || "no stated assumptions"}.`,
          ),
        );
      }
      return v;
    },
    toJSON() {
      return {
        id: spec.id,
        name: spec.name,
        expression: expression.text,
        text,
        latex,
        equationLatex: formula.equationLatex,
        symbols: expression.symbols,
        assumptions: assumptionsText,
        provenance: spec.provenance,
        ...(spec.source !== undefined ? { source: spec.source } : {}),
      };
    },
  };
  return formula;
}

/** The citation of Ziyin, Li & Meng (arXiv 2202.04777) with lindyn's depth convention. */
export function ziyin2022(where: string): Citation {
  return {
    paper: "Ziyin, Li, Meng, “Exact Solutions of a Deep Linear Network”, NeurIPS 2022",
    arxiv: "2202.04777",
    where: `${where} (the paper's depth D counts hidden layers: D = L − 1)`,
  };
}

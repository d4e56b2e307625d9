/**
 * The displayed formulas of the depth-2 trajectories: engine expressions (so they are parsed, printed and
 * checked by the same machinery as every derived formula) assembled into one `aligned` block. The Bessel
 * functions are written directly (the engine has no I_ν, K_ν). Constants that depend on the convention c are
 * substituted numerically before printing, so `half: true` prints 2a − 4γ rather than 4(a/2 − γ).
 *
 * @packageDocumentation
 */
import { expr } from "../../engine.js";
import { Expr } from "../../expr.js";
import type { SymbolNotation } from "../../symbols.js";

/** One displayed equation `lhs = rhs`. */
export interface FormulaEquation {
  /** Left-hand side in LaTeX and plain text. */
  readonly lhs: { readonly latex: string; readonly text: string };
  /** Engine expression of the right-hand side when it has one (elementary functions only). */
  readonly expr?: Expr;
  readonly latex: string;
  readonly text: string;
}

/** A closed form as displayed: the equations and their `aligned` LaTeX block and plain text. */
export interface TrajectoryFormula {
  readonly equations: readonly FormulaEquation[];
  /** `\begin{aligned} … \end{aligned}`, parsed by KaTeX with `throwOnError` in the tests. */
  readonly latex: string;
  /** One equation per line. */
  readonly text: string;
  /** Where the closed form comes from. */
  readonly source: string;
}

const NOTATION: Readonly<Record<string, SymbolNotation>> = {
  zp: { latex: "z_{+}", text: "z₊" },
  zm: { latex: "z_{-}", text: "z₋" },
  cs: { latex: "c^{*}", text: "c*" },
  Delta0: { latex: "\\Delta_{0}", text: "Δ₀" },
};

/** An equation whose right-hand side is canonicalised by the engine (so c = ½ prints 2a − 4γ, not 4a/2 − 4γ). */
function eq(lhsLatex: string, lhsText: string, engine: string, canonical = true): FormulaEquation {
  const e = canonical ? expr(engine) : new Expr(engine);
  return {
    lhs: { latex: lhsLatex, text: lhsText },
    expr: e,
    latex: e.latex({ symbols: NOTATION }),
    text: e.plainText({ symbols: NOTATION }),
  };
}

function raw(lhsLatex: string, lhsText: string, latex: string, text: string): FormulaEquation {
  return { lhs: { latex: lhsLatex, text: lhsText }, latex, text };
}

function assemble(equations: FormulaEquation[], source: string): TrajectoryFormula {
  const latex = `\\begin{aligned} ${equations.map((e) => `${e.lhs.latex} &= ${e.latex}`).join(" \\\\ ")} \\end{aligned}`;
  const text = equations.map((e) => `${e.lhs.text} = ${e.text}`).join("\n");
  return { equations, latex, text, source };
}

const ZIYIN =
  "Ziyin, Li & Meng, arXiv 2202.04777 (NeurIPS 2022); lindyn derivation, shared/papers/ziyin2022-exact-solutions.md";

/** Engine text of c·A and c·a for the convention. */
function eff(half: boolean): { A: string; a: string } {
  return half ? { A: "(A/2)", a: "(a/2)" } : { A: "A", a: "a" };
}

/** Engine text of the balanced logistic rate r = 4(ca − γ) and of the factor 4cA. */
export function balancedRates(half: boolean): { r: string; beta: string } {
  const { A, a } = eff(half);
  return { r: `(4*${a}-4*g)`, beta: `4*${A}` };
}

/** The balanced logistic P(t) (engine text), in the chosen convention. */
export function balancedPText(half: boolean): string {
  const { A } = eff(half);
  const { r } = balancedRates(half);
  return `${r}*P0*exp(${r}*t)/(${r}+4*${A}*P0*(exp(${r}*t)-1))`;
}

/** Displayed formula of a depth-2 trajectory kind. */
export function depth2Formula(kind: "balanced" | "riccati" | "bessel", half: boolean): TrajectoryFormula {
  const { A, a } = eff(half);
  const conv = half ? " (c = 1/2 on the data term)" : " (c = 1)";
  if (kind === "balanced") {
    return assemble(
      [
        eq("P(t)", "P(t)", balancedPText(half), half),
        raw("u(t) = w(t)", "u(t) = w(t)", "\\operatorname{sgn}(u_{0})\\sqrt{P(t)}", "sgn(u₀)·√P(t)"),
        eq("P_{0}", "P₀", "u0^2", false),
      ],
      `${ZIYIN}, balanced case u₀ = w₀${conv}; u₀ = −w₀ is its mirror image (a → −a, P → −P)`,
    );
  }
  if (kind === "riccati") {
    return assemble(
      [
        eq("z(t)", "z(t)", "(zp-zm*R*exp(-2*kappa*t))/(1-R*exp(-2*kappa*t))", false),
        eq("\\kappa", "κ", `sqrt(4*${a}^2+${A}^2*Delta0^2)`),
        // z± is written by hand: the printer has no ± (the two roots are checked in symbolic-checks.ts).
        half
          ? raw("z_{\\pm}", "z±", "\\frac{2(-a \\pm \\kappa)}{A d_{0}^{2}}", "2(−a ± κ)/(A·d₀²)")
          : raw("z_{\\pm}", "z±", "\\frac{-2a \\pm \\kappa}{A d_{0}^{2}}", "(−2a ± κ)/(A·d₀²)"),
        eq("R", "R", "(1-zp)/(1-zm)", false),
        eq("u(t)", "u(t)", "(s0/sqrt(z)+d0*sqrt(z))/2", false),
        eq("w(t)", "w(t)", "(s0/sqrt(z)-d0*sqrt(z))/2", false),
      ],
      `${ZIYIN}, unbalanced case with γ = 0${conv}; s₀ = u₀ + w₀, d₀ = u₀ − w₀, Δ₀ = s₀d₀ = u₀² − w₀²`,
    );
  }
  return assemble(
    [
      raw(
        "z(t)",
        "z(t)",
        "\\frac{\\lvert \\Delta_{0}\\rvert}{d_{0}^{2}} \\, \\frac{K_{\\nu-1}(\\xi) - c^{*} I_{\\nu-1}(\\xi)}{c^{*} I_{\\nu}(\\xi) + K_{\\nu}(\\xi)}",
        "(|Δ₀|/d₀²)·(K_{ν−1}(ξ) − c*·I_{ν−1}(ξ))/(c*·I_ν(ξ) + K_ν(ξ))",
      ),
      raw(
        "c^{*}",
        "c*",
        "\\frac{\\lvert \\Delta_{0}\\rvert K_{\\nu-1}(k) - d_{0}^{2} K_{\\nu}(k)}{\\lvert \\Delta_{0}\\rvert I_{\\nu-1}(k) + d_{0}^{2} I_{\\nu}(k)}",
        "(|Δ₀|K_{ν−1}(k) − d₀²K_ν(k))/(|Δ₀|I_{ν−1}(k) + d₀²I_ν(k))",
      ),
      eq("\\nu", "ν", half ? "(a+2*g)/(4*g)" : "(a+g)/(2*g)", false),
      eq("k", "k", `${A}*abs(Delta0)/(4*g)`),
      eq("\\xi", "ξ", "k*exp(-4*g*t)", false),
      eq("u(t)", "u(t)", "exp(-2*g*t)*(s0/sqrt(z)+d0*sqrt(z))/2", false),
      eq("w(t)", "w(t)", "exp(-2*g*t)*(s0/sqrt(z)-d0*sqrt(z))/2", false),
    ],
    `${ZIYIN}, unbalanced case with γ > 0 and a ≥ 0${conv} (for a < 0 apply it to (u₀, −w₀) with −a, then negate w)`,
  );
}

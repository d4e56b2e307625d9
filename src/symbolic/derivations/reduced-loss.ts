/**
 * Derivation 1: the scalar deep chain with weight decay reduced to one variable.
 *
 * Model (typed in: it is the definition): ℓ(w) = A P² − 2aP + E[y²] + Σ_i γ_i w_i², P = w_L⋯w_1, with
 * A = E[x²], a = E[xy] (arXiv 2202.04777 Eq. 1 with scalar input/output and no noise; loss convention c = 1).
 *
 * Engine steps: the gradient; the balance identity w_i∂ℓ/∂w_i − w_j∂ℓ/∂w_j = 2(γ_iw_i² − γ_jw_j²), so at a
 * critical point γ_iw_i² is the same in every layer; on that set, parametrised by b with γ_iw_i² = γ̄b²
 * (γ̄ = (Πγ_i)^{1/L}), the engine substitutes and expands to ℓ(b); then ℓ′(b), and h(b) = ℓ′(b)/(2Lb).
 *
 * Sign: a ≥ 0 is assumed while deriving (P ≥ 0); the map w_L → −w_L sends a → −a, so every result holds
 * with a replaced by |a|, which is the form returned.
 *
 * @packageDocumentation
 */
import { requireInteger } from "../../core/validate.js";
import { type Assumption, assume } from "../assumptions.js";
import { checkIdentity, compareNumerically, diff, expand, substitute } from "../engine.js";
import type { Expr } from "../expr.js";
import { type DerivationStep, type DerivedFormula, derivedFormula, ziyin2022 } from "../formula.js";
import { checkStep, requireProved } from "./_shared.js";

/** Output of {@link deriveReducedLoss}. */
export interface ReducedLoss {
  /** The depth, or `"L"` for the symbolic-depth derivation. */
  readonly depth: number | "L";
  /** ℓ(w_1, …, w_L) (concrete depth only). */
  readonly loss?: DerivedFormula;
  /** ∂ℓ/∂w_i (concrete depth only). */
  readonly gradient?: readonly DerivedFormula[];
  /** ℓ(b) = A b^{2L} − 2|a| b^L + E[y²] + L γ̄ b² on the balanced set. */
  readonly reducedLoss: DerivedFormula;
  /** ℓ′(b). */
  readonly derivative: DerivedFormula;
  /** h(b) = ℓ′(b)/(2Lb) = A b^{2L−2} − |a| b^{L−2} + γ̄. */
  readonly h: DerivedFormula;
  /**
   * b^{max(0, 2−L)} h(b): a polynomial in b whose positive roots are the non-zero critical points (the
   * critical-point equation). For L = 1 it is (A + γ̄)b − |a|.
   */
  readonly criticalPolynomial: DerivedFormula;
  /** The same expressions before a → |a| (valid for a ≥ 0), for further derivation by the engine. */
  readonly forNonnegativeA: {
    readonly reducedLoss: Expr;
    readonly derivative: Expr;
    readonly h: Expr;
    readonly criticalPolynomial: Expr;
  };
}

/** Engine names of the weights and decays of layer i (1-based). */
export const weightSymbol = (i: number): string => `w${i}`;
export const decaySymbol = (i: number): string => `g${i}`;

const cache = new Map<number | "L", ReducedLoss>();

function baseAssumptions(depth: number | "L"): Assumption[] {
  return [
    ...assume.positive("A", "b", "gbar"),
    ...assume.nonnegative("a", "Ey2"),
    ...(depth === "L" ? [assume.integer("L", 1, 12)] : []),
  ];
}

function withAbs(e: Expr): Expr {
  return substitute(e, { a: "abs(a)" });
}

/**
 * Derives ℓ(b), ℓ′(b), h(b) and the critical-point polynomial for depth `depth` (1 ≤ L ≤ 12), or for a
 * symbolic depth with `depth = "L"`. Results are cached per depth.
 *
 * Source: arXiv 2202.04777 §3 (balance of γ_i w_i² at critical points and the one-scalar reduction).
 * @throws ShapeError when depth is not an integer in 1…12
 */
export function deriveReducedLoss(depth: number | "L"): ReducedLoss {
  const cached = cache.get(depth);
  if (cached !== undefined) return cached;
  const result = depth === "L" ? deriveSymbolic() : deriveConcrete(depth);
  cache.set(depth, result);
  return result;
}

function deriveConcrete(L: number): ReducedLoss {
  requireInteger("depth", L, 1);
  if (L > 12) requireInteger("depth (≤ 12 for symbolic derivations)", 13 - L, 1);
  const source = ziyin2022("§3, the scalar chain (Eq. 1 with d = 1)");
  const ws = Array.from({ length: L }, (_, i) => weightSymbol(i + 1));
  const gs = Array.from({ length: L }, (_, i) => decaySymbol(i + 1));
  const P = ws.join("*");
  const lossText = `A*(${P})^2-2*a*${P}+Ey2+${ws.map((w, i) => `${gs[i]}*${w}^2`).join("+")}`;
  const lossAssumptions: Assumption[] = [
    ...assume.positive("A", ...gs),
    ...assume.real("a", ...ws),
    ...assume.nonnegative("Ey2"),
  ];
  const definition: DerivationStep = {
    description: "Model definition (typed in): ℓ(w) = A P² − 2aP + E[y²] + Σ γ_i w_i², P = w_L⋯w_1",
    by: "definition",
    result: lossText,
  };
  const loss = derivedFormula({
    id: `reduced-loss/L=${L}/loss`,
    name: "ℓ(w)",
    nameLatex: "\\ell(w)",
    expression: expand(lossText),
    assumptions: lossAssumptions,
    provenance: [definition],
    source,
  });
  const gradient = ws.map((w, i) =>
    derivedFormula({
      id: `reduced-loss/L=${L}/gradient/${i + 1}`,
      name: `∂ℓ/∂w_${i + 1}`,
      nameLatex: `\\frac{\\partial \\ell}{\\partial w_{${i + 1}}}`,
      expression: diff(loss.expression, w),
      assumptions: lossAssumptions,
      provenance: [definition, { description: `∂ℓ/∂${w} by the engine`, by: "engine" }],
      source,
    }),
  );
  // Balance: w_i ∂_i ℓ − w_{i+1} ∂_{i+1} ℓ = 2(γ_i w_i² − γ_{i+1} w_{i+1}²), proved by engine expansion.
  const balanceSteps: DerivationStep[] = [];
  for (let i = 0; i + 1 < L; i++) {
    const lhs = `${ws[i]}*(${gradient[i]?.expression.text})-${ws[i + 1]}*(${gradient[i + 1]?.expression.text})`;
    const rhs = `2*(${gs[i]}*${ws[i]}^2-${gs[i + 1]}*${ws[i + 1]}^2)`;
    const check = requireProved(checkIdentity(lhs, rhs, { assumptions: lossAssumptions }), `balance ${i + 1}/${i + 2}`);
    balanceSteps.push(
      checkStep(
        `Balance (engine): w_${i + 1}∂ℓ/∂w_${i + 1} − w_${i + 2}∂ℓ/∂w_${i + 2} = 2(γ_${i + 1}w_${i + 1}² − γ_${i + 2}w_${i + 2}²), so at a critical point γ_i w_i² is equal across layers`,
        check,
      ),
    );
  }
  // The balanced set: γ_i = γ̄/r_i², w_i = b r_i (i < L), r_L = 1/(r_1⋯r_{L−1}), so that Π γ_i = γ̄^L and
  // γ_i w_i² = γ̄ b² in every layer. The engine substitutes and expands; every r_i must cancel.
  const rs = Array.from({ length: L - 1 }, (_, i) => `r${i + 1}`);
  const rProd = rs.length === 0 ? "1" : rs.join("*");
  const subs: Record<string, string> = {};
  for (let i = 0; i < L - 1; i++) {
    subs[ws[i] as string] = `b*${rs[i]}`;
    subs[gs[i] as string] = `gbar/${rs[i]}^2`;
  }
  subs[ws[L - 1] as string] = `b/(${rProd})`;
  subs[gs[L - 1] as string] = `gbar*(${rProd})^2`;
  const reduced = expand(substitute(loss.expression, subs));
  if (reduced.symbols.some((s) => /^r\d+$/.test(s))) {
    throw new Error(`reduced loss for L = ${L} still depends on the balance ratios: ${reduced.text}`);
  }
  const parametrise: DerivationStep = {
    description:
      "Balanced set (hand parametrisation, engine substitution and expansion): γ_i = γ̄/r_i², w_i = b·r_i, r_L = 1/(r_1⋯r_{L−1}), so γ_i w_i² = γ̄b² in every layer and γ̄ = (Πγ_i)^{1/L}; every r_i cancels",
    by: "engine",
    result: reduced.text,
  };
  return finish(L, reduced, [definition, ...balanceSteps, parametrise], { loss, gradient });
}

function deriveSymbolic(): ReducedLoss {
  // With L symbolic the product w_L⋯w_1 cannot be formed; the reduced loss is the pattern the concrete
  // derivations produce for every L = 1…12 (checked against them in test/symbolic/reduced-loss.test.ts),
  // typed in as the definition, and everything after it is derived by the engine with L symbolic.
  const reduced = expand("A*b^(2*L)-2*a*b^L+Ey2+L*gbar*b^2");
  const definition: DerivationStep = {
    description:
      "Reduced loss for symbolic L (typed in: the pattern of the concrete-L engine reductions, which the tests compare for L = 1…12)",
    by: "definition",
    result: reduced.text,
  };
  return finish("L", reduced, [definition], {});
}

function finish(
  depth: number | "L",
  reduced: Expr,
  steps: DerivationStep[],
  extra: Pick<ReducedLoss, "loss" | "gradient">,
): ReducedLoss {
  const Ltext = String(depth);
  const source = ziyin2022("§3, reduction to one scalar");
  const assumptions = baseAssumptions(depth);
  const derivative = diff(reduced, "b");
  const h = expand(`(${derivative.text})/(2*${Ltext}*b)`);
  // For a concrete depth the engine proves the factorisation by expansion; with symbolic exponents that
  // expansion costs ~0.15 s, so it is confirmed at the checking points instead (status "numeric").
  const factorCheck =
    depth === "L"
      ? requireProved(
          {
            ...compareNumerically(derivative, `2*L*b*(${h.text})`, { assumptions }),
            engineDifference: "(not expanded)",
          },
          "ℓ′(b) = 2Lb·h(b) for symbolic L",
          true,
        )
      : requireProved(
          checkIdentity(derivative, `2*${Ltext}*b*(${h.text})`, { assumptions }),
          `ℓ′(b) = 2Lb·h(b) for L = ${Ltext}`,
        );
  const hSteps: DerivationStep[] = [
    ...steps,
    { description: "ℓ′(b) by the engine", by: "engine", result: derivative.text },
    { description: "h(b) = ℓ′(b)/(2Lb), expanded by the engine", by: "engine", result: h.text },
    checkStep(depth === "L" ? "ℓ′(b) = 2Lb·h(b) at the checking points" : "ℓ′(b) − 2Lb·h(b) expands to 0", factorCheck),
  ];
  const absStep: DerivationStep = {
    description: "a → |a| (the map w_L → −w_L sends a → −a and P → −P, leaving the loss unchanged)",
    by: "hand",
  };
  // For symbolic L the polynomial form is h itself (valid for L ≥ 2); for L = 1 it is b·h(b).
  const polyFactor = depth === "L" || depth >= 2 ? "1" : `b^${2 - depth}`;
  const polynomial = depth === "L" ? undefined : expand(`${polyFactor}*(${h.text})`);
  const print = { orderBy: "b" };
  const id = `reduced-loss/L=${Ltext}`;
  const reducedLoss = derivedFormula({
    id: `${id}/loss`,
    name: "ℓ(b)",
    nameLatex: "\\ell(b)",
    expression: withAbs(reduced),
    assumptions,
    provenance: [...steps, absStep],
    source,
    print,
  });
  const derivativeFormula = derivedFormula({
    id: `${id}/derivative`,
    name: "ℓ′(b)",
    nameLatex: "\\ell'(b)",
    expression: withAbs(derivative),
    assumptions,
    provenance: [...hSteps.slice(0, steps.length + 1), absStep],
    source,
    print,
  });
  const hFormula = derivedFormula({
    id: `${id}/h`,
    name: "h(b)",
    nameLatex: "h(b)",
    expression: withAbs(h),
    assumptions,
    provenance: [...hSteps, absStep],
    source,
    print,
  });
  const criticalPolynomial = derivedFormula({
    id: `${id}/critical-polynomial`,
    name: polyFactor === "1" || depth === "L" ? "h(b)" : `${polyFactor.replace("^1", "")}·h(b)`,
    nameLatex: polyFactor === "1" || depth === "L" ? "h(b)" : `${polyFactor.replace("^1", "")}\\,h(b)`,
    expression: polynomial === undefined ? withAbs(h) : withAbs(polynomial),
    assumptions,
    provenance: [
      ...hSteps,
      {
        description:
          "Critical points on the balanced set: ℓ′(b) = 2Lb·h(b) = 0 ⇔ b = 0 or h(b) = 0; multiplied by b^{max(0,2−L)} to clear negative powers",
        by: "engine",
        result: polynomial?.text ?? h.text,
      },
      absStep,
    ],
    source,
    print,
  });
  return {
    depth,
    ...extra,
    reducedLoss,
    derivative: derivativeFormula,
    h: hFormula,
    criticalPolynomial,
    forNonnegativeA: { reducedLoss: reduced, derivative, h, criticalPolynomial: polynomial ?? h },
  };
}

/**
 * Derivation 2: the Hessian of the scalar chain's loss at the origin and what it says (arXiv 2202.04777 §§3–4,
 * "the origin is a special point"; lindyn depth L = the paper's D + 1):
 * - L = 1: ℓ = (A + γ₁)w² − 2aw + E[y²] is a convex quadratic (ridge regression), H = 2(A + γ₁) > 0, with the
 *   single minimiser w* = a/(A + γ₁) (the origin is critical only when a = 0);
 * - L = 2: H = [[2γ₁, −2a], [−2a, 2γ₂]], det H = 4(γ₁γ₂ − a²), so the origin is a saddle iff a² > γ₁γ₂;
 * - L ≥ 3: H = 2 diag(γ_i) ≻ 0: the origin is a strict local minimum for every γ_i > 0 and any data.
 * Every entry is computed by the engine (two derivatives, then w = 0).
 *
 * @packageDocumentation
 */
import { ConvergenceError } from "../../core/errors.js";
import { requireInteger } from "../../core/validate.js";
import { assume } from "../assumptions.js";
import { diff, expand, series, solveLinear, substitute } from "../engine.js";
import type { Expr } from "../expr.js";
import { type DerivationStep, type DerivedFormula, derivedFormula, ziyin2022 } from "../formula.js";
import { decaySymbol, deriveReducedLoss, weightSymbol } from "./reduced-loss.js";

/** Output of {@link deriveOriginHessian}. */
export interface OriginHessian {
  readonly depth: number;
  /** H_ij = ∂²ℓ/∂w_i∂w_j at w = 0, engine expressions in A, a, γ_i. */
  readonly hessian: readonly (readonly Expr[])[];
  /** The full Hessian at a general point (engine), for cross-checks against the numeric core. */
  readonly hessianAt: readonly (readonly Expr[])[];
  /**
   * `convex-ridge` (L = 1), `saddle-iff` (L = 2: saddle iff a² > γ₁γ₂), `strict-local-minimum` (L ≥ 3).
   */
  readonly kind: "convex-ridge" | "saddle-iff" | "strict-local-minimum";
  /** The deciding quantity: det H (L = 2), the minimiser a/(A + γ₁) (L = 1), or the smallest 2γ_i (L ≥ 3). */
  readonly condition: DerivedFormula;
  /**
   * ℓ(b) on the balanced ray to second order at the origin, by the engine's series (repeated
   * differentiation): E[y²] + Lγ̄b² for L ≥ 3, E[y²] + 2(γ̄ − |a|)b² for L = 2, E[y²] − 2|a|b + (A + γ̄)b² for L = 1.
   */
  readonly balancedSeries: DerivedFormula;
  /** Plain-text statement. */
  readonly statement: string;
  /**
   * Classifies the origin at numeric values.
   * @returns `minimum` (local), `saddle`, or `not-critical` (L = 1 with a ≠ 0)
   */
  classify(values: {
    readonly A: number;
    readonly a: number;
    readonly gamma: readonly number[];
  }): "minimum" | "saddle" | "not-critical";
}

const cache = new Map<number, OriginHessian>();

/**
 * Derives the origin Hessian of ℓ(w) = A P² − 2aP + E[y²] + Σγ_i w_i² for 1 ≤ L ≤ 12 (cached per depth).
 * @throws ShapeError for a depth outside 1…12
 */
export function deriveOriginHessian(depth: number): OriginHessian {
  const cached = cache.get(depth);
  if (cached !== undefined) return cached;
  const L = requireInteger("depth", depth, 1);
  if (L > 12) requireInteger("depth (≤ 12 for symbolic derivations)", 13 - L, 1);
  const red = deriveReducedLoss(L);
  const gradient = red.gradient ?? [];
  const ws = Array.from({ length: L }, (_, i) => weightSymbol(i + 1));
  const zero: Record<string, number> = {};
  for (const w of ws) zero[w] = 0;
  const hessianAt = gradient.map((g) => ws.map((w) => diff(g.expression, w)));
  const hessian = hessianAt.map((row) => row.map((h) => substitute(h, zero)));
  const source = ziyin2022("§§3–4, the origin");
  const steps: DerivationStep[] = [
    {
      description: "ℓ(w) = A P² − 2aP + E[y²] + Σγ_i w_i² (definition)",
      by: "definition",
      result: red.loss?.expression.text,
    },
    {
      description: "H_ij = ∂²ℓ/∂w_i∂w_j by the engine, then w = 0",
      by: "engine",
      result: `[${hessian.map((r) => `[${r.map((e) => e.text).join(", ")}]`).join(", ")}]`,
    },
  ];
  const g = (i: number) => decaySymbol(i);
  const assumptions = [...assume.positive("A", ...ws.map((_, i) => g(i + 1))), ...assume.real("a")];
  const seriesExpr = series(red.forNonnegativeA.reducedLoss, "b", 0, 2).replace({ a: "abs(a)" });
  const balancedSeries = derivedFormula({
    id: `origin-hessian/L=${L}/balanced-series`,
    name: "ℓ(b) + O(b³)",
    nameLatex: "\\ell(b) + O(b^{3})",
    expression: seriesExpr,
    assumptions: [...assume.positive("A", "gbar", "Ey2"), ...assume.real("a")],
    provenance: [
      ...red.reducedLoss.provenance,
      {
        description: "Taylor series of ℓ(b) at b = 0 to order 2 by repeated engine differentiation",
        by: "engine",
        result: seriesExpr.text,
      },
    ],
    source,
    print: { orderBy: "b" },
  });
  let result: OriginHessian;
  if (L === 1) {
    // Convex quadratic: the engine solves ℓ′(w) = 0 (linear).
    const sol = solveLinear(gradient[0]?.expression as Expr, "w1", { assumptions });
    if (sol.status !== "solved") throw new ConvergenceError(`ridge minimiser: ${sol.reason}`);
    const wStar = sol.roots[0]?.expr as Expr;
    steps.push({ description: "ℓ′(w) = 0 solved by the engine (linear in w)", by: "engine", result: wStar.text });
    result = {
      depth: 1,
      hessian,
      hessianAt,
      kind: "convex-ridge",
      balancedSeries,
      condition: derivedFormula({
        id: "origin-hessian/L=1/minimiser",
        name: "w*",
        nameLatex: "w^{*}",
        expression: wStar,
        assumptions,
        provenance: steps,
        source,
      }),
      statement: `L = 1: ℓ is the convex quadratic of ridge regression, H = ${hessian[0]?.[0]?.text} > 0; its single minimiser is w* = a/(A + γ₁), so the origin is critical only when a = 0.`,
      classify: ({ a }) => (a === 0 ? "minimum" : "not-critical"),
    };
  } else if (L === 2) {
    const det = expand(
      `(${hessian[0]?.[0]?.text})*(${hessian[1]?.[1]?.text})-(${hessian[0]?.[1]?.text})*(${hessian[1]?.[0]?.text})`,
    );
    steps.push({
      description:
        "det H by the engine; tr H = 2(γ₁ + γ₂) > 0, so H has a negative eigenvalue iff det H < 0, i.e. a² > γ₁γ₂",
      by: "engine",
      result: det.text,
    });
    result = {
      depth: 2,
      hessian,
      hessianAt,
      kind: "saddle-iff",
      balancedSeries,
      condition: derivedFormula({
        id: "origin-hessian/L=2/det",
        name: "det H(0)",
        nameLatex: "\\det H(0)",
        expression: det,
        assumptions,
        provenance: steps,
        source,
      }),
      statement:
        "L = 2: H(0) = [[2γ₁, −2a], [−2a, 2γ₂]]; the origin is a saddle iff a² > γ₁γ₂ (det H < 0), a local minimum otherwise.",
      classify: ({ a, gamma }) => (a * a > (gamma[0] as number) * (gamma[1] as number) ? "saddle" : "minimum"),
    };
  } else {
    // Off-diagonal entries must vanish and diagonal ones be 2γ_i: check what the engine produced.
    for (const [i, row] of hessian.entries()) {
      for (const [j, h] of row.entries()) {
        const expected = i === j ? `2*${g(i + 1)}` : "0";
        if (expand(`(${h.text})-(${expected})`).text !== "0") {
          throw new ConvergenceError(
            `origin Hessian entry (${i + 1}, ${j + 1}) for L = ${L} is ${h.text}, expected ${expected}`,
          );
        }
      }
    }
    steps.push({
      description: "Engine: every off-diagonal entry is 0 and H_ii = 2γ_i (each entry's difference expands to 0)",
      by: "check",
    });
    result = {
      depth: L,
      hessian,
      hessianAt,
      kind: "strict-local-minimum",
      balancedSeries,
      condition: derivedFormula({
        id: `origin-hessian/L=${L}/min-eigenvalue`,
        name: "λ_min(H(0))",
        nameLatex: "\\lambda_{\\min}(H(0))",
        expression: `2*min(${ws.map((_, i) => g(i + 1)).join(",")})`,
        assumptions,
        provenance: steps,
        source,
      }),
      statement: `L = ${L} ≥ 3: H(0) = 2 diag(γ_1, …, γ_${L}) ≻ 0, so the origin is a strict local minimum for every γ_i > 0 and any data (bad minima at zero).`,
      classify: () => "minimum",
    };
  }
  cache.set(L, result);
  return result;
}

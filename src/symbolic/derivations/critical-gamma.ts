/**
 * Derivation 4: the critical weight decay γ_c(L) of the first-order transition, the jump of the end-to-end
 * coefficient P_c, the jump L·b_c² of dℓ⋆/dγ̄, and the spinodal γ_sp(L) beyond which no non-zero minimum
 * exists (arXiv 2202.04777 §4, "bad minima at zero for more than one hidden layer"; the paper's depth
 * D = L − 1 hidden layers).
 *
 * Route (symbolic L, then specialised): from the engine's ℓ(b) and h(b) (derivation 1), change variables to
 * u = b^L, v = b² (done on the tree, checked by substituting back) so that
 * ℓ = A u² − 2a u + E[y²] + L γ̄ v and b·d/db = L u ∂_u + 2 v ∂_v (chain rule, by hand). Then
 * - transition: ℓ(b) = ℓ(0) and h(b) = 0; both are linear in γ̄ (the issue's hint), so the engine solves h = 0
 *   for γ̄, substitutes, and the remaining equation in u has the root u = 0 and the engine's linear root P_c;
 * - spinodal: h(b) = 0 and h′(b) = 0, i.e. v·h = 0 and (b d/db − 2)(v·h) = 0; the second is free of γ̄.
 * For a concrete depth the symbolic results are specialised by the engine and cross-checked against an
 * independent elimination directly in b (solve h_L(b) = 0 for γ̄, substitute, read the binomial in b).
 *
 * @packageDocumentation
 */
import { ConvergenceError } from "../../core/errors.js";
import { requireFinite, requireInteger, requirePositive } from "../../core/validate.js";
import { rewriteBPowers } from "../_internals/power-rewrite.js";
import { type Assumption, assume } from "../assumptions.js";
import {
  checkIdentity,
  coefficients,
  compareNumerically,
  diff,
  expand,
  expr,
  type SolveResult,
  solveLinear,
  substitute,
  tidy,
} from "../engine.js";
import { Expr } from "../expr.js";
import { type DerivationStep, type DerivedFormula, derivedFormula, ziyin2022 } from "../formula.js";
import { checkStep, requireProved } from "./_shared.js";
import { deriveReducedLoss } from "./reduced-loss.js";

/** Numbers of the transition at given data moments. */
export interface CriticalGammaValues {
  /** Critical γ̄ of the first-order transition (L ≥ 3), or of the continuous one (L = 2: |a|). */
  readonly gammaC: number;
  /** End-to-end coefficient |P| that jumps to 0 at γ_c (0 for L = 2). */
  readonly Pc: number;
  /** b_c = P_c^{1/L}. */
  readonly bc: number;
  /** Jump of dℓ⋆/dγ̄ across γ_c: L·b_c² (envelope theorem; 0 for L = 2). */
  readonly lossSlopeJump: number;
  /** Spinodal γ̄: a non-zero minimum exists iff γ̄ < γ_sp (equals γ_c = |a| for L = 2). */
  readonly gammaSp: number;
  /** |P| at the spinodal (where the two non-zero critical points merge; 0 for L = 2). */
  readonly Psp: number;
}

/** Output of {@link deriveCriticalGamma}. */
export type CriticalGamma =
  | {
      readonly depth: number | "L";
      /** L ≥ 3: first order (P jumps); L = 2: continuous at γ̄ = |a|. */
      readonly order: "first" | "continuous";
      readonly gammaC: DerivedFormula;
      readonly Pc: DerivedFormula;
      readonly bc: DerivedFormula;
      readonly lossSlopeJump: DerivedFormula;
      readonly gammaSp: DerivedFormula;
      readonly Psp: DerivedFormula;
      /** The formulas evaluated at A > 0 and a (and L for the symbolic-depth derivation). */
      values(moments: { readonly A: number; readonly a: number; readonly L?: number }): CriticalGammaValues;
    }
  | {
      readonly depth: 1;
      readonly order: "none";
      /** Why there is no transition. */
      readonly reason: string;
    };

const cache = new Map<number | "L", CriticalGamma>();

function gcd(p: number, q: number): number {
  return q === 0 ? Math.abs(p) : gcd(q, p % q);
}

function requireSolved(result: SolveResult, what: string): Expr[] {
  if (result.status !== "solved") {
    throw new ConvergenceError(`derivation step "${what}": the engine could not solve it (${result.reason}).`);
  }
  return result.roots.map((r) => r.expr);
}

function solveStep(what: string, result: SolveResult): DerivationStep {
  if (result.status !== "solved") return { description: what, by: "engine" };
  const worst = Math.max(...result.roots.map((r) => r.worstResidual));
  return {
    description: `${what} (engine solve; ${result.roots.length} root(s) kept after substitution at ${result.roots[0]?.points} points${
      result.rejected.length > 0
        ? `, ${result.rejected.length} rejected: ${result.rejected.map((r) => r.reason).join("; ")}`
        : ""
    })`,
    by: "engine",
    result: result.roots.map((r) => r.expr.text).join(" | "),
    check: {
      status: "numeric",
      points: result.roots[0]?.points ?? 0,
      worstResidual: worst,
      tolerance: result.tolerance,
      seed: result.seed,
    },
  };
}

interface SymbolicPieces {
  readonly uc: Expr;
  readonly aMinusAuc: Expr;
  readonly usp: Expr;
  readonly aMinusAusp: Expr;
  readonly steps: DerivationStep[];
}

let symbolicPieces: SymbolicPieces | undefined;

/** The symbolic-L elimination (see the module documentation). */
function deriveSymbolicPieces(): SymbolicPieces {
  if (symbolicPieces !== undefined) return symbolicPieces;
  const red = deriveReducedLoss("L").forNonnegativeA;
  const assumptions: Assumption[] = [
    ...assume.positive("A", "a", "b", "gbar", "u", "v", "Ey2"),
    assume.integer("L", 3, 12),
  ];
  const steps: DerivationStep[] = [
    {
      description: "ℓ(b) and h(b) for symbolic L from derivation 1 (a ≥ 0)",
      by: "engine",
      result: red.reducedLoss.text,
    },
  ];
  const elluv = expr(rewriteBPowers(red.reducedLoss.tree));
  const back = compareNumerically(substitute(elluv, { u: "b^L", v: "b^2" }), red.reducedLoss, { assumptions });
  if (back.status !== "numeric")
    throw new ConvergenceError(`change of variables u = b^L, v = b² failed: ${back.status}`);
  steps.push({
    description:
      "Change of variables u = b^L, v = b² (on the tree, by hand: nerdamer cannot substitute b = u^{1/L}); checked by substituting back",
    by: "hand",
    result: elluv.text,
    check: { ...back, status: "numeric" },
  });
  const euler = (f: Expr): Expr => expand(`L*u*(${diff(f, "u").text})+2*v*(${diff(f, "v").text})`);
  const H = expand(`(${euler(elluv).text})/(2*L)`);
  const Hback = compareNumerically(substitute(H, { u: "b^L", v: "b^2" }), `b^2*(${red.h.text})`, { assumptions });
  if (Hback.status !== "numeric") throw new ConvergenceError(`v·h(b) in (u, v) failed its check: ${Hback.status}`);
  steps.push({
    description:
      "v·h = (L u ∂_u + 2 v ∂_v) ℓ / (2L) by the engine (b d/db = L u ∂_u + 2 v ∂_v by the chain rule); equals b²h(b) at u = b^L, v = b²",
    by: "engine",
    result: H.text,
    check: { ...Hback, status: "numeric" },
  });

  // Transition: h = 0 is linear in γ̄.
  const gbarSolve = solveLinear(H, "gbar", { assumptions });
  const [gbarOfUv] = requireSolved(gbarSolve, "v·h = 0 for γ̄");
  steps.push(solveStep("γ̄ from v·h = 0 (linear in γ̄)", gbarSolve));
  const factored = requireProved(checkIdentity(gbarOfUv as Expr, "u*(a-A*u)/v", { assumptions }), "γ̄ = u(a − Au)/v");
  steps.push(checkStep("γ̄(u, v) = u(a − A u)/v (presentation, proved by engine expansion)", factored));
  const ell0 = substitute(elluv, { u: 0, v: 0 });
  const F = expand(`(${substitute(elluv, { gbar: (gbarOfUv as Expr).text }).text})-(${ell0.text})`);
  if (F.symbols.includes("v") || F.symbols.includes("gbar")) {
    throw new ConvergenceError(`ℓ(b) − ℓ(0) after eliminating γ̄ should depend on u only, got ${F.text}`);
  }
  steps.push({ description: "ℓ(b) − ℓ(0) with γ̄ eliminated (engine); free of v", by: "engine", result: F.text });
  const G = expand(`(${F.text})/u`);
  coefficients(G, "u", { assumptions }); // throws unless G is a polynomial in u
  steps.push({
    description: "Divided by u (u > 0 on the non-zero branch; u = 0 is the origin)",
    by: "hand",
    result: G.text,
  });
  const ucSolve = solveLinear(G, "u", { assumptions, domain: { text: "u > 0", holds: (x) => x > 0 } });
  const [ucRaw] = requireSolved(ucSolve, "transition equation for u = P_c");
  steps.push(solveStep("P_c = u_c from the transition equation", ucSolve));
  const uc = ucRaw as Expr;
  const aMinusAuc = substitute("a-A*u", { u: uc.text });

  // Spinodal: (b d/db − 2)(v h) = v² h′(b)/b·… is free of γ̄.
  const K = expand(`(${euler(H).text})-2*(${H.text})`);
  if (K.symbols.includes("gbar") || K.symbols.includes("v")) {
    throw new ConvergenceError(`(b d/db − 2)(v·h) should be free of γ̄ and v, got ${K.text}`);
  }
  steps.push({
    description: "Spinodal condition h′(b) = 0 ⇔ (b d/db − 2)(v·h) = 0 (engine); free of γ̄ and v",
    by: "engine",
    result: K.text,
  });
  const Ku = expand(`(${K.text})/u`);
  coefficients(Ku, "u", { assumptions });
  const uspSolve = solveLinear(Ku, "u", { assumptions, domain: { text: "u > 0", holds: (x) => x > 0 } });
  const [uspRaw] = requireSolved(uspSolve, "spinodal equation for u");
  steps.push(solveStep("u_sp from the spinodal condition", uspSolve));
  const usp = uspRaw as Expr;
  const aMinusAusp = substitute("a-A*u", { u: usp.text });
  symbolicPieces = { uc, aMinusAuc, usp, aMinusAusp, steps };
  return symbolicPieces;
}

/**
 * Derives γ_c, P_c, b_c, the jump L·b_c² of dℓ⋆/dγ̄ and γ_sp for depth `depth` (1 ≤ L ≤ 12), or for
 * symbolic L with `"L"` (valid for L ≥ 3). All formulas use |a|; γ̄ = (Πγ_i)^{1/L}.
 * @throws ShapeError for a depth outside 1…12
 */
export function deriveCriticalGamma(depth: number | "L"): CriticalGamma {
  const cached = cache.get(depth);
  if (cached !== undefined) return cached;
  let result: CriticalGamma;
  if (depth === 1) {
    result = {
      depth: 1,
      order: "none",
      reason: "L = 1 is ridge regression: the loss is a convex quadratic with the single minimiser a/(A + γ)",
    };
  } else if (depth === 2) {
    result = deriveDepthTwo();
  } else {
    if (depth !== "L") {
      requireInteger("depth", depth, 1);
      if (depth > 12) requireInteger("depth (≤ 12 for symbolic derivations)", 13 - depth, 1);
    }
    result = deriveFirstOrder(depth);
  }
  cache.set(depth, result);
  return result;
}

function values(
  formulas: Pick<
    Extract<CriticalGamma, { order: "first" | "continuous" }>,
    "gammaC" | "Pc" | "bc" | "lossSlopeJump" | "gammaSp" | "Psp"
  >,
  depth: number | "L",
) {
  return (moments: { readonly A: number; readonly a: number; readonly L?: number }): CriticalGammaValues => {
    requirePositive("A", moments.A, "A = E[x²] must be > 0 (a zero input carries no signal).");
    requireFinite("a", moments.a);
    const scope: Record<string, number> = { A: moments.A, a: moments.a };
    if (depth === "L") {
      requireInteger("L", moments.L ?? Number.NaN, 3);
      scope.L = moments.L as number;
    }
    return {
      gammaC: formulas.gammaC.evaluate(scope),
      Pc: formulas.Pc.evaluate(scope),
      bc: formulas.bc.evaluate(scope),
      lossSlopeJump: formulas.lossSlopeJump.evaluate(scope),
      gammaSp: formulas.gammaSp.evaluate(scope),
      Psp: formulas.Psp.evaluate(scope),
    };
  };
}

function deriveFirstOrder(depth: number | "L"): CriticalGamma {
  const pieces = deriveSymbolicPieces();
  const Ltext = String(depth);
  const concrete = depth !== "L";
  const assumptions: Assumption[] = [
    ...assume.positive("A"),
    ...assume.real("a"),
    ...(concrete ? [] : [assume.integer("L", 3, 12)]),
  ];
  const posAssumptions: Assumption[] = [
    ...assume.positive("A", "a"),
    ...(concrete ? [] : [assume.integer("L", 3, 12)]),
  ];
  // Tidying is slow with symbolic L (nerdamer's simplify/factor take ~0.5 s each there) and fast once L is
  // a number, so the pieces are specialised first and tidied after.
  const specialise = (e: Expr): Expr =>
    tidy(concrete ? substitute(e, { L: depth }) : e, { assumptions: posAssumptions }).expr;
  const uc = specialise(pieces.uc);
  const aMinusAuc = specialise(pieces.aMinusAuc);
  const usp = specialise(pieces.usp);
  const aMinusAusp = specialise(pieces.aMinusAusp);
  const steps: DerivationStep[] = [...pieces.steps];
  steps.push({
    description: `${concrete ? `Specialised to L = ${depth}; ` : ""}P_c, a − A·P_c, u_sp, a − A·u_sp put in their simplest verified form (engine simplify/factor/expand/common denominator; refuted forms discarded)`,
    by: "engine",
    result: [uc, aMinusAuc, usp, aMinusAusp].map((e) => e.text).join(" ; "),
  });

  // Exponents as reduced fractions for a concrete depth, e.g. (L − 2)/L = 1/2 at L = 4.
  const ratio = (p: number, q: number): string => {
    const g = gcd(p, q);
    return q / g === 1 ? String(p / g) : `${p / g}/${q / g}`;
  };
  const expo = (offset: number): string =>
    concrete ? ratio(depth + offset, depth) : `(L${offset === 0 ? "" : offset})/L`;
  const inv = (k: number): string => (concrete ? ratio(k, depth) : `${k}/L`);
  const gammaCText = `(${uc.text})^(${expo(-2)})*(${aMinusAuc.text})`;
  const gammaSpText = `(${usp.text})^(${expo(-2)})*(${aMinusAusp.text})`;
  const bcText = `(${uc.text})^(${inv(1)})`;
  const jumpText = `${Ltext}*(${uc.text})^(${inv(2)})`;
  // Presentation: γ̄ = u(a − Au)/v at v = u^{2/L}; check against the direct substitution into γ̄(u, v).
  const direct = `(${uc.text})*(a-A*(${uc.text}))/((${uc.text})^(2/${Ltext}))`;
  const presentation = compareNumerically(gammaCText, direct, { assumptions: posAssumptions });
  if (presentation.status !== "numeric")
    throw new ConvergenceError(`γ_c presentation check failed: ${presentation.status}`);
  steps.push({
    description: "γ_c = u_c^{(L−2)/L}(a − A u_c) from γ̄ = u(a − Au)/v at v = u_c^{2/L} (presentation by hand, checked)",
    by: "hand",
    result: gammaCText,
    check: { ...presentation, status: "numeric" },
  });
  if (concrete) steps.push(crossCheckInB(depth, uc, gammaCText, posAssumptions));

  const source = ziyin2022("§4, first-order transition for more than one hidden layer");
  // Structural a → |a|: the engine would re-canonicalise the presentation form.
  const abs = (t: string): Expr => new Expr(t).replace({ a: "abs(a)" });
  const id = `critical-gamma/L=${Ltext}`;
  const absStep: DerivationStep = { description: "a → |a| (symmetry w_L → −w_L)", by: "hand" };
  const make = (suffix: string, name: string, nameLatex: string, text: string, extra: DerivationStep[] = []) =>
    derivedFormula({
      id: `${id}/${suffix}`,
      name,
      nameLatex,
      expression: abs(text),
      assumptions,
      provenance: [...steps, ...extra, absStep],
      source,
    });
  const formulas = {
    gammaC: make("gamma-c", "γ_c", "\\gamma_{c}", gammaCText),
    Pc: make("P-c", "P_c", "P_{c}", uc.text),
    bc: make("b-c", "b_c", "b_{c}", bcText),
    lossSlopeJump: make("loss-slope-jump", "Δ(dℓ⋆/dγ̄)", "\\Delta \\frac{d\\ell^{*}}{d\\bar{\\gamma}}", jumpText, [
      {
        description:
          "∂ℓ/∂γ̄ = L v = L b² (engine); by the envelope theorem dℓ⋆/dγ̄ is L b*² on the non-zero branch and 0 at the origin, so it jumps by L b_c² at γ_c",
        by: "engine",
        result: diff("A*u^2-2*a*u+Ey2+L*gbar*v", "gbar").text,
      },
    ]),
    gammaSp: make("gamma-sp", "γ_sp", "\\gamma_{\\mathrm{sp}}", gammaSpText),
    Psp: make("P-sp", "P_sp", "P_{\\mathrm{sp}}", usp.text),
  };
  return { depth, order: "first", ...formulas, values: values(formulas, depth) };
}

/**
 * Independent elimination for a concrete depth, directly in b: the engine solves h_L(b) = 0 for γ̄,
 * substitutes into ℓ_L(b) − ℓ_L(0), and the result must be a binomial c_L b^L + c_{2L} b^{2L}; its positive
 * root b^L = −c_L/c_{2L} (solved by hand: nerdamer's roots of b^L = c include wrong complex branches) must
 * equal P_c, and γ̄ there must equal γ_c.
 */
function crossCheckInB(L: number, uc: Expr, gammaCText: string, assumptions: readonly Assumption[]): DerivationStep {
  const red = deriveReducedLoss(L).forNonnegativeA;
  const gbarSolve = solveLinear(red.h, "gbar", { assumptions: [...assumptions, ...assume.positive("b")] });
  const [gbarOfB] = requireSolved(gbarSolve, `h_${L}(b) = 0 for γ̄`);
  const F = expand(
    `(${substitute(red.reducedLoss, { gbar: (gbarOfB as Expr).text }).text})-(${substitute(red.reducedLoss, { b: 0 }).text})`,
  );
  const c = coefficients(F, "b", { assumptions: [...assumptions, ...assume.positive("b")] });
  const nonzero = c.map((ck, k) => ({ ck, k })).filter((x) => x.ck.text !== "0");
  if (nonzero.length !== 2 || nonzero[0]?.k !== L || nonzero[1]?.k !== 2 * L) {
    throw new ConvergenceError(`elimination in b for L = ${L} did not give a binomial in b^${L}: ${F.text}`);
  }
  const PcB = `-(${nonzero[0]?.ck.text})/(${nonzero[1]?.ck.text})`;
  const samePc = compareNumerically(PcB, uc, { assumptions });
  const gammaB = substitute(gbarOfB as Expr, { b: `(${PcB})^(1/${L})` });
  const sameGamma = compareNumerically(gammaB, gammaCText, { assumptions });
  if (samePc.status !== "numeric" || sameGamma.status !== "numeric") {
    throw new ConvergenceError(
      `γ_c for L = ${L}: the elimination in b disagrees with the (u, v) route (P_c ${samePc.status}, γ_c ${sameGamma.status}).`,
    );
  }
  return {
    description: `Cross-check by an independent elimination in b for L = ${L}: γ̄ = ${(gbarOfB as Expr).text} from h = 0, ℓ(b) − ℓ(0) = ${F.text}, b^L = ${PcB}: P_c and γ_c agree`,
    by: "check",
    check: {
      status: "numeric",
      points: Math.min(samePc.points, sameGamma.points),
      worstResidual: Math.max(samePc.worstResidual, sameGamma.worstResidual),
      tolerance: samePc.tolerance,
      seed: samePc.seed,
    },
  };
}

function deriveDepthTwo(): CriticalGamma {
  // L = 2: h(b) = A b² − a + γ̄ has a positive root iff γ̄ < a; the non-zero minimum P = (a − γ̄)/A shrinks
  // continuously to 0 there. The engine solves h(0) = 0 for γ̄ and h = 0 for b².
  const red = deriveReducedLoss(2).forNonnegativeA;
  const assumptions: Assumption[] = [...assume.positive("A", "a", "gbar")];
  const at0 = substitute(red.h, { b: 0 });
  const gSolve = solveLinear(at0, "gbar", { assumptions });
  const [gc] = requireSolved(gSolve, "h(0) = 0 for γ̄");
  const steps: DerivationStep[] = [
    { description: "h(b) for L = 2 from derivation 1", by: "engine", result: red.h.text },
    solveStep("γ_c from h(0) = 0: the non-zero root b² = (a − γ̄)/A reaches 0 (continuous transition)", gSolve),
    { description: "a → |a| (symmetry w_L → −w_L)", by: "hand" },
  ];
  const source = ziyin2022("§3, one hidden layer: continuous transition at γ = |a|");
  const make = (suffix: string, name: string, nameLatex: string, text: string) =>
    derivedFormula({
      id: `critical-gamma/L=2/${suffix}`,
      name,
      nameLatex,
      expression: substitute(text, { a: "abs(a)" }),
      assumptions: [...assume.positive("A"), ...assume.real("a")],
      provenance: steps,
      source,
    });
  const formulas = {
    gammaC: make("gamma-c", "γ_c", "\\gamma_{c}", (gc as Expr).text),
    Pc: make("P-c", "P_c", "P_{c}", "0"),
    bc: make("b-c", "b_c", "b_{c}", "0"),
    lossSlopeJump: make("loss-slope-jump", "Δ(dℓ⋆/dγ̄)", "\\Delta \\frac{d\\ell^{*}}{d\\bar{\\gamma}}", "0"),
    gammaSp: make("gamma-sp", "γ_sp", "\\gamma_{\\mathrm{sp}}", (gc as Expr).text),
    Psp: make("P-sp", "P_sp", "P_{\\mathrm{sp}}", "0"),
  };
  return { depth: 2, order: "continuous", ...formulas, values: values(formulas, 2) };
}

/**
 * Derivation 3: the landscape of the scalar deep chain at numeric parameters — every critical point on the
 * balanced set, its kind, the global minimum, whether the origin is a local minimum, the thresholds γ_c and
 * γ_sp, and the phase (arXiv 2202.04777 §§3–4; lindyn depth L = the paper's D + 1).
 *
 * The non-zero critical points are the positive roots of the engine-derived critical polynomial
 * q(b) = b^{max(0,2−L)} h(b) (derivation 1); its coefficients are evaluated at the parameters and all its roots
 * found by {@link polynomialRoots} (Aberth–Ehrlich, Newton-polished, certified by sign changes). At a root,
 * ℓ″(b) = 2L b h′(b) has the sign of q′(b): positive → minimum, negative → saddle (the smaller root of h for
 * L ≥ 3 is the saddle between the origin's basin and the non-zero minimum). Each critical point is checked
 * by evaluating the engine-derived gradient ∂ℓ/∂w_i at the balanced weights w_i = b√(γ̄/γ_i).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import {
  expandPerLayer,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "../../core/validate.js";
import { coefficients } from "../engine.js";
import type { Expr } from "../expr.js";
import type { DerivedFormula } from "../formula.js";
import { polynomialRoots } from "../polynomial-roots.js";
import { deriveCriticalGamma } from "./critical-gamma.js";
import { decaySymbol, deriveReducedLoss, weightSymbol } from "./reduced-loss.js";

/** Parameters of {@link landscape}. */
export interface LandscapeParams {
  /** Depth L = number of weight factors, 1 ≤ L ≤ 12. */
  readonly depth: number;
  /** A = E[x²] > 0. */
  readonly A: number;
  /** a = E[xy]. */
  readonly a: number;
  /**
   * E[y²] ≥ a²/A (Cauchy–Schwarz).
   * @defaultValue a²/A (y a linear function of x; only loss values depend on it)
   */
  readonly Ey2?: number;
  /** Weight decay: one value for every layer or one per layer, each > 0. */
  readonly gamma: number | readonly number[];
}

/** One critical point of the loss (on the balanced set; the origin included when it is critical). */
export interface CriticalPoint {
  /** Per-layer scale: |P| = b^L. */
  readonly b: number;
  /** End-to-end coefficient P = w_L⋯w_1 (sign of a). */
  readonly P: number;
  readonly loss: number;
  /**
   * `minimum` / `saddle` in the full weight space (the origin for L = 2 when a² > γ₁γ₂ is a saddle);
   * `degenerate` for a double root of h (exactly at the spinodal), where ℓ″ vanishes.
   */
  readonly kind: "minimum" | "saddle" | "degenerate";
  /** The balanced weights w_i = b√(γ̄/γ_i), the last one carrying the sign of a. */
  readonly weights: readonly number[];
  /** max_i |∂ℓ/∂w_i| at the weights relative to the size of the terms of ∂ℓ/∂w_i (a check, ≈ 1e-16). */
  readonly gradientResidual: number;
}

/** Phase of the landscape (arXiv 2202.04777 §4). */
export type Phase = "nonzero-global" | "metastable" | "origin-only";

/** Output of {@link landscape}. */
export interface Landscape {
  readonly depth: number;
  readonly A: number;
  readonly a: number;
  readonly Ey2: number;
  readonly gamma: readonly number[];
  /** γ̄ = (Πγ_i)^{1/L}. */
  readonly gbar: number;
  /** All critical points, ordered by b (the origin first when it is critical). */
  readonly criticalPoints: readonly CriticalPoint[];
  readonly globalMinimum: {
    readonly b: number;
    readonly P: number;
    readonly loss: number;
    readonly weights: readonly number[];
  };
  /** The origin is a (strict, for L ≥ 3) local minimum. */
  readonly originIsLocalMinimum: boolean;
  /** γ_c at these (A, a): first-order for L ≥ 3, continuous (|a|) for L = 2, null for L = 1. */
  readonly gammaC: number | null;
  /** γ_sp: a non-zero minimum exists iff γ̄ < γ_sp (L ≥ 2); null for L = 1. */
  readonly gammaSp: number | null;
  readonly phase: Phase;
  /** The critical polynomial q(b) (lowest degree first) at these parameters, and its degree. */
  readonly polynomial: { readonly coefficients: readonly number[]; readonly degree: number };
  /** The formulas used: ℓ(b), h(b), q(b). */
  readonly formulas: {
    readonly reducedLoss: DerivedFormula;
    readonly h: DerivedFormula;
    readonly criticalPolynomial: DerivedFormula;
  };
}

const coefficientCache = new Map<number, Expr[]>();

/** Engine coefficients of q(b) (for a ≥ 0; |a| is passed at evaluation), cached per depth. */
function polynomialCoefficients(L: number): Expr[] {
  const hit = coefficientCache.get(L);
  if (hit !== undefined) return hit;
  const c = coefficients(deriveReducedLoss(L).forNonnegativeA.criticalPolynomial, "b");
  coefficientCache.set(L, c);
  return c;
}

/** Validates and normalises the parameters. */
function validate(params: LandscapeParams): { L: number; A: number; a: number; Ey2: number; gamma: number[] } {
  const L = requireInteger("depth", params.depth, 1);
  if (L > 12) {
    throw new ShapeError(
      errorMessage(
        "depth",
        L,
        "must be ≤ 12",
        "The symbolic derivations cover 1 ≤ L ≤ 12; use the numeric core beyond.",
      ),
    );
  }
  const A = requirePositive("A", params.A, "A = E[x²] must be > 0 (an input with no variance carries no signal).");
  const a = requireFinite("a", params.a);
  const Ey2 = params.Ey2 ?? (a * a) / A;
  requireNonNegative("Ey2", Ey2, "E[y²] is a second moment.");
  if (a * a > A * Ey2 * (1 + 1e-12)) {
    throw new DomainError(
      errorMessage(
        "Ey2",
        Ey2,
        `must be ≥ a²/A = ${(a * a) / A} (Cauchy–Schwarz: E[xy]² ≤ E[x²]E[y²])`,
        "These moments cannot come from any data; raise Ey2 or lower |a|.",
      ),
    );
  }
  const gamma = expandPerLayer("gamma", params.gamma, L, "weight matrix");
  for (const [i, g] of gamma.entries()) {
    requirePositive(
      `gamma[${i}]`,
      g,
      "Each layer's weight decay must be > 0 (with γ_i = 0 the critical points are not isolated).",
    );
  }
  return { L, A, a, Ey2, gamma };
}

/**
 * The landscape of the scalar chain ℓ(w) = A P² − 2aP + E[y²] + Σγ_i w_i² at numeric parameters.
 * @throws ShapeError / DomainError for invalid or inconsistent parameters (with the fix in the message)
 */
export function landscape(params: LandscapeParams): Landscape {
  const { L, A, a, Ey2, gamma } = validate(params);
  const absA = Math.abs(a);
  const gbar = Math.exp(gamma.reduce((s, g) => s + Math.log(g), 0) / L);
  const red = deriveReducedLoss(L);
  const scope = { A, a, Ey2, gbar };
  const coeffs = polynomialCoefficients(L).map((c) => c.evaluate({ A, a: absA, gbar }));
  const roots = polynomialRoots(coeffs);
  const gradient = red.gradient ?? [];
  const weightsAt = (b: number): number[] =>
    gamma.map((g, i) => (i === L - 1 && a < 0 ? -1 : 1) * b * Math.sqrt(gbar / g));
  const gradientResidual = (w: readonly number[]): number => {
    const s: Record<string, number> = { A, a, Ey2 };
    w.forEach((x, i) => {
      s[weightSymbol(i + 1)] = x;
      s[decaySymbol(i + 1)] = gamma[i] as number;
    });
    let worst = 0;
    for (const gf of gradient) {
      const v = gf.expression.evaluateRaw(s);
      const m = Math.max(gf.expression.magnitude(s), Number.MIN_VALUE);
      worst = Math.max(worst, Math.abs(v) / m);
    }
    return worst;
  };
  const dq = (b: number): number => coeffs.reduce((s, c, k) => (k === 0 ? s : s + k * c * b ** (k - 1)), 0);
  const points: CriticalPoint[] = [];
  // The origin: critical for L ≥ 2 always, for L = 1 only when a = 0.
  const originLoss = red.reducedLoss.evaluate({ ...scope, b: 0 });
  let originIsLocalMinimum: boolean;
  if (L === 1) originIsLocalMinimum = a === 0;
  else if (L === 2) originIsLocalMinimum = a * a <= (gamma[0] as number) * (gamma[1] as number);
  else originIsLocalMinimum = true;
  if (L >= 2 || a === 0) {
    const w0 = gamma.map(() => 0);
    points.push({
      b: 0,
      P: 0,
      loss: originLoss,
      kind: originIsLocalMinimum ? "minimum" : "saddle",
      weights: w0,
      gradientResidual: gradientResidual(w0),
    });
  }
  for (const r of roots.real) {
    if (!(r.value > 0)) continue;
    const b = r.value;
    const slope = dq(b);
    const kind: CriticalPoint["kind"] = !r.bracketed ? "degenerate" : slope > 0 ? "minimum" : "saddle";
    const w = weightsAt(b);
    points.push({
      b,
      P: Math.sign(a) * b ** L,
      loss: red.reducedLoss.evaluate({ ...scope, b }),
      kind,
      weights: w,
      gradientResidual: gradientResidual(w),
    });
  }
  const minima = points.filter((p) => p.kind === "minimum");
  const global =
    minima.reduce<CriticalPoint | undefined>(
      (best, p) => (best === undefined || p.loss < best.loss ? p : best),
      undefined,
    ) ?? (points[0] as CriticalPoint);
  const nonzeroMinima = minima.filter((p) => p.b > 0);
  let phase: Phase;
  if (nonzeroMinima.length === 0) phase = "origin-only";
  else if (!originIsLocalMinimum || nonzeroMinima.some((p) => p.loss <= originLoss)) phase = "nonzero-global";
  else phase = "metastable";
  const cg = deriveCriticalGamma(L);
  const thresholds = cg.order === "none" ? null : cg.values({ A, a });
  return {
    depth: L,
    A,
    a,
    Ey2,
    gamma,
    gbar,
    criticalPoints: points,
    globalMinimum: { b: global.b, P: global.P, loss: global.loss, weights: global.weights },
    originIsLocalMinimum,
    gammaC: thresholds?.gammaC ?? null,
    gammaSp: thresholds?.gammaSp ?? null,
    phase,
    polynomial: { coefficients: coeffs, degree: roots.degree },
    formulas: { reducedLoss: red.reducedLoss, h: red.h, criticalPolynomial: red.criticalPolynomial },
  };
}

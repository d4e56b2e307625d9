/**
 * Derivation 5: the global minimum of a deep linear network with multi-dimensional input, scalar output,
 * stochastic neurons and per-layer weight decay (arXiv 2202.04777 §5 and Eq. 1; the paper's depth D counts
 * hidden layers, lindyn's L = D + 1). Noise: every hidden unit is multiplied by independent noise of mean 1
 * and variance σ_i² (layer i = 1…L−1); loss c·E‖ŷ − y‖² + Σ_i γ_i‖W_i‖_F², c ∈ {1, ½}.
 *
 * Reduction (hand steps, stated): at the optimum every layer is rank one with all units of a hidden layer of
 * equal magnitude, |r_ij| = 1/√d_i (which minimises Σ_j r_ij⁴ on the unit sphere); since E[ε_jε_k] = 1 + σ²δ_jk,
 * each hidden layer multiplies the output's second moment by 1 + σ_i²Σ_j r_ij⁴ = 1 + σ_i²/d_i, so the loss is
 * F(β) = c(κ βᵀΣxxβ − 2Σxyᵀβ + E[y²]) + L γ̄ ‖β‖^{2/L}, κ = Π_i(1 + σ_i²/d_i), γ̄ = (Πγ_i)^{1/L}, over the
 * end-to-end vector β. The tests confirm this against the numeric core's exact noise-averaged loss and
 * gradient of the built network.
 *
 * Engine steps: in the eigenbasis of Σxx (Σxx = Σ λ_k e_k e_kᵀ, a_k = e_k·Σxy), ∂F/∂β_k with ‖β‖² = S treated by
 * the chain rule (dS/dβ_k = 2β_k, by hand), solved (linear in β_k), S = b^{2L} substituted: the scalar equation
 * Σ_k a_k² b^{2L−4}/(κλ_k b^{2L−2} + γ̄/c)² = 1 and β_k = a_k b^{2L−2}/(κλ_k b^{2L−2} + γ̄/c).
 *
 * Numbers: the scalar equation times Π_k(κλ_k t^{L−1} + γ̄/c)² is a polynomial in t = b² (equal eigenvalues
 * merged); all its roots come from {@link polynomialRoots}, positive real ones are polished on the rational
 * equation itself inside a sign-change bracket, and the candidate with the lowest F — or the origin — wins.
 *
 * @packageDocumentation
 */
import { symmetricEigen } from "../../core/eigen.js";
import { ConvergenceError, DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import {
  expandPerLayer,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "../../core/validate.js";
import { assume } from "../assumptions.js";
import { compareNumerically, diff, expand, solveLinear, substitute } from "../engine.js";
import type { Expr } from "../expr.js";
import { type DerivationStep, type DerivedFormula, derivedFormula, ziyin2022 } from "../formula.js";
import { polynomialRoots } from "../polynomial-roots.js";

/** Parameters of {@link noisyGlobalMinimum}. */
export interface NoisyMinimumParams {
  /** Σxx = E[xxᵀ], d0 × d0 symmetric positive semi-definite (a number for d0 = 1). */
  readonly Sxx: Matrix | readonly (readonly number[])[] | number;
  /** Σxy = E[xy], length d0 (a number for d0 = 1). */
  readonly Sxy: readonly number[] | number;
  /** E[y²] ≥ Σxyᵀ Σxx⁺ Σxy. */
  readonly Ey2: number;
  /** Widths [d0, d1, …, d_{L−1}, 1]: input, hidden layers, scalar output. */
  readonly widths: readonly number[];
  /** Weight decay: one value, or one per weight matrix (L values), each > 0. */
  readonly gamma: number | readonly number[];
  /**
   * Noise variance σ² of the unit-mean noise on every hidden unit: one value or one per hidden layer.
   * @defaultValue 0
   */
  readonly noise?: number | readonly number[];
  /**
   * Loss convention c in c·E‖ŷ − y‖².
   * @defaultValue 1
   */
  readonly c?: 1 | 0.5;
}

/** A critical point of the reduced problem (the origin included). */
export interface NoisyCriticalPoint {
  readonly b: number;
  readonly loss: number;
  readonly kind: "minimum" | "saddle" | "origin";
}

/** Output of {@link noisyGlobalMinimum}. */
export interface NoisyGlobalMinimum {
  /** The minimal loss. */
  readonly loss: number;
  /** The optimal end-to-end vector β* (length d0); zero when the origin is the global minimum. */
  readonly beta: readonly number[];
  /** ‖β*‖ = b^L. */
  readonly b: number;
  /** ‖W_i‖_F² = γ̄ b²/γ_i (γ_i‖W_i‖² equal across layers). */
  readonly layerNormsSquared: readonly number[];
  /** W_1 … W_L as nested arrays (rows), rank one, hidden units of equal magnitude. */
  readonly weights: readonly (readonly (readonly number[])[])[];
  /** κ = Π_i(1 + σ_i²/d_i). */
  readonly noiseFactor: number;
  readonly gbar: number;
  /** The origin and every root of the scalar equation, with the reduced loss F there. */
  readonly criticalPoints: readonly NoisyCriticalPoint[];
  /** The derived formulas (symbolic in L, κ, γ̄, c, λ_k, a_k). */
  readonly formulas: NoisyMinimumFormulas;
}

/** The symbolic side of derivation 5. */
export interface NoisyMinimumFormulas {
  /** φ_k(b): the k-th term of the scalar equation Σ_k φ_k(b) = 1. */
  readonly scalarEquationTerm: DerivedFormula;
  /** β_k(b), the k-th eigen-component of β*. */
  readonly betaComponent: DerivedFormula;
  /** F(β) in terms of q = βᵀΣxxβ, p = Σxyᵀβ and n = ‖β‖. */
  readonly reducedLoss: DerivedFormula;
}

let formulasCache: NoisyMinimumFormulas | undefined;

/** Derives the scalar equation and β_k(b) with the engine (cached). */
export function deriveNoisyMinimumFormulas(): NoisyMinimumFormulas {
  if (formulasCache !== undefined) return formulasCache;
  const assumptions = [
    ...assume.positive("kappa", "lambda_k", "a_k", "gbar", "S", "b", "c"),
    assume.integer("L", 1, 12),
  ];
  const Fk = "c*(kappa*lambda_k*x^2-2*a_k*x)+L*gbar*S^(1/L)";
  const steps: DerivationStep[] = [
    {
      description:
        "F restricted to the k-th eigen-direction, with S = ‖β‖² (typed in from the reduction in the module documentation)",
      by: "definition",
      result: Fk,
    },
  ];
  const dF = expand(`(${diff(Fk, "x").text})+(${diff(Fk, "S").text})*2*x`);
  steps.push({
    description: "∂F/∂β_k = ∂_x F + ∂_S F · 2x (chain rule by hand, derivatives by the engine)",
    by: "engine",
    result: dF.text,
  });
  const sol = solveLinear(dF, "x", { assumptions });
  if (sol.status !== "solved") throw new ConvergenceError(`β_k from ∂F/∂β_k = 0: ${sol.reason}`);
  const xOfS = sol.roots[0]?.expr as Expr;
  steps.push({
    description: "β_k from ∂F/∂β_k = 0 (linear in β_k, engine solve verified by substitution)",
    by: "engine",
    result: xOfS.text,
  });
  const xOfB = substitute(xOfS, { S: "b^(2*L)" });
  // Presentation: β_k = a_k b^{2L−2}/(κλ_k b^{2L−2} + γ̄/c); checked against the engine's form.
  const betaText = "a_k*b^(2*L-2)/(kappa*lambda_k*b^(2*L-2)+gbar/c)";
  const betaCheck = compareNumerically(betaText, xOfB, { assumptions });
  if (betaCheck.status !== "numeric") throw new ConvergenceError(`β_k presentation: ${betaCheck.status}`);
  steps.push({
    description:
      "S = ‖β‖² = b^{2L} substituted (engine); written as a_k b^{2L−2}/(κλ_k b^{2L−2} + γ̄/c) (checked numerically)",
    by: "engine",
    result: xOfB.text,
    check: { ...betaCheck, status: "numeric" },
  });
  const termText = "a_k^2*b^(2*L-4)/(kappa*lambda_k*b^(2*L-2)+gbar/c)^2";
  const termCheck = compareNumerically(termText, `(${xOfB.text})^2/b^(2*L)`, { assumptions });
  if (termCheck.status !== "numeric") throw new ConvergenceError(`scalar-equation term: ${termCheck.status}`);
  const termSteps: DerivationStep[] = [
    ...steps,
    {
      description:
        "Σ_k β_k² = b^{2L} divided by b^{2L}: the k-th term β_k²/b^{2L} (checked numerically against the engine's β_k)",
      by: "check",
      check: { ...termCheck, status: "numeric" },
    },
  ];
  const source = ziyin2022("§5, global minimum with stochastic neurons");
  formulasCache = {
    scalarEquationTerm: derivedFormula({
      id: "noisy-minimum/scalar-equation-term",
      name: "φ_k(b)",
      nameLatex: "\\varphi_{k}(b)",
      expression: termText,
      assumptions,
      provenance: termSteps,
      source,
      print: { orderBy: "b" },
    }),
    betaComponent: derivedFormula({
      id: "noisy-minimum/beta-component",
      name: "β_k",
      nameLatex: "\\beta_{k}",
      expression: betaText,
      assumptions,
      provenance: steps,
      source,
      print: { orderBy: "b" },
    }),
    reducedLoss: derivedFormula({
      id: "noisy-minimum/reduced-loss",
      name: "F(β)",
      nameLatex: "F(\\beta)",
      expression: "c*(kappa*q-2*p+Ey2)+L*gbar*n^(2/L)",
      assumptions: [
        ...assume.positive("kappa", "gbar", "n", "c"),
        ...assume.real("p"),
        ...assume.nonnegative("q", "Ey2"),
      ],
      provenance: [
        {
          description:
            "F(β) = c(κ βᵀΣxxβ − 2Σxyᵀβ + E[y²]) + Lγ̄‖β‖^{2/L} with q = βᵀΣxxβ, p = Σxyᵀβ, n = ‖β‖ (reduction by hand, see the module documentation)",
          by: "definition",
        },
      ],
      source,
    }),
  };
  return formulasCache;
}

type Poly = number[];
const polyMul = (p: Poly, q: Poly): Poly => {
  const out = new Array<number>(p.length + q.length - 1).fill(0);
  p.forEach((x, i) => {
    q.forEach((y, j) => {
      out[i + j] = (out[i + j] as number) + x * y;
    });
  });
  return out;
};
const polyAdd = (p: Poly, q: Poly, sign = 1): Poly =>
  Array.from({ length: Math.max(p.length, q.length) }, (_, k) => (p[k] ?? 0) + sign * (q[k] ?? 0));

function toMatrix(value: NoisyMinimumParams["Sxx"], d: number): Matrix {
  if (typeof value === "number") {
    requireFinite("Sxx", value);
    return Matrix.fromRows([[value]], "Sxx");
  }
  const m = value instanceof Matrix ? value : Matrix.fromRows(value as number[][], "Sxx");
  if (m.rows !== d || m.cols !== d) {
    throw new ShapeError(
      errorMessage(
        "Sxx.shape",
        m.shape,
        `must be ${d}×${d} (d0 = widths[0] = ${d})`,
        "Pass E[xxᵀ] for the input of that width.",
      ),
    );
  }
  return m;
}

/**
 * The global minimum over all weights (see the module documentation).
 * @throws ShapeError / DomainError for invalid or inconsistent parameters, with the fix in the message
 */
export function noisyGlobalMinimum(params: NoisyMinimumParams): NoisyGlobalMinimum {
  const widths = params.widths.map((w, i) => requireInteger(`widths[${i}]`, w, 1));
  if (widths.length < 2) {
    throw new ShapeError(
      errorMessage("widths", widths, "must list at least d0 and the output width", "Example: 2,3,1."),
    );
  }
  if (widths[widths.length - 1] !== 1) {
    throw new ShapeError(
      errorMessage(
        "widths",
        widths,
        "must end with 1 (scalar output)",
        "For vector outputs with whitened inputs use the whitened-vector derivation.",
      ),
    );
  }
  const L = widths.length - 1;
  if (L > 12)
    throw new ShapeError(errorMessage("widths", widths, "must have at most 12 weight matrices", "Use L ≤ 12."));
  const d0 = widths[0] as number;
  const Sxx = toMatrix(params.Sxx, d0);
  const Sxy = typeof params.Sxy === "number" ? [params.Sxy] : [...params.Sxy];
  if (Sxy.length !== d0) {
    throw new ShapeError(errorMessage("Sxy", Sxy, `must have d0 = ${d0} entries`, "Pass E[xy], one entry per input."));
  }
  for (const [i, v] of Sxy.entries()) requireFinite(`Sxy[${i}]`, v);
  const Ey2 = requireNonNegative("Ey2", params.Ey2, "E[y²] is a second moment.");
  const gamma = expandPerLayer("gamma", params.gamma, L, "weight matrix");
  for (const [i, g] of gamma.entries()) requirePositive(`gamma[${i}]`, g, "Each layer's weight decay must be > 0.");
  const noise = expandPerLayer("noise", params.noise ?? 0, L - 1, "hidden layer");
  for (const [i, s] of noise.entries()) {
    requireNonNegative(`noise[${i}]`, s, "Noise variances are ≥ 0; use 0 for deterministic units.");
  }
  const c = params.c ?? 1;
  const kappa = noise.reduce((p, s2, i) => p * (1 + s2 / (widths[i + 1] as number)), 1);
  const gbar = Math.exp(gamma.reduce((s, g) => s + Math.log(g), 0) / L);
  const geff = gbar / c;

  const { values, vectors } = symmetricEigen(Sxx);
  const lmax = Math.max(...Array.from(values, Math.abs), Number.MIN_VALUE);
  if ((values[0] as number) < -1e-12 * lmax) {
    throw new DomainError(
      errorMessage(
        "Sxx",
        Sxx.toArray(),
        `must be positive semi-definite (smallest eigenvalue ${values[0]})`,
        "Pass a second-moment matrix E[xxᵀ].",
      ),
    );
  }
  const lam = Array.from(values, (v) => Math.max(v, 0));
  const ak = lam.map((_, k) => Sxy.reduce((s, v, j) => s + vectors.get(j, k) * v, 0));
  const aNorm = Math.hypot(...Sxy);
  let explained = 0;
  lam.forEach((l, k) => {
    const a = ak[k] as number;
    if (l <= 1e-12 * lmax) {
      if (Math.abs(a) > 1e-9 * Math.max(aNorm, Number.MIN_VALUE) && Math.abs(a) > 1e-12) {
        throw new DomainError(
          errorMessage(
            "Sxy",
            Sxy,
            "must lie in the range of Sxx (E[xy] has a component along a direction where x has no variance)",
            "These moments cannot come from data; check Sxx and Sxy.",
          ),
        );
      }
    } else explained += (a * a) / l;
  });
  if (explained > Ey2 * (1 + 1e-9) + 1e-15) {
    throw new DomainError(
      errorMessage(
        "Ey2",
        Ey2,
        `must be ≥ Sxyᵀ Sxx⁺ Sxy = ${explained} (Cauchy–Schwarz)`,
        "These moments cannot come from any data; raise Ey2.",
      ),
    );
  }
  const formulas = deriveNoisyMinimumFormulas();

  // Merge equal eigenvalues (their a_k² add up) and drop directions with a_k = 0.
  const groups: { lambda: number; a2: number }[] = [];
  lam.forEach((l, k) => {
    const a2 = (ak[k] as number) ** 2;
    if (a2 === 0) return;
    const g = groups.find((x) => Math.abs(x.lambda - l) <= 1e-12 * lmax);
    if (g) g.a2 += a2;
    else groups.push({ lambda: l, a2 });
  });
  const phi = (b: number): number =>
    groups.reduce((s, g) => s + (g.a2 * b ** (2 * L - 4)) / (kappa * g.lambda * b ** (2 * L - 2) + geff) ** 2, 0) - 1;
  const betaEigAt = (b: number): number[] =>
    lam.map((l, k) =>
      L === 1
        ? (ak[k] as number) / (kappa * l + geff)
        : ((ak[k] as number) * b ** (2 * L - 2)) / (kappa * l * b ** (2 * L - 2) + geff),
    );
  const Fof = (betaEig: number[]): number => {
    let q = 0;
    let p = 0;
    let n2 = 0;
    betaEig.forEach((x, k) => {
      q += (lam[k] as number) * x * x;
      p += (ak[k] as number) * x;
      n2 += x * x;
    });
    return formulas.reducedLoss.evaluate({ c, kappa, q, p, Ey2, L, gbar, n: Math.sqrt(n2) });
  };

  const points: NoisyCriticalPoint[] = [{ b: 0, loss: c * Ey2, kind: "origin" }];
  const candidates: { b: number; betaEig: number[] }[] = [];
  if (L === 1) {
    // Ridge regression: F is a strictly convex quadratic, β = (κΣxx + γ̄/c)⁻¹Σxy.
    const betaEig = betaEigAt(0);
    const b = Math.hypot(...betaEig);
    candidates.push({ b, betaEig });
    points.push({ b, loss: Fof(betaEig), kind: "minimum" });
  } else if (groups.length > 0) {
    // Polynomial in t = b²: Σ_g a_g² t^{L−2} Π_{h≠g} m_h(t)² − Π_g m_g(t)², m_g(t) = κλ_g t^{L−1} + γ̄/c.
    const m = groups.map((g) => {
      const p = new Array<number>(L).fill(0);
      p[0] = geff;
      p[L - 1] = (p[L - 1] as number) + kappa * g.lambda;
      return polyMul(p, p);
    });
    let poly: Poly = [-1];
    for (const mg of m) poly = polyMul(poly, mg);
    groups.forEach((g, gi) => {
      let term: Poly = new Array<number>(L - 1).fill(0);
      term[L - 2] = g.a2;
      m.forEach((mh, hi) => {
        if (hi !== gi) term = polyMul(term, mh);
      });
      poly = polyAdd(poly, term);
    });
    const roots = polynomialRoots(poly);
    for (const r of roots.real) {
      if (!(r.value > 0)) continue;
      const b = polish(phi, Math.sqrt(r.value));
      const betaEig = betaEigAt(b);
      const loss = Fof(betaEig);
      // φ falls through zero at a minimum of F along the balanced ray (φ > 0 ⇔ h < 0 in the scalar case).
      const slope = phi(b * (1 + 1e-7)) - phi(b * (1 - 1e-7));
      points.push({ b, loss, kind: slope < 0 ? "minimum" : "saddle" });
      candidates.push({ b, betaEig });
    }
  }
  let best: { b: number; betaEig: number[]; loss: number } = { b: 0, betaEig: lam.map(() => 0), loss: c * Ey2 };
  candidates.forEach((cand) => {
    const loss = Fof(cand.betaEig);
    if (loss < best.loss) best = { ...cand, loss };
  });
  const beta = Array.from({ length: d0 }, (_, j) => best.betaEig.reduce((s, x, k) => s + vectors.get(j, k) * x, 0));
  const bL = best.b; // per-layer scale: ‖β‖ = b^L
  const b = L === 1 ? Math.hypot(...beta) : bL;
  const layerNormsSquared = gamma.map((g) => (gbar * b * b) / g);
  const weights = buildWeights(widths, beta, layerNormsSquared.map(Math.sqrt));
  return {
    loss: best.loss,
    beta,
    b,
    layerNormsSquared,
    weights,
    noiseFactor: kappa,
    gbar,
    criticalPoints: points.sort((x, y) => x.b - y.b),
    formulas,
  };
}

/** Newton/bisection polish of a root of φ near b0 (bracketed when a sign change is found). */
function polish(phi: (b: number) => number, b0: number): number {
  let lo = b0 * (1 - 1e-6);
  let hi = b0 * (1 + 1e-6);
  let flo = phi(lo);
  const fhi = phi(hi);
  if (Math.sign(flo) === Math.sign(fhi)) return b0; // double root: keep the polynomial's value
  let x = b0;
  for (let it = 0; it < 100; it++) {
    const fx = phi(x);
    if (fx === 0) return x;
    if (Math.sign(fx) === Math.sign(flo)) {
      lo = x;
      flo = fx;
    } else hi = x;
    const h = 1e-7 * x;
    const d = (phi(x + h) - phi(x - h)) / (2 * h);
    let next = x - fx / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 2 * Number.EPSILON * x) return next;
    x = next;
  }
  return x;
}

/** W_1 = s_1 r_1 β̂ᵀ, W_i = s_i r_i r_{i−1}ᵀ, W_L = s_L r_{L−1}ᵀ with r_i = (1, …, 1)/√d_i. */
function buildWeights(widths: readonly number[], beta: readonly number[], scales: readonly number[]): number[][][] {
  const L = widths.length - 1;
  const norm = Math.hypot(...beta);
  const out: number[][][] = [];
  for (let i = 1; i <= L; i++) {
    const rows = widths[i] as number;
    const cols = widths[i - 1] as number;
    const s = scales[i - 1] as number;
    const W: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: number[] = [];
      for (let col = 0; col < cols; col++) {
        const left = i === L ? 1 : 1 / Math.sqrt(rows);
        const right = i === 1 ? (norm === 0 ? 0 : (beta[col] as number) / norm) : 1 / Math.sqrt(cols);
        row.push(s * left * right);
      }
      W.push(row);
    }
    out.push(W);
  }
  return out;
}

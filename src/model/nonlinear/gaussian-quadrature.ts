/**
 * Gaussian expectations E[f(g)], g ~ N(0, 1), by Gauss–Hermite quadrature, with a kink-aware split for
 * functions that are smooth on each half-line (ReLU, leaky ReLU).
 *
 * @packageDocumentation
 */
import { ConvergenceError, errorMessage, ShapeError } from "../../core/errors.js";
import { requireInteger } from "../../core/validate.js";

/** A quadrature rule: Σ_k weights[k]·f(nodes[k]). */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const PI_M4 = 0.7511255444649425; // π^{−1/4}

/**
 * The n-point Gauss–Hermite rule for the standard normal: E[f(g)] ≈ Σ w_k f(x_k), exact for polynomials of
 * degree ≤ 2n − 1, Σ w_k = 1. Nodes by Newton's method on the orthonormal Hermite recurrence (Press et al.,
 * Numerical Recipes §4.6, `gauher`), then x = √2·t, w = w_t/√π for the weight e^{−x²/2}/√(2π).
 *
 * @throws ShapeError unless 1 ≤ n ≤ 190 (from n ≈ 200 the unscaled recurrence overflows near the largest
 *   node, e^{z²/2} with z ≈ √(2n)); ConvergenceError when a Newton iteration fails (not observed for n ≤ 190)
 */
export function gaussHermiteRule(n: number): QuadratureRule {
  requireInteger("n", n, 1);
  if (n > 190) {
    throw new ShapeError(
      errorMessage("n", n, "must be ≤ 190 (the recurrence overflows beyond)", "150 nodes suffice here."),
    );
  }
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * (t[0] as number);
    else if (i === 3) z = 1.91 * z - 0.91 * (t[1] as number);
    else z = 2 * z - (t[i - 2] as number);
    let pp = 0;
    let converged = false;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = PI_M4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      throw new ConvergenceError(
        errorMessage("n", n, `Newton's method did not converge for Gauss–Hermite node ${i}`, "Use fewer nodes."),
      );
    }
    t[i] = z;
    t[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i] as number;
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    nodes[k] = Math.SQRT2 * (t[n - 1 - k] as number);
    weights[k] = (w[n - 1 - k] as number) / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}

/**
 * The n-point Gauss–Laguerre rule for ∫₀^∞ f(r)e^{−r} dr (Numerical Recipes §4.6, `gaulag` with α = 0),
 * exact for polynomials of degree ≤ 2n − 1.
 *
 * @throws ShapeError unless 1 ≤ n ≤ 120; ConvergenceError when a Newton iteration fails
 */
export function gaussLaguerreRule(n: number): QuadratureRule {
  requireInteger("n", n, 1);
  if (n > 120) {
    throw new ShapeError(
      errorMessage("n", n, "must be ≤ 120 (the recurrence overflows beyond)", "60 nodes suffice here."),
    );
  }
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0) z = 3 / (1 + 2.4 * n);
    else if (i === 1) z += 15 / (1 + 2.5 * n);
    else {
      const ai = i - 1;
      z += ((1 + 2.55 * ai) / (1.9 * ai)) * (z - (x[i - 2] as number));
    }
    let p2 = 0;
    let pp = 0;
    let converged = false;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = 1;
      p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1 - z) * p2 - j * p3) / (j + 1);
      }
      pp = (n * p1 - n * p2) / z;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      throw new ConvergenceError(
        errorMessage("n", n, `Newton's method did not converge for Gauss–Laguerre node ${i}`, "Use fewer nodes."),
      );
    }
    x[i] = z;
    w[i] = -1 / (pp * n * p2);
  }
  return { nodes: x, weights: w };
}

/** Options of {@link gaussianExpectation}. */
export interface GaussianExpectationOptions {
  /**
   * Gauss–Hermite nodes for smooth integrands.
   * @defaultValue 150 (tanh, whose poles at ±iπ/2 limit the convergence, is converged to ~1e-15 from n ≈ 140)
   */
  hermiteNodes?: number;
  /**
   * Gauss–Laguerre nodes for the odd part of each half-line piece (see {@link halfLineExpectation}).
   * @defaultValue 60
   */
  laguerreNodes?: number;
}

/** E[f(g)] for smooth f by Gauss–Hermite (see {@link gaussHermiteRule}). */
export function gaussianExpectation(f: (x: number) => number, options: GaussianExpectationOptions = {}): number {
  const { nodes, weights } = cachedHermite(options.hermiteNodes ?? 150);
  let s = 0;
  for (let k = 0; k < nodes.length; k++) s += (weights[k] as number) * f(nodes[k] as number);
  return s;
}

/**
 * E[p(g)·1{g > 0}] (side "right") or E[p(g)·1{g < 0}] (side "left") for p smooth on all of ℝ: the half-line
 * integral a kink-aware quadrature needs. Splitting p = p_e + p_o into even and odd parts,
 * E[p_e(g)1{g>0}] = ½E[p_e(g)] (Gauss–Hermite, smooth), and with r = x²/2,
 * E[p_o(g)1{g>0}] = (1/√(2π))∫₀^∞ q(2r)e^{−r}dr where p_o(x) = x·q(x²) (Gauss–Laguerre: exact for
 * polynomial q of degree < 2·laguerreNodes). The left half-line mirrors the sign of the odd part.
 */
export function halfLineExpectation(
  p: (x: number) => number,
  side: "left" | "right",
  options: GaussianExpectationOptions = {},
): number {
  const even = 0.5 * gaussianExpectation((x) => 0.5 * (p(x) + p(-x)), options);
  const { nodes, weights } = cachedLaguerre(options.laguerreNodes ?? 60);
  let odd = 0;
  for (let k = 0; k < nodes.length; k++) {
    const x = Math.sqrt(2 * (nodes[k] as number));
    odd += ((weights[k] as number) * (0.5 * (p(x) - p(-x)))) / x;
  }
  odd /= Math.sqrt(2 * Math.PI);
  return side === "right" ? even + odd : even - odd;
}

const hermiteCache = new Map<number, QuadratureRule>();
const laguerreCache = new Map<number, QuadratureRule>();

function cachedHermite(n: number): QuadratureRule {
  let rule = hermiteCache.get(n);
  if (rule === undefined) {
    rule = gaussHermiteRule(n);
    hermiteCache.set(n, rule);
  }
  return rule;
}

function cachedLaguerre(n: number): QuadratureRule {
  let rule = laguerreCache.get(n);
  if (rule === undefined) {
    rule = gaussLaguerreRule(n);
    laguerreCache.set(n, rule);
  }
  return rule;
}

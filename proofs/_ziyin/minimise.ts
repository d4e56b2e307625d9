/**
 * Brute-force minimisation of the UNREDUCED deep linear network, the numeric route of the Ziyin et al.
 * (arXiv 2202.04777) claims: L-BFGS with the exact gradient from many random starts, then Newton polish
 * with the exact Hessian of the numeric core (`LinearNetObjective.hessian`). Nothing here knows a closed
 * form; the starting scales come from the data moments only.
 *
 * @packageDocumentation
 */
import { symmetricEigen } from "../../src/core/eigen.js";
import { frobeniusNorm } from "../../src/core/elementwise.js";
import { Rng } from "../../src/core/rng.js";
import type { LinearNetObjective } from "../../src/model/objective.js";

/** One local search's end point. */
export interface LocalResult {
  readonly theta: Float64Array;
  readonly loss: number;
  /** ‖∇ℒ(θ)‖₂ at the end point. */
  readonly gradientNorm: number;
  /** Iterations used (L-BFGS plus Newton). */
  readonly iterations: number;
}

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /** @defaultValue 4000 */
  readonly maxIterations?: number;
  /** Stop when ‖∇ℒ‖₂ ≤ this (absolute). @defaultValue 1e-11 */
  readonly gradientTolerance?: number;
  /** Pairs kept in memory. @defaultValue 12 */
  readonly memory?: number;
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += (v[k] as number) ** 2;
  return Math.sqrt(s);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
  return s;
}

/**
 * L-BFGS (two-loop recursion, Nocedal & Wright Alg. 7.4) with an Armijo backtracking line search; curvature
 * pairs with sᵀy ≤ 0 are skipped, and a non-descent direction resets the memory to steepest descent. Stops at
 * the gradient tolerance, after `maxIterations`, or when the line search can no longer decrease the loss
 * (round-off floor).
 */
export function lbfgs(objective: LinearNetObjective, theta0: Float64Array, options: LbfgsOptions = {}): LocalResult {
  const maxIt = options.maxIterations ?? 4000;
  const gTol = options.gradientTolerance ?? 1e-11;
  const m = options.memory ?? 12;
  const n = objective.dim;
  const x = theta0.slice();
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let f = objective.valueAndGradient(x, g);
  let it = 0;
  for (; it < maxIt; it++) {
    const gn = norm2(g);
    if (!(gn > gTol)) break;
    // d = −H·g by the two-loop recursion.
    for (let k = 0; k < n; k++) d[k] = -(g[k] as number);
    for (let j = S.length - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dot(S[j] as Float64Array, d);
      alpha[j] = a;
      const y = Y[j] as Float64Array;
      for (let k = 0; k < n; k++) d[k] = (d[k] as number) - a * (y[k] as number);
    }
    if (S.length > 0) {
      const s = S[S.length - 1] as Float64Array;
      const y = Y[Y.length - 1] as Float64Array;
      const scale = dot(s, y) / dot(y, y);
      for (let k = 0; k < n; k++) d[k] = (d[k] as number) * scale;
    } else {
      const scale = Math.min(1, 1 / gn);
      for (let k = 0; k < n; k++) d[k] = (d[k] as number) * scale;
    }
    for (let j = 0; j < S.length; j++) {
      const b = (rho[j] as number) * dot(Y[j] as Float64Array, d);
      const s = S[j] as Float64Array;
      const a = alpha[j] as number;
      for (let k = 0; k < n; k++) d[k] = (d[k] as number) + (a - b) * (s[k] as number);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      const scale = Math.min(1, 1 / gn);
      for (let k = 0; k < n; k++) d[k] = -(g[k] as number) * scale;
      slope = dot(g, d);
    }
    let t = 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let k = 0; k < n; k++) xNew[k] = (x[k] as number) + t * (d[k] as number);
      fNew = objective.valueAndGradient(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      s[k] = (xNew[k] as number) - (x[k] as number);
      y[k] = (gNew[k] as number) - (g[k] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-14 * norm2(s) * norm2(y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const stalled = f - fNew <= 1e-16 * Math.abs(f);
    f = fNew;
    if (stalled && norm2(g) < 1e-7) break;
  }
  return { theta: x, loss: f, gradientNorm: norm2(g), iterations: it };
}

/** Options of {@link newtonPolish}. */
export interface NewtonOptions {
  /**
   * `"minimum"`: saddle-free Newton (step −Σ (v_kᵀg/|λ_k|) v_k), a descent method that polishes a local
   * minimum. `"critical"`: plain Newton (step −H⁺g) with ‖∇ℒ‖ as merit, which converges to whatever critical
   * point is near, saddles included.
   * @defaultValue "minimum"
   */
  readonly mode?: "minimum" | "critical";
  /** @defaultValue 30 */
  readonly maxIterations?: number;
  /** Stop when ‖∇ℒ‖₂ ≤ this. @defaultValue 1e-14 */
  readonly gradientTolerance?: number;
  /**
   * Eigenvalues with |λ| ≤ cutoff·max|λ| are dropped from the step (symmetry directions along a manifold of
   * critical points, where H is singular).
   * @defaultValue 1e-10
   */
  readonly cutoff?: number;
}

/**
 * Newton iterations with the exact Hessian (dense, from the numeric core), eigen-decomposed so that the
 * singular directions of a manifold of critical points (hidden-unit rotations, rescalings) are skipped. A
 * step is accepted when it lowers ‖∇ℒ‖ (mode `critical`) or lowers the loss or, at round-off level, at
 * least ‖∇ℒ‖ (mode `minimum`); otherwise it is halved.
 */
export function newtonPolish(
  objective: LinearNetObjective,
  theta0: Float64Array,
  options: NewtonOptions = {},
): LocalResult {
  const mode = options.mode ?? "minimum";
  const maxIt = options.maxIterations ?? 30;
  const gTol = options.gradientTolerance ?? 1e-14;
  const cutoff = options.cutoff ?? 1e-10;
  const n = objective.dim;
  const x = theta0.slice();
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const step = new Float64Array(n);
  let f = objective.valueAndGradient(x, g);
  let gn = norm2(g);
  let it = 0;
  for (; it < maxIt && gn > gTol; it++) {
    const { values, vectors } = symmetricEigen(objective.hessian(x));
    let lmax = 0;
    for (const v of values) lmax = Math.max(lmax, Math.abs(v));
    step.fill(0);
    for (let j = 0; j < n; j++) {
      const lam = values[j] as number;
      if (!(Math.abs(lam) > cutoff * lmax)) continue;
      let c = 0;
      for (let k = 0; k < n; k++) c += vectors.data[k * n + j] * (g[k] as number);
      const coef = -c / (mode === "minimum" ? Math.abs(lam) : lam);
      for (let k = 0; k < n; k++) step[k] = (step[k] as number) + coef * vectors.data[k * n + j];
    }
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let k = 0; k < n; k++) xNew[k] = (x[k] as number) + t * (step[k] as number);
      const fNew = objective.valueAndGradient(xNew, gNew);
      const gnNew = norm2(gNew);
      const better =
        mode === "critical"
          ? gnNew < gn
          : // A real decrease, or (at the round-off floor of the loss) a smaller gradient without a rise.
            Number.isFinite(fNew) &&
            (fNew < f - 1e-15 * Math.abs(f) || (fNew <= f + 1e-13 * Math.max(1, Math.abs(f)) && gnNew < gn));
      if (better) {
        x.set(xNew);
        g.set(gNew);
        f = fNew;
        gn = gnNew;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
  }
  return { theta: x, loss: f, gradientNorm: gn, iterations: it };
}

/** Options of {@link multiStartMinimise}. */
export interface MultiStartOptions {
  /** Number of random starts (independent L-BFGS runs). @defaultValue 30 */
  readonly starts?: number;
  /** Seed of the starting points. @defaultValue 2022 */
  readonly seed?: number;
  /**
   * Per-layer Frobenius norms of the starts are `scale·m` with multipliers m spread log-uniformly over
   * [1/4, 3]; `scale` defaults to {@link dataScale}.
   */
  readonly scale?: number;
  /** How many of the best distinct end points get Newton polish. @defaultValue 3 */
  readonly polish?: number;
  readonly lbfgs?: LbfgsOptions;
  readonly newton?: NewtonOptions;
}

/** The outcome of {@link multiStartMinimise}. */
export interface MultiStartResult {
  /** The lowest loss found after polish. */
  readonly best: LocalResult;
  /** Every start's end point (L-BFGS, polished for the best few), sorted by loss. */
  readonly results: readonly LocalResult[];
}

/**
 * A data-only scale for starting weights: per-layer norm (‖Σyx‖_F / λ_max(Σxx))^{1/L}, floored at 1/4 so
 * that a zero target still gets non-trivial starts. It uses no closed form of the minimum.
 */
export function dataScale(objective: LinearNetObjective): number {
  const { Sxx, Syx } = objective.moments;
  const lmax = Sxx.rows === 0 ? 1 : (symmetricEigen(Sxx).values[Sxx.rows - 1] as number);
  const s = frobeniusNorm(Syx) / Math.max(lmax, 1e-12);
  return Math.max(s ** (1 / objective.net.depth), 0.25);
}

/** Gaussian weights rescaled so that every layer has Frobenius norm `layerNorm`. */
export function randomStart(objective: LinearNetObjective, rng: Rng, layerNorm: number): Float64Array {
  const net = objective.net;
  const theta = new Float64Array(net.dim);
  rng.fillGaussian(theta);
  for (let i = 0; i < net.depth; i++) {
    const start = net.offsets[i] as number;
    const end = i + 1 < net.depth ? (net.offsets[i + 1] as number) : net.dim;
    let s = 0;
    for (let k = start; k < end; k++) s += (theta[k] as number) ** 2;
    const f = s > 0 ? layerNorm / Math.sqrt(s) : 0;
    for (let k = start; k < end; k++) theta[k] = (theta[k] as number) * f;
  }
  return theta;
}

/**
 * Minimises the unreduced network loss from `starts` random initialisations (Gaussian directions, per-layer
 * norms spread over [1/4, 3]·scale), each by L-BFGS to ‖∇ℒ‖ ≤ 1e-11 or stall, then polishes the best few
 * distinct end points by saddle-free Newton with the exact Hessian. Deterministic for a given seed.
 */
export function multiStartMinimise(objective: LinearNetObjective, options: MultiStartOptions = {}): MultiStartResult {
  const starts = options.starts ?? 30;
  const rng = new Rng(options.seed ?? 2022);
  const scale = options.scale ?? dataScale(objective);
  const results: LocalResult[] = [];
  for (let s = 0; s < starts; s++) {
    const m = starts === 1 ? 1 : 0.25 * 12 ** (s / (starts - 1));
    const theta0 = randomStart(objective, rng, scale * m);
    results.push(lbfgs(objective, theta0, options.lbfgs));
  }
  results.sort((p, q) => p.loss - q.loss);
  const polishCount = options.polish ?? 3;
  const polished: LocalResult[] = [];
  for (const r of results) {
    if (polished.length >= polishCount) break;
    if (polished.some((p) => Math.abs(p.loss - r.loss) <= 1e-9 * Math.max(1, Math.abs(r.loss)))) continue;
    const p = newtonPolish(objective, r.theta, options.newton);
    polished.push(p.loss <= r.loss ? { ...p, iterations: p.iterations + r.iterations } : r);
  }
  const all = [...polished, ...results].sort((p, q) => p.loss - q.loss);
  return { best: all[0] as LocalResult, results: all };
}

/**
 * The learning phases of a deep linear network from a small initialisation (Basu, Mukherjee, Vasudevan 2019,
 * arXiv 1904.10689, abstract: "distinct phases of learning"; lindyn note basu2019-layer-dynamics.md, A-4):
 * generated settings, one simulation per setting (memoised, so the four `basu2019.phases.*` claims share
 * it), the per-mode learning-time estimates, and what the claims measure on the trajectory.
 *
 * ## Setting (our formalisation)
 * Whitened inputs, target Σyx = U diag(s) Vᵀ with Haar-random frames U, V (d × d), widths
 * [d, h, …, h, d] (h = d or d + 1), loss c·E‖Px − y‖² (c ∈ {1, 1/2}), unit-rate gradient flow. The start is
 * small, nearly balanced and nearly aligned: W_1 = εR_1Vᵀ, W_i = εR_iR_{i−1}ᵀ, W_L = εUR_{L−1}ᵀ (R_i ∈ R^{h×d}
 * random orthonormal columns), so P(0) = ε^L UVᵀ and every mode starts at u₀ = ε^L, plus an independent
 * Gaussian perturbation of each W_i with entries N(0, (εδ)²/d_{i−1}) (relative size δ), which breaks exact
 * balance and exact decoupling. ε depends on the depth (see {@link initScale}).
 *
 * ## Per-mode dynamics and estimates (derived here in lindyn's conventions)
 * For a balanced decoupled mode each layer carries the singular value a and the mode strength is u = a^L.
 * With ℒ = c‖P − Σyx‖² + const, ȧ = 2c a^{L−1}(s − u), hence
 *     u̇ = 2cL·u^{2−2/L}(s − u).
 * - Fixed point: u = s, so a = s^{1/L} and **‖W_i‖_F² = Σ_α s_α^{2/L} in every layer**, for c = 1 and 1/2
 *   alike (c sets the speed, not the fixed point).
 * - L = 2: u̇ = 4cu(s − u), the logistic curve; the time from u₀ to s/2 is exactly
 *   **T = ln((s − u₀)/u₀) / (4cs)** (c = 1/2: Saxe et al.'s (τ/2s)ln(u_f(s − u₀)/(u₀(s − u_f))) at u_f = s/2).
 * - L ≥ 3: early on u ≪ s, u̇ ≈ 2cLs·u^{2−2/L}, which blows up at
 *   **T = 1 / (2c(L − 2)·s·u₀^{1−2/L})** (c = 1/2: the note's 1/((L − 2)s u₀^{1−2/L})); the learning time
 *   differs from it by a relative O((u₀/s)^{1−2/L}).
 * Both are decreasing in s: larger modes are learned first.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { formatNumber, formatValue } from "../../src/claims/format-value.js";
import { matmulNTInto } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { randomOrthogonal } from "../../src/core/orthogonal.js";
import { Rng } from "../../src/core/rng.js";
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";

/** One generated phase setting; prints as a one-line recipe. */
export interface PhaseCase {
  /** Depth L ∈ {2, 3, 4}. */
  readonly depth: number;
  /** Target singular values, distinct powers of two from {4, 2, 1, 1/2}, in decreasing order. */
  readonly s: readonly number[];
  /** Hidden width h = d + extra (extra ∈ {0, 1}). */
  readonly extra: number;
  /** Relative size δ of the random perturbation of the aligned start (k/16 in [0, 1/8]). */
  readonly delta: number;
  /** Loss factor c. */
  readonly c: 1 | 0.5;
  /** Seed of the frames and of the perturbation. */
  readonly seed: number;
}

/** Per-layer start scale ε by depth: u₀ = ε^L = 2^{−16}, 2^{−12}, 2^{−12} for L = 2, 3, 4. */
export function initScale(depth: number): number {
  return depth === 2 ? 1 / 256 : depth === 3 ? 1 / 16 : 1 / 8;
}

/**
 * The per-mode learning-time estimate (module documentation): time for a balanced decoupled mode of
 * strength s to go from u₀ to s/2, exactly for L = 2, to leading order for L ≥ 3.
 */
export function learningTimeEstimate(depth: number, s: number, u0: number, c: number): number {
  if (depth === 2) return Math.log((s - u0) / u0) / (4 * c * s);
  return 1 / (2 * c * (depth - 2) * s * u0 ** (1 - 2 / depth));
}

/** Printable recipe, e.g. `phases(L 3, s [4, 1, 1/2], h 4, δ 1/16, c 1, seed 17)`. */
export function formatPhaseCase(p: PhaseCase): string {
  const h = p.s.length + p.extra;
  return `phases(L ${p.depth}, s ${formatValue(p.s)}, h ${h}, δ ${formatNumber(p.delta)}, c ${formatNumber(p.c)}, seed ${p.seed})`;
}

/** Generated phase settings (shrinks towards L = 2, two modes, δ = 0, c = 1, seed 0). */
export function phaseCaseArb(): fc.Arbitrary<PhaseCase> {
  return fc.record({
    depth: fc.integer({ min: 2, max: 4 }),
    s: fc.subarray([4, 2, 1, 1 / 2], { minLength: 2, maxLength: 3 }),
    extra: fc.integer({ min: 0, max: 1 }),
    delta: fc.integer({ min: 0, max: 2 }).map((k) => k / 16),
    c: fc.constantFrom<1 | 0.5>(1, 0.5),
    seed: fc.integer({ min: 0, max: 1000 }),
  });
}

/** Learning levels at which crossing times are measured (fractions of each mode's target). */
export const LEVELS = [0.1, 0.5, 0.9] as const;

/** What one simulation measured. */
export interface PhaseRun {
  /** `ok`, or the integrator status that stopped a chunk. */
  readonly status: string;
  readonly message?: string;
  /** u₀ = ε^L. */
  readonly u0: number;
  /** Estimate T_α per mode ({@link learningTimeEstimate}). */
  readonly estimates: readonly number[];
  /**
   * crossings[α][k]: first time mode α reaches LEVELS[k]·s_α (linear interpolation between accepted
   * steps), NaN when it did not by `tCap`.
   */
  readonly crossings: readonly (readonly number[])[];
  /** Last time integrated while waiting for the modes (2.5·max T_α at most). */
  readonly tCap: number;
  /** max_{i,j} |‖W_i‖² − ‖W_j‖²| at t = 0 and its maximum over all accepted steps. */
  readonly spreadInitial: number;
  readonly spreadMax: number;
  /** ‖W_i‖² at t = 0 and at the end, and Σ s_α^{2/L}. */
  readonly normsInitial: readonly number[];
  readonly normsFinal: readonly number[];
  readonly target: number;
  readonly tFinal: number;
  /** Accepted integrator steps in total. */
  readonly steps: number;
}

const cache = new Map<string, PhaseRun>();
const CACHE_LIMIT = 512;

/** Simulates a phase setting (memoised on the setting, so claims over the same cases share the work). */
export function simulatePhases(p: PhaseCase): PhaseRun {
  const key = JSON.stringify(p);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const run = simulate(p);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, run);
  return run;
}

function simulate(p: PhaseCase): PhaseRun {
  const L = p.depth;
  const s = p.s;
  const d = s.length;
  const h = d + p.extra;
  const eps = initScale(L);
  const rng = new Rng(p.seed);
  const U = randomOrthogonal(rng, d);
  const V = randomOrthogonal(rng, d);
  const widths = [d, ...new Array<number>(L - 1).fill(h), d];
  const net = new LinearNet(widths);
  const UD = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) UD.set(i, j, U.get(i, j) * (s[j] as number));
  const Syx = new Matrix(d, d);
  matmulNTInto(Syx, UD, V);
  const moments = Moments.of({ Sxx: Matrix.identity(d), Syx, Ey2: s.reduce((a, x) => a + x * x, 0) });
  const objective = new LinearNetObjective(net, moments, { c: p.c });

  // Aligned balanced start plus a relative perturbation δ.
  const frames: Matrix[] = [V];
  for (let i = 1; i < L; i++) frames.push(randomOrthogonal(rng, h, d));
  frames.push(U);
  const weights: Matrix[] = [];
  for (let i = 1; i <= L; i++) {
    const W = new Matrix(widths[i] as number, widths[i - 1] as number);
    matmulNTInto(W, frames[i] as Matrix, frames[i - 1] as Matrix);
    const sd = (eps * p.delta) / Math.sqrt(widths[i - 1] as number);
    for (let k = 0; k < W.data.length; k++) W.data[k] = eps * (W.data[k] as number) + sd * rng.gaussian();
    weights.push(W);
  }
  let theta = net.pack(weights);

  const u0 = eps ** L;
  const estimates = s.map((sa) => learningTimeEstimate(L, sa, u0, p.c));
  const tMax = Math.max(...estimates);
  const tCap = 2.5 * tMax;
  const sMin = Math.min(...s);
  const settle = 12 / (2 * p.c * L * sMin ** (2 - 2 / L)); // 12 e-foldings of the slowest mode near u = s

  // Observation buffers (no allocation per step).
  const x = new Float64Array(h);
  const y = new Float64Array(h);
  const offsets = net.offsets;
  const modeStrength = (th: Float64Array, a: number): number => {
    for (let j = 0; j < d; j++) x[j] = V.get(j, a);
    let rows = d;
    for (let i = 0; i < L; i++) {
      const r = widths[i + 1] as number;
      const off = offsets[i] as number;
      for (let q = 0; q < r; q++) {
        let acc = 0;
        for (let j = 0; j < rows; j++) acc += (th[off + q * rows + j] as number) * (x[j] as number);
        y[q] = acc;
      }
      for (let q = 0; q < r; q++) x[q] = y[q] as number;
      rows = r;
    }
    let u = 0;
    for (let j = 0; j < d; j++) u += U.get(j, a) * (x[j] as number);
    return u;
  };
  const norms = new Float64Array(L);
  const layerNorms = (th: Float64Array): Float64Array => {
    for (let i = 0; i < L; i++) {
      const end = i + 1 < L ? (offsets[i + 1] as number) : net.dim;
      let acc = 0;
      for (let k = offsets[i] as number; k < end; k++) acc += (th[k] as number) ** 2;
      norms[i] = acc;
    }
    return norms;
  };
  const spreadOf = (n: Float64Array): number => Math.max(...n) - Math.min(...n);

  const normsInitial = Array.from(layerNorms(theta));
  const spreadInitial = spreadOf(norms);
  let spreadMax = spreadInitial;
  const crossings = s.map(() => LEVELS.map(() => Number.NaN));
  const prevU = s.map((_, a) => modeStrength(theta, a));
  let prevT = 0;
  let steps = 0;
  const observe = (t: number, th: Float64Array): void => {
    steps++;
    spreadMax = Math.max(spreadMax, spreadOf(layerNorms(th)));
    for (let a = 0; a < d; a++) {
      const u = modeStrength(th, a);
      const sa = s[a] as number;
      const row = crossings[a] as number[];
      LEVELS.forEach((f, k) => {
        const level = f * sa;
        if (Number.isNaN(row[k]) && u >= level) {
          const pu = prevU[a] as number;
          row[k] = u > pu ? prevT + ((t - prevT) * (level - pu)) / (u - pu) : t;
        }
      });
      prevU[a] = u;
    }
    prevT = t;
  };

  // Integrate in chunks until every mode is 90% learned (or the cap), then let the last one settle.
  const chunk = tMax / 4;
  let t = 0;
  const allLearned = () => crossings.every((row) => !Number.isNaN(row[2] as number));
  const advance = (length: number): { status: string; message?: string } => {
    const start = t;
    const traj = gradientFlow(objective, theta, {
      tEnd: length,
      rtol: 1e-8,
      atol: 1e-12,
      maxSteps: 200_000,
      onStep: (tau, th) => observe(start + tau, th),
    });
    theta = traj.theta;
    t = start + traj.t;
    return traj.message === undefined ? { status: traj.status } : { status: traj.status, message: traj.message };
  };
  let outcome: { status: string; message?: string } = { status: "ok" };
  while (outcome.status === "ok" && t < tCap && !allLearned()) outcome = advance(Math.min(chunk, tCap - t));
  if (outcome.status === "ok") outcome = advance(settle);

  return {
    status: outcome.status,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
    u0,
    estimates,
    crossings,
    tCap,
    spreadInitial,
    spreadMax,
    normsInitial,
    normsFinal: Array.from(layerNorms(theta)),
    target: s.reduce((a, sa) => a + sa ** (2 / L), 0),
    tFinal: t,
    steps,
  };
}

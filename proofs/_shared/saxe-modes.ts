/**
 * Two-layer linear networks with whitened inputs and a decoupled balanced start (Saxe, McClelland, Ganguli
 * 2014, arXiv 1312.6120, §1.2–1.3): generated settings, the network, and the learning time of each mode
 * measured on the full network flow.
 *
 * Setting: Σxx = I, Σyx = U diag(s) Vᵀ (random frames U, V ∈ O(n)), widths [n, h, n] with h = n or n + 1,
 * W_1 = R diag(a) Vᵀ, W_2 = U diag(a) Rᵀ (R ∈ R^{h×n} orthonormal columns): balanced (W_2ᵀW_2 = W_1W_1ᵀ)
 * and aligned, so P = U diag(a²) Vᵀ and every mode α evolves on its own from u₀ = a_α².
 *
 * Mode dynamics in lindyn's conventions (ℒ = c·E‖Px − y‖², flow Ẇ = −η∇ℒ, τ = 1/η): ȧ = 2cη·a(s − a²), so
 * u = a² obeys τu̇ = 4c·u(s − u), whose solution reaches u_f at
 *     t = τ/(4cs) · ln(u_f(s − u₀) / (u₀(s − u_f))).
 * With c = 1/2 this is Saxe et al.'s τu̇ = 2u(s − u) and (τ/2s)·ln(u_f(s − u₀)/(u₀(s − u_f))); with c = 1 every
 * time is half as long.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { matmulNTInto } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { randomOrthogonal } from "../../src/core/orthogonal.js";
import { Rng } from "../../src/core/rng.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { crossingTimes } from "./crossing-time.js";

/** A generated Saxe setting (prints readably as a plain record). */
export interface SaxeCase {
  /** Target singular values s_α, k/4 in [1/2, 3]. */
  readonly s: readonly number[];
  /** Per-layer start amplitudes a_α, k/16 in [1/16, 1/4] (u₀ = a²). */
  readonly a: readonly number[];
  /** Learned fraction: each mode is timed until u = f·s_α; f is k/8 in [1/4, 7/8]. */
  readonly f: number;
  /** Gradient-flow rate η = 1/τ, k/4 in [1/2, 2]. */
  readonly rate: number;
  /** Hidden width h = n + extra. */
  readonly extra: number;
  /** Seed of the frames U, V, R. */
  readonly seed: number;
}

/** Generated settings with 1–3 modes; shrinks towards one mode, small s and a, f = 1/4, η = 1/2, seed 0. */
export function saxeCaseArb(): fc.Arbitrary<SaxeCase> {
  return fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.record({
      s: fc.array(
        fc.integer({ min: 2, max: 12 }).map((k) => k / 4),
        { minLength: n, maxLength: n },
      ),
      a: fc.array(
        fc.integer({ min: 1, max: 4 }).map((k) => k / 16),
        { minLength: n, maxLength: n },
      ),
      f: fc.integer({ min: 2, max: 7 }).map((k) => k / 8),
      rate: fc.integer({ min: 2, max: 8 }).map((k) => k / 4),
      extra: fc.integer({ min: 0, max: 1 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  );
}

/** t = τ/(4cs)·ln(u_f(s − u₀)/(u₀(s − u_f))), τ = 1/η (module documentation). */
export function modeLearningTime(s: number, u0: number, uf: number, c: number, rate: number): number {
  return Math.log((uf * (s - u0)) / (u0 * (s - uf))) / (4 * c * s * rate);
}

/** Measured times at which each mode reaches f·s_α on the full network flow with loss factor `c`. */
export function measureModeTimes(
  p: SaxeCase,
  c: 1 | 0.5,
): { times: number[]; predicted: number[] } | { failure: string } {
  const n = p.s.length;
  const h = n + p.extra;
  const rng = new Rng(p.seed);
  const U = randomOrthogonal(rng, n);
  const V = randomOrthogonal(rng, n);
  const R = randomOrthogonal(rng, h, n);
  const scaled = (F: Matrix, d: readonly number[]): Matrix => {
    const out = F.clone();
    for (let i = 0; i < out.rows; i++)
      for (let j = 0; j < out.cols; j++) out.set(i, j, out.get(i, j) * (d[j] as number));
    return out;
  };
  const Syx = new Matrix(n, n);
  matmulNTInto(Syx, scaled(U, p.s), V);
  const net = new LinearNet([n, h, n]);
  const moments = Moments.of({ Sxx: Matrix.identity(n), Syx, Ey2: p.s.reduce((t, x) => t + x * x, 0) });
  const objective = new LinearNetObjective(net, moments, { c });
  const W1 = new Matrix(h, n);
  matmulNTInto(W1, scaled(R, p.a), V);
  const W2 = new Matrix(n, h);
  matmulNTInto(W2, scaled(U, p.a), R);
  const theta0 = net.pack([W1, W2]);

  // u_α(θ) = U_αᵀ W_2 W_1 V_α, evaluated without allocation.
  const hidden = new Float64Array(h);
  const off = net.offsets[1] as number;
  const mode = (alpha: number) => (theta: Float64Array) => {
    for (let q = 0; q < h; q++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += (theta[q * n + j] as number) * V.get(j, alpha);
      hidden[q] = acc;
    }
    let u = 0;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let q = 0; q < h; q++) acc += (theta[off + i * h + q] as number) * (hidden[q] as number);
      u += U.get(i, alpha) * acc;
    }
    return u;
  };
  const levels = p.s.map((s) => p.f * s);
  // Predicted with the convention-correct constant; the caller compares with whatever formula it states.
  const predicted = p.s.map((s, k) => modeLearningTime(s, (p.a[k] as number) ** 2, p.f * s, c, p.rate));
  const result = crossingTimes(objective, theta0, {
    observables: p.s.map((_, k) => mode(k)),
    levels,
    tEnd: 1.5 * Math.max(...predicted) + 1,
    rate: p.rate,
  });
  if ("failure" in result) return result;
  return { times: result.times, predicted };
}

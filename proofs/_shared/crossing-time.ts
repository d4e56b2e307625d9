/**
 * First times at which observables of a gradient-flow trajectory reach given levels, located to near the
 * integrator's accuracy: the accepted steps bracket each crossing, then the Illinois variant of regula falsi
 * refines it by re-integrating from the bracket's left state (no interpolation error).
 *
 * @packageDocumentation
 */
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import type { Objective } from "../../src/model/objective.js";

/** Options of {@link crossingTimes}. */
export interface CrossingOptions {
  /** Observables q_k(θ), each watched for its first upward crossing of `levels[k]`. */
  readonly observables: readonly ((theta: Float64Array) => number)[];
  readonly levels: readonly number[];
  /** Integrate at most to this time. */
  readonly tEnd: number;
  /** Gradient-flow rate η (one number). @defaultValue 1 */
  readonly rate?: number;
  /** DOPRI5 tolerances. @defaultValue 1e-11, 1e-13 */
  readonly rtol?: number;
  readonly atol?: number;
}

/** Crossing times (NaN when a level was not reached by `tEnd`) or the integrator's failure. */
export type CrossingResult = { readonly times: number[] } | { readonly failure: string };

/** First times t with q_k(θ(t)) ≥ levels[k], for an observable that starts below its level. */
export function crossingTimes(objective: Objective, theta0: Float64Array, options: CrossingOptions): CrossingResult {
  const { observables, levels } = options;
  const rate = options.rate ?? 1;
  const rtol = options.rtol ?? 1e-11;
  const atol = options.atol ?? 1e-13;
  const n = observables.length;
  const prev = theta0.slice();
  let prevT = 0;
  const brackets: ({ t0: number; theta: Float64Array; t1: number } | undefined)[] = new Array(n).fill(undefined);
  const trajectory = gradientFlow(objective, theta0, {
    tEnd: options.tEnd,
    rates: rate,
    rtol,
    atol,
    onStep: (t, theta) => {
      for (let k = 0; k < n; k++) {
        if (
          brackets[k] === undefined &&
          (observables[k] as (th: Float64Array) => number)(theta) >= (levels[k] as number)
        ) {
          brackets[k] = { t0: prevT, theta: prev.slice(), t1: t };
        }
      }
      prev.set(theta);
      prevT = t;
    },
  });
  if (trajectory.status !== "ok")
    return { failure: `DOPRI5 ended with ${trajectory.status}: ${trajectory.message ?? ""}` };
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const b = brackets[k];
    if (b === undefined) {
      times.push(Number.NaN);
      continue;
    }
    const q = observables[k] as (th: Float64Array) => number;
    const level = levels[k] as number;
    const f = (tau: number): number | string => {
      if (tau === 0) return q(b.theta) - level;
      const piece = gradientFlow(objective, b.theta, { tEnd: tau, rates: rate, rtol, atol });
      if (piece.status !== "ok") return `DOPRI5 ended with ${piece.status} while refining: ${piece.message ?? ""}`;
      return q(piece.theta) - level;
    };
    const refined = illinois(f, 0, b.t1 - b.t0);
    if (typeof refined === "string") return { failure: refined };
    times.push(b.t0 + refined);
  }
  return { times };
}

/** Root of f on [a, b] (f(a) < 0 ≤ f(b)) by the Illinois method; a string when f failed. */
function illinois(f: (x: number) => number | string, a: number, b: number): number | string {
  let fa = f(a);
  let fb = f(b);
  if (typeof fa === "string") return fa;
  if (typeof fb === "string") return fb;
  if (fb === 0) return b;
  let side = 0;
  for (let iter = 0; iter < 60; iter++) {
    const x = (a * fb - b * fa) / (fb - fa);
    const fx = f(x);
    if (typeof fx === "string") return fx;
    if (fx === 0 || Math.abs(b - a) <= 1e-14 * Math.max(1, Math.abs(b))) return x;
    if (fx > 0) {
      b = x;
      fb = fx;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side === 1) fb /= 2;
      side = 1;
    }
    if (Math.abs(fx) <= 1e-15) return x;
  }
  return (a + b) / 2;
}

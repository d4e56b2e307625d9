/**
 * Shared checks for the trajectory tests: the substitution residual of a closed form (its time derivative by
 * an 8th-order central difference, an independent route, against −∇ℓ) and a DOPRI5 reference solution.
 */
import { dopri5 } from "../../../src/dynamics/dopri5.js";
import {
  type Depth2Trajectory,
  type Depth2TrajectoryParams,
  depth2Velocity,
} from "../../../src/symbolic/trajectories/depth2-trajectory.js";

/** Coefficients of the 8th-order central first-derivative stencil (±1..±4). */
const FD8 = [4 / 5, -1 / 5, 4 / 105, -1 / 280];

/** 8th-order central difference of f at t with step h. */
export function centralDiff8(f: (t: number) => number, t: number, h: number): number {
  let s = 0;
  for (let j = 1; j <= 4; j++) s += (FD8[j - 1] as number) * (f(t + j * h) - f(t - j * h));
  return s / h;
}

/**
 * Relative substitution residual of a depth-2 trajectory at time t: ‖ẋ_fd − f(x)‖∞ / (λ‖x‖∞), where ẋ_fd is the
 * 8th-order central difference of the closed form (an independent route to its derivative), f = −∇ℓ, and
 * λ = 2A(u² + w²) + 4A|P| + 2|a| + 2γ bounds the row sums of the Jacobian of f. This is the norm-wise
 * normalisation of f(x) ≈ Jx: it is within a factor ~3 of the size of the terms of f away from equilibria, and
 * unlike a terms-based scale it does not vanish where those terms do (a = γ = 0 with P → 0, or w ≡ 0), where it
 * would only measure round-off of the difference quotient.
 * The step is h = 0.01/λ: round-off costs ≈ 2.1ε/(hλ) ≈ 2e-14 relative, and truncation ∝ (hλ′)^8/630 stays
 * below 1e-13 even when the nearest complex singularity of the solution is 10× closer than 1/λ suggests (seen
 * at t = 0.4 for A = 2, a = ½, γ = ¾: h = 0.05/λ gave 1e-11, h = 0.01/λ gives 1e-14).
 */
export function depth2Residual(tr: Depth2Trajectory, t: number): number {
  const p = tr.params as Depth2TrajectoryParams;
  const c = p.half === true ? 0.5 : 1;
  const s = tr.at(t);
  const A = c * p.A;
  const a = c * p.a;
  const lambda = 2 * A * (s.u * s.u + s.w * s.w) + 4 * A * Math.abs(s.P) + 2 * Math.abs(a) + 2 * p.gamma;
  const h = Math.min(0.01 / lambda, t / 5);
  const du = centralDiff8((x) => tr.at(x).u, t, h);
  const dw = centralDiff8((x) => tr.at(x).w, t, h);
  const v = depth2Velocity(p, s.u, s.w);
  const scale = lambda * Math.max(Math.abs(s.u), Math.abs(s.w));
  const r = Math.max(Math.abs(du - v.du), Math.abs(dw - v.dw));
  return scale === 0 ? r : r / scale;
}

/** DOPRI5 solution of the depth-2 flow at the given times (rtol 1e-12, atol 1e-20: purely relative control). */
export function depth2Dopri(p: Depth2TrajectoryParams, times: readonly number[]): Float64Array[] {
  const res = dopri5(
    (_t, y, dy) => {
      const v = depth2Velocity(p, y[0] as number, y[1] as number);
      dy[0] = v.du;
      dy[1] = v.dw;
    },
    Float64Array.of(p.u0, p.w0),
    { tEnd: times[times.length - 1] as number, times, rtol: 1e-12, atol: 1e-20, maxSteps: 1_000_000 },
  );
  if (res.status !== "ok") throw new Error(`dopri5 failed: ${res.status} ${res.message ?? ""}`);
  return res.states;
}

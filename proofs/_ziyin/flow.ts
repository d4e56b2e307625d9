/**
 * Gradient flow run until a stopping test holds, in chunks of DOPRI5 (so a flow that converges early stops
 * early and a slow one gets up to `maxTime`).
 *
 * @packageDocumentation
 */
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import type { LinearNetObjective } from "../../src/model/objective.js";

/** Options of {@link flowUntil}. */
export interface FlowUntilOptions {
  /** Longest total flow time. @defaultValue 800 */
  readonly maxTime?: number;
  /** First chunk length; later chunks double up to 100. @defaultValue 10 */
  readonly chunk?: number;
  /** @defaultValue 1e-9 */
  readonly rtol?: number;
  /** @defaultValue 1e-12 */
  readonly atol?: number;
}

/** Where the flow ended. */
export interface FlowEnd {
  readonly theta: Float64Array;
  readonly time: number;
  readonly loss: number;
  readonly gradientNorm: number;
  /** `ok`, or the integrator's failure status with its message. */
  readonly status: string;
  /** Whether `stop` held at the end. */
  readonly stopped: boolean;
  readonly evaluations: number;
}

/**
 * Integrates dθ/dt = −∇ℒ(θ) (unit rates, DOPRI5) from `theta0` chunk by chunk until `stop(loss, ‖∇ℒ‖, θ)` holds
 * at a chunk end or the total time reaches `maxTime`.
 */
export function flowUntil(
  objective: LinearNetObjective,
  theta0: Float64Array,
  stop: (loss: number, gradientNorm: number, theta: Float64Array) => boolean,
  options: FlowUntilOptions = {},
): FlowEnd {
  const maxTime = options.maxTime ?? 800;
  let chunk = options.chunk ?? 10;
  const g = new Float64Array(objective.dim);
  let theta: Float64Array = theta0.slice();
  let time = 0;
  let evaluations = 0;
  let loss = objective.valueAndGradient(theta, g);
  let gn = Math.hypot(...g);
  while (time < maxTime && !stop(loss, gn, theta)) {
    const run = gradientFlow(objective, theta, {
      tEnd: Math.min(chunk, maxTime - time),
      rtol: options.rtol ?? 1e-9,
      atol: options.atol ?? 1e-12,
    });
    evaluations += run.stats.evaluations;
    if (run.status !== "ok") {
      return {
        theta: run.theta,
        time: time + run.t,
        loss,
        gradientNorm: gn,
        status: `${run.status}${run.message ? `: ${run.message}` : ""}`,
        stopped: false,
        evaluations,
      };
    }
    theta = run.theta;
    time += run.t;
    loss = objective.valueAndGradient(theta, g);
    gn = Math.hypot(...g);
    chunk = Math.min(2 * chunk, 100);
  }
  return { theta, time, loss, gradientNorm: gn, status: "ok", stopped: stop(loss, gn, theta), evaluations };
}

/**
 * The gradient-flow driver: integrates `dθ/dt = −η ⊙ ∇ℒ(θ)` with DOPRI5, RK4 or explicit Euler (= gradient
 * descent with rate η·h), and records the loss and observers at the output times.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import type { Objective } from "../model/objective.js";
import { countOption, isAllFinite, positiveOption, resolveOutputTimes } from "./_internals/integration-setup.js";
import { resolveRates } from "./_internals/rates.js";
import { type Dopri5Options, dopri5 } from "./dopri5.js";
import { gradientDescent } from "./gradient-descent.js";
import type { IntegrationResult, OdeRhs } from "./integration-result.js";
import type { Observer } from "./observers.js";
import type { RateSpec } from "./rates.js";
import { type Rk4Options, rk4 } from "./rk4.js";
import type { Trajectory } from "./trajectory.js";

/** Options of {@link gradientFlow}. The flow starts at t = 0. */
export interface GradientFlowOptions {
  /** End time (> 0, or 0 for just the initial point). */
  tEnd: number;
  /**
   * Output times in `[0, tEnd]`, non-decreasing.
   * @defaultValue `[0, tEnd]`
   */
  times?: ArrayLike<number>;
  /**
   * `"dopri5"` (adaptive, dense output), `"rk4"` (fixed step `h`/`steps`, stepping exactly onto output
   * times) or `"gd"` (explicit Euler = gradient descent with learning rate η·h; output times are rounded to
   * the nearest multiple of h and reported as `k·h`).
   * @defaultValue "dopri5"
   */
  method?: "dopri5" | "rk4" | "gd";
  /**
   * Relative tolerance (dopri5).
   * @defaultValue 1e-8
   */
  rtol?: number;
  /**
   * Absolute tolerance (dopri5).
   * @defaultValue 1e-10
   */
  atol?: number;
  /** Step size for `rk4`/`gd` (give `h` or `steps`). */
  h?: number;
  /** Number of steps over `[0, tEnd]` for `rk4`/`gd` (give `h` or `steps`). */
  steps?: number;
  /**
   * Rates η: number, per parameter, per layer (see {@link RateSpec}).
   * @defaultValue 1
   */
  rates?: RateSpec;
  /**
   * Extra quantities to record at every output time (names must be unique and not `loss`).
   * @defaultValue []
   */
  observers?: readonly Observer[];
  /**
   * Step budget (dopri5: attempted steps).
   * @defaultValue 100000
   */
  maxSteps?: number;
  /**
   * Stop with `diverged` when ‖θ‖∞ exceeds this.
   * @defaultValue 1e100
   */
  divergenceThreshold?: number;
  /**
   * Further DOPRI5 controls (initial/largest/smallest step, PI control, controller factors); see
   * {@link Dopri5Options}.
   * @defaultValue the DOPRI5 defaults
   */
  dopri5?: Pick<Dopri5Options, "h0" | "hMax" | "minStep" | "piBeta" | "safety" | "minFactor" | "maxFactor">;
  /**
   * How RK4 serves output times (see {@link Rk4Options.output}).
   * @defaultValue "step"
   */
  rk4Output?: "step" | "hermite";
  /**
   * Called after every accepted step (every update for gd) with the time and state (read only).
   * @defaultValue undefined
   */
  onStep?: (t: number, theta: Float64Array) => void;
}

/**
 * Integrates the gradient flow `dθ/dt = −η ⊙ ∇ℒ(θ)` of `objective` from `theta0` (DESIGN.md conventions;
 * unit rates by default) and returns a {@link Trajectory}. The right-hand side calls
 * `objective.valueAndGradient(θ, dθ)` into the integrator's buffer and scales it by −η in place: no
 * allocation per step. Loss and observers are evaluated at the output states after the run.
 *
 * @example
 * ```ts
 * const traj = gradientFlow(obj, theta0, { tEnd: 10, times: [0, 1, 5, 10], rates: [1, 0.5],
 *   observers: [layerNormsObserver(net), imbalanceObserver(net, [1, 0.5])] });
 * ```
 */
export function gradientFlow(objective: Objective, theta0: Float64Array, options: GradientFlowOptions): Trajectory {
  if (objective === null || typeof objective !== "object" || typeof objective.valueAndGradient !== "function") {
    throw new DomainError(
      errorMessage(
        "objective",
        objective,
        "must implement valueAndGradient(theta, grad)",
        "Pass e.g. a LinearNetObjective.",
      ),
    );
  }
  const dim = objective.dim;
  if (!(theta0 instanceof Float64Array) || theta0.length !== dim) {
    throw new ShapeError(
      errorMessage(
        "theta0.length",
        theta0 instanceof Float64Array ? theta0.length : theta0,
        `must be a Float64Array of length objective.dim = ${dim}`,
        "Build θ with net.pack(...) or an init* function.",
      ),
    );
  }
  if (options === null || typeof options !== "object") {
    throw new DomainError(errorMessage("options", options, "must be an object with tEnd", "Pass e.g. { tEnd: 10 }."));
  }
  const method = options.method ?? "dopri5";
  if (method !== "dopri5" && method !== "rk4" && method !== "gd") {
    throw new DomainError(errorMessage("method", method, 'must be "dopri5", "rk4" or "gd"', 'Omit it for "dopri5".'));
  }
  const observers = options.observers ?? [];
  const names = new Set<string>(["loss"]);
  for (const o of observers) {
    if (names.has(o.name)) {
      throw new DomainError(
        errorMessage("observers[].name", o.name, 'must be unique and not "loss"', "Rename one of the observers."),
      );
    }
    names.add(o.name);
    if (!Number.isInteger(o.size) || o.size < 0 || typeof o.record !== "function") {
      throw new ShapeError(
        errorMessage(
          `observer ${o.name}.size`,
          o.size,
          "must be an integer ≥ 0 with a record function",
          "Fix the observer.",
        ),
      );
    }
  }
  const { perParameter: rates, perLayer } = resolveRates("rates", options.rates, objective);

  let run: IntegrationResult;
  if (method === "gd") {
    run = runEuler(objective, theta0, options, rates);
  } else {
    const rhs: OdeRhs = (_t, theta, dtheta) => {
      objective.valueAndGradient(theta, dtheta);
      scaleByNegativeRates(dtheta, rates);
    };
    if (method === "dopri5") {
      const dopts: Dopri5Options = {
        ...options.dopri5,
        tEnd: options.tEnd,
        rtol: options.rtol ?? 1e-8,
        atol: options.atol ?? 1e-10,
      };
      if (options.times !== undefined) dopts.times = options.times;
      if (options.maxSteps !== undefined) dopts.maxSteps = options.maxSteps;
      if (options.divergenceThreshold !== undefined) dopts.divergenceThreshold = options.divergenceThreshold;
      if (options.onStep !== undefined) dopts.onStep = options.onStep;
      run = dopri5(rhs, theta0, dopts);
    } else {
      const ropts: Rk4Options = { tEnd: options.tEnd };
      if (options.rk4Output !== undefined) ropts.output = options.rk4Output;
      if (options.h !== undefined) ropts.h = options.h;
      if (options.steps !== undefined) ropts.steps = options.steps;
      if (options.times !== undefined) ropts.times = options.times;
      if (options.divergenceThreshold !== undefined) ropts.divergenceThreshold = options.divergenceThreshold;
      if (options.onStep !== undefined) ropts.onStep = options.onStep;
      run = rk4(rhs, theta0, ropts);
    }
  }

  // Loss and observers at the output states.
  const nOut = run.times.length;
  const loss = new Float64Array(nOut);
  const scratch = new Float64Array(dim);
  const observations: Record<string, Float64Array[]> = {};
  for (const o of observers) observations[o.name] = [];
  for (let k = 0; k < nOut; k++) {
    const theta = run.states[k] as Float64Array;
    loss[k] = objective.valueAndGradient(theta, scratch);
    for (const o of observers) {
      const buf = new Float64Array(o.size);
      o.record(run.times[k] as number, theta, buf);
      (observations[o.name] as Float64Array[]).push(buf);
    }
  }
  const trajectory: Trajectory = {
    status: run.status,
    method,
    times: run.times,
    thetas: run.states,
    loss,
    observations,
    t: run.t,
    theta: run.y,
    rates,
    stats: run.stats,
  };
  if (perLayer !== undefined) trajectory.layerRates = perLayer;
  if (run.message !== undefined) trajectory.message = run.message;
  return trajectory;
}

/** Explicit Euler on the flow = gradient descent with learning rate η·h. */
function runEuler(
  objective: Objective,
  theta0: Float64Array,
  options: GradientFlowOptions,
  rates: Float64Array,
): IntegrationResult {
  const tEnd = options.tEnd;
  if (typeof tEnd !== "number" || !Number.isFinite(tEnd) || !(tEnd > 0)) {
    throw new DomainError(errorMessage("tEnd", tEnd, 'must be a finite time > 0 for method "gd"', "Pass e.g. 10."));
  }
  if ((options.h === undefined) === (options.steps === undefined)) {
    throw new DomainError(
      errorMessage(
        "h/steps",
        { h: options.h, steps: options.steps },
        'exactly one of h and steps must be given for method "gd"',
        "Pass a step size h or a number of steps.",
      ),
    );
  }
  let steps: number;
  let h: number;
  if (options.steps !== undefined) {
    steps = countOption("steps", options.steps, 1);
    h = tEnd / steps;
  } else {
    h = positiveOption("h", options.h, 0, "Pass a positive step size.");
    steps = Math.max(1, Math.round(tEnd / h));
  }
  const times = resolveOutputTimes(options.times, 0, tEnd);
  const record = Array.from(times, (t) => Math.min(steps, Math.round(t / h)));
  const lr = new Float64Array(rates.length);
  for (let k = 0; k < lr.length; k++) lr[k] = (rates[k] as number) * h;
  if (!isAllFinite(lr))
    throw new DomainError(errorMessage("h", h, "gives a non-finite learning rate", "Use a smaller h."));
  const gdOptions: Parameters<typeof gradientDescent>[2] = { lr, steps, record };
  if (options.divergenceThreshold !== undefined) gdOptions.divergenceThreshold = options.divergenceThreshold;
  const onStep = options.onStep;
  if (onStep !== undefined) gdOptions.onStep = (k, theta) => onStep(k * h, theta);
  const gd = gradientDescent(objective, theta0, gdOptions);
  const result: IntegrationResult = {
    status: gd.status,
    times: Float64Array.from(gd.iterations, (k) => k * h),
    states: gd.thetas,
    t: gd.completed * h,
    y: gd.theta,
    stats: { evaluations: gd.stats.evaluations, accepted: gd.completed, rejected: 0 },
  };
  if (gd.message !== undefined) result.message = gd.message;
  return result;
}

/** g ← −η ⊙ g (module level, so its optimised code is shared by every flow's right-hand side). */
function scaleByNegativeRates(g: Float64Array, rates: Float64Array): void {
  for (let k = 0; k < g.length; k++) g[k] = -(rates[k] as number) * (g[k] as number);
}

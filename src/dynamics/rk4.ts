/**
 * The classical fixed-step fourth-order Runge–Kutta method (HNW I §II.1, Table 1.2 "the" Runge–Kutta method).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import {
  countOption,
  divergedAfterStep,
  isAllFinite,
  OutputRecorder,
  positiveOption,
  resolveOutputTimes,
  startIntegration,
  validateInitialState,
  validateSpan,
} from "./_internals/integration-setup.js";
import type { IntegrationResult, IntegrationStats, OdeRhs } from "./integration-result.js";

/** Options of {@link rk4}. Give exactly one of `h` and `steps`. */
export interface Rk4Options {
  /**
   * Start time.
   * @defaultValue 0
   */
  t0?: number;
  /** End time (≥ t0). */
  tEnd: number;
  /** Nominal step size (> 0). Mutually exclusive with `steps`. */
  h?: number;
  /** Number of steps over `[t0, tEnd]`, so `h = (tEnd − t0)/steps`. Mutually exclusive with `h`. */
  steps?: number;
  /**
   * Output times, non-decreasing, inside `[t0, tEnd]`.
   * @defaultValue `[t0, tEnd]`
   */
  times?: ArrayLike<number>;
  /**
   * How output times between grid points are served.
   * - `"step"`: the solver lands on every output time exactly: each interval between consecutive
   *   break points (t0, the output times, tEnd) is split into `⌈length/h⌉` equal steps, so the step never
   *   exceeds `h`. Outputs carry the full 4th-order accuracy; the grid depends on the output times.
   * - `"hermite"`: the grid is `t0 + k·h` regardless of outputs (the last step shortened to land on
   *   `tEnd`), and an output time inside a step is filled by cubic Hermite interpolation from the states
   *   and derivatives at both ends (local error O(h⁴), the same order as the method's global error; the
   *   derivative at a step's end is the next step's first stage, so it costs nothing extra except one
   *   evaluation at `tEnd`).
   * @defaultValue "step"
   */
  output?: "step" | "hermite";
  /**
   * The run stops with status `diverged` as soon as ‖y‖∞ exceeds this.
   * @defaultValue 1e100
   */
  divergenceThreshold?: number;
  /**
   * Called after every step with the new time and state (the solver's own buffer: do not keep or modify).
   * @defaultValue undefined
   */
  onStep?: (t: number, y: Float64Array) => void;
}

/**
 * Integrates `y' = f(t, y)` with the classical RK4 method at a fixed step (global error O(h⁴)). Four
 * evaluations per step; all buffers are allocated once. Numerical trouble is reported through `status`
 * (`non-finite` when a stage or the state is NaN/±∞, `diverged` past `divergenceThreshold`), never thrown.
 *
 * @example
 * ```ts
 * const r = rk4((t, y, dy) => { dy[0] = -y[0]; }, Float64Array.of(1), { tEnd: 1, steps: 100 });
 * ```
 */
export function rk4(rhs: OdeRhs, y0: Float64Array, options: Rk4Options): IntegrationResult {
  if (typeof rhs !== "function") {
    throw new DomainError(
      errorMessage("rhs", rhs, "must be a function (t, y, dydt) => void", "Pass the ODE right-hand side."),
    );
  }
  validateInitialState("y0", y0);
  if (options === null || typeof options !== "object") {
    throw new DomainError(
      errorMessage(
        "options",
        options,
        "must be an object with tEnd and h or steps",
        "Pass e.g. { tEnd: 1, steps: 100 }.",
      ),
    );
  }
  const t0 = options.t0 ?? 0;
  const tEnd = options.tEnd;
  validateSpan(t0, tEnd);
  const span = tEnd - t0;
  if ((options.h === undefined) === (options.steps === undefined)) {
    throw new DomainError(
      errorMessage(
        "h/steps",
        { h: options.h, steps: options.steps },
        "exactly one of h and steps must be given",
        "Pass either a step size h or a number of steps.",
      ),
    );
  }
  const h =
    options.h !== undefined
      ? positiveOption("h", options.h, 0, "Pass a positive step size.")
      : span / countOption("steps", options.steps, 1);
  const mode = options.output ?? "step";
  if (mode !== "step" && mode !== "hermite") {
    throw new DomainError(
      errorMessage("output", mode, 'must be "step" or "hermite"', 'Use "step" (default) or "hermite".'),
    );
  }
  const divergenceThreshold = positiveOption(
    "divergenceThreshold",
    options.divergenceThreshold,
    1e100,
    "Pass a positive bound on ‖y‖∞ (Infinity to disable).",
  );
  const onStep = options.onStep;
  const n = y0.length;
  const out = new OutputRecorder(resolveOutputTimes(options.times, t0, tEnd), n);

  let y = y0.slice();
  let yNew = new Float64Array(n);
  let k1 = new Float64Array(n);
  let kNext = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const ys = new Float64Array(n);
  const stats: IntegrationStats = { evaluations: 0, accepted: 0, rejected: 0 };
  // The loop below uses no closures over mutable locals, so advancing t never boxes a number (no
  // allocation per step).
  let t = t0;

  const early = startIntegration(out, rhs, t0, y, k1, span, divergenceThreshold, stats);
  if (early !== undefined) return early;

  const hermite = mode === "hermite";
  // "step" mode walks segments [a, b] between break points (distinct output times after t0, then tEnd),
  // each split into m equal steps; "hermite" mode walks the grid t0 + k·h.
  let a = t0;
  let b = t0;
  let m = 0;
  let j = 0;
  let idx = out.next;
  let k = 0;
  while (t < tEnd) {
    let tNew: number;
    if (hermite) {
      k++;
      tNew = t0 + k * h;
      if (tNew >= tEnd - 1e-9 * h) tNew = tEnd;
    } else {
      if (j === m) {
        a = b;
        while (idx < out.times.length && (out.times[idx] as number) <= a) idx++;
        b = idx < out.times.length ? (out.times[idx] as number) : tEnd;
        m = Math.max(1, Math.ceil((b - a) / h - 1e-9));
        j = 0;
      }
      j++;
      tNew = j === m ? b : a + (j * (b - a)) / m;
    }
    const ok = rk4Step(rhs, t, tNew, y, k1, k2, k3, k4, ys, yNew, kNext);
    stats.evaluations += 4;
    stats.accepted++;
    if (!ok) {
      return out.finish(
        "non-finite",
        `A stage or the new state of the RK4 step from t = ${t} to ${tNew} was non-finite.`,
        t,
        y,
        stats,
      );
    }
    while (out.pendingUpTo(tNew)) {
      const tOut = out.nextTime;
      if (tOut === tNew || !hermite) out.recordNext(yNew);
      else hermiteFill(out.takeNext(), (tOut - t) / (tNew - t), tNew - t, y, k1, yNew, kNext);
    }
    const ty = y;
    y = yNew;
    yNew = ty;
    const tk = k1;
    k1 = kNext;
    kNext = tk;
    t = tNew;
    const diverged = divergedAfterStep(out, t, y, divergenceThreshold, stats);
    if (diverged !== undefined) return diverged;
    onStep?.(t, y);
  }
  return out.finish("ok", undefined, t, y, stats);
}

/**
 * One RK4 step from (t, y) with slope k1 = f(t, y) to tNew: the result goes to yNew and f(tNew, yNew) to
 * kNext. Returns false when the new state or its slope is not finite. Four evaluations.
 */
function rk4Step(
  rhs: OdeRhs,
  t: number,
  tNew: number,
  y: Float64Array,
  k1: Float64Array,
  k2: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  ys: Float64Array,
  yNew: Float64Array,
  kNext: Float64Array,
): boolean {
  const n = y.length;
  const dt = tNew - t;
  for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + 0.5 * dt * (k1[i] as number);
  rhs(t + 0.5 * dt, ys, k2);
  for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + 0.5 * dt * (k2[i] as number);
  rhs(t + 0.5 * dt, ys, k3);
  for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + dt * (k3[i] as number);
  rhs(tNew, ys, k4);
  for (let i = 0; i < n; i++) {
    yNew[i] =
      (y[i] as number) +
      (dt / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number));
  }
  rhs(tNew, yNew, kNext);
  return isAllFinite(yNew) && isAllFinite(kNext);
}

/** Cubic Hermite interpolation at fraction s of a step of length dt, into dst. */
function hermiteFill(
  dst: Float64Array,
  s: number,
  dt: number,
  y: Float64Array,
  f0: Float64Array,
  y1: Float64Array,
  f1: Float64Array,
): void {
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = (s3 - 2 * s2 + s) * dt;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = (s3 - s2) * dt;
  for (let i = 0; i < dst.length; i++) {
    dst[i] = h00 * (y[i] as number) + h10 * (f0[i] as number) + h01 * (y1[i] as number) + h11 * (f1[i] as number);
  }
}

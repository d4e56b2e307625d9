/**
 * Input checks and output bookkeeping shared by the integrators (not exported from the package).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import type { IntegrationResult, IntegrationStats, IntegratorStatus, OdeRhs } from "../integration-result.js";

/** Checks `y0`: a non-empty Float64Array with finite entries. */
export function validateInitialState(name: string, y0: Float64Array): void {
  if (!(y0 instanceof Float64Array)) {
    throw new ShapeError(
      errorMessage(name, y0, "must be a Float64Array", "Wrap the initial state with Float64Array.from(values)."),
    );
  }
  if (y0.length === 0) {
    throw new ShapeError(errorMessage(`${name}.length`, 0, "must be ≥ 1", "Pass a state with at least one entry."));
  }
  for (let i = 0; i < y0.length; i++) {
    if (!Number.isFinite(y0[i] as number)) {
      throw new DomainError(
        errorMessage(
          `${name}[${i}]`,
          y0[i],
          "must be finite",
          "Replace NaN/±Infinity in the initial state (check how it was computed).",
        ),
      );
    }
  }
}

/** Checks the time span `[t0, tEnd]`: both finite, `tEnd ≥ t0`. */
export function validateSpan(t0: number, tEnd: number): void {
  if (typeof t0 !== "number" || !Number.isFinite(t0)) {
    throw new DomainError(errorMessage("t0", t0, "must be a finite number", "Pass the start time, e.g. 0."));
  }
  if (typeof tEnd !== "number" || !Number.isFinite(tEnd)) {
    throw new DomainError(errorMessage("tEnd", tEnd, "must be a finite number", "Pass the end time, e.g. 10."));
  }
  if (tEnd < t0) {
    throw new DomainError(
      errorMessage(
        "tEnd",
        tEnd,
        `must be ≥ t0 = ${t0} (integration runs forward in time)`,
        "Swap the bounds or integrate the time-reversed system y' = −f(−t, y).",
      ),
    );
  }
}

/**
 * Checks the requested output times (finite, non-decreasing, inside `[t0, tEnd]`) and returns them as a
 * Float64Array. Omitted times default to `[t0, tEnd]` (just `[t0]` when the span is empty).
 */
export function resolveOutputTimes(times: ArrayLike<number> | undefined, t0: number, tEnd: number): Float64Array {
  if (times === undefined) return tEnd > t0 ? Float64Array.of(t0, tEnd) : Float64Array.of(t0);
  if (typeof times !== "object" || times === null || typeof times.length !== "number") {
    throw new ShapeError(
      errorMessage("times", times, "must be an array of numbers", "Pass e.g. [0, 0.5, 1] or a Float64Array."),
    );
  }
  const out = Float64Array.from(times);
  for (let k = 0; k < out.length; k++) {
    const tk = out[k] as number;
    if (!Number.isFinite(tk)) {
      throw new DomainError(errorMessage(`times[${k}]`, tk, "must be finite", "Remove NaN/±Infinity output times."));
    }
    if (tk < t0 || tk > tEnd) {
      throw new DomainError(
        errorMessage(
          `times[${k}]`,
          tk,
          `must lie in [t0, tEnd] = [${t0}, ${tEnd}]`,
          "Drop output times outside the integration span or extend tEnd.",
        ),
      );
    }
    if (k > 0 && tk < (out[k - 1] as number)) {
      throw new DomainError(
        errorMessage(
          `times[${k}]`,
          tk,
          `must be ≥ times[${k - 1}] = ${out[k - 1]} (output times are visited in order)`,
          "Sort the output times in increasing order, e.g. times.sort((a, b) => a - b).",
        ),
      );
    }
  }
  return out;
}

/** Requires a finite positive number (or undefined, which returns the default). */
export function positiveOption(name: string, value: number | undefined, fallback: number, fix: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || !(value > 0)) {
    throw new DomainError(errorMessage(name, value, "must be a positive number", fix));
  }
  return value;
}

/** Requires an integer ≥ 1 (or undefined → default). `Infinity` is allowed when `allowInfinity`. */
export function countOption(name: string, value: number | undefined, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ShapeError(errorMessage(name, value, "must be an integer ≥ 1", "Pass a whole number such as 1000."));
  }
  return value;
}

/**
 * A tolerance given as one number or one number per component; returns a per-component Float64Array.
 * Every entry must be finite and > 0.
 */
export function expandTolerance(
  name: string,
  value: number | ArrayLike<number> | undefined,
  fallback: number,
  n: number,
): Float64Array {
  const out = new Float64Array(n);
  if (value === undefined) return out.fill(fallback);
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !(value > 0)) {
      throw new DomainError(
        errorMessage(
          name,
          value,
          "must be a finite positive number",
          `Pass a positive tolerance such as ${fallback}; use a tiny value (e.g. 1e-14) rather than 0.`,
        ),
      );
    }
    return out.fill(value);
  }
  if (value.length !== n) {
    throw new ShapeError(
      errorMessage(
        `${name}.length`,
        value.length,
        `must equal the state dimension ${n}`,
        "Pass one tolerance per component, or a single number for all.",
      ),
    );
  }
  for (let i = 0; i < n; i++) {
    const v = value[i] as number;
    if (!Number.isFinite(v) || !(v > 0)) {
      throw new DomainError(
        errorMessage(
          `${name}[${i}]`,
          v,
          "must be a finite positive number",
          "Use a tiny positive value rather than 0.",
        ),
      );
    }
    out[i] = v;
  }
  return out;
}

/** ‖y‖∞, or NaN when an entry is NaN (so a `> threshold` test is false and a finiteness test catches it). */
export function maxAbs(y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    const v = Math.abs(y[i] as number);
    if (v > m) m = v;
    else if (Number.isNaN(v)) return Number.NaN;
  }
  return m;
}

/** True when every entry is finite. */
export function isAllFinite(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i] as number)) return false;
  return true;
}

/**
 * Preallocated storage for the requested output times: one state buffer per time, allocated up front so
 * that recording during the run never allocates.
 */
export class OutputRecorder {
  readonly times: Float64Array;
  readonly states: Float64Array[];
  /** Index of the next output time still to be recorded. */
  next = 0;

  constructor(times: Float64Array, n: number) {
    this.times = times;
    this.states = Array.from({ length: times.length }, () => new Float64Array(n));
  }

  /** Whether there is an output time `≤ t` still to record. */
  pendingUpTo(t: number): boolean {
    return this.next < this.times.length && (this.times[this.next] as number) <= t;
  }

  /** The next output time to record. */
  get nextTime(): number {
    return this.times[this.next] as number;
  }

  /** Copies `y` as the state at the next output time and advances. */
  recordNext(y: Float64Array): void {
    (this.states[this.next] as Float64Array).set(y);
    this.next++;
  }

  /** The buffer for the next output time (to be filled by an interpolant) and advances. */
  takeNext(): Float64Array {
    const out = this.states[this.next] as Float64Array;
    this.next++;
    return out;
  }

  /** Assembles the result; output times not reached are dropped. */
  finish(
    status: IntegratorStatus,
    message: string | undefined,
    t: number,
    y: Float64Array,
    stats: IntegrationStats,
  ): IntegrationResult {
    const reached = this.next;
    const result: IntegrationResult = {
      status,
      times: reached === this.times.length ? this.times : this.times.slice(0, reached),
      states: reached === this.states.length ? this.states : this.states.slice(0, reached),
      t,
      y: y.slice(),
      stats,
    };
    if (message !== undefined) result.message = message;
    return result;
  }
}

/**
 * The start shared by the one-step integrators: records output times at t0, then returns a finished
 * result when y0 already diverged, when the span is empty, or when f(t0, y0) is not finite; otherwise
 * leaves f(t0, y0) in `f0` and returns undefined.
 */
export function startIntegration(
  out: OutputRecorder,
  rhs: OdeRhs,
  t0: number,
  y: Float64Array,
  f0: Float64Array,
  span: number,
  divergenceThreshold: number,
  stats: IntegrationStats,
): IntegrationResult | undefined {
  while (out.pendingUpTo(t0)) out.recordNext(y);
  if (maxAbs(y) > divergenceThreshold) {
    return out.finish(
      "diverged",
      `‖y0‖∞ = ${maxAbs(y)} already exceeds divergenceThreshold = ${divergenceThreshold}.`,
      t0,
      y,
      stats,
    );
  }
  if (span === 0) return out.finish("ok", undefined, t0, y, stats);
  rhs(t0, y, f0);
  stats.evaluations++;
  if (!isAllFinite(f0)) {
    return out.finish(
      "non-finite",
      `The right-hand side returned a non-finite value at the initial state (t = ${t0}).`,
      t0,
      y,
      stats,
    );
  }
  return undefined;
}

/** A finished `diverged` result when ‖y‖∞ exceeds the threshold after the step to t; otherwise undefined. */
export function divergedAfterStep(
  out: OutputRecorder,
  t: number,
  y: Float64Array,
  divergenceThreshold: number,
  stats: IntegrationStats,
): IntegrationResult | undefined {
  const size = maxAbs(y);
  if (!(size > divergenceThreshold)) return undefined;
  return out.finish(
    "diverged",
    `‖y‖∞ = ${size} exceeded divergenceThreshold = ${divergenceThreshold} at t = ${t}.`,
    t,
    y,
    stats,
  );
}

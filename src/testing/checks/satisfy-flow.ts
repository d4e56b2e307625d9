/**
 * Substitution check of a trajectory against gradient flow (STYLE lesson 5): at sample times, the time
 * derivative of θ(t) must equal −η ⊙ ∇ℒ(θ(t)), whatever route produced θ(t) (a closed form, an interpolant).
 *
 * @packageDocumentation
 */
import { formatResidual } from "../../claims/format-value.js";
import { DomainError, errorMessage } from "../../core/errors.js";
import type { CheckOutcome } from "./outcome.js";

/** Anything with a gradient (e.g. `LinearNetObjective`). */
export interface GradientObjective {
  readonly dim: number;
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
}

/** Options of {@link checkFlow}. */
export interface FlowOptions {
  /** Sample times; θ must be defined on [t − 2h, t + 2h] around each. */
  readonly times: ArrayLike<number>;
  /** Rates η: one number or one per parameter. @defaultValue 1 */
  readonly rates?: number | ArrayLike<number>;
  /** Bound on ‖θ̇ + η ⊙ ∇ℒ‖ / max(‖η ⊙ ∇ℒ‖, floor). @defaultValue 1e-6 */
  readonly tolerance?: number;
  /** Floor of the denominator. @defaultValue 1 */
  readonly floor?: number;
  /**
   * Step of the five-point central difference for θ̇ (truncation error O(h⁴), round-off O(u/h)).
   * @defaultValue 1e-3
   */
  readonly h?: number;
}

/**
 * Checks that `path` solves `dθ/dt = −η ⊙ ∇ℒ(θ)` at the sample times. θ̇ comes from the five-point stencil
 * `(−θ(t+2h) + 8θ(t+h) − 8θ(t−h) + θ(t−2h)) / 12h`; the residual is the largest relative defect.
 */
export function checkFlow(
  path: (t: number) => ArrayLike<number>,
  objective: GradientObjective,
  options: FlowOptions,
): CheckOutcome {
  const tolerance = options.tolerance ?? 1e-6;
  const floor = options.floor ?? 1;
  const h = options.h ?? 1e-3;
  const n = objective.dim;
  const rates = options.rates ?? 1;
  if (typeof rates !== "number" && rates.length !== n) {
    throw new DomainError(
      errorMessage(
        "rates.length",
        rates.length,
        `must be 1 number or ${n} (one per parameter)`,
        "Pass per-parameter rates.",
      ),
    );
  }
  if (options.times.length === 0) {
    throw new DomainError(errorMessage("times", "[]", "must hold at least one time", "Pass e.g. [0.5, 1, 2]."));
  }
  const theta = new Float64Array(n);
  const grad = new Float64Array(n);
  const sample = (t: number): ArrayLike<number> => {
    const v = path(t);
    if (v.length !== n) {
      throw new DomainError(
        errorMessage("path(t).length", v.length, `must equal objective.dim = ${n}`, "Return the full θ."),
      );
    }
    return v;
  };
  let worst = 0;
  let worstTime = options.times[0] as number;
  for (let s = 0; s < options.times.length; s++) {
    const t = options.times[s] as number;
    const p2 = sample(t + 2 * h);
    const p1 = sample(t + h);
    const m1 = sample(t - h);
    const m2 = sample(t - 2 * h);
    const p0 = sample(t);
    for (let k = 0; k < n; k++) theta[k] = p0[k] as number;
    objective.valueAndGradient(theta, grad);
    let defect = 0;
    let speed = 0;
    for (let k = 0; k < n; k++) {
      const eta = typeof rates === "number" ? rates : (rates[k] as number);
      const d = (-(p2[k] as number) + 8 * (p1[k] as number) - 8 * (m1[k] as number) + (m2[k] as number)) / (12 * h);
      const v = eta * (grad[k] as number);
      defect += (d + v) ** 2;
      speed += v * v;
    }
    const r = Math.sqrt(defect) / Math.max(Math.sqrt(speed), floor);
    if (!(r <= worst)) {
      worst = r;
      worstTime = t;
      if (Number.isNaN(r)) break;
    }
  }
  const pass = worst <= tolerance;
  return {
    pass,
    residual: worst,
    tolerance,
    message: `largest defect ‖θ̇ + η∇ℒ‖/max(‖η∇ℒ‖, ${floor}) = ${formatResidual(worst)} at t = ${worstTime} ${pass ? "≤" : ">"} ${formatResidual(tolerance)} over ${options.times.length} times`,
  };
}

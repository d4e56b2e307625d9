/**
 * Conservation along a trajectory: a quantity q(θ) stays at q(θ(0)) at every recorded state.
 *
 * @packageDocumentation
 */
import { formatResidual } from "../../claims/format-value.js";
import { DomainError, errorMessage } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import type { CheckOutcome } from "./outcome.js";

/** A quantity of θ: a number, a vector, a matrix, or a list of matrices (e.g. all imbalances Q_1..Q_{L−1}). */
export type Quantity = (theta: Float64Array) => number | Float64Array | Matrix | readonly Matrix[];

/** States to check: a list of θ, or a trajectory (`thetas`, and `status`/`times` when available). */
export type StatesLike =
  | readonly Float64Array[]
  | {
      readonly thetas: readonly Float64Array[];
      readonly times?: ArrayLike<number>;
      readonly status?: string;
      readonly message?: string;
    };

/** Options of {@link checkConserved}. */
export interface ConserveOptions {
  /** Bound on the drift ‖q(θ_k) − q(θ_0)‖ / max(‖q(θ_0)‖, floor). @defaultValue 1e-8 */
  readonly tolerance?: number;
  /** Floor of the denominator, so a quantity near zero is held to an absolute bound. @defaultValue 1 */
  readonly floor?: number;
}

/**
 * Measures the largest relative drift of `quantity` from its initial value over the states. A trajectory
 * whose `status` is not `"ok"` gives an inconclusive outcome (the integrator failed; nothing is concluded).
 */
export function checkConserved(states: StatesLike, quantity: Quantity, options: ConserveOptions = {}): CheckOutcome {
  const tolerance = options.tolerance ?? 1e-8;
  const floor = options.floor ?? 1;
  const thetas = Array.isArray(states)
    ? (states as readonly Float64Array[])
    : (states as { thetas: readonly Float64Array[] }).thetas;
  const meta = Array.isArray(states)
    ? {}
    : (states as { times?: ArrayLike<number>; status?: string; message?: string });
  if (meta.status !== undefined && meta.status !== "ok") {
    const reason = `the trajectory ended with status ${meta.status}${meta.message ? ` (${meta.message})` : ""}`;
    return { pass: false, residual: Number.NaN, tolerance, inconclusive: reason, message: reason };
  }
  if (thetas.length === 0) {
    throw new DomainError(
      errorMessage("states", "[]", "must hold at least one state", "Record the trajectory at some times."),
    );
  }
  const q0 = flatten(quantity(thetas[0] as Float64Array));
  const scale = Math.max(norm(q0), floor);
  let worst = 0;
  let worstAt = 0;
  for (let k = 1; k < thetas.length; k++) {
    const q = flatten(quantity(thetas[k] as Float64Array));
    if (q.length !== q0.length) {
      throw new DomainError(
        errorMessage(
          "quantity",
          `size ${q.length}`,
          `must keep its size ${q0.length}`,
          "Return the same shape for every θ.",
        ),
      );
    }
    let s = 0;
    for (let j = 0; j < q.length; j++) s += ((q[j] as number) - (q0[j] as number)) ** 2;
    const drift = Math.sqrt(s) / scale;
    if (!(drift <= worst)) {
      worst = drift; // NaN propagates: a NaN drift can never pass
      worstAt = k;
      if (Number.isNaN(drift)) break;
    }
  }
  const pass = worst <= tolerance;
  const when = meta.times !== undefined ? `t = ${meta.times[worstAt]}` : `state ${worstAt}`;
  return {
    pass,
    residual: worst,
    tolerance,
    message: `largest drift ‖q − q(0)‖/max(‖q(0)‖, ${floor}) = ${formatResidual(worst)} at ${when} ${pass ? "≤" : ">"} ${formatResidual(tolerance)} over ${thetas.length} states`,
  };
}

function flatten(q: number | Float64Array | Matrix | readonly Matrix[]): Float64Array {
  if (typeof q === "number") return Float64Array.of(q);
  if (q instanceof Float64Array) return q;
  if (q instanceof Matrix) return q.data;
  const total = q.reduce((n, m) => n + m.data.length, 0);
  const out = new Float64Array(total);
  let off = 0;
  for (const m of q) {
    out.set(m.data, off);
    off += m.data.length;
  }
  return out;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return Math.sqrt(s);
}

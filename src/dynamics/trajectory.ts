/**
 * The result of a gradient-flow run.
 *
 * @packageDocumentation
 */
import type { IntegrationStats, IntegratorStatus } from "./integration-result.js";

/** A gradient-flow (or gradient-descent) trajectory sampled at its output times. */
export interface Trajectory {
  /** How the run ended (`ok` means `tEnd` was reached). */
  status: IntegratorStatus;
  /** Explanation when `status !== "ok"`. */
  message?: string;
  /** The method that produced it. */
  method: "dopri5" | "rk4" | "gd";
  /** Output times reached (for `gd`: `k·h` of the recorded iterations). */
  times: Float64Array;
  /** `thetas[k]` is θ at `times[k]`. */
  thetas: Float64Array[];
  /** `loss[k] = ℒ(thetas[k])`. */
  loss: Float64Array;
  /** For each observer name, one Float64Array of its `size` values per output time. */
  observations: Record<string, Float64Array[]>;
  /** Time at which the run stopped. */
  t: number;
  /** θ at `t`. */
  theta: Float64Array;
  /** Per-parameter rates η used (`dθ/dt = −η ⊙ ∇ℒ`). */
  rates: Float64Array;
  /** Per-layer rates η_1..η_L when the rates were given per layer or uniformly for a net objective. */
  layerRates?: number[];
  /** Work counters (for `gd`, `accepted` = updates completed, `rejected` = 0). */
  stats: IntegrationStats;
}

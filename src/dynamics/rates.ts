/**
 * How learning rates are specified for gradient flow and gradient descent.
 *
 * @packageDocumentation
 */
import type { LinearNet } from "../model/architecture.js";

/**
 * Learning rates η in `dθ/dt = −η ⊙ ∇ℒ(θ)` (flow) or `θ ← θ − η ⊙ ∇ℒ(θ)` (descent):
 *
 * - a number: the same rate for every parameter;
 * - a `Float64Array` of length `dim`: one rate per parameter;
 * - a `number[]` of length L: one rate per weight matrix `W_1..W_L` (the objective must expose its
 *   `net`, as `LinearNetObjective` does);
 * - `{ net, perLayer }`: per-layer rates with the layer offsets taken from `net`.
 *
 * Every rate must be finite and > 0.
 */
export type RateSpec =
  | number
  | Float64Array
  | readonly number[]
  | { net: LinearNet; perLayer: number | readonly number[] };

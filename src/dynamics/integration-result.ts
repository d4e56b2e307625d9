/**
 * The vocabulary shared by every integrator: the right-hand side, the status and statistics of a run, and
 * its result.
 *
 * @packageDocumentation
 */

/**
 * Right-hand side of an ODE `y' = f(t, y)`: writes `f(t, y)` into `dydt`.
 *
 * @remarks
 * `y` and `dydt` are the integrator's own preallocated buffers and are reused on every call: read `y` and
 * write every entry of `dydt`, but do not keep a reference to either after returning and do not write
 * into `y`.
 */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * How an integration ended.
 *
 * - `ok`: reached `tEnd`.
 * - `max-steps`: the step budget (`maxSteps`) ran out first.
 * - `step-underflow`: the step size the error control asked for fell below `minStep` (or below the
 *   floating-point resolution of `t`): typically a finite-time blow-up or a singular right-hand side.
 * - `non-finite`: the right-hand side returned NaN/±∞ at the current state (or, for fixed-step methods,
 *   the state became non-finite).
 * - `diverged`: ‖y‖∞ exceeded `divergenceThreshold`.
 */
export type IntegratorStatus = "ok" | "max-steps" | "step-underflow" | "non-finite" | "diverged";

/** Work done by an integration. */
export interface IntegrationStats {
  /** Number of right-hand-side evaluations (including those of the initial-step heuristic). */
  evaluations: number;
  /** Accepted steps. */
  accepted: number;
  /** Rejected steps (error too large, or a non-finite stage that forced a smaller step). */
  rejected: number;
}

/** The outcome of an integration. Never throws for numerical trouble: read {@link IntegrationResult.status}. */
export interface IntegrationResult {
  /** How the run ended; anything but `ok` means `t < tEnd`. */
  status: IntegratorStatus;
  /** Human-readable explanation when `status !== "ok"`. */
  message?: string;
  /** Output times actually reached, a prefix of the requested output times. */
  times: Float64Array;
  /** `states[k]` is the solution at `times[k]` (fresh arrays owned by the caller). */
  states: Float64Array[];
  /** Time at which the integration stopped (`tEnd` when `status === "ok"`). */
  t: number;
  /** State at `t` (a fresh array owned by the caller). */
  y: Float64Array;
  /** Work counters. */
  stats: IntegrationStats;
}

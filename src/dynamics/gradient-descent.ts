/**
 * Plain gradient descent `θ ← θ − η ⊙ ∇ℒ(θ)` with per-parameter or per-layer rates.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import type { Objective } from "../model/objective.js";
import { countOption, isAllFinite, maxAbs, positiveOption } from "./_internals/integration-setup.js";
import { resolveRates } from "./_internals/rates.js";
import type { RateSpec } from "./rates.js";

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** Learning rate(s) η: a number, per-parameter, per-layer (see {@link RateSpec}). */
  lr: RateSpec;
  /** Number of updates (≥ 1). */
  steps: number;
  /**
   * Which iterates to record: every k-th (a number k ≥ 1; iterate 0 and the last one are always included),
   * or an explicit non-decreasing list of iteration indices in `[0, steps]`.
   * @defaultValue 1 (every iterate)
   */
  record?: number | readonly number[];
  /**
   * The run stops with status `diverged` as soon as ‖θ‖∞ exceeds this.
   * @defaultValue 1e100
   */
  divergenceThreshold?: number;
  /**
   * Called after every update with the iteration index k ≥ 1 and θ_k (the solver's buffer: read only).
   * @defaultValue undefined
   */
  onStep?: (k: number, theta: Float64Array) => void;
}

/** Outcome of {@link gradientDescent}. */
export interface GradientDescentResult {
  /** `ok`, or why the run stopped early. */
  status: "ok" | "non-finite" | "diverged";
  /** Explanation when `status !== "ok"`. */
  message?: string;
  /** Recorded iteration indices (a prefix of the requested ones). */
  iterations: Float64Array;
  /** `thetas[j]` is θ at `iterations[j]` (fresh arrays). */
  thetas: Float64Array[];
  /** `loss[j] = ℒ(thetas[j])`. */
  loss: Float64Array;
  /** Number of updates completed. */
  completed: number;
  /** Final iterate θ_completed (fresh array). */
  theta: Float64Array;
  /** Objective evaluations (value and gradient). */
  stats: { evaluations: number };
}

/**
 * Runs `steps` updates `θ_{k+1} = θ_k − η ⊙ ∇ℒ(θ_k)`. The loss recorded with θ_k is the one computed for
 * its update, so recording costs no extra evaluation (one more at the end for the last iterate). Buffers
 * are allocated once; an update allocates nothing (recorded iterates are copied into storage allocated up
 * front). Non-finite loss/gradient/iterate → `non-finite`; ‖θ‖∞ past the threshold → `diverged`.
 *
 * @example
 * ```ts
 * const run = gradientDescent(objective, theta0, { lr: 0.01, steps: 1000, record: 100 });
 * ```
 */
export function gradientDescent(
  objective: Objective,
  theta0: Float64Array,
  options: GradientDescentOptions,
): GradientDescentResult {
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
  if (!isAllFinite(theta0)) {
    throw new DomainError(errorMessage("theta0", theta0, "must be finite", "Replace NaN/±Infinity entries."));
  }
  const steps = countOption("steps", options.steps, 1);
  const lr = resolveRates("lr", options.lr, objective).perParameter;
  const threshold = positiveOption(
    "divergenceThreshold",
    options.divergenceThreshold,
    1e100,
    "Pass a positive bound on ‖θ‖∞ (Infinity to disable).",
  );
  const wanted = recordIndices(options.record, steps);
  const thetas = wanted.map(() => new Float64Array(dim));
  const loss = new Float64Array(wanted.length);
  const theta = theta0.slice();
  const grad = new Float64Array(dim);
  const stats = { evaluations: 0 };
  let next = 0;
  let k = 0;

  const finish = (status: GradientDescentResult["status"], message?: string): GradientDescentResult => {
    const result: GradientDescentResult = {
      status,
      iterations: Float64Array.from(wanted.slice(0, next)),
      thetas: thetas.slice(0, next),
      loss: loss.slice(0, next),
      completed: k,
      theta: theta.slice(),
      stats,
    };
    if (message !== undefined) result.message = message;
    return result;
  };

  for (;;) {
    const value = objective.valueAndGradient(theta, grad);
    stats.evaluations++;
    const finite = Number.isFinite(value) && isAllFinite(grad);
    while (next < wanted.length && wanted[next] === k) {
      if (!finite) break;
      (thetas[next] as Float64Array).set(theta);
      loss[next] = value;
      next++;
    }
    if (!finite) {
      return finish("non-finite", `The loss or its gradient is non-finite at iteration ${k} (loss = ${value}).`);
    }
    if (k === steps) return finish("ok");
    for (let j = 0; j < dim; j++) theta[j] = (theta[j] as number) - (lr[j] as number) * (grad[j] as number);
    k++;
    const size = maxAbs(theta);
    if (Number.isNaN(size) || !isAllFinite(theta)) {
      return finish("non-finite", `θ became non-finite at iteration ${k}.`);
    }
    if (size > threshold) {
      return finish(
        "diverged",
        `‖θ‖∞ = ${size} exceeded divergenceThreshold = ${threshold} at iteration ${k}: lower the learning rate.`,
      );
    }
    options.onStep?.(k, theta);
  }
}

function recordIndices(record: number | readonly number[] | undefined, steps: number): number[] {
  if (record === undefined || typeof record === "number") {
    const every = countOption("record", record, 1);
    const out: number[] = [];
    for (let k = 0; k <= steps; k += every) out.push(k);
    if (out[out.length - 1] !== steps) out.push(steps);
    return out;
  }
  if (!Array.isArray(record)) {
    throw new ShapeError(
      errorMessage(
        "record",
        record,
        "must be a number or an array of iteration indices",
        "Pass e.g. 10 or [0, 5, 100].",
      ),
    );
  }
  record.forEach((k, j) => {
    if (!Number.isInteger(k) || k < 0 || k > steps) {
      throw new DomainError(
        errorMessage(
          `record[${j}]`,
          k,
          `must be an integer in [0, steps = ${steps}]`,
          "Drop indices past the last step.",
        ),
      );
    }
    if (j > 0 && k < (record[j - 1] as number)) {
      throw new DomainError(errorMessage(`record[${j}]`, k, `must be ≥ record[${j - 1}]`, "Sort the indices."));
    }
  });
  return [...record];
}

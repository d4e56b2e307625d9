/**
 * Second-order test of a local minimum with the exact gradient and Hessian: ‖∇ℒ(θ)‖ small and the
 * Hessian's smallest eigenvalue positive (strict) or not negative beyond a tolerance (necessary condition).
 *
 * @packageDocumentation
 */
import { formatResidual } from "../../claims/format-value.js";
import { symmetricEigen } from "../../core/eigen.js";
import type { Matrix } from "../../core/matrix.js";
import type { CheckOutcome } from "./outcome.js";

/** An objective with an exact Hessian (e.g. `LinearNetObjective`). */
export interface HessianObjective {
  readonly dim: number;
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
  hessian(theta: Float64Array): Matrix;
}

/** Options of {@link checkLocalMinimum}. */
export interface LocalMinimumOptions {
  /** Bound on the gradient norm ‖∇ℒ(θ)‖₂ (absolute). @defaultValue 1e-8 */
  readonly gradientTolerance?: number;
  /** Eigenvalue threshold ε (see `strict`). @defaultValue 1e-8 */
  readonly eigenvalueTolerance?: number;
  /**
   * `true`: require λ_min(H) ≥ ε, the sufficient condition for a strict local minimum. `false`: require
   * only λ_min(H) ≥ −ε, the second-order necessary condition (which a degenerate saddle can also meet, e.g.
   * the origin of a deep net at γ = 0 where H = 0).
   * @defaultValue true
   */
  readonly strict?: boolean;
}

/**
 * Tests θ for a local minimum of `objective`. The residual is the normalised excess over the bounds,
 * `max(0, ‖∇ℒ‖/g_tol − 1, (ε − λ_min)/ε)` (strict) or with `(−ε − λ_min)/ε` (non-strict), and the tolerance
 * is 0: the check passes iff both conditions hold. The message gives ‖∇ℒ‖ and λ_min.
 */
export function checkLocalMinimum(
  objective: HessianObjective,
  theta: Float64Array,
  options: LocalMinimumOptions = {},
): CheckOutcome {
  const gTol = options.gradientTolerance ?? 1e-8;
  const eTol = options.eigenvalueTolerance ?? 1e-8;
  const strict = options.strict ?? true;
  const grad = new Float64Array(objective.dim);
  objective.valueAndGradient(theta, grad);
  let g2 = 0;
  for (let k = 0; k < grad.length; k++) g2 += (grad[k] as number) ** 2;
  const gNorm = Math.sqrt(g2);
  const values = symmetricEigen(objective.hessian(theta)).values;
  const lambdaMin = values.length > 0 ? (values[0] as number) : 0;
  const threshold = strict ? eTol : -eTol;
  const residual = Math.max(0, gNorm / gTol - 1, (threshold - lambdaMin) / eTol);
  const pass = residual <= 0;
  const gOk = gNorm <= gTol;
  const hOk = lambdaMin >= threshold;
  const what = strict ? "a strict local minimum" : "second-order stationary (λ_min ≥ −ε)";
  return {
    pass,
    residual,
    tolerance: 0,
    message: `${pass ? "is" : "is not"} ${what}: ‖∇ℒ‖ = ${formatResidual(gNorm)} ${gOk ? "≤" : ">"} ${formatResidual(gTol)}, λ_min(H) = ${formatResidual(lambdaMin)} ${hOk ? "≥" : "<"} ${formatResidual(threshold)}`,
  };
}

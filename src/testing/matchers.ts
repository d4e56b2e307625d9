/**
 * `lindyn/testing/matchers`: vitest matchers for deep-linear-network tests. Importing this module registers
 * them with `expect.extend` and adds their types to vitest's `Assertion`:
 *
 * ```ts
 * import "lindyn/testing/matchers";
 * expect(P).toBeCloseToMatrix(Pstar, { relTol: 1e-8 });
 * expect(trajectory).toConserve((θ) => imbalances(net, θ), { tolerance: 1e-8 });
 * expect(theta).toBeLocalMinimum(objective);
 * expect((t) => closedForm(t)).toSatisfyFlow(objective, { times: [0.5, 1, 2] });
 * ```
 *
 * Each matcher wraps a check from `lindyn/testing` ({@link checkCloseToMatrix}, {@link checkConserved},
 * {@link checkLocalMinimum}, {@link checkFlow}) and prints its message, with the residual and tolerance,
 * on failure. Requires vitest (a peer of this module only).
 *
 * @packageDocumentation
 */
import { expect } from "vitest";
import { type CloseToMatrixOptions, checkCloseToMatrix, type MatrixLike } from "./checks/close-to-matrix.js";
import { type ConserveOptions, checkConserved, type Quantity, type StatesLike } from "./checks/conserve.js";
import { checkLocalMinimum, type HessianObjective, type LocalMinimumOptions } from "./checks/local-minimum.js";
import type { CheckOutcome } from "./checks/outcome.js";
import { checkFlow, type FlowOptions, type GradientObjective } from "./checks/satisfy-flow.js";

/** The lindyn matchers' signatures (merged into vitest's `Assertion`). */
export interface LindynMatchers<R = unknown> {
  /** Frobenius closeness: ‖received − expected‖_F ≤ max(relTol·‖expected‖_F, absTol); relTol 1e-10 by default. */
  toBeCloseToMatrix(expected: MatrixLike, options?: CloseToMatrixOptions): R;
  /** Received states or trajectory keep `quantity` at its initial value (relative drift ≤ 1e-8 by default). */
  toConserve(quantity: Quantity, options?: ConserveOptions): R;
  /** Received θ is a (strict, by default) local minimum of `objective` by the exact gradient and Hessian. */
  toBeLocalMinimum(objective: HessianObjective, options?: LocalMinimumOptions): R;
  /** Received `t ↦ θ(t)` solves dθ/dt = −η∇ℒ(θ) at `options.times` (relative defect ≤ 1e-6 by default). */
  toSatisfyFlow(objective: GradientObjective, options: FlowOptions): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares Matchers<T = any>; the merge must match it
  interface Matchers<T = any> extends LindynMatchers<T> {}
}

function result(name: string, outcome: CheckOutcome, isNot: boolean) {
  return {
    pass: outcome.pass,
    message: () =>
      isNot
        ? `expected the check ${name} to fail, but it passed: ${outcome.message}`
        : `${name} failed: ${outcome.inconclusive ? `inconclusive: ${outcome.inconclusive}` : outcome.message}`,
    actual: outcome.residual,
    expected: outcome.tolerance,
  };
}

expect.extend({
  toBeCloseToMatrix(received: MatrixLike, expected: MatrixLike, options?: CloseToMatrixOptions) {
    return result("toBeCloseToMatrix", checkCloseToMatrix(received, expected, options), this.isNot);
  },
  toConserve(received: StatesLike, quantity: Quantity, options?: ConserveOptions) {
    return result("toConserve", checkConserved(received, quantity, options), this.isNot);
  },
  toBeLocalMinimum(received: Float64Array, objective: HessianObjective, options?: LocalMinimumOptions) {
    return result("toBeLocalMinimum", checkLocalMinimum(objective, received, options), this.isNot);
  },
  toSatisfyFlow(received: (t: number) => ArrayLike<number>, objective: GradientObjective, options: FlowOptions) {
    return result("toSatisfyFlow", checkFlow(received, objective, options), this.isNot);
  },
});

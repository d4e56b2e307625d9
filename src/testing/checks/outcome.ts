/**
 * What lindyn's test checks return: pass or fail with a message, plus the residual and tolerance behind
 * the decision. It is also a valid case result for property claims (`{ residual, tolerance }`, or
 * `{ inconclusive }` when the check could not decide), so the same check serves vitest matchers and the
 * catalogue.
 *
 * @packageDocumentation
 */

/** The result of a check such as {@link checkCloseToMatrix}. */
export interface CheckOutcome {
  readonly pass: boolean;
  /** Why it passed or failed, with the numbers. */
  readonly message: string;
  /** The measured quantity; the check passes iff `residual ≤ tolerance`. */
  readonly residual: number;
  readonly tolerance: number;
  /** Set when the check could not decide (e.g. the trajectory's integrator failed); `pass` is then false. */
  readonly inconclusive?: string;
}

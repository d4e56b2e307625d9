/**
 * Helpers shared by the derivations (not exported from the package).
 *
 * @packageDocumentation
 */
import { ConvergenceError } from "../../core/errors.js";
import type { IdentityCheck } from "../engine.js";
import type { DerivationStep } from "../formula.js";

/** A `check` step carrying the evidence of an identity check. */
export function checkStep(description: string, check: IdentityCheck): DerivationStep {
  const { status, points, worstResidual, tolerance, seed } = check;
  return { description, by: "check", check: { status, points, worstResidual, tolerance, seed } };
}

/**
 * Requires an identity check to have passed (proved by the engine, or confirmed numerically when
 * `allowNumeric`).
 * @throws ConvergenceError otherwise: a derivation step did not hold and its result must not be used
 */
export function requireProved(check: IdentityCheck, what: string, allowNumeric = false): IdentityCheck {
  if (check.status === "proved" || (allowNumeric && check.status === "numeric")) return check;
  throw new ConvergenceError(
    `derivation step "${what}" did not check out (status ${check.status}, worst relative residual ` +
      `${check.worstResidual} against ${check.tolerance}, engine difference ${check.engineDifference}` +
      `${check.counterexample !== undefined ? `, counterexample ${JSON.stringify(check.counterexample)}` : ""}).`,
  );
}

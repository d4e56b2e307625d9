/**
 * Checks shared by the ReLU regime sweeps, whose nets use antisymmetric pairs of hidden units.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";

/**
 * Widths must be even integers ≥ 2 (units come in antisymmetric pairs so that f₀ ≡ 0) and the loss
 * tolerance > 0.
 *
 * @param example - widths to suggest in the message
 */
export function checkPairedWidthsAndTolerance(widths: readonly number[], lossTol: number, example: string): void {
  for (const w of widths) {
    if (!Number.isInteger(w) || w < 2 || w % 2 !== 0) {
      throw new DomainError(
        errorMessage("widths", widths, "must be even integers ≥ 2 (antisymmetric pairs)", `Use e.g. ${example}.`),
      );
    }
  }
  if (!(lossTol > 0)) {
    throw new DomainError(errorMessage("lossTol", lossTol, "must be > 0", "Use e.g. 1e-7."));
  }
}

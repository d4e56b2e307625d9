import { DomainError, errorMessage } from "../../../core/errors.js";
import type { GridConstraints } from "../grid.js";

/** Resolves grid constraints into integer bounds k/denominator ∈ [min, max]; shared by the arbitraries. */
export function gridRange(
  name: string,
  constraints: GridConstraints,
  defaults: Required<GridConstraints>,
): { kMin: number; kMax: number; denominator: number } {
  const denominator = constraints.denominator ?? defaults.denominator;
  const min = constraints.min ?? defaults.min;
  const max = constraints.max ?? defaults.max;
  if (!Number.isInteger(denominator) || denominator < 1) {
    throw new DomainError(
      errorMessage(`${name}.denominator`, denominator, "must be an integer ≥ 1", "Use a power of two such as 8 or 16."),
    );
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new DomainError(errorMessage(`${name}.min/max`, [min, max], "must be finite", "Pass finite bounds."));
  }
  const kMin = Math.ceil(min * denominator - 1e-9);
  const kMax = Math.floor(max * denominator + 1e-9);
  if (kMin > kMax) {
    throw new DomainError(
      errorMessage(
        `${name}.min/max`,
        [min, max],
        `must contain a point of the grid 1/${denominator}`,
        "Widen the range or refine the denominator.",
      ),
    );
  }
  return { kMin, kMax, denominator };
}

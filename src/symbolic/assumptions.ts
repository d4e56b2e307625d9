/**
 * Assumptions on the symbols of a derivation: signs, ranges, integrality and relations. They are stated
 * with every derived formula and they define where the random checking points are drawn.
 *
 * @packageDocumentation
 */
import { symbolNotation } from "./symbols.js";

/** What is assumed about one symbol, or a relation between several. */
export type Assumption =
  | { readonly kind: "positive"; readonly symbol: string }
  | { readonly kind: "nonnegative"; readonly symbol: string }
  | { readonly kind: "real"; readonly symbol: string }
  /** An integer in [min, max]. */
  | { readonly kind: "integer"; readonly symbol: string; readonly min: number; readonly max: number }
  /** A real number in the open interval (min, max). */
  | { readonly kind: "range"; readonly symbol: string; readonly min: number; readonly max: number }
  /** A relation between symbols (checking points that violate it are discarded). */
  | {
      readonly kind: "relation";
      readonly text: string;
      readonly holds: (scope: Readonly<Record<string, number>>) => boolean;
    };

/** Shorthands. */
export const assume = {
  positive: (...symbols: string[]): Assumption[] => symbols.map((symbol) => ({ kind: "positive", symbol })),
  nonnegative: (...symbols: string[]): Assumption[] => symbols.map((symbol) => ({ kind: "nonnegative", symbol })),
  real: (...symbols: string[]): Assumption[] => symbols.map((symbol) => ({ kind: "real", symbol })),
  integer: (symbol: string, min: number, max: number): Assumption => ({ kind: "integer", symbol, min, max }),
  range: (symbol: string, min: number, max: number): Assumption => ({ kind: "range", symbol, min, max }),
  relation: (text: string, holds: (scope: Readonly<Record<string, number>>) => boolean): Assumption => ({
    kind: "relation",
    text,
    holds,
  }),
};

/** Plain-text statement of an assumption, e.g. `A > 0`, `L ∈ {3, …, 12}`. */
export function describeAssumption(assumption: Assumption): string {
  if (assumption.kind === "relation") return assumption.text;
  const s = symbolNotation(assumption.symbol).text;
  switch (assumption.kind) {
    case "positive":
      return `${s} > 0`;
    case "nonnegative":
      return `${s} ≥ 0`;
    case "real":
      return `${s} ∈ ℝ`;
    case "integer":
      return `${s} ∈ {${assumption.min}, …, ${assumption.max}}`;
    case "range":
      return `${assumption.min} < ${s} < ${assumption.max}`;
  }
}

/**
 * Architectures of deep linear networks as width lists `[d0, d1, …, dL]` (depth L = number of weight
 * matrices, DESIGN.md). Plain integer arrays print and shrink readably; build the net with
 * `new LinearNet(widths)`.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { resolveWidths } from "./_internals/widths-ranges.js";

/** An inclusive integer range. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Constraints of {@link widthsArb}. */
export interface WidthsConstraints {
  /** Depth L (number of weight matrices), ≥ 1. @defaultValue `{ min: 2, max: 4 }` */
  readonly depth?: number | IntRange;
  /** Hidden widths d1..d_{L−1}. @defaultValue `{ min: 1, max: 4 }` */
  readonly hidden?: number | IntRange;
  /** Input dimension d0. @defaultValue `{ min: 1, max: 3 }` */
  readonly input?: number | IntRange;
  /** Output dimension dL. @defaultValue `{ min: 1, max: 3 }` */
  readonly output?: number | IntRange;
}

/**
 * Width lists `[d0, …, dL]`. Shrinks towards the shallowest net (fewer hidden layers first) and width 1
 * everywhere.
 *
 * @throws DomainError for ranges that are empty or not made of positive integers
 * @example `widthsArb({ depth: { min: 3, max: 5 }, output: 1 })`
 */
export function widthsArb(constraints: WidthsConstraints = {}): fc.Arbitrary<number[]> {
  const { depth, hidden, input, output } = resolveWidths(constraints);
  return fc
    .tuple(
      fc.integer(input),
      fc.array(fc.integer(hidden), { minLength: depth.min - 1, maxLength: depth.max - 1 }),
      fc.integer(output),
    )
    .map(([d0, h, dL]) => [d0, ...h, dL]);
}

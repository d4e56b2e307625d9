/**
 * Random initialisations described by a recipe (kind, seed, scale on a k/16 grid), so that a counterexample
 * reads `gaussian(seed 3, scale 1/4)` and is reproducible with lindyn's own initialisers.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { formatNumber } from "../../claims/format-value.js";
import { Rng } from "../../core/rng.js";
import type { LinearNet } from "../../model/architecture.js";
import { initBalanced, initGaussian, initOrthogonal } from "../../model/init.js";
import { type GridConstraints, gridArb } from "./grid.js";

/** The initialisers an {@link InitCase} can use (lindyn's `initGaussian`, `initOrthogonal`, `initBalanced`). */
export type InitKind = "gaussian" | "orthogonal" | "balanced";

/** A reproducible initialisation recipe. */
export class InitCase {
  readonly kind: InitKind;
  readonly seed: number;
  /** Entry standard deviation (gaussian), layer scale (orthogonal) or singular-value scale (balanced). */
  readonly scale: number;

  constructor(kind: InitKind, seed: number, scale: number) {
    this.kind = kind;
    this.seed = seed;
    this.scale = scale;
  }

  /** θ for `net` (a fresh `Rng(seed)` each call, so the same recipe gives the same θ). */
  theta(net: LinearNet): Float64Array {
    const rng = new Rng(this.seed);
    if (this.kind === "gaussian") return initGaussian(net, rng, this.scale);
    if (this.kind === "orthogonal") return initOrthogonal(net, rng, this.scale);
    return initBalanced(net, rng, this.scale);
  }

  /** `gaussian(seed 3, scale 1/4)`. */
  [fc.toStringMethod](): string {
    return `${this.kind}(seed ${this.seed}, scale ${formatNumber(this.scale)})`;
  }
}

/** Constraints of {@link initArb}. */
export interface InitConstraints {
  /** Kinds to draw from (shrinks towards the first). @defaultValue `["gaussian", "orthogonal", "balanced"]` */
  readonly kinds?: readonly InitKind[];
  /** Grid of the scale. @defaultValue `{ denominator: 16, min: 1/16, max: 1 }` */
  readonly scale?: GridConstraints;
  /** Largest seed. @defaultValue 1000 */
  readonly maxSeed?: number;
}

/** Initialisation recipes; shrinks towards the first kind, seed 0 and the smallest scale. */
export function initArb(constraints: InitConstraints = {}): fc.Arbitrary<InitCase> {
  const kinds = constraints.kinds ?? (["gaussian", "orthogonal", "balanced"] as const);
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      seed: fc.integer({ min: 0, max: constraints.maxSeed ?? 1000 }),
      scale: gridArb({ denominator: 16, min: 1 / 16, max: 1, ...constraints.scale }),
    })
    .map(({ kind, seed, scale }) => new InitCase(kind, seed, scale));
}

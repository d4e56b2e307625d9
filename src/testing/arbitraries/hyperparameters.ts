/**
 * Hyperparameters on small grids: weight decay γ (k/16), stochastic-neuron variances σ² (k/16), layer rates
 * (k/4), and whole loss options (`{ c, gamma, noise }` as taken by `LinearNetObjective`).
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { type GridConstraints, gridArb } from "./grid.js";

/** One weight decay γ = k/16 in [0, 1/2] unless constrained. Shrinks towards 0. */
export function gammaArb(constraints: GridConstraints = {}): fc.Arbitrary<number> {
  return gridArb({ denominator: 16, min: 0, max: 1 / 2, ...constraints });
}

/** Per-layer weight decays γ_1..γ_L (length `depth`), each as {@link gammaArb}. */
export function perLayerGammaArb(depth: number, constraints: GridConstraints = {}): fc.Arbitrary<number[]> {
  return fc.array(gammaArb(constraints), { minLength: depth, maxLength: depth });
}

/** Stochastic-neuron variances σ_1²..σ_{L−1}² (one per hidden layer), k/16 in [0, 1] unless constrained. */
export function noiseArb(depth: number, constraints: GridConstraints = {}): fc.Arbitrary<number[]> {
  const n = Math.max(0, depth - 1);
  return fc.array(gridArb({ denominator: 16, min: 0, max: 1, ...constraints }), { minLength: n, maxLength: n });
}

/** Per-layer gradient-flow rates η_1..η_L, k/4 in [1/4, 2] unless constrained. Shrinks towards 1/4. */
export function layerRatesArb(depth: number, constraints: GridConstraints = {}): fc.Arbitrary<number[]> {
  return fc.array(gridArb({ denominator: 4, min: 1 / 4, max: 2, ...constraints }), {
    minLength: depth,
    maxLength: depth,
  });
}

/** Generated loss options; every field present, arrays expanded per layer. */
export interface GeneratedLoss {
  readonly c: 1 | 0.5;
  /** γ_1..γ_L. */
  readonly gamma: number[];
  /** σ_1²..σ_{L−1}². */
  readonly noise: number[];
}

/** Constraints of {@link lossOptionsArb}. */
export interface LossConstraints {
  /**
   * Weight-decay grid, or `false` for γ = 0 everywhere.
   * @defaultValue `{ denominator: 16, min: 0, max: 1/2 }`
   */
  readonly gamma?: GridConstraints | false;
  /** One γ for all layers (`"shared"`) or one per layer (`"per-layer"`). @defaultValue "per-layer" */
  readonly gammaMode?: "shared" | "per-layer";
  /** Noise grid, or `false` for no stochastic neurons. @defaultValue false */
  readonly noise?: GridConstraints | false;
  /** Loss factors to draw from. @defaultValue [1] */
  readonly c?: readonly (1 | 0.5)[];
}

/** Loss options `{ c, gamma, noise }` for a net of the given depth. */
export function lossOptionsArb(depth: number, constraints: LossConstraints = {}): fc.Arbitrary<GeneratedLoss> {
  const zeros = (n: number) => fc.constant(new Array<number>(n).fill(0));
  const gammaGrid = constraints.gamma ?? {};
  const gamma =
    gammaGrid === false
      ? zeros(depth)
      : constraints.gammaMode === "shared"
        ? gammaArb(gammaGrid).map((g) => new Array<number>(depth).fill(g))
        : perLayerGammaArb(depth, gammaGrid);
  const noiseGrid = constraints.noise ?? false;
  const noise = noiseGrid === false ? zeros(Math.max(0, depth - 1)) : noiseArb(depth, noiseGrid);
  const c = fc.constantFrom(...(constraints.c ?? [1 as const]));
  return fc.record({ c, gamma, noise });
}

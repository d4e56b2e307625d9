/**
 * A whole deep-linear-network setting in one value: widths, data moments, loss options (γ per layer,
 * stochastic neurons, c) and a starting point on a grid. What most catalogue properties quantify over.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { formatValue } from "../../claims/format-value.js";
import { Matrix } from "../../core/matrix.js";
import { LinearNet } from "../../model/architecture.js";
import type { Moments } from "../../model/moments.js";
import { LinearNetObjective } from "../../model/objective.js";
import {
  buildSampleMoments,
  buildWhitenedMoments,
  sampleRecipeArb,
  whitenedRecipeArb,
} from "./_internals/moments-recipes.js";
import { resolveWidths } from "./_internals/widths-ranges.js";
import { type WidthsConstraints, widthsArb } from "./architecture.js";
import type { GridConstraints } from "./grid.js";
import { type GeneratedLoss, type LossConstraints, lossOptionsArb } from "./hyperparameters.js";
import type { SampleMomentsConstraints, WhitenedMomentsConstraints } from "./moments.js";
import type { MomentsCase } from "./moments-case.js";
import { weightsArb } from "./weights.js";

/** A generated setting. Derived objects (net, moments, objective) are built once, on demand. */
export class LinearSetting {
  readonly widths: readonly number[];
  readonly data: MomentsCase;
  readonly loss: GeneratedLoss;
  /** W_1..W_L as rows (entries on the weights grid). */
  readonly weights: readonly (readonly (readonly number[])[])[];
  private cache: { net?: LinearNet; objective?: LinearNetObjective; theta?: Float64Array } = {};

  constructor(
    widths: readonly number[],
    data: MomentsCase,
    loss: GeneratedLoss,
    weights: readonly (readonly (readonly number[])[])[],
  ) {
    this.widths = widths;
    this.data = data;
    this.loss = loss;
    this.weights = weights;
  }

  /** `new LinearNet(widths)`. */
  get net(): LinearNet {
    this.cache.net ??= new LinearNet(this.widths);
    return this.cache.net;
  }

  /** The validated data moments. */
  get moments(): Moments {
    return this.data.moments;
  }

  /** The exact objective of this setting (one shared instance: not for concurrent use). */
  get objective(): LinearNetObjective {
    this.cache.objective ??= new LinearNetObjective(this.net, this.moments, this.loss);
    return this.cache.objective;
  }

  /** A fresh copy of θ packed from {@link weights} (safe to integrate in place). */
  theta(): Float64Array {
    this.cache.theta ??= this.net.pack(this.weights.map((w) => Matrix.fromRows(w)));
    return this.cache.theta.slice();
  }

  /** Readable description: `{ widths [2, 1, 1], data samples(…), γ [1/16, 0], W [[[1/2, 0]], [[1]]] }`. */
  [fc.toStringMethod](): string {
    const noise = this.loss.noise.some((s) => s !== 0) ? `, σ² ${formatValue(this.loss.noise)}` : "";
    const c = this.loss.c === 1 ? "" : `, c ${formatValue(this.loss.c)}`;
    return `{ widths ${formatValue(this.widths)}, data ${this.data.recipe}${c}, γ ${formatValue(this.loss.gamma)}${noise}, W ${formatValue(this.weights)} }`;
  }
}

/** Constraints of {@link linearSettingArb}. */
export interface LinearSettingConstraints {
  /** @defaultValue depths 2–4, hidden widths 1–4, input and output 1–3 */
  readonly widths?: WidthsConstraints;
  /**
   * `"samples"` (integer samples plus input noise; κ(Σxx) ≤ 100) or `"whitened"` (Σxx = I).
   * @defaultValue "samples"
   */
  readonly data?: "samples" | "whitened";
  readonly samples?: SampleMomentsConstraints;
  readonly whitened?: WhitenedMomentsConstraints;
  /** @defaultValue per-layer γ on k/16 in [0, 1/2], no noise, c = 1 */
  readonly loss?: LossConstraints;
  /** Grid of the weights. @defaultValue `{ denominator: 4, min: -1, max: 1 }` */
  readonly weights?: GridConstraints;
}

/**
 * Whole settings. Every component is generated for the largest allowed net and cut down to the drawn
 * widths, so that all parts shrink independently: towards shallow, narrow nets, zero data, zero weights
 * and γ = 0.
 */
export function linearSettingArb(constraints: LinearSettingConstraints = {}): fc.Arbitrary<LinearSetting> {
  const ranges = resolveWidths(constraints.widths);
  const maxDepth = ranges.depth.max;
  const maxWidth = Math.max(ranges.hidden.max, ranges.input.max, ranges.output.max);
  const data =
    constraints.data === "whitened"
      ? whitenedRecipeArb(ranges.input.max, ranges.output.max, constraints.whitened ?? {}).map(
          (r) => (d0: number, dL: number) => buildWhitenedMoments(r, d0, dL),
        )
      : sampleRecipeArb(ranges.input.max, ranges.output.max, constraints.samples ?? {}).map(
          (r) => (d0: number, dL: number) => buildSampleMoments(r, d0, dL),
        );
  return fc
    .record({
      widths: widthsArb(constraints.widths),
      data,
      loss: lossOptionsArb(maxDepth, constraints.loss),
      weights: weightsArb(new Array<number>(maxDepth + 1).fill(maxWidth), constraints.weights),
    })
    .map(({ widths, data, loss, weights }) => {
      const L = widths.length - 1;
      const cut: GeneratedLoss = { c: loss.c, gamma: loss.gamma.slice(0, L), noise: loss.noise.slice(0, L - 1) };
      const W = Array.from({ length: L }, (_, i) =>
        (weights[i] as number[][]).slice(0, widths[i + 1]).map((row) => row.slice(0, widths[i])),
      );
      return new LinearSetting(widths, data(widths[0] as number, widths[L] as number), cut, W);
    });
}

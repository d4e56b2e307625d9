/**
 * Generated settings for the Ziyin et al. claims: deep linear nets of depth 2–5, hidden widths 1–4, input
 * dimension 1–3, per-layer weight decay on a k/16 grid, with and without stochastic neurons (σ² on k/16),
 * data from integer samples (entries in [−3, 3], κ(Σxx) ≤ 100), so that shrunk counterexamples are readable.
 *
 * @packageDocumentation
 */
import fc from "fast-check";
import { formatValue } from "../../src/claims/format-value.js";
import type { IntRange } from "../../src/testing/arbitraries/architecture.js";
import type { GridConstraints } from "../../src/testing/arbitraries/grid.js";
import { type LinearSetting, linearSettingArb } from "../../src/testing/arbitraries/setting.js";

/** Options of {@link ziyinSettingArb}. */
export interface ZiyinSettingOptions {
  /** @defaultValue `{ min: 2, max: 5 }` */
  readonly depth?: number | IntRange;
  /** @defaultValue `{ min: 1, max: 4 }` */
  readonly hidden?: number | IntRange;
  /** @defaultValue `{ min: 1, max: 3 }` */
  readonly input?: number | IntRange;
  /** @defaultValue 1 (the paper's scalar output) */
  readonly output?: number | IntRange;
  /** `"both"`: half the cases with stochastic neurons. @defaultValue "both" */
  readonly noise?: "both" | "none" | "always";
  /** @defaultValue `{ denominator: 16, min: 1/16, max: 1/2 }` (γ > 0 in every layer) */
  readonly gamma?: GridConstraints;
  /** @defaultValue "per-layer" */
  readonly gammaMode?: "shared" | "per-layer";
  /** `"samples"` (integer samples) or `"whitened"`. @defaultValue "samples" */
  readonly data?: "samples" | "whitened";
}

/** Settings as described in the module documentation. The weights of the setting are not used (all zero). */
export function ziyinSettingArb(options: ZiyinSettingOptions = {}): fc.Arbitrary<LinearSetting> {
  const base = (noise: boolean) =>
    linearSettingArb({
      widths: {
        depth: options.depth ?? { min: 2, max: 5 },
        hidden: options.hidden ?? { min: 1, max: 4 },
        input: options.input ?? { min: 1, max: 3 },
        output: options.output ?? 1,
      },
      data: options.data ?? "samples",
      samples: { maxEntry: 3 },
      loss: {
        gamma: options.gamma ?? { denominator: 16, min: 1 / 16, max: 1 / 2 },
        gammaMode: options.gammaMode ?? "per-layer",
        noise: noise ? { denominator: 16, min: 1 / 16, max: 1 } : false,
      },
      weights: { denominator: 1, min: 0, max: 0 },
    });
  const mode = options.noise ?? "both";
  if (mode === "none") return base(false);
  if (mode === "always") return base(true);
  return fc.oneof(base(false), base(true));
}

/** Prints a setting without its (unused) weights: `{ widths [2, 3, 1], data samples(…), γ [1/8, 1/4], σ² [1/2] }`. */
export function formatSetting(s: LinearSetting): string {
  const noise = s.loss.noise.some((x) => x !== 0) ? `, σ² ${formatValue(s.loss.noise)}` : "";
  return `{ widths ${formatValue(s.widths)}, data ${s.data.recipe}, γ ${formatValue(s.loss.gamma)}${noise} }`;
}

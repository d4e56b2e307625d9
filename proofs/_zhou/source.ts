/**
 * Shared source, families and settings of the Zhou et al. 2022 three-layer claims.
 */
import type { ThreeLayerFamily } from "../../src/model/nonlinear/three-layer/layer-slopes.js";

export const ZHOU_SOURCE = {
  paper:
    'Zhou, Zhou, Luo, Zhang, Xu 2022, "Empirical Phase Diagram for Three-layer Neural Networks with Infinite Width" (NeurIPS 2022)',
  arxiv: "2205.12101",
} as const;

/** The note's "MF-like" family: p = (0, 1, 0), q = 1 (β₁ = β₃ = 1, β₂ = 1/m, α = m). */
export const MF_LIKE: ThreeLayerFamily = { p: [0, 1, 0], q: 1 };
/** The note's "NTK-like" family (0, ½, 0, ½): β₁ = β₃ = 1, β₂ = m^{−½}, α = m^{½}. */
export const NTK_LIKE: ThreeLayerFamily = { p: [0, 0.5, 0], q: 0.5 };
/** Condensed analogue of the two-layer point (γ, γ′) = (4, 0): every scale m^{−2}, α = 1 (N(0, m^{−4}) init). */
export const TINY_INIT: ThreeLayerFamily = { p: [2, 2, 2], q: 0 };

/** CI widths of the slope claims (one run per width, stop at R < 1e-6). */
export const CI_WIDTHS: readonly number[] = [32, 64, 128];
/** Width of the condensation claims. */
export const CONDENSATION_WIDTH = 128;

/** Seeds: the run's seed, then seed + 1, … for `--runs k`. */
export function seedsFor(runs: number, seed: number): number[] {
  return Array.from({ length: Math.max(1, runs) }, (_, k) => seed + k);
}

/** Bands (lindyn's formalisation; measured values in the claims' formalisation text). */
export const LAYER_BANDS = Object.freeze({
  /** S_{W1} of the MF-like family must lie below this (the two-layer "linear" band). */
  mfW1Below: -0.2,
  /** S_{W2} of the MF-like family must lie above this (RD(W²) not falling). */
  mfW2Above: 0,
  /** S_{W2} − S_{W1} of the MF-like family must exceed this margin. */
  mfGapAbove: 0.4,
  /** Both NTK-like slopes must lie below this. */
  ntkBelow: -0.5,
});

/** Bands of the condensation claims: clustered weight fraction (K = 8 clusters of half-width 5°). */
export const CONDENSATION_BANDS = Object.freeze({
  /** Final fraction in the condensed regime must exceed this. */
  condensedAbove: 0.9,
  /** … and must have risen by at least this from its initial value. */
  riseAbove: 0.3,
  /** In the linear regime |final − initial| must stay below this. */
  linearDriftBelow: 0.05,
});

/**
 * Shared source and settings of the Luo et al. 2021 / Zhou et al. 2022 phase-diagram claims.
 */
import type { DiagramPointOptions } from "../../src/model/nonlinear/phase-diagram/width-sweep.js";

export const LUO_SOURCE = {
  paper:
    'Luo, Xu, Ma, Zhang 2021, "Phase diagram for two-layer ReLU neural networks at infinite-width limit" (JMLR 22(71))',
  arxiv: "2007.07497",
} as const;

/** The (γ, γ′) points of the CI claim: S = −0.5, 0, +0.5, 0, −0.25. */
export const DIAGRAM_POINTS: readonly (readonly [number, number])[] = [
  [0.5, 0],
  [1, 0],
  [1.5, 0],
  [1.5, 0.5],
  [1.5, 0.75],
];

/** CI widths and stopping (≈ 2 s for the five points on one core); `--runs k > 1` gives the paper-scale set. */
export function diagramSettings(runs: number, seed: number): Pick<DiagramPointOptions, "widths" | "seeds" | "lossTol"> {
  if (runs <= 1) return { widths: [256, 1024, 4096], seeds: [seed], lossTol: 1e-6 };
  return {
    widths: [250, 500, 1000, 2000, 4000],
    seeds: Array.from({ length: runs }, (_, k) => seed + k),
    lossTol: 1e-7,
  };
}

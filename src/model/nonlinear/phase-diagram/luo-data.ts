/**
 * The 1-D training set of the lindyn note zhou2022-phase-diagram.md (after Luo et al. 2021, arXiv 2007.07497,
 * and Zhou et al. 2022, arXiv 2205.12101, experiments: "4 training points in 1-D").
 *
 * @packageDocumentation
 */

/** One-dimensional samples (x_s, y_s), s = 1..n; the bias is folded in as the constant input 1. */
export interface OneDimensionalData {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** x = (−0.5, −1/6, 1/6, 0.5), y = (−0.2, 0.3, 0.25, −0.1) (lindyn note, "Reproduction at CPU scale"). */
export const LUO_1D_DATA: OneDimensionalData = Object.freeze({
  x: Float64Array.from([-0.5, -1 / 6, 1 / 6, 0.5]),
  y: Float64Array.from([-0.2, 0.3, 0.25, -0.1]),
});

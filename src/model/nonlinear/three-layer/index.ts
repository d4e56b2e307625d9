/**
 * Three-layer ReLU net of Zhou et al. 2022 (arXiv 2205.12101): adaptive GD with per-layer RD, per-layer width
 * slopes, and a condensation measure of first-layer orientations.
 *
 * @packageDocumentation
 */
export * from "./condensation.js";
export * from "./layer-slopes.js";
export * from "./three-layer-relu.js";

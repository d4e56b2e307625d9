/**
 * The two-layer phase diagram of Luo et al. 2021 (arXiv 2007.07497) and Zhou et al. 2022 (arXiv 2205.12101):
 * normalised coordinates, the normalised GD engine with RD measurement, the regime score and slope bands.
 *
 * @packageDocumentation
 */
export * from "./luo-data.js";
export * from "./normalised-coordinates.js";
export * from "./normalised-two-layer.js";
export * from "./regime.js";
export * from "./width-sweep.js";

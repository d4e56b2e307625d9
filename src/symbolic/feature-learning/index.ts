/**
 * The exact finite-width solution of Model M2 (Xu & Ziyin, arXiv 2401.07085), its regimes and mechanisms.
 *
 * @packageDocumentation
 */
export * from "./closed-form.js";
export * from "./derivation.js";
export * from "./latex.js";
export * from "./mechanisms.js";
export * from "./power-law-fit.js";
export * from "./regime-classification.js";
export * from "./setting.js";
export * from "./width-scaling.js";

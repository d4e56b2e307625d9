/**
 * The exact finite-width solution of Model M2 (Xu & Ziyin, arXiv 2401.07085) and its formulas.
 *
 * @packageDocumentation
 */
export * from "./closed-form.js";
export * from "./setting.js";

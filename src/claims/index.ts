/**
 * `lindyn/claims`: claims, verdicts, property claims, residual aggregation, selection, the runner and the
 * catalogue loader.
 *
 * @packageDocumentation
 */
export * from "./case-result.js";
export * from "./catalogue.js";
export * from "./claim.js";
export * from "./format-value.js";
export * from "./property-claim.js";
export * from "./residual-check.js";
export * from "./runner.js";
export * from "./select.js";
export * from "./verdict.js";

/**
 * Model M2 (Xu & Ziyin, arXiv 2401.07085): a one-hidden-layer linear network on one-dimensional data with
 * layer-wise rates and an output scale; its flows, initialisers, observables and invariants.
 *
 * @packageDocumentation
 */
export * from "./m2-components.js";
export * from "./m2-init.js";
export * from "./m2-invariants.js";
export * from "./m2-model.js";
export * from "./m2-observables.js";

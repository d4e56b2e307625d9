/**
 * lindyn: executable, machine-checked claims about the learning dynamics of deep linear networks.
 *
 * @packageDocumentation
 */
export * from "./core/index.js";

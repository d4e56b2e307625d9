/**
 * lindyn: executable, machine-checked claims about the learning dynamics of deep linear networks.
 * The root entry re-exports the numeric layers; `lindyn/symbolic`, `lindyn/claims` and `lindyn/testing`
 * are separate subpaths.
 *
 * @packageDocumentation
 */
export * from "./core/index.js";
export * from "./dynamics/index.js";
export * from "./model/index.js";

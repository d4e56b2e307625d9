/**
 * The generic sweep engine: grids, sharding, resumable JSON-lines results, worker threads, progress, merge.
 *
 * @packageDocumentation
 */
export * from "./grid.js";
export * from "./merge.js";
export * from "./progress.js";
export * from "./results-file.js";
export * from "./run-sweep.js";
export * from "./shard.js";
export * from "./sweep-point.js";
export * from "./worker-module.js";

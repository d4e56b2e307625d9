/**
 * `lindyn/core`: dense matrices and kernels, linear algebra, seeded randomness, tolerances, typed errors.
 *
 * @packageDocumentation
 */
export * from "./eigen.js";
export * from "./elementwise.js";
export * from "./errors.js";
export * from "./matmul.js";
export * from "./matrix.js";
export * from "./orthogonal.js";
export * from "./qr.js";
export * from "./rng.js";
export * from "./spd.js";
export * from "./svd.js";
export * from "./tolerance.js";
export * from "./validate.js";

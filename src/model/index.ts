/**
 * `lindyn/model`: deep linear network architectures, data moments and their generators, loss conventions
 * (c, weight decay, stochastic neurons), the exact objective (loss, gradient, Hessian, Hessian-vector
 * products) and initialisers.
 *
 * @packageDocumentation
 */
export * from "./architecture.js";
export * from "./generators.js";
export * from "./init.js";
export * from "./loss-config.js";
export * from "./m2/index.js";
export * from "./moments.js";
export * from "./nonlinear/index.js";
export * from "./objective.js";

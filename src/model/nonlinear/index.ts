/**
 * Nonlinear fully-connected nets: activations, architecture, the full-batch square-loss objective with
 * exact back-propagated gradients, initialisers (per-layer scales, antisymmetric pairs), the empirical NTK,
 * the activation-pattern linearisation, per-unit balances, and Gaussian activation constants.
 *
 * @packageDocumentation
 */
export * from "./activation.js";
export * from "./activation-constants.js";
export * from "./empirical-ntk.js";
export * from "./gaussian-quadrature.js";
export * from "./hu2020/index.js";
export * from "./init.js";
export * from "./linearisation.js";
export * from "./nonlinear-net.js";
export * from "./nonlinear-objective.js";
export * from "./phase-diagram/index.js";
export * from "./three-layer/index.js";
export * from "./unit-balance.js";

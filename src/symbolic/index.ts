/**
 * `lindyn/symbolic`: the checked symbolic engine (nerdamer-prime, with mathjs as a second oracle in
 * `oracle.ts`), derived-formula objects with LaTeX, the polynomial root finder, and the derivations of the
 * Ziyin–Li–Meng landscape (reduced loss, origin Hessian, landscape and phase, critical and spinodal weight
 * decay, the noisy multi-dimensional global minimum, the whitened vector-output minimum). Trajectories and
 * the feature-learning model have their own entry points (`./trajectories/index.js`,
 * `./feature-learning/index.js`).
 *
 * @packageDocumentation
 */
export * from "./assumptions.js";
export * from "./derivations/critical-gamma.js";
export * from "./derivations/landscape.js";
export * from "./derivations/noisy-global-minimum.js";
export * from "./derivations/origin-hessian.js";
export * from "./derivations/reduced-loss.js";
export * from "./derivations/whitened-vector.js";
export * from "./engine.js";
export * from "./expr.js";
export * from "./formula.js";
export * from "./latex.js";
export * from "./plain-text.js";
export * from "./polynomial-roots.js";
export * from "./symbols.js";

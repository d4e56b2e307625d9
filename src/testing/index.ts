/**
 * `lindyn/testing`: fast-check arbitraries for deep-linear-network settings on small rational grids (so
 * shrunk counterexamples are readable), and the checks behind the vitest matchers (register those with
 * `import "lindyn/testing/matchers"`). Write your own conjecture as a property:
 *
 * ```ts
 * import fc from "fast-check";
 * import { linearSettingArb, checkConserved } from "lindyn/testing";
 * fc.assert(fc.property(linearSettingArb({ loss: { gamma: false } }), (s) => { … }));
 * ```
 *
 * @packageDocumentation
 */
export * from "./arbitraries/architecture.js";
export * from "./arbitraries/grid.js";
export * from "./arbitraries/hyperparameters.js";
export * from "./arbitraries/init.js";
export * from "./arbitraries/moments.js";
export * from "./arbitraries/setting.js";
export * from "./arbitraries/weights.js";
export * from "./checks/close-to-matrix.js";
export * from "./checks/conserve.js";
export * from "./checks/local-minimum.js";
export * from "./checks/outcome.js";
export * from "./checks/satisfy-flow.js";

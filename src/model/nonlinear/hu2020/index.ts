/**
 * Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599): the two-layer net in the NTK parameterisation, its
 * per-layer NTK, the affine data kernel and the early-time linear model ψ.
 *
 * @packageDocumentation
 */
export * from "./deep-relu.js";
export * from "./deep-relu-ntk.js";
export * from "./linear-model.js";
export * from "./ntk.js";
export * from "./two-layer.js";

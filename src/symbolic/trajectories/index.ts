/**
 * Exact and implicit learning trajectories: depth-2 closed forms (balanced, Riccati, Bessel), Saxe's mode
 * solution, deep balanced chains and Arora et al.'s end-to-end dynamics.
 *
 * @packageDocumentation
 */

export type { FormulaEquation, TrajectoryFormula } from "./_internals/depth2-formulas.js";
export * from "./arora-end-to-end.js";
export * from "./deep-chain.js";
export * from "./depth2-trajectory.js";
export * from "./plateau-escape.js";
export * from "./saxe-mode.js";
export * from "./symbolic-checks.js";

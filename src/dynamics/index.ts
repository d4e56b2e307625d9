/**
 * `lindyn/dynamics`: ODE integrators (DOPRI5 with dense output, RK4), gradient descent, the gradient-flow
 * driver with layer-wise rates and observers, and the imbalance invariants with their exact law.
 *
 * @packageDocumentation
 */
export * from "./dopri5.js";
export * from "./gradient-descent.js";
export * from "./gradient-flow.js";
export * from "./integration-result.js";
export * from "./invariants.js";
export * from "./observers.js";
export * from "./rates.js";
export * from "./rk4.js";
export * from "./trajectory.js";

/**
 * The Gaussian constants of an activation that enter the early-time linear model of Hu, Xiao, Adlam,
 * Pennington 2020 (arXiv 2006.14599, §3, Eq. for ψ(x)): ζ = E[φ′(g)], ν = E[φ(g)], E[φ″(g)], E[φ(g)²],
 * E[φ′(g)²] for g ~ N(0, 1); by quadrature for every activation and in closed form where one exists.
 *
 * @packageDocumentation
 */
import type { Activation, ScalarFunctions } from "./activation.js";
import { type GaussianExpectationOptions, gaussianExpectation, halfLineExpectation } from "./gaussian-quadrature.js";

/** The five constants (g ~ N(0, 1)). */
export interface ActivationConstants {
  /** ζ = E[φ′(g)] (= E[g·φ(g)] by Stein's lemma). */
  readonly zeta: number;
  /** ν = E[φ(g)]. */
  readonly nu: number;
  /** E[φ″(g)] (= E[(g² − 1)φ(g)]; distributional for ReLU-type kinks: (1 − slope)/√(2π)). */
  readonly meanSecondDerivative: number;
  /** E[φ(g)²]. */
  readonly meanSquare: number;
  /** E[φ′(g)²]. */
  readonly meanDerivativeSquare: number;
}

/** The names of the constants, in a fixed order (for tables and goldens). */
export const ACTIVATION_CONSTANT_NAMES = [
  "zeta",
  "nu",
  "meanSecondDerivative",
  "meanSquare",
  "meanDerivativeSquare",
] as const;

/** Options of {@link activationConstants}. */
export interface ActivationConstantsOptions extends GaussianExpectationOptions {
  /**
   * How ζ and E[φ″] are integrated. `"derivatives"`: E[φ′], E[φ″] directly (smooth activations only).
   * `"stein"`: E[gφ(g)] and E[(g² − 1)φ(g)] (Stein's lemma; the only route through a kink's δ-function).
   * `"auto"`: derivatives for smooth activations, Stein for kinked ones.
   * @defaultValue "auto"
   */
  route?: "auto" | "derivatives" | "stein";
}

/**
 * The constants of `activation` by quadrature: Gauss–Hermite for smooth activations; for a kink at 0, each
 * half-line is integrated separately with the smooth piece that lives there ({@link halfLineExpectation}),
 * so the quadrature never sees the kink. Accuracy: ≤ 1e-13 against mpmath for every built-in activation
 * (test/goldens/activations.json).
 */
export function activationConstants(
  activation: Activation,
  options: ActivationConstantsOptions = {},
): ActivationConstants {
  const route = options.route ?? "auto";
  const stein = route === "stein" || (route === "auto" && !activation.smooth);
  const E = (pick: (f: ScalarFunctions, x: number) => number): number => {
    if (activation.pieces === undefined) return gaussianExpectation((x) => pick(activation, x), options);
    const { left, right } = activation.pieces;
    return (
      halfLineExpectation((x) => pick(left, x), "left", options) +
      halfLineExpectation((x) => pick(right, x), "right", options)
    );
  };
  return {
    zeta: stein ? E((f, x) => x * f.phi(x)) : E((f, x) => f.dphi(x)),
    nu: E((f, x) => f.phi(x)),
    meanSecondDerivative: stein ? E((f, x) => (x * x - 1) * f.phi(x)) : E((f, x) => f.d2phi(x)),
    meanSquare: E((f, x) => f.phi(x) ** 2),
    meanDerivativeSquare: E((f, x) => f.dphi(x) ** 2),
  };
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * The constants that have a closed form (missing keys have none known to us). Sources:
 * - leaky ReLU (slope s; ReLU s = 0): ν = (1 − s)/√(2π), ζ = (1 + s)/2, E[φ″] = (1 − s)/√(2π) (the δ-mass of
 *   φ″ at 0 times the density there), E[φ²] = E[φ′²] = (1 + s²)/2 — half-line moments of N(0, 1);
 *   for ReLU these are Hu et al. 2020's ν = 1/√(2π), ζ = ½, E[φ″] = 1/√(2π) (arXiv 2006.14599, §3).
 * - erf: ν = E[φ″] = 0 (odd), ζ = 2/√(3π) (Hu et al. 2020, §3), E[φ²] = (2/π)·arcsin(2/3) (the arcsine
 *   kernel of Williams 1997, E[erf(ag)erf(bg)] = (2/π)arcsin(2ab/√((1+2a²)(1+2b²)))), E[φ′²] = 4/(π√5).
 * - tanh: ν = E[φ″] = 0 (odd); ζ, E[φ²], E[φ′²] have no closed form.
 * - softplus: ζ = ½ (σ(x) − ½ is odd); the others have no closed form.
 * - GELU (exact, xΦ(x)): ν = 1/(2√π), ζ = ½, E[φ″] = 3/(4√π) (Hu et al. 2020, §3),
 *   E[φ²] = 1/3 + √3/(6π), E[φ′²] = 1/3 + 2√3/(9π) (ours: Gaussian integrals of Φ², gΦϕ, g²ϕ² with
 *   E[Φ(g)²] = 1/3; checked against mpmath at 30 digits).
 * - identity: ν = 0, ζ = 1, E[φ″] = 0, E[φ²] = E[φ′²] = 1.
 */
export function closedFormActivationConstants(activation: Activation): Partial<ActivationConstants> {
  switch (activation.name) {
    case "relu":
    case "leaky-relu": {
      const s = activation.slope ?? 0;
      return {
        zeta: (1 + s) / 2,
        nu: (1 - s) * INV_SQRT_2PI,
        meanSecondDerivative: (1 - s) * INV_SQRT_2PI,
        meanSquare: (1 + s * s) / 2,
        meanDerivativeSquare: (1 + s * s) / 2,
      };
    }
    case "erf":
      return {
        zeta: 2 / Math.sqrt(3 * Math.PI),
        nu: 0,
        meanSecondDerivative: 0,
        meanSquare: (2 / Math.PI) * Math.asin(2 / 3),
        meanDerivativeSquare: 4 / (Math.PI * Math.sqrt(5)),
      };
    case "tanh":
      return { nu: 0, meanSecondDerivative: 0 };
    case "softplus":
      return { zeta: 0.5 };
    case "gelu":
      return {
        zeta: 0.5,
        nu: INV_SQRT_PI / 2,
        meanSecondDerivative: (3 * INV_SQRT_PI) / 4,
        meanSquare: 1 / 3 + Math.sqrt(3) / (6 * Math.PI),
        meanDerivativeSquare: 1 / 3 + (2 * Math.sqrt(3)) / (9 * Math.PI),
      };
    case "identity":
      return { zeta: 1, nu: 0, meanSecondDerivative: 0, meanSquare: 1, meanDerivativeSquare: 1 };
  }
}

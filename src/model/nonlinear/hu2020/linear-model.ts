/**
 * The early-time linear model of Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599): f^lin(x) = βᵀψ(x) with
 * ψ(x) = [a·x/√d ; b], trained by the same GD as the network from β = 0.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { Matrix } from "../../../core/matrix.js";
import { requireAllFinite, requireNonNegative } from "../../../core/validate.js";
import type { ActivationConstants } from "../activation-constants.js";
import { NonlinearNet } from "../nonlinear-net.js";
import { NonlinearObjective } from "../nonlinear-objective.js";
import type { HuTrainedLayers } from "./two-layer.js";

/** The two coefficients of ψ(x) = [slope·x/√d ; constant]. */
export interface HuFeatureCoefficients {
  /** a: the coefficient of x/√d. */
  readonly slope: number;
  /** b: the constant feature. */
  readonly constant: number;
}

/**
 * The coefficients of Hu et al.'s linear model for a two-layer net trained from f₀ ≡ 0 (arXiv 2006.14599,
 * two-layer analysis, the linear models for first layer / second layer / both layers trained, as taken from the lindyn note
 * shared/papers/hu2020-early-time.md re-derives them by Hermite expansion). With ζ = E[φ′(g)], ν = E[φ(g)],
 * κ = E[φ″(g)], g ~ N(0, 1), and s = tr(Σ²)/d² for inputs of covariance Σ (‖x‖² ≈ d):
 * - first layer only: a = ζ, b = |κ|·√s  (the NTK of W: ζ²ρ + κ²ρ², ρ = xᵀx′/d, with ρ² ≈ s off the diagonal);
 * - second layer only: a = ζ, b = √(ν² + ½κ²s)  (E[φ(u)φ(u′)] = ν² + ζ²ρ + ½κ²ρ² + …);
 * - both layers: a = √2·ζ, b = √(ν² + (3/2)κ²s)  (the sum of the two kernels).
 *
 * @param constants - the activation's Gaussian constants (`activationConstants`)
 * @param layers - which layers are trained
 * @param traceSigmaSquared - tr(Σ²) of the input covariance (d for Σ = I_d)
 * @param d - the input dimension
 * @throws DomainError for a negative or non-finite tr(Σ²), or a bad d
 */
export function huFeatureCoefficients(
  constants: Pick<ActivationConstants, "zeta" | "nu" | "meanSecondDerivative">,
  layers: HuTrainedLayers,
  traceSigmaSquared: number,
  d: number,
): HuFeatureCoefficients {
  requireNonNegative("traceSigmaSquared", traceSigmaSquared, "Pass tr(Σ²) of the input covariance (d for Σ = I).");
  if (!Number.isFinite(traceSigmaSquared) || !Number.isInteger(d) || d < 1) {
    throw new DomainError(
      errorMessage(
        "traceSigmaSquared, d",
        `${traceSigmaSquared}, ${d}`,
        "must be finite and an integer ≥ 1",
        "Fix them.",
      ),
    );
  }
  const { zeta, nu, meanSecondDerivative: kappa } = constants;
  const s = traceSigmaSquared / (d * d);
  switch (layers) {
    case "first":
      return { slope: zeta, constant: Math.abs(kappa) * Math.sqrt(s) };
    case "second":
      return { slope: zeta, constant: Math.sqrt(nu * nu + 0.5 * kappa * kappa * s) };
    case "both":
      return { slope: Math.SQRT2 * zeta, constant: Math.sqrt(nu * nu + 1.5 * kappa * kappa * s) };
    default:
      throw new DomainError(errorMessage("layers", layers, 'must be "first", "second" or "both"', "Pick one."));
  }
}

/**
 * The feature matrix Ψ (n × (d+1)) with rows ψ(x_s) = [slope·x_s/√d ; constant] for the rows x_s of X.
 * @throws DomainError for non-finite X or coefficients
 */
export function huFeatures(X: Matrix, coefficients: HuFeatureCoefficients): Matrix {
  requireAllFinite("X.data", X.data);
  requireAllFinite("coefficients", [coefficients.slope, coefficients.constant]);
  const { rows: n, cols: d } = X;
  const out = new Matrix(n, d + 1);
  const a = coefficients.slope / Math.sqrt(d);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < d; j++) out.data[s * (d + 1) + j] = a * (X.data[s * d + j] as number);
    out.data[s * (d + 1) + d] = coefficients.constant;
  }
  return out;
}

/**
 * The linear model's training objective (1/2n)Σ(βᵀψ(x_s) − y_s)² as a {@link NonlinearObjective} of the depth-1
 * identity net [d+1, 1] on the features (θ = β); trained by gradientDescent with the network's η from θ = 0
 * it is Hu et al.'s f^lin. `objective.net.output(β, huFeatures(Xtest, …))` evaluates it on other inputs.
 */
export function huLinearObjective(features: Matrix, Y: Matrix): NonlinearObjective {
  const net = new NonlinearNet([features.cols, 1], { activation: "identity" });
  return new NonlinearObjective(net, features, Y);
}

/**
 * The deeper-net recipe of Hu et al. 2020 (arXiv 2006.14599: the deeper-net extension, general recipe as recalled in the
 * lindyn note hu2020-early-time.md; theorem/equation numbers not checked against the paper): with the infinite-width NTK K(ρ) of the net as a function of ρ = xᵀx′/d
 * (inputs with ‖x‖² = d), ψ(x) = [√K′(0)·x/√d ; √(K(0) + ½K″(0)·tr(Σ²)/d²)]. For ReLU, K follows from the
 * arc-cosine recursions (Cho & Saul 2009; Jacot et al. 2018; Arora et al. 2019, arXiv 1904.11955).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { requireInteger, requireNonNegative } from "../../../core/validate.js";
import type { HuFeatureCoefficients } from "./linear-model.js";

/**
 * The infinite-width NTK of a bias-free ReLU net of depth L (L weight matrices, all trained, NTK
 * parameterisation with N(0, 1) weights, 1/√fan-in factors and no √2 rescaling) at two inputs with
 * ‖x‖² = ‖x′‖² = d and xᵀx′/d = ρ: Σ⁰ = ρ, q⁰ = 1; for h = 1..L−1 with c = Σ^{h−1}/q^{h−1},
 * Σʰ = q^{h−1}·(√(1−c²) + (π − arccos c)c)/(2π), Σ̇ʰ = (π − arccos c)/(2π), qʰ = q^{h−1}/2, and
 * Θʰ = Θ^{h−1}Σ̇ʰ + Σʰ (Θ⁰ = ρ). Returns Θ^{L−1}. For L = 2 it is the two-layer kernel of Hu et al.,
 * E[φ(u)φ(u′)] + ρE[φ′(u)φ′(u′)].
 * @throws DomainError for ρ ∉ [−1, 1]; for a depth that is not an integer ≥ 2
 */
export function reluNtk(rho: number, depth: number): number {
  requireInteger("depth", depth, 2);
  if (!(rho >= -1 && rho <= 1)) {
    throw new DomainError(
      errorMessage("rho", rho, "must lie in [−1, 1]", "Pass a correlation xᵀx′/d of unit-norm inputs."),
    );
  }
  let sigma = rho;
  let q = 1;
  let theta = rho;
  for (let h = 1; h < depth; h++) {
    const c = Math.max(-1, Math.min(1, sigma / q));
    const angle = Math.PI - Math.acos(c);
    const next = (q * (Math.sqrt(1 - c * c) + angle * c)) / (2 * Math.PI);
    theta = theta * (angle / (2 * Math.PI)) + next;
    sigma = next;
    q /= 2;
  }
  return theta;
}

/**
 * ψ's coefficients for a depth-L ReLU net trained in all layers from f₀ ≡ 0: slope √K′(0), constant
 * √(K(0) + ½K″(0)·tr(Σ²)/d²), K = {@link reluNtk}. K′(0), K″(0) by central differences at h = 1e-3 on the
 * exact recursion (K is analytic near 0: error ~h²·|K⁽⁴⁾|/12 ≈ 1e-7; the L = 2 case matches the closed form
 * a = √2·ζ, b² = ν² + (3/2)E[φ″]²s to that accuracy, test/model/nonlinear/hu2020).
 * @throws DomainError for a bad depth, tr(Σ²) or d
 */
export function deepReluFeatureCoefficients(
  depth: number,
  traceSigmaSquared: number,
  d: number,
): HuFeatureCoefficients {
  requireInteger("depth", depth, 2);
  requireInteger("d", d, 1);
  requireNonNegative("traceSigmaSquared", traceSigmaSquared, "Pass tr(Σ²) of the input covariance (d for Σ = I).");
  const h = 1e-3;
  const k0 = reluNtk(0, depth);
  const kp = reluNtk(h, depth);
  const km = reluNtk(-h, depth);
  const k1 = (kp - km) / (2 * h);
  const k2 = (kp - 2 * k0 + km) / (h * h);
  return { slope: Math.sqrt(k1), constant: Math.sqrt(k0 + 0.5 * k2 * (traceSigmaSquared / (d * d))) };
}

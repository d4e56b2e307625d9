/**
 * The unbalanced depth-2 trajectory with weight decay γ > 0 in modified Bessel form (arXiv 2202.04777; the
 * derivation is lindyn's, `shared/papers/ziyin2022-exact-solutions.md`): with ν = (a + γ)/(2γ),
 * k = A|Δ₀|/(4γ), ξ = k e^{−4γt},
 *
 *   z(t) = (|Δ₀|/d₀²)·(K_{ν−1}(ξ) − c* I_{ν−1}(ξ))/(c* I_ν(ξ) + K_ν(ξ)),
 *   c* = (|Δ₀|K_{ν−1}(k) − d₀²K_ν(k))/(|Δ₀|I_{ν−1}(k) + d₀²I_ν(k)),   s = s₀e^{−2γt}/√z, d = d₀e^{−2γt}√z.
 *
 * Evaluated without ever forming I or K. Two facts make every piece a positive quantity:
 *
 * 1. The log cross-ratio Λ_μ(ξ, k) = ln[I_μ(k)K_μ(ξ)/(I_μ(ξ)K_μ(k))] equals ∫_ξ^k (I_{μ+1}/I_μ + K_{μ+1}/K_μ)(x)dx
 *    (the μ/x parts of (ln I_μ)′ and (ln K_μ)′ cancel exactly; the integrand is 1/(x I_μK_μ) by the
 *    Wronskian), computed by adaptive Gauss–Kronrod in σ = ln(k/x) from scaled ratios that are all positive.
 * 2. With Φ = e^{−Λ_ν}, ρ_I = I_{ν−1}/I_ν, ρ_K = K_{ν−1}/K_ν and ε = |d₀/s₀|, the formula above becomes
 *
 *      s² = (4γ/A)·Den/N,   d² = (4γ/A)·ξ²·N/Den,
 *      N   = ρ_I(k)(1 − e^{−Λ_{ν−1}})/Q₁(ξ) + ε[1/Q₁(ξ) + Φ(2ν + H(ξ))/ξ²],
 *      Den = (1 − Φ)(ρ_I(k) + ε) + (ρ_K(k) + ρ_I(k))Φ,
 *
 *    (H = xI_{ν+1}/I_ν, Q₁ = xK_ν/K_{ν−1}), sums of non-negative terms only: the cancellation that the
 *    I/K combination suffers near t = 0 (and for nearly balanced starts) is carried by 1 − e^{−Λ} = −expm1(−Λ),
 *    which is accurate because Λ itself is an integral of a positive function.
 *
 * Requires a ≥ 0 (the caller mirrors w → −w for a < 0), γ > 0, s₀ ≠ 0, d₀ ≠ 0.
 *
 * @packageDocumentation
 */
import { besselRatios } from "./bessel-ratios.js";
import { logisticP } from "./closed-forms.js";
import { integrate } from "./gauss-kronrod.js";

/** Smallest ξ evaluated directly; below it the trajectory is continued by the balanced asymptote. */
export const XI_MIN = 1e-280;

/** Limits of the direct Bessel evaluation (cost grows like ν and like k). */
export interface BesselRange {
  /** @defaultValue 1e5 */
  readonly maxOrder: number;
  /** @defaultValue 1e5 */
  readonly maxArgument: number;
  /** Relative tolerance of the Λ quadratures. @defaultValue 1e-14 */
  readonly quadratureTol: number;
}

export const DEFAULT_BESSEL_RANGE: BesselRange = { maxOrder: 1e5, maxArgument: 1e5, quadratureTol: 1e-14 };

/** One evaluation: s and d, or the reason the closed form cannot be trusted there. */
export type BesselEvaluation =
  | { readonly ok: true; readonly s: number; readonly d: number; readonly method: "closed-form" | "asymptotic" }
  | { readonly ok: false; readonly reason: string };

export class BesselForm {
  readonly nu: number;
  readonly k: number;
  /** Whether (ν, k) lies inside the range; when false `reason` says why. */
  readonly inRange: boolean;
  readonly reason: string;
  private readonly eps: number;
  private readonly rhoIk: number;
  private readonly rhoKk: number;

  constructor(
    readonly A: number,
    readonly a: number,
    readonly gamma: number,
    readonly s0: number,
    readonly d0: number,
    readonly range: BesselRange = DEFAULT_BESSEL_RANGE,
  ) {
    this.nu = (a + gamma) / (2 * gamma);
    this.k = (A * Math.abs(s0 * d0)) / (4 * gamma);
    this.eps = Math.abs(d0 / s0);
    let reason = "";
    if (!(this.nu <= range.maxOrder)) reason = `Bessel order ν = ${this.nu} exceeds ${range.maxOrder} (γ ≪ a)`;
    else if (!(this.k <= range.maxArgument)) reason = `Bessel argument k = ${this.k} exceeds ${range.maxArgument}`;
    else if (!(this.k >= XI_MIN)) reason = `Bessel argument k = ${this.k} is below ${XI_MIN}`;
    else if (!Number.isFinite(this.eps) || this.eps === 0) reason = "s₀ = 0 or d₀ = 0 (use the balanced form)";
    let rhoIk = Number.NaN;
    let rhoKk = Number.NaN;
    if (reason === "") {
      const r = besselRatios(this.nu, this.k);
      if (!r.ok) reason = `Bessel ratios did not converge at ν = ${this.nu}, x = ${this.k}`;
      rhoIk = (2 * this.nu + r.H) / this.k;
      rhoKk = this.k / r.Q1;
    }
    this.rhoIk = rhoIk;
    this.rhoKk = rhoKk;
    this.inRange = reason === "";
    this.reason = reason;
  }

  /** Λ_ν and Λ_{ν−1} over σ ∈ [0, σ₁] (σ = ln(k/x)), with a convergence flag. */
  private lambdas(sigma1: number): { lnu: number; lnu1: number; ok: boolean } {
    const { nu, k } = this;
    let ok = true;
    const gNu = (sigma: number): number => {
      const x = k * Math.exp(-sigma);
      const r = besselRatios(nu, x);
      if (!r.ok) ok = false;
      return r.H + r.Q2;
    };
    const gNu1 = (sigma: number): number => {
      const x = k * Math.exp(-sigma);
      const r = besselRatios(nu, x);
      if (!r.ok) ok = false;
      return (x * x) / (2 * nu + r.H) + r.Q1;
    };
    const opts = { relTol: this.range.quadratureTol, maxSegments: 2000 };
    const q1 = integrate(gNu, 0, sigma1, opts);
    const q2 = integrate(gNu1, 0, sigma1, opts);
    return { lnu: q1.value, lnu1: q2.value, ok: ok && q1.converged && q2.converged };
  }

  /** s, d at σ = 4γt ≤ ln(k/XI_MIN). */
  private direct(sigma: number): BesselEvaluation {
    const { nu, k, eps } = this;
    const xi = k * Math.exp(-sigma);
    const r = besselRatios(nu, xi);
    const L = this.lambdas(sigma);
    if (!r.ok || !L.ok) {
      return { ok: false, reason: `Bessel ratio or Λ quadrature did not converge at ν = ${nu}, ξ = ${xi}` };
    }
    const phi = Math.exp(-L.lnu);
    const oneMinusPhi = -Math.expm1(-L.lnu);
    const lnXi = Math.log(k) - sigma;
    // Φ(2ν + H)/ξ² through logs: Φ underflows long before 1/ξ² could overflow matters.
    const tail = Math.exp(-L.lnu - 2 * lnXi) * (2 * nu + r.H);
    const N = (this.rhoIk * -Math.expm1(-L.lnu1)) / r.Q1 + eps * (1 / r.Q1 + tail);
    const Den = oneMinusPhi * (this.rhoIk + eps) + (this.rhoKk + this.rhoIk) * phi;
    const c = (4 * this.gamma) / this.A;
    const s = Math.sign(this.s0) * Math.sqrt((c * Den) / N);
    const d = Math.sign(this.d0) * xi * Math.sqrt((c * N) / Den);
    if (!Number.isFinite(s) || !Number.isFinite(d)) {
      return { ok: false, reason: `non-finite Bessel-form value at ν = ${nu}, ξ = ${xi}` };
    }
    return { ok: true, s, d, method: "closed-form" };
  }

  /** s(t), d(t). */
  evaluate(t: number): BesselEvaluation {
    if (!this.inRange) return { ok: false, reason: this.reason };
    const sigma = 4 * this.gamma * t;
    const sigmaEnd = Math.log(this.k / XI_MIN);
    if (sigma <= sigmaEnd) return this.direct(sigma);
    // Beyond ξ = XI_MIN: d/s and A·d² are below ~1e-140 (see the module TSDoc of depth2-trajectory), so s
    // follows the balanced logistic from there and d the linear equation ḋ = (g − 2γ)d, whose solution with
    // g = 2(A s²/4 − a) is d = d_end e^{−4γΔt}√(P_end/P(t)) (integrating 4AP = ρ − Ṗ/P).
    const end = this.direct(sigmaEnd);
    if (!end.ok) return end;
    const bound = (this.A * end.d * end.d) / (8 * this.gamma);
    if (!(bound < 1e-15)) {
      return { ok: false, reason: `asymptotic continuation not accurate (A·d²/(8γ) = ${bound})` };
    }
    const dt = t - sigmaEnd / (4 * this.gamma);
    const Pend = (end.s * end.s) / 4;
    const P = logisticP(Pend, 4 * (this.a - this.gamma), 4 * this.A, dt);
    const s = Math.sign(this.s0) * 2 * Math.sqrt(P);
    const d = P === 0 ? 0 : end.d * Math.exp(-4 * this.gamma * dt) * Math.sqrt(Pend / P);
    return { ok: true, s, d: Number.isFinite(d) ? d : 0, method: "asymptotic" };
  }
}

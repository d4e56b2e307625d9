/**
 * The exact finite-width solution of Model M2 (Xu & Ziyin, "Three Mechanisms of Feature Learning in a
 * Linear Network", arXiv 2401.07085, the exact solution of §3; lindyn's formalisation in
 * `shared/papers/xu-ziyin2024-feature-learning.md`).
 *
 * With ũ = u/√η_u, α̃ = α/√η_w, λ = √(η_uη_w), s = ũ + α̃, d = ũ − α̃, A' = κ²A, a' = κa, the flow is
 * ṡ = −λ g s, ḋ = +λ g d with g = A'P − a', so s(t) = s₀/√z, d(t) = d₀√z with z = e^{2λ∫g} solving the
 * Riccati equation ż = (A'λ²/2)(S₀ − D₀z²) − 2λa'z, z(0) = 1 (S₀ = ‖s₀‖², D₀ = ‖d₀‖²). Its solution is
 * evaluated in the cancellation-free form
 *
 *   z(t) = [(n + A'λS₀)φ + 2E] / [(m + A'λD₀)φ + 2E],   E = e^{−λΩt}, φ = (1 − E)/Ω (→ λt as Ω → 0),
 *   Ω = √(4a'² + A'²λ²S₀D₀), m = Ω + 2a', n = Ω − 2a' (m·n = A'²λ²S₀D₀),
 *
 * algebraically identical to the paper-form z = (z₊ − z₋Re^{−λΩt})/(1 − Re^{−λΩt}) but valid without case
 * splits in every degenerate case (D₀ = 0, S₀ = 0, a = 0, parallel or orthogonal initialisation) and free of
 * the cancellation in z₊ = (−2a' + Ω)/(A'λD₀) as D₀ → 0. m and n are computed from whichever of Ω ± 2a'
 * has no cancellation and the product identity.
 *
 * Costs: O(d) once (S₀, D₀, C and the Gram residual), O(1) for every scalar observable per time point, O(d)
 * for vector outputs, so widths of 10⁶ are cheap.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import {
  type FeatureLearningSetting,
  type ResolvedFeatureLearningSetting,
  resolveFeatureLearningSetting,
} from "./setting.js";

/** Scalar observables of the exact solution at one time (all O(1) to evaluate). */
export interface FeatureLearningSnapshot {
  /** Time (≥ 0; `Infinity` for the limit). */
  readonly t: number;
  /** z = e^{2θ}, θ = λ∫₀ᵗ g. */
  readonly z: number;
  /** End-to-end coefficient P = Σ u_iα_i = λ(S₀/z − D₀z)/4. */
  readonly P: number;
  /** Network output per unit input, f(ξv)/ξ = κP. */
  readonly f: number;
  /** NTK on the data line, K_f = κ²Σ(η_uα_i² + η_wu_i²) = κ²λ²(S₀/z + D₀z)/2 (multiply by ξξ'). */
  readonly ntk: number;
  /** ‖u‖. */
  readonly normU: number;
  /** ‖α‖ (α_i = w_i·v). */
  readonly normAlpha: number;
  /** cos∠(u, α) = (S₀/z − D₀z)/√((S₀/z + D₀z)² − 4C²); 0 by convention when u = 0 or α = 0. */
  readonly cosAngle: number;
  /** Loss ½(κ²AP² − 2κaP + E[y²]) (the ½-convention of the paper). */
  readonly loss: number;
}

/** Which degenerate sub-cases the initial state falls into (the formulas cover all of them). */
export interface FeatureLearningCases {
  /** D₀ = 0: ũ₀ = α̃₀ (balanced and aligned); the Riccati equation is linear, z∞ = A'λS₀/(4a'). */
  readonly d0Zero: boolean;
  /** S₀ = 0: ũ₀ = −α̃₀. */
  readonly s0Zero: boolean;
  /** C = s₀·d₀ = ‖ũ₀‖² − ‖α̃₀‖² = 0: balanced rescaled norms. */
  readonly cZero: boolean;
  /** u₀ ∥ α₀ (Gram determinant S₀D₀ − C² = 0, relative 1e-14): the angle never changes, pure rescaling. */
  readonly parallel: boolean;
  /** u₀·α₀ = 0, i.e. S₀ = D₀ (relative 1e-14): the orthogonal initialisation of the K∞/K0 = √(1 + 1/q²) law. */
  readonly orthogonal: boolean;
}

/** Limits t → ∞ and derived constants. */
export interface FeatureLearningAsymptotes {
  /** z∞ = (n + A'λS₀)/(m + A'λD₀) = z₊ (may be 0 or ∞ at a saddle). */
  readonly zInf: number;
  /** P∞: the least-squares coefficient a/(κA) unless the initial state lies on a saddle's stable set. */
  readonly PInf: number;
  /** f∞ per unit input: a/A (least squares) in the generic case. */
  readonly fInf: number;
  /** K_f(∞). */
  readonly ntkInf: number;
  /** K_f(∞)/K_f(0); undefined when K_f(0) = 0 (all-zero initialisation, which never moves). */
  readonly ntkRatio: number | undefined;
  /**
   * K_f(∞)/K_f(0) − 1 evaluated without cancellation as (α − β)(D₀n − S₀m)/(αβ(S₀ + D₀)), α = n + A'λS₀,
   * β = m + A'λD₀ (so the kernel-regime deviation ≈ 1/(2q²) keeps its relative accuracy); undefined as for
   * `ntkRatio`.
   */
  readonly ntkRatioMinusOne: number | undefined;
  /** cos∠(u, α) at t = ∞. */
  readonly cosInf: number;
  /** The exponential rate λΩ at which z, P and f converge (0 when Ω = 0: algebraic convergence). */
  readonly rate: number;
  /**
   * q = κA K_P(0)/(2|a|λ) with K_P = Σ(η_uα_i² + η_wu_i²) = λ²(S₀ + D₀)/2, i.e. q = κAλ(S₀ + D₀)/(4|a|):
   * large q is the kernel regime, small q the alignment regime. `Infinity` when a = 0.
   */
  readonly q: number;
}

/**
 * The exact solution of Model M2 from one initial state. Construct once (O(d)), then evaluate at any time.
 *
 * @example
 * ```ts
 * const sol = new FeatureLearningSolution({ u0: [0.3, -0.2, 0.1], alpha0: [0.1, 0.4, -0.3], etaW: 0.5 });
 * sol.at(2).P;            // end-to-end coefficient at t = 2
 * sol.asymptotes.ntkRatio; // K_f(∞)/K_f(0)
 * ```
 */
export class FeatureLearningSolution {
  /** The validated setting. */
  readonly setting: ResolvedFeatureLearningSetting;
  /** Width d. */
  readonly width: number;
  /** λ = √(η_uη_w). */
  readonly lambda: number;
  /** A' = κ²A. */
  readonly Ap: number;
  /** a' = κa. */
  readonly ap: number;
  /** S₀ = ‖s₀‖². */
  readonly S0: number;
  /** D₀ = ‖d₀‖². */
  readonly D0: number;
  /** C = s₀·d₀ (conserved). */
  readonly C: number;
  /** Gram determinant S₀D₀ − C² ≥ 0, computed without cancellation (0 iff u₀ ∥ α₀). */
  readonly gram: number;
  /** Ω = √(4a'² + A'²λ²S₀D₀). */
  readonly Omega: number;
  /** m = Ω + 2a'. */
  readonly m: number;
  /** n = Ω − 2a'. */
  readonly n: number;
  /** Degenerate sub-cases of the initial state. */
  readonly cases: FeatureLearningCases;
  /** t → ∞ limits. */
  readonly asymptotes: FeatureLearningAsymptotes;
  /** s₀ = ũ₀ + α̃₀ (length d). */
  readonly s0: Float64Array;
  /** d₀ = ũ₀ − α̃₀ (length d). */
  readonly d0: Float64Array;
  private readonly sqrtEtaU: number;
  private readonly sqrtEtaW: number;
  /** ‖d₀ − (C/S₀)s₀‖² (the part of d₀ orthogonal to s₀), or D₀ when S₀ = 0. */
  private readonly dPerpSq: number;

  /** @throws ShapeError / DomainError for an invalid setting (see {@link resolveFeatureLearningSetting}) */
  constructor(setting: FeatureLearningSetting) {
    const r = resolveFeatureLearningSetting(setting);
    this.setting = r;
    const d = r.width;
    this.width = d;
    this.sqrtEtaU = Math.sqrt(r.etaU);
    this.sqrtEtaW = Math.sqrt(r.etaW);
    const lambda = this.sqrtEtaU * this.sqrtEtaW;
    this.lambda = lambda;
    this.Ap = r.kappa * r.kappa * r.A;
    this.ap = r.kappa * r.a;
    const s0 = new Float64Array(d);
    const d0 = new Float64Array(d);
    let S = 0;
    let D = 0;
    let C = 0;
    for (let i = 0; i < d; i++) {
      const ut = (r.u0[i] as number) / this.sqrtEtaU;
      const at = (r.alpha0[i] as number) / this.sqrtEtaW;
      const si = ut + at;
      const di = ut - at;
      s0[i] = si;
      d0[i] = di;
      S += si * si;
      D += di * di;
      C += si * di;
    }
    this.s0 = s0;
    this.d0 = d0;
    this.S0 = S;
    this.D0 = D;
    this.C = C;
    let dPerpSq = D;
    if (S > 0) {
      const c = C / S;
      dPerpSq = 0;
      for (let i = 0; i < d; i++) {
        const e = (d0[i] as number) - c * (s0[i] as number);
        dPerpSq += e * e;
      }
    }
    this.dPerpSq = dPerpSq;
    this.gram = S > 0 ? S * dPerpSq : 0;
    if (!Number.isFinite(S) || !Number.isFinite(D)) {
      throw new DomainError(
        errorMessage("‖u0‖² + ‖α0‖²", S + D, "must be finite", "Scale the initial weights down (they overflow)."),
      );
    }
    const Ap = this.Ap;
    const ap = this.ap;
    const prod = Ap * lambda * (Ap * lambda) * S * D;
    const Omega = Math.hypot(2 * ap, Ap * lambda * Math.sqrt(S * D));
    this.Omega = Omega;
    // m·n = A'²λ²S₀D₀: take the cancellation-free one of Ω ± 2a' directly, the other from the product.
    let m: number;
    let n: number;
    if (ap >= 0) {
      m = Omega + 2 * ap;
      n = m > 0 ? prod / m : 0;
    } else {
      n = Omega - 2 * ap;
      m = prod / n;
    }
    this.m = m;
    this.n = n;
    const rel = 1e-14;
    this.cases = {
      d0Zero: D === 0,
      s0Zero: S === 0,
      cZero: C === 0,
      parallel: this.gram <= rel * S * D,
      orthogonal: Math.abs(S - D) <= rel * (S + D),
    };
    const inf = this.at(Number.POSITIVE_INFINITY);
    const K0 = (r.kappa * r.kappa * lambda * lambda * (S + D)) / 2;
    this.asymptotes = {
      zInf: inf.z,
      PInf: inf.P,
      fInf: inf.f,
      ntkInf: inf.ntk,
      ntkRatio: K0 > 0 ? inf.ntk / K0 : undefined,
      ntkRatioMinusOne: K0 > 0 ? this.ntkRatioMinusOne() : undefined,
      cosInf: inf.cosAngle,
      rate: lambda * Omega,
      q: r.a === 0 ? Number.POSITIVE_INFINITY : (r.kappa * r.A * lambda * (S + D)) / (4 * Math.abs(r.a)),
    };
  }

  private ntkRatioMinusOne(): number {
    const { Ap, ap, lambda, S0, D0, m, n } = this;
    const alphaC = n + Ap * lambda * S0;
    const betaC = m + Ap * lambda * D0;
    if (!(alphaC > 0 && betaC > 0)) {
      const r = this.at(Number.POSITIVE_INFINITY).ntk / ((this.setting.kappa ** 2 * lambda * lambda * (S0 + D0)) / 2);
      return r - 1;
    }
    // α − β = n − m + A'λ(S₀ − D₀) = −4a' + A'λ(S₀ − D₀)
    const diff = -4 * ap + Ap * lambda * (S0 - D0);
    return (diff * (D0 * n - S0 * m)) / (alphaC * betaC * (S0 + D0));
  }

  /** Numerator and denominator of z(t) (z = num/den, both ≥ 0); t = ∞ gives the limit. */
  private zParts(t: number): { num: number; den: number } {
    if (!(t >= 0)) {
      throw new DomainError(
        errorMessage("t", t, "must be ≥ 0 (or Infinity)", "The exact solution runs forward in time from t = 0."),
      );
    }
    const { Omega, lambda, Ap, S0, D0, m, n } = this;
    let E: number;
    let phi: number;
    if (t === Number.POSITIVE_INFINITY) {
      // Ω > 0: E → 0, φ → 1/Ω. Ω = 0: φ → ∞ with E = 1; the ratio tends to that of the φ coefficients.
      if (Omega > 0) {
        E = 0;
        phi = 1 / Omega;
      } else {
        E = 0;
        phi = 1;
      }
    } else if (Omega > 0) {
      const x = lambda * Omega * t;
      E = Math.exp(-x);
      phi = -Math.expm1(-x) / Omega;
    } else {
      E = 1;
      phi = lambda * t;
    }
    return { num: (n + Ap * lambda * S0) * phi + 2 * E, den: (m + Ap * lambda * D0) * phi + 2 * E };
  }

  /** z(t) = e^{2λ∫₀ᵗ g}. May be `Infinity`/0 in the limit at a saddle (then D₀ = 0 resp. S₀ = 0). */
  z(t: number): number {
    const { num, den } = this.zParts(t);
    if (num === 0 && den === 0) return 1; // all-zero initial state: nothing moves
    return num / den;
  }

  /** S₀/z and D₀z, with the conventions 0·∞ = 0 (a vanishing vector stays zero). */
  private sdTerms(t: number): { z: number; sOverZ: number; dTimesZ: number; rootZ: number; invRootZ: number } {
    const { num, den } = this.zParts(t);
    if (num === 0 && den === 0) return { z: 1, sOverZ: this.S0, dTimesZ: this.D0, rootZ: 1, invRootZ: 1 };
    const z = num / den;
    const sOverZ = this.S0 === 0 ? 0 : (this.S0 * den) / num;
    const dTimesZ = this.D0 === 0 ? 0 : (this.D0 * num) / den;
    return { z, sOverZ, dTimesZ, rootZ: Math.sqrt(num / den), invRootZ: Math.sqrt(den / num) };
  }

  /**
   * P(t). When z∞ ∈ (0, ∞) the flow converges to the least-squares point P∞ = a'/A', and P is evaluated as
   * P∞ − (λ/4)(z − z∞)(S₀/(z z∞) + D₀) with z − z∞ = 2E(β − α)/(β(βφ + 2E)), α = n + A'λS₀, β = m + A'λD₀:
   * its error is relative to |P − P∞| rather than to S₀/z (which exceeds |P| by the factor q in the kernel
   * regime). Otherwise (saddle cases) the direct λ(S₀/z − D₀z)/4.
   */
  private endToEnd(t: number, z: number, sOverZ: number, dTimesZ: number): number {
    const { Ap, ap, lambda, S0, D0, m, n, Omega } = this;
    const alphaC = n + Ap * lambda * S0;
    const betaC = m + Ap * lambda * D0;
    if (!(alphaC > 0 && betaC > 0)) return (lambda * (sOverZ - dTimesZ)) / 4;
    const PInf = ap / Ap;
    if (t === Number.POSITIVE_INFINITY) return PInf;
    const zInf = alphaC / betaC;
    const x = lambda * Omega * t;
    const E = Math.exp(-x);
    const phi = Omega > 0 ? -Math.expm1(-x) / Omega : lambda * t;
    const zMinus = (2 * E * (betaC - alphaC)) / (betaC * (betaC * phi + 2 * E));
    return PInf - (lambda / 4) * zMinus * (S0 / (z * zInf) + D0);
  }

  /** ‖ũ‖² and ‖α̃‖² at time t, via the decomposition d₀ = (C/S₀)s₀ + d⊥ (no cancellation between S₀ and D₀). */
  private rescaledNormsSq(rootZ: number, invRootZ: number, dTimesZ: number): { uu: number; aa: number } {
    const { S0, C } = this;
    if (S0 === 0) return { uu: dTimesZ / 4, aa: dTimesZ / 4 };
    const rootS = Math.sqrt(S0);
    const along = invRootZ * rootS;
    const cross = Number.isFinite(rootZ) ? rootZ * (C / rootS) : C === 0 ? 0 : Number.POSITIVE_INFINITY;
    const perp = this.dPerpSq === 0 ? 0 : rootZ * rootZ * this.dPerpSq;
    const pu = along + cross;
    const pa = along - cross;
    return { uu: (pu * pu + perp) / 4, aa: (pa * pa + perp) / 4 };
  }

  /**
   * Every scalar observable at time `t` (≥ 0, or `Infinity`), O(1).
   * @throws DomainError for t < 0 or NaN
   */
  at(t: number): FeatureLearningSnapshot {
    const r = this.setting;
    const { z, sOverZ, dTimesZ, rootZ, invRootZ } = this.sdTerms(t);
    const lambda = this.lambda;
    const P = this.endToEnd(t, z, sOverZ, dTimesZ);
    const ntk = (r.kappa * r.kappa * lambda * lambda * (sOverZ + dTimesZ)) / 2;
    const { uu, aa } = this.rescaledNormsSq(rootZ, invRootZ, dTimesZ);
    const normU = this.sqrtEtaU * Math.sqrt(uu);
    const normAlpha = this.sqrtEtaW * Math.sqrt(aa);
    const dot = (sOverZ - dTimesZ) / 4; // ũ·α̃
    const denom = Math.sqrt(uu) * Math.sqrt(aa);
    let cosAngle = denom > 0 && Number.isFinite(denom) ? dot / denom : 0;
    if (cosAngle > 1) cosAngle = 1;
    if (cosAngle < -1) cosAngle = -1;
    const loss = 0.5 * (this.Ap * P * P - 2 * this.ap * P + r.Ey2);
    return { t, z, P, f: r.kappa * P, ntk, normU, normAlpha, cosAngle, loss };
  }

  /** z at many times at once (convenience for plots). */
  zAt(times: ArrayLike<number>): Float64Array {
    const out = new Float64Array(times.length);
    for (let k = 0; k < times.length; k++) out[k] = this.z(times[k] as number);
    return out;
  }

  private coefficients(t: number): { cs: number; cd: number } {
    const { rootZ, invRootZ } = this.sdTerms(t);
    return { cs: this.S0 === 0 ? 0 : invRootZ, cd: this.D0 === 0 ? 0 : rootZ };
  }

  /** u(t) = √η_u (s₀/√z + d₀√z)/2, O(d). Writes into `out` when given. */
  u(t: number, out: Float64Array = new Float64Array(this.width)): Float64Array {
    const { cs, cd } = this.coefficients(t);
    const h = this.sqrtEtaU / 2;
    for (let i = 0; i < this.width; i++) {
      const a = cs === 0 ? 0 : cs * (this.s0[i] as number);
      const b = cd === 0 ? 0 : cd * (this.d0[i] as number);
      out[i] = h * (a + b);
    }
    return out;
  }

  /** α(t) = √η_w (s₀/√z − d₀√z)/2 (first-layer components along v), O(d). */
  alpha(t: number, out: Float64Array = new Float64Array(this.width)): Float64Array {
    const { cs, cd } = this.coefficients(t);
    const h = this.sqrtEtaW / 2;
    for (let i = 0; i < this.width; i++) {
      const a = cs === 0 ? 0 : cs * (this.s0[i] as number);
      const b = cd === 0 ? 0 : cd * (this.d0[i] as number);
      out[i] = h * (a - b);
    }
    return out;
  }

  /**
   * Per-unit cos∠(w_i, v) = α_i/√(α_i² + ‖w_i⊥‖²) (the first-layer features turning toward the data), O(d·k).
   * A zero w_i has no direction; its entry is 0 by convention.
   */
  cosWv(t: number, out: Float64Array = new Float64Array(this.width)): Float64Array {
    this.alpha(t, out);
    const wp = this.setting.wPerp;
    for (let i = 0; i < this.width; i++) {
      const ai = out[i] as number;
      let perp = 0;
      if (wp !== undefined) {
        for (let j = 0; j < wp.cols; j++) {
          const x = wp.data[i * wp.cols + j] as number;
          perp += x * x;
        }
      }
      const norm = Math.sqrt(ai * ai + perp);
      out[i] = norm > 0 ? ai / norm : 0;
    }
    return out;
  }

  /**
   * Coefficients of the network on held-out directions orthogonal to v: f(x) = κP(ξ) + β⊥ᵀx⊥ with
   * β⊥(t) = κ W⊥ᵀu(t) ∈ R^k (the frozen orthogonal parts of the first layer read out by the moving u).
   * Empty when no `wPerp` was given.
   */
  heldOutCoefficients(t: number): Float64Array {
    const wp = this.setting.wPerp;
    if (wp === undefined) return new Float64Array(0);
    const u = this.u(t);
    const out = new Float64Array(wp.cols);
    for (let i = 0; i < this.width; i++) {
      const ui = u[i] as number;
      for (let j = 0; j < wp.cols; j++) out[j] = (out[j] as number) + ui * (wp.data[i * wp.cols + j] as number);
    }
    const k = this.setting.kappa;
    for (let j = 0; j < wp.cols; j++) out[j] = k * (out[j] as number);
    return out;
  }

  /**
   * Held-out error ‖β⊥(t)‖²: the mean squared error E[(f(x) − y)²] contributed by isotropic, unit-variance
   * input directions orthogonal to v on which the target is zero (lindyn's formalisation of "large
   * initialisation leads to worse performance"; see the xu-ziyin2024 claims). 0 without `wPerp`.
   */
  heldOutError(t: number): number {
    const b = this.heldOutCoefficients(t);
    let s = 0;
    for (let j = 0; j < b.length; j++) s += (b[j] as number) * (b[j] as number);
    return s;
  }

  /** The conserved product S(t)D(t) = S₀D₀. */
  get sdProduct(): number {
    return this.S0 * this.D0;
  }

  /**
   * The conserved matrix Q_sym = uuᵀ/η_u − ααᵀ/η_w = (s₀d₀ᵀ + d₀s₀ᵀ)/2 (d × d, O(d²): small widths only).
   */
  qSym(): Matrix {
    const d = this.width;
    const q = new Matrix(d, d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const si = this.s0[i] as number;
        const sj = this.s0[j] as number;
        const di = this.d0[i] as number;
        const dj = this.d0[j] as number;
        q.data[i * d + j] = (si * dj + di * sj) / 2;
      }
    return q;
  }

  /** The conserved matrix Q_anti = (uαᵀ − αuᵀ)/√(η_uη_w) = (d₀s₀ᵀ − s₀d₀ᵀ)/2 (d × d, O(d²)). */
  qAnti(): Matrix {
    const d = this.width;
    const q = new Matrix(d, d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const si = this.s0[i] as number;
        const sj = this.s0[j] as number;
        const di = this.d0[i] as number;
        const dj = this.d0[j] as number;
        q.data[i * d + j] = (di * sj - si * dj) / 2;
      }
    return q;
  }
}

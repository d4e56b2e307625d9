/**
 * Exact gradient-flow trajectories of the scalar depth-2 linear network (one hidden unit, lindyn depth L = 2,
 * the paper's D = 1): loss ℓ(u, w) = c(A P² − 2aP + E[y²]) + γ(u² + w²), P = uw, flow (u̇, ẇ) = −∇ℓ, unit
 * rates. Closed forms from Ziyin, Li & Meng, "Exact Solutions of a Deep Linear Network" (arXiv 2202.04777,
 * NeurIPS 2022), in lindyn's derivation (`shared/papers/ziyin2022-exact-solutions.md`, "Depth-2 closed-form
 * trajectories"); the balanced ½-convention case with γ = 0 is Saxe, McClelland & Ganguli's mode solution
 * (arXiv 1312.6120, Eq. 6), see {@link saxeModeTrajectory}.
 *
 * Convention: c = 1 by default (Ziyin et al.); `half: true` gives c = ½ on the data term only, weight decay
 * staying γ(u² + w²) as in lindyn's `LossConfig` — equivalent to c = 1 with (A, a) → (A/2, a/2), which is how
 * it is evaluated. (Halving the whole loss instead is the c = 1 trajectory at time t/2.)
 *
 * Cases, with s = u + w, d = u − w, Δ = u² − w² = sd (Δ(t) = Δ₀e^{−4γt}):
 * - `balanced` (d₀ = 0, any γ): Ṗ = 4P(a − γ − AP), logistic. The mirror image s₀ = 0 (u₀ = −w₀) is the
 *   balanced solution for −a with P → −P (the map w → −w sends a to −a) and is reported as `balanced` too.
 * - `riccati` (γ = 0, Δ₀ ≠ 0): z = e^{2∫g} solves a Riccati equation with constant coefficients.
 * - `bessel` (γ > 0, Δ₀ ≠ 0): modified Bessel functions of order ν = (a + γ)/(2γ) (after mirroring to a ≥ 0)
 *   at ξ = k e^{−4γt}, k = A|Δ₀|/(4γ).
 *
 * Evaluation range of the Bessel form. The form is evaluated from scaled Bessel ratios and two log
 * cross-ratio integrals (see `_internals/bessel-form.ts`), all sums of positive terms, so it keeps ~1e-14
 * relative accuracy wherever it is evaluated: ν ≤ 1e5 and k ≤ 1e5 by default (cost grows linearly in both),
 * ξ ≥ 1e-280. Beyond ξ = 1e-280 (4γt > ln k + 644) the flow has become balanced to far below double precision
 * (|d|/|s| or A d² under 1e-140) and it is continued exactly by the balanced logistic for s and the linear
 * equation for d (`method: "asymptotic"`, with the bound A d²/(8γ) < 1e-15 checked). Outside the (ν, k) range,
 * or if a continued fraction or quadrature fails, `at` integrates the flow with a self-contained order-30
 * Taylor method instead and says so (`method: "numerical-fallback"`, with the reason in `note`). NaN is
 * never returned.
 *
 * @packageDocumentation
 */
import { ConvergenceError, DomainError, errorMessage } from "../../core/errors.js";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate.js";
import { BesselForm, type BesselRange, DEFAULT_BESSEL_RANGE } from "./_internals/bessel-form.js";
import { logisticLimit, logisticP, riccatiConstants, riccatiZ } from "./_internals/closed-forms.js";
import { depth2Formula, type TrajectoryFormula } from "./_internals/depth2-formulas.js";
import { taylorFlow } from "./_internals/taylor-flow.js";

/** Parameters of {@link depth2Trajectory}. */
export interface Depth2TrajectoryParams {
  /** A = E[x²] > 0. */
  readonly A: number;
  /** a = E[xy] (any sign). */
  readonly a: number;
  /** Weight decay γ ≥ 0 on both weights (penalty γ(u² + w²)). */
  readonly gamma: number;
  /** Initial input weight u(0). */
  readonly u0: number;
  /** Initial output weight w(0). */
  readonly w0: number;
  /**
   * Use c = ½ on the data term (Saxe et al.'s convention) instead of c = 1.
   * @defaultValue false
   */
  readonly half?: boolean;
  /**
   * Evaluation range of the Bessel form (largest order ν, largest argument k, quadrature tolerance).
   * @defaultValue `{ maxOrder: 1e5, maxArgument: 1e5, quadratureTol: 1e-14 }`
   */
  readonly besselRange?: Partial<BesselRange>;
}

/** Which closed form describes the trajectory. */
export type Depth2Kind = "balanced" | "riccati" | "bessel";

/** How a state was obtained. */
export type Depth2Method = "closed-form" | "asymptotic" | "numerical-fallback";

/** The state at one time. */
export interface Depth2State {
  readonly t: number;
  readonly u: number;
  readonly w: number;
  /** End-to-end coefficient P = uw. */
  readonly P: number;
  readonly method: Depth2Method;
  /** Why the closed form was not used (only for `numerical-fallback`). */
  readonly note?: string;
}

/** A depth-2 trajectory: evaluate it at any t ≥ 0, its t → ∞ limit, and its formula. */
export interface Depth2Trajectory {
  readonly kind: Depth2Kind;
  /** The loss-convention factor c on the data term. */
  readonly c: 1 | 0.5;
  /** The parameters as given. */
  readonly params: Readonly<Depth2TrajectoryParams>;
  /** Bessel order ν, argument k at t = 0 and whether the direct evaluation range holds (kind `bessel`). */
  readonly bessel?: { readonly nu: number; readonly k: number; readonly inRange: boolean; readonly reason: string };
  /** State at time t ≥ 0 (`Infinity` gives {@link Depth2Trajectory.limit}). */
  at(t: number): Depth2State;
  /** The fixed point reached as t → ∞. */
  readonly limit: Depth2State;
  /** The closed form: LaTeX (KaTeX-parseable), plain text, and the equations it is made of. */
  readonly formula: TrajectoryFormula;
}

/** −∇ℓ at (u, w): the right-hand side of the flow in the chosen convention. */
export function depth2Velocity(
  params: Pick<Depth2TrajectoryParams, "A" | "a" | "gamma" | "half">,
  u: number,
  w: number,
): { du: number; dw: number } {
  const c = params.half === true ? 0.5 : 1;
  const g = 2 * c * (params.A * u * w - params.a);
  return { du: -g * w - 2 * params.gamma * u, dw: -g * u - 2 * params.gamma * w };
}

function state(t: number, u: number, w: number, method: Depth2Method, note?: string): Depth2State {
  return note === undefined ? { t, u, w, P: u * w, method } : { t, u, w, P: u * w, method, note };
}

/**
 * The exact trajectory of the scalar depth-2 flow from (u₀, w₀); see the module documentation for the
 * cases, the convention and the evaluation range of the Bessel form.
 *
 * @example
 * const tr = depth2Trajectory({ A: 1, a: 1, gamma: 0.1, u0: 1, w0: 0.1 });
 * tr.kind;        // "bessel"
 * tr.at(0.5).P;   // end-to-end coefficient at t = 0.5
 * tr.limit.P;     // (a − γ)/A = 0.9
 * @throws DomainError for A ≤ 0, γ < 0 or non-finite parameters
 */
export function depth2Trajectory(params: Depth2TrajectoryParams): Depth2Trajectory {
  requirePositive("A", params.A, "A = E[x²] must be > 0 (a zero input carries no signal).");
  requireFinite("a", params.a);
  requireNonNegative("gamma", params.gamma, "Weight decay is a penalty; use 0 to switch it off.");
  requireFinite("u0", params.u0);
  requireFinite("w0", params.w0);
  const c: 1 | 0.5 = params.half === true ? 0.5 : 1;
  const A = c * params.A;
  const a = c * params.a;
  const { gamma, u0, w0 } = params;
  const s0 = u0 + w0;
  const d0 = u0 - w0;
  const half = params.half === true;

  const checkT = (t: number): void => {
    if (typeof t !== "number" || Number.isNaN(t) || t < 0) {
      throw new DomainError(errorMessage("t", t, "must be a time ≥ 0 (or Infinity)", "Pass a non-negative number."));
    }
  };

  // Balanced (d₀ = 0) and its mirror (s₀ = 0).
  if (d0 === 0 || s0 === 0) {
    const mirror = d0 === 0 ? 1 : -1; // w = mirror·u, P = mirror·Q with Q logistic for mirror·a
    const Q0 = u0 * u0;
    const rho = 4 * (mirror * a - gamma);
    const beta = 4 * A;
    const sign = Math.sign(u0);
    const make = (t: number, Q: number): Depth2State => {
      const u = sign * Math.sqrt(Q);
      return state(t, u, mirror * u, "closed-form");
    };
    const limit = make(Number.POSITIVE_INFINITY, logisticLimit(Q0, rho, beta));
    return {
      kind: "balanced",
      c,
      params,
      limit,
      formula: depth2Formula("balanced", half),
      at(t) {
        checkT(t);
        return t === Number.POSITIVE_INFINITY ? limit : make(t, logisticP(Q0, rho, beta, t));
      },
    };
  }

  const fromSD = (t: number, s: number, d: number, method: Depth2Method, flip = 1): Depth2State =>
    state(t, 0.5 * (s + d), (flip * 0.5 * (s - d)) as number, method);

  if (gamma === 0) {
    const rc = riccatiConstants(A, a, s0 * d0);
    const evalAt = (t: number): Depth2State => {
      const z = riccatiZ(A, s0, d0, rc, t);
      const rz = Math.sqrt(z);
      return fromSD(t, s0 / rz, d0 * rz, "closed-form");
    };
    const limit = evalAt(Number.POSITIVE_INFINITY);
    return {
      kind: "riccati",
      c,
      params,
      limit,
      formula: depth2Formula("riccati", half),
      at(t) {
        checkT(t);
        return t === Number.POSITIVE_INFINITY ? limit : evalAt(t);
      },
    };
  }

  // Weight decay, unbalanced: mirror to a ≥ 0 (w → −w swaps s and d).
  const flip = a < 0 ? -1 : 1;
  const fs0 = flip === 1 ? s0 : d0;
  const fd0 = flip === 1 ? d0 : s0;
  const range: BesselRange = { ...DEFAULT_BESSEL_RANGE, ...params.besselRange };
  const form = new BesselForm(A, Math.abs(a), gamma, fs0, fd0, range);
  // Limit: for |a| > γ the nonzero balanced minimum (d → 0, s² → 4(|a| − γ)/A), else the origin.
  const sInf = Math.abs(a) > gamma ? Math.sign(fs0) * 2 * Math.sqrt((Math.abs(a) - gamma) / A) : 0;
  const limit = fromSD(Number.POSITIVE_INFINITY, sInf, 0, "closed-form", flip);
  return {
    kind: "bessel",
    c,
    params,
    limit,
    formula: depth2Formula("bessel", half),
    bessel: { nu: form.nu, k: form.k, inRange: form.inRange, reason: form.reason },
    at(t) {
      checkT(t);
      if (t === Number.POSITIVE_INFINITY) return limit;
      const r = form.evaluate(t);
      if (r.ok) return fromSD(t, r.s, r.d, r.method, flip);
      const num = taylorFlow(A, a, gamma, u0, w0, t);
      if (num === null) {
        throw new ConvergenceError(
          errorMessage(
            "t",
            t,
            `is out of the Bessel form's range (${r.reason}) and the Taylor-series fallback exhausted its step budget`,
            "Use a smaller t or the dynamics layer's dopri5 on the factorised flow.",
          ),
        );
      }
      return state(t, num.u, num.w, "numerical-fallback", `Bessel closed form out of range: ${r.reason}`);
    },
  };
}

/**
 * Gradient flow of a deep balanced scalar chain (lindyn depth L = number of weight factors, the paper's
 * D = L − 1; Ziyin, Li & Meng, arXiv 2202.04777, lindyn's reduction in
 * `shared/papers/ziyin2022-exact-solutions.md`, results 2 and 7): with every factor of magnitude b and
 * P = sgn(a)·b^L, the loss c = 1 convention and unit rates give
 *
 *   ḃ = −2b·h(b),   h(b) = A b^{2L−2} − |a| b^{L−2} + ḡ,
 *
 * which has no closed form for general L, only the implicit time
 *
 *   t(b) = ∫_{b₀}^{b} dβ / (−2β h(β)).
 *
 * It is evaluated in y = ln b (the integrand 1/(−2h(e^y)) stays bounded as b → 0 for L = 2 and ḡ > 0) with
 * the simple pole at the attracting root r of h subtracted analytically: near y_r = ln r,
 * 1/(−2h(e^y)) ≈ C/(y − y_r), C = 1/(−2r h′(r)), so t = C ln((y − y_r)/(y₀ − y_r)) + ∫(smooth remainder),
 * and the remainder is integrated by adaptive Gauss–Kronrod. The inverse b(t) solves t(b) = t by safeguarded
 * Newton in ζ = ln((y − y_r)/(y₀ − y_r)), in which t is asymptotically linear (t ≈ Cζ + const).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { requireFinite, requireInteger, requireNonNegative, requirePositive } from "../../core/validate.js";
import { integrate } from "./_internals/gauss-kronrod.js";

/** Parameters of {@link deepChainTrajectory}. */
export interface DeepChainParams {
  /** Depth L ≥ 2 (number of weight factors). */
  readonly L: number;
  /** A = E[x²] > 0. */
  readonly A: number;
  /** a = E[xy]; only |a| enters b(t), its sign fixes the sign of P. */
  readonly a: number;
  /** ḡ = (Πγ_i)^{1/L} ≥ 0 (equal γ on every layer for the balanced set to be invariant). */
  readonly gbar: number;
  /** Initial per-layer scale b₀ > 0. */
  readonly b0: number;
}

/** State of the chain at one time. */
export interface DeepChainState {
  readonly t: number;
  readonly b: number;
  /** End-to-end coefficient sgn(a)·b^L. */
  readonly P: number;
}

/** The implicit trajectory of a deep balanced chain. */
export interface DeepChainTrajectory {
  readonly params: Readonly<DeepChainParams>;
  /** h(b) = A b^{2L−2} − |a| b^{L−2} + ḡ. */
  h(b: number): number;
  /** ḃ = −2b h(b). */
  velocity(b: number): number;
  /** Positive roots of h, ascending (critical points of the reduced loss on b > 0). */
  readonly roots: readonly number[];
  /** lim_{t→∞} b(t): the root of h the flow runs into, or 0. */
  readonly limit: number;
  /** +1 if b grows, −1 if it shrinks, 0 if b₀ is a critical point. */
  readonly direction: 1 | -1 | 0;
  /** t(b) for b between b₀ and the limit (`Infinity` at the limit). */
  timeTo(b: number): number;
  /** b(t), t ≥ 0, by inverting {@link DeepChainTrajectory.timeTo}. */
  at(t: number): DeepChainState;
}

function bisectRoot(f: (b: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm < 0 === flo < 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Positive roots of h(b) = A b^{2L−2} − |a| b^{L−2} + ḡ (Descartes: at most two). */
function chainRoots(L: number, A: number, absA: number, gbar: number): number[] {
  const h = (b: number): number => A * b ** (2 * L - 2) - absA * b ** (L - 2) + gbar;
  if (L === 2) return absA > gbar ? [Math.sqrt((absA - gbar) / A)] : [];
  const top = (absA / A) ** (1 / L);
  if (gbar === 0) return absA > 0 ? [top] : [];
  const bc = (((L - 2) * absA) / ((2 * L - 2) * A)) ** (1 / L); // minimiser of h on b > 0
  const hc = h(bc);
  if (hc > 0) return [];
  if (hc === 0) return [bc];
  return [bisectRoot(h, 0, bc), bisectRoot(h, bc, 2 * Math.max(bc, top))];
}

/**
 * The trajectory b(t) of ḃ = −2b h(b) from b₀, with its implicit time t(b) by quadrature.
 *
 * @example
 * const ch = deepChainTrajectory({ L: 3, A: 1, a: 1, gbar: 0, b0: 0.05 });
 * ch.limit;            // 1 = (|a|/A)^{1/L}
 * ch.timeTo(0.5);      // ≈ 9.0653 (the plateau of a small initialisation)
 * ch.at(9.0653).b;     // ≈ 0.5
 * @throws DomainError for L < 2, A ≤ 0, ḡ < 0, b₀ ≤ 0
 */
export function deepChainTrajectory(params: DeepChainParams): DeepChainTrajectory {
  requireInteger("L", params.L, 2);
  requirePositive("A", params.A, "A = E[x²] must be > 0.");
  requireFinite("a", params.a);
  requireNonNegative("gbar", params.gbar, "ḡ is a geometric mean of weight decays; use 0 to switch it off.");
  requirePositive("b0", params.b0, "b is |P|^{1/L} on the balanced set; b₀ = 0 is a fixed point.");
  const { L, A, gbar, b0 } = params;
  const absA = Math.abs(params.a);
  const sgn = params.a < 0 ? -1 : 1;
  const h = (b: number): number => A * b ** (2 * L - 2) - absA * b ** (L - 2) + gbar;
  const hPrime = (b: number): number => (2 * L - 2) * A * b ** (2 * L - 3) - (L - 2) * absA * b ** (L - 3);
  const roots = chainRoots(L, A, absA, gbar);
  const h0 = h(b0);
  const direction: 1 | -1 | 0 = h0 < 0 ? 1 : h0 > 0 ? -1 : 0;
  let limit = b0;
  if (direction === 1) limit = roots.find((r) => r > b0) ?? Number.POSITIVE_INFINITY;
  if (direction === -1) limit = [...roots].reverse().find((r) => r < b0) ?? 0;
  const y0 = Math.log(b0);
  const yr = limit > 0 && Number.isFinite(limit) ? Math.log(limit) : Number.NaN;
  const hpr = limit > 0 ? hPrime(limit) : 0;
  // Pole strength at a simple root; a double root (ḡ exactly at the spinodal) is left unsubtracted.
  const C = Number.isFinite(yr) && hpr !== 0 ? 1 / (-2 * limit * hpr) : 0;
  // Near the root, h(e^y) evaluated directly loses |a|ε absolutely, i.e. ε/(y − y_r) relatively, and the
  // pole subtraction then leaves noise ε|C|/(y − y_r)² whose integral diverges as y → y_r (seen: 1e-10 at
  // b − r = 1e-4). In pole mode h is therefore evaluated as h(b) − h(r) with b^n − r^n = r^n·expm1(nδ),
  // δ = y − y_r (exact for nearby doubles by Sterbenz): relative accuracy ε down to the root.
  const rA = Number.isFinite(yr) ? A * limit ** (2 * L - 2) : 0;
  const rB = Number.isFinite(yr) ? absA * limit ** (L - 2) : 0;
  const dtdy = (y: number): number => {
    if (C === 0) return 1 / (-2 * h(Math.exp(y)));
    const d = y - yr;
    return 1 / (-2 * (rA * Math.expm1((2 * L - 2) * d) - rB * Math.expm1((L - 2) * d)));
  };

  const between = (b: number): boolean =>
    direction === 1 ? b >= b0 && b <= limit : direction === -1 ? b <= b0 && b >= limit : b === b0;

  const remainder = (x: number): number => (x === yr ? 0 : dtdy(x) - C / (x - yr));
  // Near the pole the remainder is a difference of two O(C/(y − y_r)) numbers, so its round-off noise is
  // ~ε|C|/|y − y_r|; integrated, that noise is only ~ε|C|·ln, but the Kronrod–Gauss estimate sees it segment
  // by segment. The absolute tolerance 1e-13|C| is that achievable floor (t itself is ≥ |C|·|ζ|).
  const remOpts = { relTol: 1e-14, absTol: 1e-13 * Math.abs(C), maxSegments: 200 };
  // R∞ = ∫_{y₀}^{y_r} remainder (the remainder is bounded at y_r; QK15 never samples the endpoint).
  let rInf: number | undefined;
  const remInf = (): number => {
    const cut = yr + 1e-3 * (y0 - yr);
    rInf ??= integrate(remainder, y0, cut, remOpts).value + integrate(remainder, cut, yr, { maxSegments: 1 }).value;
    return rInf;
  };
  const timeToY = (y: number): number => {
    if (y === y0) return 0;
    if (C !== 0) {
      // Within 1e-3 of the pole (relative to |y₀ − y_r|) integrate the short piece [y, y_r] with one QK15
      // panel (the remainder is smooth there; adaptivity would only chase round-off) and subtract from R∞.
      const rem =
        Math.abs(y - yr) <= 1e-3 * Math.abs(y0 - yr)
          ? remInf() - integrate(remainder, y, yr, { maxSegments: 1 }).value
          : integrate(remainder, y0, y, remOpts).value;
      return C * Math.log((y - yr) / (y0 - yr)) + rem;
    }
    return integrate(dtdy, y0, y, { relTol: 1e-14 }).value;
  };

  const timeTo = (b: number): number => {
    requirePositive("b", b);
    if (!between(b)) {
      throw new DomainError(
        errorMessage(
          "b",
          b,
          `must lie between b₀ = ${b0} and the limit ${limit} (the flow is monotone and never passes a root of h)`,
          "Ask for a value on the path of the flow.",
        ),
      );
    }
    if (b === limit) return Number.POSITIVE_INFINITY;
    return timeToY(Math.log(b));
  };

  // y as a function of the search variable ζ, and t(ζ) with its derivative.
  const yOf = (zeta: number): number => (C !== 0 ? yr + (y0 - yr) * Math.exp(zeta) : y0 + direction * zeta);
  const dyOf = (zeta: number): number => (C !== 0 ? (y0 - yr) * Math.exp(zeta) : direction);

  const at = (t: number): DeepChainState => {
    if (typeof t !== "number" || Number.isNaN(t) || t < 0) {
      throw new DomainError(errorMessage("t", t, "must be a time ≥ 0 (or Infinity)", "Pass a non-negative number."));
    }
    const mk = (b: number): DeepChainState => ({ t, b, P: sgn * b ** L });
    if (direction === 0 || t === 0) return mk(b0);
    if (t === Number.POSITIVE_INFINITY) return mk(limit);
    // ζ runs from 0 (t = 0) towards −∞ (pole form) or +∞ (linear form); t(ζ) is monotone.
    const s = C !== 0 ? -1 : 1;
    let lo = 0;
    let hi: number;
    if (C !== 0) {
      // t ≈ Cζ + R∞ for large t: once that puts y within half an ulp of y_r, b(t) = r in double precision.
      const zetaEst = (t - remInf()) / C;
      if (Math.abs(y0 - yr) * Math.exp(zetaEst) < 0.5 * Number.EPSILON * Math.max(Math.abs(yr), 1e-300)) {
        return mk(limit);
      }
      hi = Math.min(-1, 2 * zetaEst - 1);
    } else hi = Math.max(1, t / Math.abs(dtdy(y0)));
    let guard = 0;
    while (timeToY(yOf(hi)) < t) {
      lo = hi;
      hi *= 2;
      if (++guard > 60 || !Number.isFinite(yOf(hi)) || (C !== 0 && yOf(hi) === yr)) return mk(Math.exp(yOf(hi)));
    }
    // Safeguarded Newton on F(ζ) = t(ζ) − t inside [lo, hi] (lo: F < 0 side).
    let zeta = 0.5 * (lo + hi);
    for (let it = 0; it < 100; it++) {
      const y = yOf(zeta);
      const F = timeToY(y) - t;
      if (Math.abs(F) <= 2 * Number.EPSILON * t) break;
      if (F < 0) lo = zeta;
      else hi = zeta;
      let next = zeta - F / (dtdy(y) * dyOf(zeta));
      if (!(s > 0 ? next > lo && next < hi : next < lo && next > hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
      const done = Math.abs(next - zeta) <= 4 * Number.EPSILON * Math.max(1, Math.abs(zeta));
      zeta = next;
      if (done) break;
    }
    return mk(Math.exp(yOf(zeta)));
  };

  return {
    params,
    h,
    velocity: (b) => -2 * b * h(b),
    roots,
    limit,
    direction,
    timeTo,
    at,
  };
}

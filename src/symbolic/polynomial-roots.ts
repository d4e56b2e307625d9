/**
 * All roots of a real polynomial, with the real ones certified by sign changes.
 *
 * Method: Aberth–Ehrlich simultaneous iteration (cubically convergent for simple roots) started from Bini's
 * Newton-polygon radii, so that roots of very different magnitudes (b^{2L−2} against a constant, as in the
 * weight-decay landscape) each get a starting circle of the right size. Candidate real roots are then
 * polished by Newton's method on the real polynomial inside a bracket where the polynomial changes sign,
 * and bisected when Newton leaves the bracket; a real root without a sign change (even multiplicity, e.g.
 * exactly at a spinodal) is reported with `bracketed: false`.
 *
 * The companion matrix is not used: it is non-symmetric and the core's eigensolver is symmetric-only.
 *
 * @packageDocumentation
 */
import { ConvergenceError, DomainError, errorMessage } from "../core/errors.js";

/** Options of {@link polynomialRoots}. */
export interface PolynomialRootsOptions {
  /** Maximum Aberth sweeps. @defaultValue 500 */
  readonly maxIterations?: number;
  /**
   * A root is "numerically real" when |Im z| ≤ realTolerance·(1 + |z|) after Aberth; it is then accepted only
   * if a sign change brackets it (or it is a verified even-multiplicity root).
   * @defaultValue 1e-6 — Aberth gives simple roots to ~1e-15 but double roots only to ~√eps ≈ 1e-8
   */
  readonly realTolerance?: number;
}

/** A complex root. */
export interface ComplexRoot {
  readonly re: number;
  readonly im: number;
}

/** A real root. */
export interface RealRoot {
  readonly value: number;
  /**
   * True when p changes sign, above rounding noise, across a bracket around the root. False for a root
   * accepted on its residual alone: an even-multiplicity root (p and p′ vanish to rounding level), or a
   * root too flat for its sign change to rise above the noise.
   */
  readonly bracketed: boolean;
  /** How many Aberth roots collapsed onto this one (2 for a double root). */
  readonly multiplicity: number;
  /** |p(value)| / Σ|c_k||value|^k, the backward error. */
  readonly relativeResidual: number;
}

/** All roots of a polynomial. */
export interface PolynomialRoots {
  /** Degree after removing leading zero coefficients. */
  readonly degree: number;
  /** Every root (with multiplicity), from Aberth's iteration. */
  readonly all: readonly ComplexRoot[];
  /** The real roots, ascending, certified as described in the module documentation. */
  readonly real: readonly RealRoot[];
  readonly iterations: number;
}

/** p(x) and Σ|c_k||x|^k by Horner (coefficients lowest degree first). */
function hornerReal(c: readonly number[], x: number): { p: number; dp: number; bound: number } {
  let p = 0;
  let dp = 0;
  let bound = 0;
  const ax = Math.abs(x);
  for (let k = c.length - 1; k >= 0; k--) {
    dp = dp * x + p;
    p = p * x + (c[k] as number);
    bound = bound * ax + Math.abs(c[k] as number);
  }
  return { p, dp, bound };
}

/** Starting points on Bini's Newton-polygon circles. */
function initialGuesses(c: readonly number[]): { re: number; im: number }[] {
  const n = c.length - 1;
  const pts: { k: number; y: number }[] = [];
  for (let k = 0; k <= n; k++) {
    const v = Math.abs(c[k] as number);
    if (v > 0) pts.push({ k, y: Math.log(v) });
  }
  // Upper convex hull of (k, log|c_k|).
  const hull: { k: number; y: number }[] = [];
  for (const p of pts) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2] as { k: number; y: number };
      const b = hull[hull.length - 1] as { k: number; y: number };
      if ((b.y - a.y) * (p.k - a.k) <= (p.y - a.y) * (b.k - a.k)) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const out: { re: number; im: number }[] = [];
  for (let i = 0; i + 1 < hull.length; i++) {
    const a = hull[i] as { k: number; y: number };
    const b = hull[i + 1] as { k: number; y: number };
    const m = b.k - a.k;
    const r = Math.exp((a.y - b.y) / m);
    for (let j = 0; j < m; j++) {
      const theta = (2 * Math.PI * j) / m + (2 * Math.PI * i) / n + 0.4;
      out.push({ re: r * Math.cos(theta), im: r * Math.sin(theta) });
    }
  }
  return out;
}

/**
 * Roots of Σ_k coefficients[k]·x^k (lowest degree first).
 * @throws DomainError for non-finite coefficients or the zero polynomial
 * @throws ConvergenceError when Aberth's iteration does not converge within `maxIterations`
 */
export function polynomialRoots(
  coefficients: readonly number[],
  options: PolynomialRootsOptions = {},
): PolynomialRoots {
  const maxIterations = options.maxIterations ?? 500;
  const realTolerance = options.realTolerance ?? 1e-6;
  coefficients.forEach((c, k) => {
    if (!Number.isFinite(c)) {
      throw new DomainError(
        errorMessage(`coefficients[${k}]`, c, "must be finite", "Check the polynomial's parameters."),
      );
    }
  });
  let top = coefficients.length - 1;
  while (top >= 0 && coefficients[top] === 0) top--;
  if (top < 0) {
    throw new DomainError(
      errorMessage(
        "coefficients",
        coefficients,
        "must not all be zero",
        "The zero polynomial has every number as a root.",
      ),
    );
  }
  const full = coefficients.slice(0, top + 1);
  // Exact zero roots first; Aberth works on the deflated polynomial.
  let zeros = 0;
  while (full[zeros] === 0) zeros++;
  const c = full.slice(zeros);
  const n = c.length - 1;
  const z = n > 0 ? initialGuesses(c) : [];
  let iterations = 0;
  if (n > 0) {
    const converged = new Array<boolean>(n).fill(false);
    for (; iterations < maxIterations && converged.some((x) => !x); iterations++) {
      for (let i = 0; i < n; i++) {
        if (converged[i]) continue;
        const zi = z[i] as { re: number; im: number };
        // Complex Horner for p, p' and the error bound Σ|c_k||z|^k.
        let pr = 0;
        let pi = 0;
        let dr = 0;
        let di = 0;
        let bound = 0;
        const az = Math.hypot(zi.re, zi.im);
        for (let k = n; k >= 0; k--) {
          const ndr = dr * zi.re - di * zi.im + pr;
          const ndi = dr * zi.im + di * zi.re + pi;
          dr = ndr;
          di = ndi;
          const npr = pr * zi.re - pi * zi.im + (c[k] as number);
          const npi = pr * zi.im + pi * zi.re;
          pr = npr;
          pi = npi;
          bound = bound * az + Math.abs(c[k] as number);
        }
        if (Math.hypot(pr, pi) <= 4 * Number.EPSILON * bound) {
          converged[i] = true;
          continue;
        }
        // ratio = p/p'
        const dd = dr * dr + di * di;
        const rr = (pr * dr + pi * di) / dd;
        const ri = (pi * dr - pr * di) / dd;
        // s = Σ_{j≠i} 1/(z_i − z_j)
        let sr = 0;
        let si = 0;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const zj = z[j] as { re: number; im: number };
          const xr = zi.re - zj.re;
          const xi = zi.im - zj.im;
          const m = xr * xr + xi * xi;
          sr += xr / m;
          si -= xi / m;
        }
        // w = ratio / (1 − ratio·s)
        const denr = 1 - (rr * sr - ri * si);
        const deni = -(rr * si + ri * sr);
        const dm = denr * denr + deni * deni;
        const wr = (rr * denr + ri * deni) / dm;
        const wi = (ri * denr - rr * deni) / dm;
        zi.re -= wr;
        zi.im -= wi;
        if (Math.hypot(wr, wi) <= Number.EPSILON * Math.hypot(zi.re, zi.im)) converged[i] = true;
      }
    }
    if (converged.some((x) => !x)) {
      throw new ConvergenceError(
        `polynomialRoots: Aberth's iteration did not converge in ${maxIterations} sweeps for degree ${n} ` +
          `(coefficients ${JSON.stringify(coefficients)}). Raise maxIterations or rescale the variable.`,
      );
    }
  }
  const all: ComplexRoot[] = [...new Array(zeros).fill(0).map(() => ({ re: 0, im: 0 })), ...z];
  return { degree: top, all, real: certifyRealRoots(full, all, realTolerance), iterations };
}

/** Safeguarded Newton inside a sign-change bracket [lo, hi]. */
function refineInBracket(c: readonly number[], lo: number, hi: number, start: number): number {
  let flo = hornerReal(c, lo).p;
  let x = start;
  for (let it = 0; it < 200; it++) {
    const { p, dp } = hornerReal(c, x);
    if (p === 0) return x;
    if (Math.sign(p) === Math.sign(flo)) {
      lo = x;
      flo = p;
    } else hi = x;
    let next = x - p / dp;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 2 * Number.EPSILON * Math.abs(next) || hi - lo <= 4 * Number.EPSILON * Math.abs(x)) {
      return next;
    }
    x = next;
  }
  return x;
}

function certifyRealRoots(c: readonly number[], all: readonly ComplexRoot[], realTolerance: number): RealRoot[] {
  const candidates = all
    .filter((r) => Math.abs(r.im) <= realTolerance * (1 + Math.hypot(r.re, r.im)))
    .map((r) => r.re)
    .sort((x, y) => x - y);
  // Group candidates that coincide to Aberth's accuracy for multiple roots (~√eps relative).
  const groups: { value: number; count: number }[] = [];
  for (const x of candidates) {
    const last = groups[groups.length - 1];
    if (last !== undefined && Math.abs(x - last.value) <= 1e-7 * Math.max(1, Math.abs(x))) {
      last.value = (last.value * last.count + x) / (last.count + 1);
      last.count++;
    } else groups.push({ value: x, count: 1 });
  }
  const out: RealRoot[] = [];
  groups.forEach((g, idx) => {
    if (g.value === 0 && hornerReal(c, 0).p === 0) {
      out.push({ value: 0, bracketed: g.count % 2 === 1, multiplicity: g.count, relativeResidual: 0 });
      return;
    }
    const prev = groups[idx - 1]?.value ?? Number.NEGATIVE_INFINITY;
    const next = groups[idx + 1]?.value ?? Number.POSITIVE_INFINITY;
    const gap = Math.min(g.value - prev, next - g.value);
    let delta = Math.max(16 * Number.EPSILON * Math.abs(g.value), Number.MIN_VALUE);
    const maxDelta = Math.min(0.5 * gap, 1e-3 * Math.max(1, Math.abs(g.value)));
    let found = false;
    while (delta <= maxDelta) {
      const lo = g.value - delta;
      const hi = g.value + delta;
      const elo = hornerReal(c, lo);
      const ehi = hornerReal(c, hi);
      // A sign change counts only when both values stand above the rounding noise of Horner's rule
      // (≈ 2n·eps·Σ|c_k||x|^k); otherwise a double root would look bracketed by noise.
      const noise = (e: { bound: number }): number => 4 * c.length * Number.EPSILON * e.bound;
      const significant = Math.abs(elo.p) > noise(elo) && Math.abs(ehi.p) > noise(ehi);
      if (significant && Math.sign(elo.p) !== Math.sign(ehi.p)) {
        const value = refineInBracket(c, lo, hi, g.value);
        const { p, bound } = hornerReal(c, value);
        out.push({
          value,
          bracketed: true,
          multiplicity: g.count,
          relativeResidual: bound === 0 ? 0 : Math.abs(p) / bound,
        });
        found = true;
        break;
      }
      delta *= 4;
    }
    if (!found) {
      // No significant sign change: an even-multiplicity root (no sign change by nature), or a root so flat
      // that rounding noise hides it. Accept only if p vanishes to rounding level and, for a multiple root,
      // p' does too; otherwise the candidate was a complex pair with a small imaginary part.
      const { p, dp, bound } = hornerReal(c, g.value);
      const derivBound = c.reduce((s, ck, k) => s + k * Math.abs(ck) * Math.abs(g.value) ** Math.max(k - 1, 0), 0);
      const flat = g.count === 1 || Math.abs(dp) <= 1e-6 * Math.max(derivBound, Number.MIN_VALUE);
      if (Math.abs(p) <= 1e-12 * bound && flat) {
        out.push({ value: g.value, bracketed: false, multiplicity: g.count, relativeResidual: Math.abs(p) / bound });
      }
    }
  });
  return out;
}

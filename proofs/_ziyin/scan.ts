/**
 * Numeric γ-scans of the scalar chain's reduced loss ℓ(b) = A b^{2L} − 2|a| b^L + E[y²] + L ḡ b² by brute force
 * (a dense grid in b plus golden-section refinement; no root of h is solved), and the transition located by
 * bisection on "a non-zero b beats the origin". The closed forms are never consulted here.
 *
 * @packageDocumentation
 */

/** The brute-force minimum at one ḡ. */
export interface ScanPoint {
  readonly gbar: number;
  /** Minimiser b* ≥ 0 (0 when the origin wins). */
  readonly b: number;
  /** |P*| = b*^L. */
  readonly P: number;
  readonly loss: number;
}

/** Reduced loss of the scalar chain (arXiv 2202.04777, one-scalar reduction; project note item 2). */
function ell(L: number, A: number, a: number, Ey2: number, gbar: number, b: number): number {
  return A * b ** (2 * L) - 2 * Math.abs(a) * b ** L + Ey2 + L * gbar * b * b;
}

/**
 * Minimises ℓ over b ∈ [0, b_max] with b_max = 2(2|a|/A)^{1/L} (beyond it A b^{2L} > 4|a| b^L, so ℓ > ℓ(0)):
 * a 4000-point grid, then golden-section search on the two cells around every local minimum of the grid
 * values at b > 0 (near γ_c the grid points next to the non-zero minimum can lie above ℓ(0) although the
 * minimum itself lies below). The origin wins ties.
 */
export function bruteForceMinimum(L: number, A: number, a: number, Ey2: number, gbar: number): ScanPoint {
  const f = (b: number) => ell(L, A, a, Ey2, gbar, b);
  const origin = f(0);
  if (a === 0) return { gbar, b: 0, P: 0, loss: origin };
  const bmax = 2 * ((2 * Math.abs(a)) / A) ** (1 / L);
  const n = 4000;
  const v = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) v[k] = f((bmax * k) / n);
  let best = { b: 0, loss: origin };
  for (let k = 1; k <= n; k++) {
    const here = v[k] as number;
    if (here > (v[k - 1] as number) || (k < n && here > (v[k + 1] as number))) continue;
    const m = golden(f, (bmax * (k - 1)) / n, (bmax * Math.min(k + 1, n)) / n);
    if (m.loss < best.loss) best = m;
  }
  return best.b === 0 ? { gbar, b: 0, P: 0, loss: origin } : { gbar, b: best.b, P: best.b ** L, loss: best.loss };
}

/** Golden-section minimisation of f on [lo, hi] down to relative width 1e-15. */
function golden(f: (b: number) => number, lo: number, hi: number): { b: number; loss: number } {
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? { b: x1, loss: f1 } : { b: x2, loss: f2 };
}

/** The transition found numerically. */
export interface NumericTransition {
  /** The last ḡ with a non-zero minimiser and the first with b* = 0 (bisection bracket, relative width ~1e-15). */
  readonly below: ScanPoint;
  readonly above: ScanPoint;
  /** Midpoint of the bracket. */
  readonly gammaC: number;
  /** Points of the coarse scan, for the evidence. */
  readonly scanned: number;
}

/**
 * Scans ḡ upwards from 0 on a geometric grid (doubling from a data scale) until the brute-force minimiser is the
 * origin, then bisects between the last non-zero and the first zero minimiser to relative width 1e-15.
 */
export function locateTransition(L: number, A: number, a: number, Ey2: number): NumericTransition {
  const at = (g: number) => bruteForceMinimum(L, A, a, Ey2, g);
  let g = 1e-3 * Math.abs(a) * (Math.abs(a) / A) ** ((L - 2) / L);
  let below = at(g);
  let scanned = 1;
  if (below.b === 0) throw new Error(`the origin already wins at the smallest scanned ḡ = ${g}`);
  let above = at(2 * g);
  scanned++;
  while (above.b > 0) {
    below = above;
    g *= 2;
    above = at(2 * g);
    scanned++;
    if (scanned > 200) throw new Error("no transition found up to ḡ = 2^200 × the data scale");
  }
  while (above.gbar - below.gbar > 1e-15 * above.gbar) {
    const mid = at(0.5 * (below.gbar + above.gbar));
    if (mid.gbar <= below.gbar || mid.gbar >= above.gbar) break;
    if (mid.b > 0) below = mid;
    else above = mid;
  }
  return { below, above, gammaC: 0.5 * (below.gbar + above.gbar), scanned };
}

/**
 * One-sided second-order difference quotient of ḡ ↦ ℓ*(ḡ) at x, using x, x ∓ h, x ∓ 2h on the side given by
 * `side` (−1: left, +1: right): (3f(x) − 4f(x∓h) + f(x∓2h)) / (±2h). Exact for quadratics.
 */
export function oneSidedSlope(loss: (g: number) => number, x: number, h: number, side: -1 | 1): number {
  return (3 * loss(x) - 4 * loss(x + side * h) + loss(x + 2 * side * h)) / (-2 * side * h);
}

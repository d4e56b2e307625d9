/**
 * Least-squares power-law fits y ≈ C·x^p on log–log axes, used to report convergence rates and the O(1/q)
 * vanishing of the feature-learning mechanisms.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";

/** A fitted power law. */
export interface PowerLawFit {
  /** The exponent p (slope of log y against log x). */
  readonly exponent: number;
  /** The prefactor C. */
  readonly prefactor: number;
  /** Largest |log y − log(C x^p)| over the points: how straight the log–log line is. */
  readonly maxLogResidual: number;
  /** Number of points used. */
  readonly points: number;
}

/**
 * Fits log y = log C + p log x by ordinary least squares.
 * @throws DomainError for fewer than two points, non-positive values or all-equal x
 */
export function fitPowerLaw(xs: ArrayLike<number>, ys: ArrayLike<number>): PowerLawFit {
  const n = xs.length;
  if (n < 2 || ys.length !== n) {
    throw new DomainError(errorMessage("points", n, "must be ≥ 2 pairs (x, y)", "Pass more widths or scales."));
  }
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) {
      throw new DomainError(
        errorMessage(`(x, y)[${i}]`, [x, y], "must both be finite and > 0 for a log–log fit", "Drop zero points."),
      );
    }
    sx += Math.log(x);
    sy += Math.log(y);
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.log(xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * (Math.log(ys[i] as number) - my);
  }
  if (!(sxx > 0)) throw new DomainError(errorMessage("x", Array.from(xs), "must not all be equal", "Vary x."));
  const p = sxy / sxx;
  const logC = my - p * mx;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(Math.log(ys[i] as number) - logC - p * Math.log(xs[i] as number));
    if (r > worst) worst = r;
  }
  return { exponent: p, prefactor: Math.exp(logC), maxLogResidual: worst, points: n };
}

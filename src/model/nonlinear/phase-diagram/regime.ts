/**
 * The two-layer ReLU phase diagram of Luo, Xu, Ma, Zhang 2021 (arXiv 2007.07497,
 * phase-diagram statement in the abstract and the lindyn note): the score S = γ − 1 − max(γ′, 0) and the slope bands lindyn uses to read a regime off
 * a finite-width fit of log RD against log m.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { requireFinite } from "../../../core/validate.js";

/** The three regimes: sup_t RD → 0 (linear), O(1) (critical), ∞ (condensed) as m → ∞. */
export type Regime = "linear" | "critical" | "condensed";

/**
 * S = γ − 1 − max(γ′, 0): linear iff S < 0 (γ < 1 or γ′ > γ − 1), condensed iff S > 0 (γ > 1 and
 * γ′ < γ − 1), critical on S = 0 (Luo et al. 2021, arXiv 2007.07497, phase-diagram statement; lindyn note zhou2022-phase-diagram.md).
 */
export function regimeScore(gamma: number, gammaPrime: number): number {
  requireFinite("gamma", gamma);
  requireFinite("gammaPrime", gammaPrime);
  return gamma - 1 - Math.max(gammaPrime, 0);
}

/** sign(S) as a regime; |S| ≤ `eps` counts as critical (grid values like 1.5 − 1 − 0.5 are exact). */
export function predictedRegime(score: number, eps = 1e-12): Regime {
  requireFinite("score", score);
  if (score > eps) return "condensed";
  if (score < -eps) return "linear";
  return "critical";
}

/**
 * Slope bands for finite widths (lindyn's formalisation, from the note's measurements at m = 250…4000):
 * linear slope < −0.2, condensed slope > +0.05, critical |slope| < 0.15. They overlap on purpose: critical
 * points read slightly off zero at small widths.
 */
export const REGIME_BANDS = Object.freeze({ linearBelow: -0.2, condensedAbove: 0.05, criticalWithin: 0.15 });

/**
 * How far a fitted slope lies outside the band of `regime` (0 inside): slope − (−0.2) for linear,
 * 0.05 − slope for condensed, |slope| − 0.15 for critical, clipped at 0.
 * @throws DomainError for a non-finite slope or an unknown regime
 */
export function bandExcess(regime: Regime, slope: number): number {
  requireFinite("slope", slope);
  switch (regime) {
    case "linear":
      return Math.max(0, slope - REGIME_BANDS.linearBelow);
    case "condensed":
      return Math.max(0, REGIME_BANDS.condensedAbove - slope);
    case "critical":
      return Math.max(0, Math.abs(slope) - REGIME_BANDS.criticalWithin);
    default:
      throw new DomainError(errorMessage("regime", regime, "must be linear, critical or condensed", "Fix it."));
  }
}

/** Every regime whose band contains the slope (possibly two where the bands overlap, or none). */
export function regimesOfSlope(slope: number): Regime[] {
  return (["linear", "critical", "condensed"] as const).filter((r) => bandExcess(r, slope) === 0);
}

/**
 * Least-squares slope of log y against log x (the "slope of log RD vs log m" of Zhou et al. 2022,
 * arXiv 2205.12101, experiments).
 * @throws DomainError for fewer than two distinct x, or non-positive values
 */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || new Set(xs).size < 2) {
    throw new DomainError(errorMessage("xs", xs, "must hold ≥ 2 distinct values, one per y", "Pass ≥ 2 widths."));
  }
  const lx = xs.map((v, i) => {
    const yv = ys[i] as number;
    if (!(v > 0) || !(yv > 0) || !Number.isFinite(v) || !Number.isFinite(yv)) {
      throw new DomainError(errorMessage(`(x, y)[${i}]`, [v, yv], "must be finite and > 0", "Check the RD values."));
    }
    return Math.log(v);
  });
  const ly = ys.map((v) => Math.log(v));
  const mx = lx.reduce((p, c) => p + c, 0) / lx.length;
  const my = ly.reduce((p, c) => p + c, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  lx.forEach((v, i) => {
    sxy += (v - mx) * ((ly[i] as number) - my);
    sxx += (v - mx) ** 2;
  });
  return sxy / sxx;
}

/**
 * Classifies the width-scaling sweep of Model M2 into kernel / feature / alignment regimes from the exact
 * dynamics, and compares with the sign of γ = 1 − a_κ − s + |ρ|/2 (Xu & Ziyin, arXiv 2401.07085, §4; lindyn's
 * formalisation).
 *
 * The numeric observable is the NTK change of each run, turned into q_eff = 1/√(e^{2|log K∞/K0|} − 1) (the
 * orthogonal-initialisation law K∞/K0 = √(1 + 1/q²) inverted; for Gaussian initialisation S₀ ≈ D₀ up to
 * O(d^{−1/2})). Per cell (a_κ, s, ρ) the measured exponent γ̂ is the least-squares slope of log q_eff
 * (geometric mean over seeds) against log d over the largest widths; the numeric regime is kernel if
 * γ̂ > δ, alignment if γ̂ < −δ, feature otherwise (δ = the dead zone). A finite-width regime is also given
 * per width: kernel if q_eff ≥ 3 (NTK change ≤ 5.4%), alignment if q_eff ≤ 1/3 (NTK grows ≥ 3.2×), feature
 * in between.
 *
 * Refined prediction of the measured exponent: with β = 1/2 − a_κ − s the random initial output is
 * f₀ = O(d^β); when β > 0 the NTK change is first order in f₀/q, so q_eff ∝ d^{γ − β} = d^{(1 + |ρ|)/2}
 * instead of d^γ. Hence γ_eff = γ − max(0, β): the sign never changes (γ − β = (1 + |ρ|)/2 > 0).
 *
 * @packageDocumentation
 */
import { fitPowerLaw } from "./power-law-fit.js";
import { type FeatureRegime, predictedRegime, regimeExponent, type WidthScalingResult } from "./width-scaling.js";

/** One finished sweep point as the classifier needs it. */
export interface RegimePoint {
  readonly aKappa: number;
  readonly s: number;
  readonly rho: number;
  readonly seed: number;
  readonly result: Pick<WidthScalingResult, "width" | "qEff" | "ntkRatio" | "cosInf">;
}

/** Options of {@link classifyRegimes}. */
export interface ClassifyOptions {
  /** How many of the largest widths the exponent fit uses. @defaultValue 3 */
  readonly fitWidths?: number;
  /** Dead zone δ of the measured exponent. @defaultValue 0.1 */
  readonly deadZone?: number;
  /** Finite-width kernel threshold on q_eff. @defaultValue 3 */
  readonly qKernel?: number;
  /** Finite-width alignment threshold on q_eff. @defaultValue 1/3 */
  readonly qAlignment?: number;
}

/** The verdict on one cell (a_κ, s, ρ). */
export interface RegimeCell {
  readonly aKappa: number;
  readonly s: number;
  readonly rho: number;
  /** γ = 1 − a_κ − s + |ρ|/2. */
  readonly gamma: number;
  /** γ − max(0, 1/2 − a_κ − s): the exponent q_eff is expected to show. */
  readonly gammaEffective: number;
  /** The regime sign(γ) predicts. */
  readonly predicted: FeatureRegime;
  /** The fitted exponent γ̂ of q_eff. */
  readonly measuredExponent: number;
  /** The regime the fitted exponent gives. */
  readonly numeric: FeatureRegime;
  readonly agree: boolean;
  readonly widths: readonly number[];
  /** Geometric mean of q_eff over seeds, per width. */
  readonly qEff: readonly number[];
  /** Mean K∞/K0 and cos∠(u, α)∞ over seeds, per width. */
  readonly ntkRatio: readonly number[];
  readonly cosInf: readonly number[];
  /** The finite-width regime per width. */
  readonly finiteWidth: readonly FeatureRegime[];
  /** Seeds per width. */
  readonly seeds: number;
  /** Why numerics and prediction differ (or what limits the comparison), when they do. */
  readonly note?: string;
}

const CAP = 1e300;

/** Groups points by cell and classifies every cell (cells in first-seen order, widths ascending). */
export function classifyRegimes(points: readonly RegimePoint[], options: ClassifyOptions = {}): RegimeCell[] {
  const fitWidths = options.fitWidths ?? 3;
  const dead = options.deadZone ?? 0.1;
  const qK = options.qKernel ?? 3;
  const qA = options.qAlignment ?? 1 / 3;
  const cells = new Map<string, RegimePoint[]>();
  for (const p of points) {
    const key = `${p.aKappa}|${p.s}|${p.rho}`;
    let list = cells.get(key);
    if (list === undefined) cells.set(key, (list = []));
    list.push(p);
  }
  const out: RegimeCell[] = [];
  for (const list of cells.values()) {
    const { aKappa, s, rho } = list[0] as RegimePoint;
    const gamma = regimeExponent(aKappa, s, rho);
    const beta = 0.5 - aKappa - s;
    const gammaEffective = gamma - Math.max(0, beta);
    const predicted = predictedRegime(gamma);
    const widths = [...new Set(list.map((p) => p.result.width))].sort((x, y) => x - y);
    const qEff: number[] = [];
    const ntkRatio: number[] = [];
    const cosInf: number[] = [];
    let seeds = Number.POSITIVE_INFINITY;
    for (const d of widths) {
      const at = list.filter((p) => p.result.width === d);
      seeds = Math.min(seeds, at.length);
      const logs = at.map((p) => Math.log(Math.min(p.result.qEff ?? CAP, CAP)));
      qEff.push(Math.exp(logs.reduce((x, y) => x + y, 0) / logs.length));
      ntkRatio.push(at.reduce((x, p) => x + p.result.ntkRatio, 0) / at.length);
      cosInf.push(at.reduce((x, p) => x + p.result.cosInf, 0) / at.length);
    }
    const k = Math.min(fitWidths, widths.length);
    const measuredExponent = k >= 2 ? fitPowerLaw(widths.slice(-k), qEff.slice(-k)).exponent : Number.NaN;
    const numeric: FeatureRegime = !(Math.abs(measuredExponent) <= dead)
      ? measuredExponent > 0
        ? "kernel"
        : "alignment"
      : "feature";
    const finiteWidth = qEff.map((q): FeatureRegime => (q >= qK ? "kernel" : q <= qA ? "alignment" : "feature"));
    const agree = numeric === predicted;
    const notes: string[] = [];
    if (!agree) {
      if (Math.abs(gamma) <= dead + 1e-12 && gamma !== 0) {
        notes.push(
          `|γ| = ${fmt(Math.abs(gamma))} is inside the dead zone ±${dead} of the fitted exponent: d^γ moves too little over these widths`,
        );
      } else if (k < 2) {
        notes.push("fewer than two widths: no exponent can be fitted");
      } else {
        notes.push(`fitted exponent ${fmt(measuredExponent)} vs γ = ${fmt(gamma)} (γ_eff = ${fmt(gammaEffective)})`);
      }
    } else if (beta > 0 && predicted === "kernel" && Math.abs(measuredExponent - gamma) > 0.15) {
      notes.push(
        `same regime, slower than d^γ: the random initial output f₀ = O(d^${fmt(beta)}) makes the NTK change first order in f₀/q, so q_eff ∝ d^γ_eff with γ_eff = ${fmt(gammaEffective)}`,
      );
    }
    const finalFinite = finiteWidth[finiteWidth.length - 1];
    if (finalFinite !== undefined && finalFinite !== predicted) {
      notes.push(
        `at d = ${widths[widths.length - 1]} q_eff = ${fmt(qEff[qEff.length - 1] as number)} is still ${finalFinite}-like: the prefactor of q ∝ d^γ (e.g. (d^{ρ/2} + d^{−ρ/2})/2) has not been overcome`,
      );
    }
    out.push({
      aKappa,
      s,
      rho,
      gamma,
      gammaEffective,
      predicted,
      measuredExponent,
      numeric,
      agree,
      widths,
      qEff,
      ntkRatio,
      cosInf,
      finiteWidth,
      seeds: Number.isFinite(seeds) ? seeds : 0,
      ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
    });
  }
  return out;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? x.toExponential(2) : String(Math.round(x * 1000) / 1000);
}

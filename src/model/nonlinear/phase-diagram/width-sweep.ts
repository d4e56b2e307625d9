/**
 * One point of the two-layer phase diagram: the normalised model at κ = m^{−γ}, κ′ = m^{−γ′} trained at
 * several widths, and the slope of log sup_t RD(w) against log m (Luo et al. 2021, arXiv 2007.07497;
 * lindyn note zhou2022-phase-diagram.md, "Reproduction at CPU scale").
 *
 * @packageDocumentation
 */
import { requireFinite, requireInteger } from "../../../core/validate.js";
import { kappasAtWidth } from "./normalised-coordinates.js";
import { trainNormalisedTwoLayer } from "./normalised-two-layer.js";
import { logLogSlope, predictedRegime, type Regime, regimeScore } from "./regime.js";

/** Options of {@link diagramPoint}. */
export interface DiagramPointOptions {
  readonly gamma: number;
  readonly gammaPrime: number;
  /** Widths m (even). */
  readonly widths: readonly number[];
  /** Seeds; log RD is averaged over them per width. @defaultValue [1] */
  readonly seeds?: readonly number[];
  /** Stop training at R < lossTol. @defaultValue 1e-7 */
  readonly lossTol?: number;
  /** Step cap per run. @defaultValue 1_000_000 */
  readonly maxSteps?: number;
}

/** One run at one width and seed. */
export interface DiagramRun {
  readonly width: number;
  readonly seed: number;
  readonly rdW: number;
  readonly rdA: number;
  readonly steps: number;
  readonly finalLoss: number;
  readonly status: string;
}

/** What {@link diagramPoint} returns. */
export interface DiagramPoint {
  readonly gamma: number;
  readonly gammaPrime: number;
  readonly score: number;
  readonly predicted: Regime;
  /** Slope of mean-over-seeds log RD(w) against log m. */
  readonly slope: number;
  readonly runs: DiagramRun[];
}

/** Trains every (width, seed) and fits the slope. Runs that did not converge are kept and reported. */
export function diagramPoint(options: DiagramPointOptions): DiagramPoint {
  const gamma = requireFinite("gamma", options.gamma);
  const gammaPrime = requireFinite("gammaPrime", options.gammaPrime);
  const seeds = options.seeds ?? [1];
  const runs: DiagramRun[] = [];
  const meanLog: number[] = [];
  for (const m of options.widths) {
    requireInteger("width", m, 2);
    let acc = 0;
    for (const seed of seeds) {
      const { kappa, kappaPrime } = kappasAtWidth(gamma, gammaPrime, m);
      const r = trainNormalisedTwoLayer({
        kappa,
        kappaPrime,
        width: m,
        seed,
        lossTol: options.lossTol ?? 1e-7,
        maxSteps: options.maxSteps ?? 1_000_000,
      });
      runs.push({ width: m, seed, rdW: r.rdW, rdA: r.rdA, steps: r.steps, finalLoss: r.finalLoss, status: r.status });
      acc += Math.log(r.rdW);
    }
    meanLog.push(Math.exp(acc / seeds.length));
  }
  const score = regimeScore(gamma, gammaPrime);
  return {
    gamma,
    gammaPrime,
    score,
    predicted: predictedRegime(score),
    slope: logLogSlope(options.widths, meanLog),
    runs,
  };
}

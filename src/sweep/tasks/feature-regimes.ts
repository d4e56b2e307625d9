import { DomainError, errorMessage } from "../../core/errors.js";
import {
  type ClassifyOptions,
  classifyRegimes,
  type RegimeCell,
  type RegimePoint,
} from "../../symbolic/feature-learning/regime-classification.js";
import { type WidthScalingResult, widthScalingPoint } from "../../symbolic/feature-learning/width-scaling.js";
import { cartesianGrid } from "../grid.js";
import { latestByKey, readSweepFile } from "../results-file.js";
import type { SweepTask } from "../run-sweep.js";
import { compiledWorkerModule } from "../worker-module.js";

/** The axes of the sweep. */
export interface FeatureRegimesConfig {
  /** Output-scale exponents a_κ (κ = d^{−a_κ}). */
  readonly aKappa: readonly number[];
  /** Initial-variance exponents s (σ_u² = σ_w² = d^{−s}). */
  readonly s: readonly number[];
  /** Rate-ratio exponents ρ (η_u/η_w = d^{ρ}). */
  readonly rho: readonly number[];
  /** Widths d. */
  readonly widths: readonly number[];
  /** Seeds of the Gaussian initialisations (the same seed at every cell: common random numbers). */
  readonly seeds: readonly number[];
  /** A = E[ξ²]. */
  readonly A: number;
  /** a = E[ξy]. */
  readonly a: number;
}

/** The default grid: 6 × 5 × 3 cells, widths 10…10⁵, 3 seeds (1350 points, a few seconds on 2 cores). */
export const DEFAULT_FEATURE_REGIMES: FeatureRegimesConfig = {
  aKappa: [0, 0.25, 0.5, 0.75, 1, 1.25],
  s: [0, 0.25, 0.5, 0.75, 1],
  rho: [-1, 0, 1],
  widths: [10, 100, 1000, 10000, 100000],
  seeds: [1, 2, 3],
  A: 1,
  a: 1,
};

/** Parameters of one point. */
export interface FeatureRegimesParams {
  readonly aKappa: number;
  readonly s: number;
  readonly rho: number;
  readonly width: number;
  readonly seed: number;
  readonly A: number;
  readonly a: number;
  [key: string]: number;
}

/** Evaluates one point (the worker entry). Non-finite numbers are written as JSON null by the engine. */
export function evaluate(params: FeatureRegimesParams): WidthScalingResult {
  return widthScalingPoint(params);
}

/** The sweep task for a configuration (validated: non-empty axes, integer widths ≥ 1, a ≠ 0). */
export function featureRegimesTask(
  config: FeatureRegimesConfig = DEFAULT_FEATURE_REGIMES,
): SweepTask<FeatureRegimesParams, WidthScalingResult> {
  for (const w of config.widths) {
    if (!Number.isInteger(w) || w < 1) {
      throw new DomainError(errorMessage("widths", config.widths, "must be integers ≥ 1", "Use e.g. 10,100,1000."));
    }
  }
  if (config.a === 0 || !Number.isFinite(config.a)) {
    throw new DomainError(errorMessage("a", config.a, "must be finite and ≠ 0", "q is measured relative to |a|."));
  }
  const points = cartesianGrid({
    aKappa: config.aKappa,
    s: config.s,
    rho: config.rho,
    width: config.widths,
    seed: config.seeds,
  }).map((p) => ({ ...p, params: { ...p.params, A: config.A, a: config.a } as FeatureRegimesParams }));
  const worker = compiledWorkerModule(import.meta.url);
  return {
    name: "feature-regimes",
    points,
    config: { ...config, version: 1 },
    evaluate,
    ...(worker === undefined ? {} : { worker: { module: worker } }),
  };
}

/** Reads a results file (of any shard, or merged) and classifies every cell it covers. */
export function summarizeFeatureRegimes(
  path: string,
  options: ClassifyOptions = {},
): { cells: RegimeCell[]; points: number; failed: number } {
  const contents = readSweepFile(path);
  if (contents === undefined) {
    throw new DomainError(errorMessage("results file", path, "must exist and hold a sweep", "Run the sweep first."));
  }
  const records = [...latestByKey(contents.records).values()];
  const ok = records.filter((r) => r.error === undefined && r.result !== undefined);
  const points: RegimePoint[] = ok.map((r) => {
    const p = r.params as unknown as FeatureRegimesParams;
    const res = r.result as WidthScalingResult;
    return {
      aKappa: p.aKappa,
      s: p.s,
      rho: p.rho,
      seed: p.seed,
      result: { ...res, qEff: res.qEff ?? Number.POSITIVE_INFINITY },
    };
  });
  return { cells: classifyRegimes(points, options), points: ok.length, failed: records.length - ok.length };
}

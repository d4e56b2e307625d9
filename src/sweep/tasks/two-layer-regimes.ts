import { DomainError, errorMessage } from "../../core/errors.js";
import { kappasAtWidth } from "../../model/nonlinear/phase-diagram/normalised-coordinates.js";
import { trainNormalisedTwoLayer } from "../../model/nonlinear/phase-diagram/normalised-two-layer.js";
import {
  logLogSlope,
  predictedRegime,
  type Regime,
  regimeScore,
  regimesOfSlope,
} from "../../model/nonlinear/phase-diagram/regime.js";
import { cartesianGrid } from "../grid.js";
import { latestByKey, readSweepFile } from "../results-file.js";
import type { SweepTask } from "../run-sweep.js";
import { compiledWorkerModule } from "../worker-module.js";
import { checkPairedWidthsAndTolerance } from "./_internals/relu-task-checks.js";

/** The axes and stopping rule of the sweep. */
export interface TwoLayerRegimesConfig {
  /** γ values (κ = m^{−γ}). */
  readonly gamma: readonly number[];
  /** γ′ values (κ′ = m^{−γ′}). */
  readonly gammaPrime: readonly number[];
  /** Widths m (even integers ≥ 2). */
  readonly widths: readonly number[];
  /** Seeds of the N(0, 1) draws (the same seeds at every cell: common random numbers). */
  readonly seeds: readonly number[];
  /** Stop training at R < lossTol. */
  readonly lossTol: number;
  /** Step cap per run. */
  readonly maxSteps: number;
}

/** Default: 5 × 5 cells (γ 0.5…1.5, γ′ −0.25…0.75), widths 250…4000, one seed: 125 points, ~30 s on 2 cores. */
export const DEFAULT_TWO_LAYER_REGIMES: TwoLayerRegimesConfig = {
  gamma: [0.5, 0.75, 1, 1.25, 1.5],
  gammaPrime: [-0.25, 0, 0.25, 0.5, 0.75],
  widths: [250, 500, 1000, 2000, 4000],
  seeds: [1],
  lossTol: 1e-7,
  maxSteps: 1_000_000,
};

/** Parameters of one point. */
export interface TwoLayerRegimesParams {
  readonly gamma: number;
  readonly gammaPrime: number;
  readonly width: number;
  readonly seed: number;
  readonly lossTol: number;
  readonly maxSteps: number;
  [key: string]: number;
}

/** The JSON result of one point. */
export interface TwoLayerPointResult {
  readonly kappa: number;
  readonly kappaPrime: number;
  readonly rdW: number;
  readonly rdA: number;
  readonly steps: number;
  readonly time: number;
  readonly finalLoss: number;
  readonly status: string;
}

/** Evaluates one point (the worker entry). */
export function evaluate(params: TwoLayerRegimesParams): TwoLayerPointResult {
  const { kappa, kappaPrime } = kappasAtWidth(params.gamma, params.gammaPrime, params.width);
  const r = trainNormalisedTwoLayer({
    kappa,
    kappaPrime,
    width: params.width,
    seed: params.seed,
    lossTol: params.lossTol,
    maxSteps: params.maxSteps,
  });
  return {
    kappa,
    kappaPrime,
    rdW: r.rdW,
    rdA: r.rdA,
    steps: r.steps,
    time: r.time,
    finalLoss: r.finalLoss,
    status: r.status,
  };
}

/** The sweep task for a configuration (validated: non-empty axes, even widths ≥ 2, lossTol > 0). */
export function twoLayerRegimesTask(
  config: TwoLayerRegimesConfig = DEFAULT_TWO_LAYER_REGIMES,
): SweepTask<TwoLayerRegimesParams, TwoLayerPointResult> {
  checkPairedWidthsAndTolerance(config.widths, config.lossTol, "250,500,1000");
  const points = cartesianGrid({
    gamma: config.gamma,
    gammaPrime: config.gammaPrime,
    width: config.widths,
    seed: config.seeds,
  }).map((p) => ({
    ...p,
    params: { ...p.params, lossTol: config.lossTol, maxSteps: config.maxSteps } as TwoLayerRegimesParams,
  }));
  const worker = compiledWorkerModule(import.meta.url);
  return {
    name: "two-layer-regimes",
    points,
    config: { ...config, version: 1 },
    evaluate,
    ...(worker === undefined ? {} : { worker: { module: worker } }),
  };
}

/** One (γ, γ′) cell of the summary. */
export interface TwoLayerCell {
  readonly gamma: number;
  readonly gammaPrime: number;
  /** S = γ − 1 − max(γ′, 0). */
  readonly score: number;
  readonly predicted: Regime;
  readonly widths: number[];
  /** Geometric mean over seeds of sup_t RD(w), per width. */
  readonly rd: number[];
  /** Slope of log RD against log m (NaN with fewer than two widths). */
  readonly slope: number;
  /** The bands containing the slope (see REGIME_BANDS). */
  readonly numeric: Regime[];
  /** Whether the predicted regime's band contains the slope. */
  readonly agree: boolean;
  /** Runs that stopped before the loss tolerance. */
  readonly unconverged: number;
  /** Mean milliseconds per point of the cell. */
  readonly msPerPoint: number;
}

/** Reads a results file (of any shard, or merged) and summarises every (γ, γ′) cell it covers. */
export function summarizeTwoLayerRegimes(path: string): { cells: TwoLayerCell[]; points: number; failed: number } {
  const contents = readSweepFile(path);
  if (contents === undefined) {
    throw new DomainError(errorMessage("results file", path, "must exist and hold a sweep", "Run the sweep first."));
  }
  const records = [...latestByKey(contents.records).values()];
  const ok = records.filter((r) => r.error === undefined && r.result !== undefined);
  const byCell = new Map<string, typeof ok>();
  for (const r of ok) {
    const p = r.params as unknown as TwoLayerRegimesParams;
    const key = `${p.gamma},${p.gammaPrime}`;
    byCell.set(key, [...(byCell.get(key) ?? []), r]);
  }
  const cells: TwoLayerCell[] = [];
  for (const rs of byCell.values()) {
    const p0 = rs[0]!.params as unknown as TwoLayerRegimesParams;
    const widths = [...new Set(rs.map((r) => (r.params as unknown as TwoLayerRegimesParams).width))].sort(
      (a, b) => a - b,
    );
    const rd = widths.map((m) => {
      const at = rs.filter((r) => (r.params as unknown as TwoLayerRegimesParams).width === m);
      return Math.exp(at.reduce((s, r) => s + Math.log((r.result as TwoLayerPointResult).rdW), 0) / at.length);
    });
    const slope =
      widths.length >= 2 && rd.every((v) => v > 0 && Number.isFinite(v)) ? logLogSlope(widths, rd) : Number.NaN;
    const score = regimeScore(p0.gamma, p0.gammaPrime);
    const predicted = predictedRegime(score);
    const numeric = Number.isFinite(slope) ? regimesOfSlope(slope) : [];
    cells.push({
      gamma: p0.gamma,
      gammaPrime: p0.gammaPrime,
      score,
      predicted,
      widths,
      rd,
      slope,
      numeric,
      agree: numeric.includes(predicted),
      unconverged: rs.filter((r) => (r.result as TwoLayerPointResult).status !== "converged").length,
      msPerPoint: rs.reduce((s, r) => s + (r.ms ?? 0), 0) / rs.length,
    });
  }
  cells.sort((a, b) => a.gamma - b.gamma || a.gammaPrime - b.gammaPrime);
  return { cells, points: ok.length, failed: records.length - ok.length };
}

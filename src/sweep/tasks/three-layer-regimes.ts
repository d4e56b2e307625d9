import { DomainError, errorMessage } from "../../core/errors.js";
import { logLogSlope, type Regime, regimesOfSlope } from "../../model/nonlinear/phase-diagram/regime.js";
import { firstLayerCondensation } from "../../model/nonlinear/three-layer/condensation.js";
import { trainThreeLayer } from "../../model/nonlinear/three-layer/three-layer-relu.js";
import { latestByKey, readSweepFile } from "../results-file.js";
import type { SweepTask } from "../run-sweep.js";
import type { SweepPoint } from "../sweep-point.js";
import { compiledWorkerModule } from "../worker-module.js";
import { checkPairedWidthsAndTolerance } from "./_internals/relu-task-checks.js";

/** One initialisation family β_i = m^{−p_i}, α = m^q with a display label. */
export interface ThreeLayerSweepFamily {
  /** (p₁, p₂, p₃, q). */
  readonly pq: readonly [number, number, number, number];
  /** Name shown in the summary (e.g. `MF-like`, `γ₃=1.5`). */
  readonly label: string;
}

/** The axes and stopping rule of the sweep. */
export interface ThreeLayerRegimesConfig {
  /** Explicit families (p₁, p₂, p₃, q). */
  readonly families: readonly (readonly [number, number, number, number])[];
  /** γ₃ values of the γ₃ line (may be empty). */
  readonly gamma3: readonly number[];
  /** γ₂ of the γ₃ line. */
  readonly gamma2: number;
  /** Widths m (even integers ≥ 2). */
  readonly widths: readonly number[];
  /** Seeds of the Gaussian draws (the same seeds for every family: common random numbers). */
  readonly seeds: readonly number[];
  /** Stop training at R < lossTol. */
  readonly lossTol: number;
  /** Step cap per run. */
  readonly maxSteps: number;
}

/** The note's MF-like (0, 1, 0, 1) and NTK-like (0, ½, 0, ½) families. */
export const MF_LIKE_PQ = Object.freeze([0, 1, 0, 1] as const);
/** The note's NTK-like family (0, ½, 0, ½) (= the γ₃ line at γ₂ = 0, γ₃ = 1). */
export const NTK_LIKE_PQ = Object.freeze([0, 0.5, 0, 0.5] as const);

/** γ₃ = 0.9, 1.0, …, 2.1 (Zhou et al. 2022, experiments: "γ₃ ∈ [0.9, 2.1] at γ₂ = 0"). */
export const ZHOU_GAMMA3: readonly number[] = Object.freeze(
  Array.from({ length: 13 }, (_, k) => Math.round((0.9 + 0.1 * k) * 10) / 10),
);

/**
 * Default: MF-like, NTK-like and the γ₃ line (13 values, γ₃ = 1 coincides with NTK-like) at widths 64…2000, one
 * seed: 14 families × 6 widths = 84 points. The m = 2000 points dominate (≈ 1–3 min each on one core).
 */
export const DEFAULT_THREE_LAYER_REGIMES: ThreeLayerRegimesConfig = {
  families: [MF_LIKE_PQ, NTK_LIKE_PQ],
  gamma3: ZHOU_GAMMA3,
  gamma2: 0,
  widths: [64, 128, 256, 500, 1000, 2000],
  seeds: [1],
  lossTol: 1e-6,
  maxSteps: 200_000,
};

/** The family on the γ₃ line: p = (0, ½ + γ₂, 0), q = γ₃ − ½ − γ₂ (see the module comment). */
export function gamma3Family(gamma3: number, gamma2 = 0): readonly [number, number, number, number] {
  return [0, clean(0.5 + gamma2), 0, clean(gamma3 - 0.5 - gamma2)];
}

/** γ₃ = p₂ + p₃ + q of a family (lindyn's formalisation, see the module comment). */
export function gamma3Of(pq: readonly number[]): number {
  return clean((pq[1] as number) + (pq[2] as number) + (pq[3] as number));
}

/** γ₂ = p₂ − ½ of a family. */
export function gamma2Of(pq: readonly number[]): number {
  return clean((pq[1] as number) - 0.5);
}

/** Rounds away binary noise (0.1 + 0.2 → 0.3) so keys and labels are stable. */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function pqKey(pq: readonly number[]): string {
  return pq.map((v) => String(clean(v))).join(",");
}

/** The families of a configuration: explicit ones first, then the γ₃ line; duplicates merged (labels joined). */
export function threeLayerFamilies(config: ThreeLayerRegimesConfig): ThreeLayerSweepFamily[] {
  const out = new Map<string, { pq: [number, number, number, number]; labels: string[] }>();
  const add = (pq: readonly number[], label: string) => {
    const c = pq.map(clean) as [number, number, number, number];
    const key = pqKey(c);
    const prev = out.get(key);
    if (prev === undefined) out.set(key, { pq: c, labels: [label] });
    else if (!prev.labels.includes(label)) prev.labels.push(label);
  };
  for (const pq of config.families) {
    const c = pq.map(clean);
    const label = pqKey(c) === pqKey(MF_LIKE_PQ) ? "MF-like" : pqKey(c) === pqKey(NTK_LIKE_PQ) ? "NTK-like" : "family";
    add(c, label);
  }
  for (const g3 of config.gamma3) add(gamma3Family(g3, config.gamma2), `γ₃=${clean(g3)}`);
  return [...out.values()].map((f) => ({ pq: f.pq, label: f.labels.join(" ") }));
}

/** Parameters of one point. */
export interface ThreeLayerRegimesParams {
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
  readonly q: number;
  readonly width: number;
  readonly seed: number;
  readonly lossTol: number;
  readonly maxSteps: number;
  /** Display label of the family (not part of the key). */
  readonly family: string;
  [key: string]: number | string;
}

/** The JSON result of one point. */
export interface ThreeLayerPointResult {
  /** sup_t RD(W¹) (incoming weights and bias of the first hidden layer). */
  readonly rdW1: number;
  /** sup_t RD(W²) (incoming weights and bias of the second hidden layer). */
  readonly rdW2: number;
  /** sup_t RD(a). */
  readonly rdA: number;
  /** First-layer condensation (clustered weight fraction, K = 8, ε = 5°) at t = 0. */
  readonly condensationInitial: number;
  /** … at the end of training. */
  readonly condensationFinal: number;
  readonly steps: number;
  readonly finalLoss: number;
  readonly status: string;
  /** Milliseconds of training (without the condensation measure). */
  readonly trainMs: number;
}

/** Evaluates one point (the worker entry). */
export function evaluate(params: ThreeLayerRegimesParams): ThreeLayerPointResult {
  const m = params.width;
  const t0 = performance.now();
  const r = trainThreeLayer({
    width: m,
    betas: [m ** -params.p1, m ** -params.p2, m ** -params.p3],
    alpha: m ** params.q,
    seed: params.seed,
    lossTol: params.lossTol,
    maxSteps: params.maxSteps,
  });
  const trainMs = performance.now() - t0;
  return {
    rdW1: r.rdW1,
    rdW2: r.rdW2,
    rdA: r.rdA,
    condensationInitial: firstLayerCondensation(r.initial),
    condensationFinal: firstLayerCondensation(r.final),
    steps: r.steps,
    finalLoss: r.finalLoss,
    status: r.status,
    trainMs,
  };
}

/** The sweep task for a configuration (validated: some family, even widths ≥ 2, finite exponents, lossTol > 0). */
export function threeLayerRegimesTask(
  config: ThreeLayerRegimesConfig = DEFAULT_THREE_LAYER_REGIMES,
): SweepTask<ThreeLayerRegimesParams, ThreeLayerPointResult> {
  checkPairedWidthsAndTolerance(config.widths, config.lossTol, "64,128,256");
  if (config.widths.length === 0 || new Set(config.widths).size !== config.widths.length) {
    throw new DomainError(errorMessage("widths", config.widths, "must be distinct and non-empty", "Use e.g. 64,128."));
  }
  if (config.seeds.length === 0 || new Set(config.seeds).size !== config.seeds.length) {
    throw new DomainError(errorMessage("seeds", config.seeds, "must be distinct and non-empty", "Use e.g. 1,2."));
  }
  for (const pq of config.families) {
    if (pq.length !== 4 || pq.some((v) => !Number.isFinite(v))) {
      throw new DomainError(
        errorMessage("family", pq, "must be four finite numbers (p₁, p₂, p₃, q)", "Use e.g. 0,1,0,1."),
      );
    }
  }
  if (!Number.isFinite(config.gamma2) || config.gamma3.some((v) => !Number.isFinite(v))) {
    throw new DomainError(errorMessage("gamma3", config.gamma3, "must be finite, as must γ₂", "Use e.g. 0.9,1.5,2."));
  }
  const families = threeLayerFamilies(config);
  if (families.length === 0) {
    throw new DomainError(errorMessage("families", families, "must not be empty", "Give --families or --gamma3."));
  }
  const points: SweepPoint<ThreeLayerRegimesParams>[] = [];
  for (const f of families) {
    for (const width of config.widths) {
      for (const seed of config.seeds) {
        const [p1, p2, p3, q] = f.pq;
        points.push({
          index: points.length,
          key: `pq=${pqKey(f.pq)},width=${width},seed=${seed}`,
          params: {
            p1,
            p2,
            p3,
            q,
            width,
            seed,
            lossTol: config.lossTol,
            maxSteps: config.maxSteps,
            family: f.label,
          },
        });
      }
    }
  }
  const worker = compiledWorkerModule(import.meta.url);
  return {
    name: "three-layer-regimes",
    points,
    config: { ...config, version: 1 },
    evaluate,
    ...(worker === undefined ? {} : { worker: { module: worker } }),
  };
}

/** One family of the summary. */
export interface ThreeLayerCell {
  readonly label: string;
  readonly pq: readonly [number, number, number, number];
  /** γ₂ = p₂ − ½ and γ₃ = p₂ + p₃ + q (lindyn's formalisation). */
  readonly gamma2: number;
  readonly gamma3: number;
  readonly widths: number[];
  /** Geometric mean over seeds of sup_t RD(W¹), per width. */
  readonly rdW1: number[];
  /** Geometric mean over seeds of sup_t RD(W²), per width. */
  readonly rdW2: number[];
  /** S_{W1}, S_{W2}: slopes of log RD against log m (NaN with fewer than two widths). */
  readonly slopeW1: number;
  readonly slopeW2: number;
  /** The two-layer bands (linear < −0.2, critical |s| < 0.15, condensed > 0.05) containing each slope. */
  readonly bandW1: Regime[];
  readonly bandW2: Regime[];
  /** Mean over seeds of the first-layer condensation measure at the largest width: initial and final. */
  readonly condensationInitial: number;
  readonly condensationFinal: number;
  /** Runs that stopped before the loss tolerance. */
  readonly unconverged: number;
  /** Mean milliseconds per point, per width. */
  readonly msPerPoint: number[];
}

/** The trend of the slopes along the γ₃ line. */
export interface Gamma3Trend {
  /** γ₂ of the line. */
  readonly gamma2: number;
  /** Cells on the line (p₁ = p₃ = 0, p₂ = ½ + γ₂) sorted by γ₃. */
  readonly gamma3: number[];
  readonly slopeW1: number[];
  readonly slopeW2: number[];
  /** Consecutive pairs (of n − 1) where the slope does not decrease. */
  readonly risingW1: number;
  readonly risingW2: number;
  /** Least-squares slope of S_{W_i} against γ₃ (> 0: rising). */
  readonly trendW1: number;
  readonly trendW2: number;
}

/** Summary of a results file. */
export interface ThreeLayerSummary {
  readonly cells: ThreeLayerCell[];
  readonly trends: Gamma3Trend[];
  readonly points: number;
  readonly failed: number;
}

function geoMean(xs: number[]): number {
  return Math.exp(xs.reduce((s, v) => s + Math.log(v), 0) / xs.length);
}

function safeSlope(widths: number[], ys: number[]): number {
  return widths.length >= 2 && ys.every((v) => v > 0 && Number.isFinite(v)) ? logLogSlope(widths, ys) : Number.NaN;
}

function linearTrend(xs: number[], ys: number[]): number {
  const ok = xs.map((x, i) => [x, ys[i] as number] as const).filter(([, y]) => Number.isFinite(y));
  if (new Set(ok.map(([x]) => x)).size < 2) return Number.NaN;
  const mx = ok.reduce((s, [x]) => s + x, 0) / ok.length;
  const my = ok.reduce((s, [, y]) => s + y, 0) / ok.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of ok) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}

function rising(ys: number[]): number {
  let k = 0;
  for (let i = 1; i < ys.length; i++) if ((ys[i] as number) >= (ys[i - 1] as number)) k++;
  return k;
}

/** Reads a results file (of any shard, or merged) and summarises every family it covers. */
export function summarizeThreeLayerRegimes(path: string): ThreeLayerSummary {
  const contents = readSweepFile(path);
  if (contents === undefined) {
    throw new DomainError(errorMessage("results file", path, "must exist and hold a sweep", "Run the sweep first."));
  }
  const records = [...latestByKey(contents.records).values()];
  const ok = records.filter((r) => r.error === undefined && r.result !== undefined);
  const byFamily = new Map<string, typeof ok>();
  for (const r of ok) {
    const p = r.params as unknown as ThreeLayerRegimesParams;
    const key = pqKey([p.p1, p.p2, p.p3, p.q]);
    byFamily.set(key, [...(byFamily.get(key) ?? []), r]);
  }
  const cells: ThreeLayerCell[] = [];
  for (const rs of byFamily.values()) {
    const p0 = rs[0]!.params as unknown as ThreeLayerRegimesParams;
    const pq = [p0.p1, p0.p2, p0.p3, p0.q] as [number, number, number, number];
    const par = (r: (typeof rs)[number]) => r.params as unknown as ThreeLayerRegimesParams;
    const res = (r: (typeof rs)[number]) => r.result as ThreeLayerPointResult;
    const widths = [...new Set(rs.map((r) => par(r).width))].sort((a, b) => a - b);
    const at = (m: number) => rs.filter((r) => par(r).width === m);
    const rdW1 = widths.map((m) => geoMean(at(m).map((r) => res(r).rdW1)));
    const rdW2 = widths.map((m) => geoMean(at(m).map((r) => res(r).rdW2)));
    const slopeW1 = safeSlope(widths, rdW1);
    const slopeW2 = safeSlope(widths, rdW2);
    const largest = at(widths[widths.length - 1] as number);
    cells.push({
      label: p0.family,
      pq,
      gamma2: gamma2Of(pq),
      gamma3: gamma3Of(pq),
      widths,
      rdW1,
      rdW2,
      slopeW1,
      slopeW2,
      bandW1: Number.isFinite(slopeW1) ? regimesOfSlope(slopeW1) : [],
      bandW2: Number.isFinite(slopeW2) ? regimesOfSlope(slopeW2) : [],
      condensationInitial: largest.reduce((s, r) => s + res(r).condensationInitial, 0) / largest.length,
      condensationFinal: largest.reduce((s, r) => s + res(r).condensationFinal, 0) / largest.length,
      unconverged: rs.filter((r) => res(r).status !== "converged").length,
      msPerPoint: widths.map((m) => at(m).reduce((s, r) => s + (r.ms ?? 0), 0) / at(m).length),
    });
  }
  cells.sort((a, b) => a.gamma2 - b.gamma2 || a.gamma3 - b.gamma3 || a.pq[0] - b.pq[0] || a.pq[2] - b.pq[2]);
  const lines = new Map<number, ThreeLayerCell[]>();
  for (const c of cells) {
    if (c.pq[0] !== 0 || c.pq[2] !== 0) continue;
    lines.set(c.gamma2, [...(lines.get(c.gamma2) ?? []), c]);
  }
  const trends: Gamma3Trend[] = [];
  for (const [gamma2, cs] of lines) {
    if (cs.length < 2) continue;
    const g3 = cs.map((c) => c.gamma3);
    const s1 = cs.map((c) => c.slopeW1);
    const s2 = cs.map((c) => c.slopeW2);
    trends.push({
      gamma2,
      gamma3: g3,
      slopeW1: s1,
      slopeW2: s2,
      risingW1: rising(s1),
      risingW2: rising(s2),
      trendW1: linearTrend(g3, s1),
      trendW2: linearTrend(g3, s2),
    });
  }
  return { cells, trends, points: ok.length, failed: records.length - ok.length };
}

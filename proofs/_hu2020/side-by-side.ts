/**
 * The side-by-side experiment of Hu et al. 2020 (arXiv 2006.14599, the synthetic-data comparison; lindyn note hu2020-early-time.md): a two-layer net
 * f(x) = (1/√m)vᵀφ(Wx/√d) (ReLU at CI size, softplus at paper size) and its linear model f^lin = βᵀψ(x), trained by
 * full-batch GD with the same η from f₀ ≡ 0 and β = 0, compared on held-out inputs. The network run is cached per
 * (seed, size, trained layers), so the claim and its negative controls (which only change ψ) share it within one
 * process.
 */

import type { ClaimContext } from "../../src/claims/claim.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { gradientDescent } from "../../src/dynamics/gradient-descent.js";
import { resolveActivation } from "../../src/model/nonlinear/activation.js";
import { activationConstants } from "../../src/model/nonlinear/activation-constants.js";
import {
  type HuFeatureCoefficients,
  type HuTrainedLayers,
  HuTwoLayer,
  huFeatureCoefficients,
  huFeatures,
  huLinearObjective,
} from "../../src/model/nonlinear/hu2020/index.js";

/** One experiment size. */
export interface SideBySideSize {
  readonly name: string;
  /** φ of the network (and of ψ's constants). */
  readonly activation: "relu" | "softplus";
  readonly d: number;
  readonly n: number;
  readonly nTest: number;
  readonly m: number;
  readonly eta: number;
  /** GD steps at which the early agreement is measured (all ≤ d·ln d/η). */
  readonly early: readonly number[];
  /** Last step (the late, separated regime), or null when only the early steps are run. */
  readonly end: number | null;
}

/** CI size (≈1 s for the network run on a loaded 2-core machine). d·ln d/η = 11.1 steps. */
export const CI_SIZE: SideBySideSize = {
  name: "ReLU, d = 16, n = 200, m = 512, η = 4",
  activation: "relu",
  d: 16,
  n: 200,
  nTest: 200,
  m: 512,
  eta: 4,
  early: [1, 2, 3, 5, 8, 11],
  end: 250,
};

/** The --runs size (from the second run on): d·ln d/η = 55.5 steps. */
export const LARGE_SIZE: SideBySideSize = {
  name: "ReLU, d = 32, n = 400, m = 1024, η = 2",
  activation: "relu",
  d: 32,
  n: 400,
  nTest: 400,
  m: 1024,
  eta: 2,
  early: [1, 3, 10, 20, 40, 55],
  end: 500,
};

/**
 * The paper's size (lindyn note: softplus, d = 50, n = 1000, m = 2000, η = 1), early steps only: d·ln d/η =
 * 195.6 steps. One GD step costs ≈ 150 ms here on a loaded 2-core machine, so the early part takes ≈ 30 s; the
 * note's separation (t = 3000 … 10⁴) would take 8–25 min and is measured at CI size instead.
 */
export const PAPER_SIZE: SideBySideSize = {
  name: "softplus, d = 50, n = 1000, m = 2000, η = 1",
  activation: "softplus",
  d: 50,
  n: 1000,
  nTest: 1000,
  m: 2000,
  eta: 1,
  early: [10, 30, 100, 195],
  end: null,
};

/** The size of run `r` (0-based): CI size for run 0, then alternately the large and the CI size. */
export function sizeOfRun(r: number): SideBySideSize {
  return r % 2 === 1 ? LARGE_SIZE : CI_SIZE;
}

/** The same size without its late step (for claims about the early agreement alone). */
export function earlyOnly(size: SideBySideSize): SideBySideSize {
  return size.end === null ? size : { ...size, name: `${size.name}, early steps only`, end: null };
}

/**
 * The runs a claim makes under `ctx`: at size "ci" (default), `ctx.runs` runs alternating {@link CI_SIZE} and
 * {@link LARGE_SIZE}; at size "paper", `ctx.runs` runs of {@link PAPER_SIZE} — each with its seed.
 */
export function plannedRuns(ctx: ClaimContext): { size: SideBySideSize; seed: number }[] {
  const out: { size: SideBySideSize; seed: number }[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    out.push({ size: ctx.size === "paper" ? PAPER_SIZE : sizeOfRun(r), seed: ctx.seed + 104729 * r });
  }
  return out;
}

/** The target y = ⟨u, x⟩ + ⟨w, x⟩²/√2 (unit u, w): a linear part, a mean 1/√2 and a quadratic part. */
function target(X: Matrix, u: Float64Array, w: Float64Array): Matrix {
  const Y = new Matrix(X.rows, 1);
  for (let s = 0; s < X.rows; s++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < X.cols; j++) {
      a += (u[j] as number) * X.get(s, j);
      b += (w[j] as number) * X.get(s, j);
    }
    Y.data[s] = a + (b * b) / Math.SQRT2;
  }
  return Y;
}

/** A finished network run: data and the network's test outputs at the recorded steps. */
export interface NetworkRun {
  readonly size: SideBySideSize;
  readonly seed: number;
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly Xtest: Matrix;
  readonly Ytest: Matrix;
  /** Which layers the network trained. */
  readonly layers: HuTrainedLayers;
  /** Recorded steps: `size.early` then `size.end` (when not null). */
  readonly steps: readonly number[];
  /** Network outputs on Xtest at each recorded step. */
  readonly netTest: readonly Matrix[];
  readonly status: string;
}

const cache = new Map<string, NetworkRun>();

/** The data of a run: x ~ N(0, I_d), train and test, and the target's directions (drawn in this order). */
export function sideBySideData(rng: Rng, size: SideBySideSize): { X: Matrix; Y: Matrix; Xtest: Matrix; Ytest: Matrix } {
  const unit = () => {
    const v = new Float64Array(size.d);
    rng.fillGaussian(v);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const u = unit();
  const w = unit();
  const X = rng.gaussianMatrix(size.n, size.d);
  const Xtest = rng.gaussianMatrix(size.nTest, size.d);
  return { X, Y: target(X, u, w), Xtest, Ytest: target(Xtest, u, w) };
}

/**
 * Trains (or returns the cached) network of `size.activation`, the given layers (default both), paper GD with
 * rate η from f₀ ≡ 0.
 */
export function networkRun(seed: number, size: SideBySideSize, layers: HuTrainedLayers = "both"): NetworkRun {
  const key = `${seed}|${size.name}|${layers}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rng = new Rng(seed);
  const { X, Y, Xtest, Ytest } = sideBySideData(rng, size);
  const model = new HuTwoLayer(size.d, size.m, size.activation);
  const theta0 = model.init(rng);
  const steps = size.end === null ? [...size.early] : [...size.early, size.end];
  const run = gradientDescent(model.objective(X, Y, layers), theta0, {
    lr: model.learningRates(size.eta),
    steps: steps[steps.length - 1] as number,
    record: steps,
  });
  const result: NetworkRun = {
    size,
    seed,
    layers,
    X,
    Y,
    Xtest,
    Ytest,
    steps,
    netTest: run.thetas.map((th) => model.net.output(th, Xtest)),
    status: run.status,
  };
  cache.set(key, result);
  return result;
}

/** The linear model's coefficients of the claim: both layers, ReLU, Σ = I (tr Σ² = d). */
export function reluBothCoefficients(d: number): HuFeatureCoefficients {
  return huFeatureCoefficients(activationConstants(resolveActivation("relu")), "both", d, d);
}

/** ψ's coefficients for a size's activation and the trained layers, Σ = I (tr Σ² = d). */
export function coefficientsFor(size: SideBySideSize, layers: HuTrainedLayers = "both"): HuFeatureCoefficients {
  return huFeatureCoefficients(activationConstants(resolveActivation(size.activation)), layers, size.d, size.d);
}

/** ζ = E[φ′(g)] of a size's activation. */
export function zetaFor(size: SideBySideSize): number {
  return activationConstants(resolveActivation(size.activation)).zeta;
}

/** Comparison of the network with a linear model of the given coefficients, per recorded step. */
export interface Comparison {
  /** ‖f − f^lin‖² / ‖f‖² on the test inputs. */
  readonly relDiff: number[];
  /** ‖f − f^lin‖² / ‖y‖² on the test inputs (the paper's normalisation: labels of unit scale). */
  readonly relDiffY: number[];
  /** Test losses (1/2n_test)Σ(f − y)². */
  readonly netLoss: number[];
  readonly linLoss: number[];
}

/** Trains f^lin = βᵀψ by GD with the network's η from β = 0 and compares on the test inputs. */
export function compare(run: NetworkRun, coefficients: HuFeatureCoefficients): Comparison {
  const objective = huLinearObjective(huFeatures(run.X, coefficients), run.Y);
  const lin = gradientDescent(objective, new Float64Array(run.size.d + 1), {
    lr: run.size.eta,
    steps: run.steps[run.steps.length - 1] as number,
    record: run.steps,
  });
  const P = huFeatures(run.Xtest, coefficients);
  const loss = (F: Matrix) => {
    let s = 0;
    for (let k = 0; k < F.data.length; k++) s += ((F.data[k] as number) - (run.Ytest.data[k] as number)) ** 2;
    return s / (2 * F.data.length);
  };
  const out: Comparison = { relDiff: [], relDiffY: [], netLoss: [], linLoss: [] };
  let y2 = 0;
  for (const v of run.Ytest.data) y2 += v * v;
  lin.thetas.forEach((beta, j) => {
    const fl = objective.net.output(beta, P);
    const fn = run.netTest[j] as Matrix;
    let num = 0;
    let den = 0;
    for (let k = 0; k < fl.data.length; k++) {
      num += ((fn.data[k] as number) - (fl.data[k] as number)) ** 2;
      den += (fn.data[k] as number) ** 2;
    }
    out.relDiff.push(num / den);
    out.relDiffY.push(num / y2);
    out.netLoss.push(loss(fn));
    out.linLoss.push(loss(fl));
  });
  return out;
}

/**
 * The side-by-side experiment of Hu et al. 2020 (arXiv 2006.14599, the synthetic-data comparison; lindyn note hu2020-early-time.md): a two-layer ReLU net
 * f(x) = (1/√m)vᵀφ(Wx/√d) and its linear model f^lin = βᵀψ(x), trained by full-batch GD with the same η from
 * f₀ ≡ 0 and β = 0, compared on held-out inputs. The network run is cached per (seed, size), so the claim
 * and its negative controls (which only change ψ) share it within one process.
 */
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { gradientDescent } from "../../src/dynamics/gradient-descent.js";
import { resolveActivation } from "../../src/model/nonlinear/activation.js";
import { activationConstants } from "../../src/model/nonlinear/activation-constants.js";
import {
  type HuFeatureCoefficients,
  HuTwoLayer,
  huFeatureCoefficients,
  huFeatures,
  huLinearObjective,
} from "../../src/model/nonlinear/hu2020/index.js";

/** One experiment size. */
export interface SideBySideSize {
  readonly name: string;
  readonly d: number;
  readonly n: number;
  readonly nTest: number;
  readonly m: number;
  readonly eta: number;
  /** GD steps at which the early agreement is measured (all ≤ d·ln d/η). */
  readonly early: readonly number[];
  /** Last step (the late, separated regime). */
  readonly end: number;
}

/** CI size (≈1 s for the network run on a loaded 2-core machine). d·ln d/η = 11.1 steps. */
export const CI_SIZE: SideBySideSize = {
  name: "d = 16, n = 200, m = 512, η = 4",
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
  name: "d = 32, n = 400, m = 1024, η = 2",
  d: 32,
  n: 400,
  nTest: 400,
  m: 1024,
  eta: 2,
  early: [1, 3, 10, 20, 40, 55],
  end: 500,
};

/** The size of run `r` (0-based): CI size for run 0, then alternately the large and the CI size. */
export function sizeOfRun(r: number): SideBySideSize {
  return r % 2 === 1 ? LARGE_SIZE : CI_SIZE;
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
  /** Recorded steps: `size.early` then `size.end`. */
  readonly steps: readonly number[];
  /** Network outputs on Xtest at each recorded step. */
  readonly netTest: readonly Matrix[];
  readonly status: string;
}

const cache = new Map<string, NetworkRun>();

/** Trains (or returns the cached) ReLU network, both layers, paper GD with rate η from f₀ ≡ 0. */
export function networkRun(seed: number, size: SideBySideSize): NetworkRun {
  const key = `${seed}|${size.name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rng = new Rng(seed);
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
  const Y = target(X, u, w);
  const Ytest = target(Xtest, u, w);
  const model = new HuTwoLayer(size.d, size.m, "relu");
  const theta0 = model.init(rng);
  const steps = [...size.early, size.end];
  const run = gradientDescent(model.objective(X, Y, "both"), theta0, {
    lr: model.learningRates(size.eta),
    steps: size.end,
    record: steps,
  });
  const result: NetworkRun = {
    size,
    seed,
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
    steps: run.size.end,
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

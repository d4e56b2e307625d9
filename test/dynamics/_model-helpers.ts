/** Random linear-net problems for the dynamics tests (not a test file itself). */
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { LinearNet } from "../../src/model/architecture.js";
import { teacherMoments } from "../../src/model/generators.js";
import type { LossOptions } from "../../src/model/loss-config.js";
import { LinearNetObjective } from "../../src/model/objective.js";

export interface Problem {
  net: LinearNet;
  objective: LinearNetObjective;
  theta0: Float64Array;
}

/**
 * A random problem: inputs with covariance BBᵀ/d0 + ½I, a random linear teacher with label noise 0.1, and
 * θ0 with independent N(0, initScale²) entries. Everything flows from `seed`.
 */
export function randomProblem(
  widths: readonly number[],
  seed: number,
  loss: LossOptions = {},
  initScale = 0.6,
): Problem {
  const rng = new Rng(seed);
  const net = new LinearNet(widths);
  const d0 = widths[0] as number;
  const B = rng.gaussianMatrix(d0, d0, 1 / Math.sqrt(d0));
  const Sxx = new Matrix(d0, d0);
  for (let i = 0; i < d0; i++)
    for (let j = 0; j < d0; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < d0; k++) s += B.get(i, k) * B.get(j, k);
      Sxx.set(i, j, s);
    }
  for (let i = 0; i < d0; i++) for (let j = 0; j < i; j++) Sxx.set(i, j, Sxx.get(j, i));
  const moments = teacherMoments(rng, {
    teacherWidths: [d0, widths[widths.length - 1] as number],
    inputCovariance: Sxx,
    labelNoise: 0.1,
  });
  const objective = new LinearNetObjective(net, moments, loss);
  const theta0 = rng.fillGaussian(new Float64Array(net.dim), initScale);
  return { net, objective, theta0 };
}

/** ‖A − B‖_F for two equal-length arrays. */
export function diffNorm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += ((a[k] as number) - (b[k] as number)) ** 2;
  return Math.sqrt(s);
}

/** ‖A‖_F. */
export function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) ** 2;
  return Math.sqrt(s);
}

/**
 * ‖W_{i+1}ᵀW_{i+1}‖_F/η_{i+1} + ‖W_iW_iᵀ‖_F/η_i (i 1-based): the size of the two terms whose difference is
 * Q_i, hence the scale of its round-off and integration error.
 */
export function imbalanceTermScale(
  net: LinearNet,
  theta: Float64Array,
  i: number,
  rates: readonly number[] = [],
): number {
  const W = net.views(theta);
  const a = W[i - 1] as Matrix;
  const b = W[i] as Matrix;
  const gram = (m: Matrix, left: boolean): number => {
    const n = left ? m.cols : m.rows;
    let s = 0;
    for (let p = 0; p < n; p++)
      for (let q = 0; q < n; q++) {
        let v = 0;
        if (left) for (let r = 0; r < m.rows; r++) v += m.get(r, p) * m.get(r, q);
        else for (let c = 0; c < m.cols; c++) v += m.get(p, c) * m.get(q, c);
        s += v * v;
      }
    return Math.sqrt(s);
  };
  return gram(b, true) / (rates[i] ?? 1) + gram(a, false) / (rates[i - 1] ?? 1);
}

/**
 * The deep-linear-network problem both sides of the flow and GD benchmarks solve. It is built here, in
 * TypeScript, from a seed, and handed to the Python peer as JSON (moments and initial weights in full), so
 * both sides integrate exactly the same ODE from exactly the same point.
 *
 * Data: Σxx = G·Gᵀ/(2·d0) + I/2 with G a d0×d0 standard Gaussian matrix (eigenvalues ≈ 0.5–2.5); targets
 * y = T·x + ξ from a random teacher T (d_L×d0, entries N(0, 1/d0)) with label noise ξ ~ N(0, 0.01·I), so the
 * minimum loss is d_L·0.01 > 0 and relative comparisons of the final loss are meaningful. Loss convention
 * c = 1, no weight decay, no stochastic neurons. Initial weights: N(0, 1/(4d)) entries (d = the width), so
 * every layer has spectral norm ≈ 1 at every width: the flow is equally non-stiff at widths 4 and 256
 * (≈ 2600–2700 DOPRI5 evaluations to t = 20 at rtol 1e-8) and makes real progress by t = 20.
 *
 * @packageDocumentation
 */
import { matmulNTInto } from "../src/core/matmul.js";
import { Matrix } from "../src/core/matrix.js";
import { Rng } from "../src/core/rng.js";
import { LinearNet } from "../src/model/architecture.js";
import { teacherMoments } from "../src/model/generators.js";
import { initGaussian } from "../src/model/init.js";
import type { Moments } from "../src/model/moments.js";
import { LinearNetObjective } from "../src/model/objective.js";

/** A benchmark problem and its JSON form for the peer. */
export interface LinearProblem {
  readonly label: string;
  readonly net: LinearNet;
  readonly moments: Moments;
  readonly objective: LinearNetObjective;
  readonly theta0: Float64Array;
  /** Plain data for the peer: widths, row-major moments, c, θ₀. */
  readonly spec: {
    widths: number[];
    Sxx: number[];
    Syx: number[];
    Ey2: number;
    c: number;
    theta0: number[];
  };
}

/** Builds the problem for `depth` weight matrices of width `width` on `width`-dimensional data. */
export function linearProblem(depth: number, width: number, seed: number): LinearProblem {
  const rng = new Rng(seed);
  const d = width;
  const G = rng.gaussianMatrix(d, d);
  const Sxx = new Matrix(d, d);
  matmulNTInto(Sxx, G, G); // exactly symmetric: both triangles sum the same products in the same order
  for (let k = 0; k < Sxx.data.length; k++) Sxx.data[k] /= 2 * d;
  for (let i = 0; i < d; i++) Sxx.data[i * d + i] += 0.5;
  const moments = teacherMoments(rng, { teacherWidths: [d, d], inputCovariance: Sxx, labelNoise: 0.01 });
  const widths = Array.from({ length: depth + 1 }, () => d);
  const net = new LinearNet(widths);
  const theta0 = initGaussian(net, rng, 0.5 / Math.sqrt(d));
  const objective = new LinearNetObjective(net, moments);
  return {
    label: `depth ${depth}, width ${width}, ${d}-dim data (${net.dim} params)`,
    net,
    moments,
    objective,
    theta0,
    spec: {
      widths,
      Sxx: Array.from(moments.Sxx.data),
      Syx: Array.from(moments.Syx.data),
      Ey2: moments.Ey2,
      c: objective.config.c,
      theta0: Array.from(theta0),
    },
  };
}

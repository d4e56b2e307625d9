/**
 * Shared fast-check arbitraries for the model tests: small random problems built from integers and
 * small rationals (k/8, k/16) so that a shrunk counterexample is readable.
 */
import fc from "fast-check";
import { Matrix } from "../../src/core/matrix.js";
import { LinearNet } from "../../src/model/architecture.js";
import type { LossOptions } from "../../src/model/loss-config.js";
import { Moments } from "../../src/model/moments.js";

export interface Problem {
  widths: number[];
  net: LinearNet;
  /** Samples, one per row. */
  X: Matrix;
  Y: Matrix;
  moments: Moments;
  theta: Float64Array;
  loss: Required<Pick<LossOptions, "c">> & { gamma: number[]; noise: number[] };
}

export interface ProblemConstraints {
  /** Draw noise variances for hidden layers (else all 0). */
  noise: boolean;
  minDepth?: number;
  maxDepth?: number;
  maxWidth?: number;
  /** Draw weight decay (else 0). */
  gamma?: boolean;
  /** Draw c ∈ {1, 0.5} (else 1). */
  halfC?: boolean;
}

const rational = (k: number, den: number) => fc.integer({ min: -k, max: k }).map((v) => v / den);

function matrixArb(rows: number, cols: number, k: number, den: number): fc.Arbitrary<Matrix> {
  return fc
    .array(rational(k, den), { minLength: rows * cols, maxLength: rows * cols })
    .map((v) => new Matrix(rows, cols, Float64Array.from(v)));
}

/** A random problem: depth minDepth..maxDepth (default 1..5), widths 1..maxWidth (default 6). */
export function problemArb(constraints: ProblemConstraints): fc.Arbitrary<Problem> {
  const { noise, minDepth = 1, maxDepth = 5, maxWidth = 6, gamma = true, halfC = true } = constraints;
  return fc
    .record({
      widths: fc.array(fc.integer({ min: 1, max: maxWidth }), { minLength: minDepth + 1, maxLength: maxDepth + 1 }),
      n: fc.integer({ min: 1, max: 8 }),
    })
    .chain(({ widths, n }) => {
      const net = new LinearNet(widths);
      const L = net.depth;
      return fc.record({
        widths: fc.constant(widths),
        X: matrixArb(n, widths[0] as number, 16, 8),
        Y: matrixArb(n, widths[L] as number, 16, 8),
        theta: fc.array(rational(8, 8), { minLength: net.dim, maxLength: net.dim }),
        gamma: gamma
          ? fc.array(
              fc.integer({ min: 0, max: 8 }).map((k) => k / 16),
              { minLength: L, maxLength: L },
            )
          : fc.constant(Array.from({ length: L }, () => 0)),
        noise: noise
          ? fc.array(
              fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
              { minLength: L - 1, maxLength: L - 1 },
            )
          : fc.constant(Array.from({ length: L - 1 }, () => 0)),
        c: halfC ? fc.constantFrom<1 | 0.5>(1, 0.5) : fc.constant<1 | 0.5>(1),
      });
    })
    .map(({ widths, X, Y, theta, gamma, noise, c }) => ({
      widths,
      net: new LinearNet(widths),
      X,
      Y,
      moments: Moments.fromSamples(X, Y),
      theta: Float64Array.from(theta),
      loss: { c, gamma, noise },
    }));
}

/** max_k |x_k|. */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < x.length; k++) m = Math.max(m, Math.abs(x[k] as number));
  return m;
}

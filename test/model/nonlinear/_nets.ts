/**
 * Generated small nonlinear nets for the tests: widths, activation, biases, weights on the k/8 grid, data on
 * the k/4 grid, printed as their recipe so shrunk counterexamples read well.
 */
import fc from "fast-check";
import { Matrix } from "../../../src/core/matrix.js";
import { type Activation, builtinActivations } from "../../../src/model/nonlinear/activation.js";
import { NonlinearNet } from "../../../src/model/nonlinear/nonlinear-net.js";

export interface NetCase {
  net: NonlinearNet;
  theta: Float64Array;
  X: Matrix;
  Y: Matrix;
}

const ACTIVATIONS = builtinActivations();

function matrixArb(rows: number, cols: number, den: number, max: number): fc.Arbitrary<Matrix> {
  return fc
    .array(fc.integer({ min: -max * den, max: max * den }), { minLength: rows * cols, maxLength: rows * cols })
    .map(
      (ks) =>
        new Matrix(
          rows,
          cols,
          Float64Array.from(ks, (k) => k / den),
        ),
    );
}

/** Nets of depth 1..maxDepth, widths 1..maxWidth, any built-in activation, with/without biases. */
export function netCaseArb(
  options: { maxDepth?: number; maxWidth?: number; maxSamples?: number; activations?: Activation[] } = {},
): fc.Arbitrary<NetCase> {
  const acts = options.activations ?? ACTIVATIONS;
  return fc
    .record({
      widths: fc
        .integer({ min: 1, max: options.maxDepth ?? 4 })
        .chain((L) =>
          fc.array(fc.integer({ min: 1, max: options.maxWidth ?? 6 }), { minLength: L + 1, maxLength: L + 1 }),
        ),
      act: fc.integer({ min: 0, max: acts.length - 1 }),
      bias: fc.boolean(),
      n: fc.integer({ min: 1, max: options.maxSamples ?? 4 }),
    })
    .chain(({ widths, act, bias, n }) => {
      const net = new NonlinearNet(widths, { activation: acts[act] as Activation, bias });
      return fc
        .record({
          theta: fc
            .array(fc.integer({ min: -8, max: 8 }), { minLength: net.dim, maxLength: net.dim })
            .map((ks) => Float64Array.from(ks, (k) => k / 8)),
          X: matrixArb(n, widths[0] as number, 4, 2),
          Y: matrixArb(n, widths[widths.length - 1] as number, 4, 2),
        })
        .map(({ theta, X, Y }) => {
          const c: NetCase = { net, theta, X, Y };
          Object.defineProperty(c, fc.toStringMethod, {
            value: () =>
              `${net.toString()}, θ = [${Array.from(theta).join(", ")}], X = ${JSON.stringify(X.toArray())}, Y = ${JSON.stringify(Y.toArray())}`,
          });
          return c;
        });
    });
}

/** Smallest |pre-activation| over hidden layers and samples (distance to the ReLU kink), by plain loops. */
export function minHiddenPreactivation(net: NonlinearNet, theta: Float64Array, X: Matrix): number {
  const { W, b } = net.views(theta);
  let min = Number.POSITIVE_INFINITY;
  for (let s = 0; s < X.rows; s++) {
    let h = Array.from(X.data.subarray(s * X.cols, (s + 1) * X.cols));
    for (let i = 0; i < net.depth - 1; i++) {
      const Wi = W[i] as Matrix;
      const z = Array.from({ length: Wi.rows }, (_, r) => {
        let acc = net.bias ? (b[i] as Float64Array)[r]! : 0;
        for (let p = 0; p < Wi.cols; p++) acc += Wi.get(r, p) * h[p]!;
        return acc;
      });
      for (const v of z) min = Math.min(min, Math.abs(v));
      h = z.map((v) => net.activation.phi(v));
    }
  }
  return min;
}

/** A deterministic, non-dyadic perturbation of θ (moves grid states off exact kinks). */
export function perturb(theta: Float64Array, size = 1e-2): Float64Array {
  return theta.map((t, k) => t + size * Math.sin(1.7 * k + 0.3));
}

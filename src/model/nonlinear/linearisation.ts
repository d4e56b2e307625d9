/**
 * The "linearisation" of a nonlinear net at an input: the masked linear maps D_h(x) of its activation
 * pattern, and the affine map they compose to.
 *
 * @packageDocumentation
 */
import { errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import type { NonlinearNet } from "./nonlinear-net.js";

/** Result of {@link linearisation}. */
export interface Linearisation {
  /**
   * diag D_h(x) = φ′(z_h(x)) for hidden layers h = 1..L−1 (index h − 1). For ReLU these are the 0/1
   * activation masks (φ′(0) = 0 at a kink), for leaky ReLU 1/slope.
   */
  readonly masks: Float64Array[];
  /** M(x) = (1/α)·W_L D_{L−1}(x) W_{L−1} ⋯ D_1(x) W_1 (dL × d0) = ∂f/∂x. */
  readonly map: Matrix;
  /** c(x) = f(x) − M(x)·x (length dL); 0 for bias-free positively homogeneous activations. */
  readonly offset: Float64Array;
  /** f(x). */
  readonly output: Float64Array;
}

/**
 * The activation pattern of `net` at input `x` and the linear network it selects (Basu, Mukherjee,
 * Vasudevan 2019, arXiv 1904.10689, §"linearised neural nets"; lindyn note A-5): in the data pocket where
 * no pre-activation changes sign, a (leaky) ReLU net IS the masked linear net
 * f(x') = (1/α)W_L D_{L−1} W_{L−1} ⋯ D_1 W_1 x' + c, with the masks D_h frozen at their values at x. For
 * smooth activations the same formula is the tangent affine map of x' ↦ f(x') at x (exact only to first
 * order).
 *
 * @throws ShapeError when x has the wrong length or θ the wrong length
 */
export function linearisation(net: NonlinearNet, theta: Float64Array, x: ArrayLike<number>): Linearisation {
  const d0 = net.widths[0] as number;
  if (x === null || typeof x !== "object" || x.length !== d0) {
    throw new ShapeError(
      errorMessage("x.length", x?.length, `must be d0 = ${d0}`, "Pass one input vector of the net's input width."),
    );
  }
  const { W, b } = net.views(theta);
  const L = net.depth;
  let h = Float64Array.from(x);
  // J = ∂h/∂x, starting from the identity.
  let J = Matrix.identity(d0);
  const masks: Float64Array[] = [];
  for (let i = 0; i < L; i++) {
    const Wi = W[i] as Matrix;
    const z = new Float64Array(Wi.rows);
    const Jn = new Matrix(Wi.rows, d0);
    for (let r = 0; r < Wi.rows; r++) {
      let acc = net.bias ? (b[i] as Float64Array)[r]! : 0;
      for (let p = 0; p < Wi.cols; p++) acc += Wi.data[r * Wi.cols + p]! * h[p]!;
      z[r] = acc;
      for (let q = 0; q < d0; q++) {
        let s = 0;
        for (let p = 0; p < Wi.cols; p++) s += Wi.data[r * Wi.cols + p]! * J.data[p * d0 + q]!;
        Jn.data[r * d0 + q] = s;
      }
    }
    if (i < L - 1) {
      const mask = new Float64Array(Wi.rows);
      const hn = new Float64Array(Wi.rows);
      net.activation.evaluateInto(z, hn, mask);
      for (let r = 0; r < Wi.rows; r++) for (let q = 0; q < d0; q++) Jn.data[r * d0 + q]! *= mask[r]!;
      masks.push(mask);
      h = hn;
    } else {
      h = z;
    }
    J = Jn;
  }
  const dL = net.widths[L] as number;
  const output = new Float64Array(dL);
  const offset = new Float64Array(dL);
  for (let r = 0; r < dL; r++) {
    output[r] = h[r]! / net.alpha;
    let mx = 0;
    for (let q = 0; q < d0; q++) {
      J.data[r * d0 + q]! /= net.alpha;
      mx += J.data[r * d0 + q]! * (x[q] as number);
    }
    offset[r] = output[r]! - mx;
  }
  return { masks, map: J, offset, output };
}

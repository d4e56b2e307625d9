/**
 * The full-batch square loss of a {@link NonlinearNet} on samples, with its exact gradient by
 * back-propagation: an {@link Objective}, so src/dynamics (DOPRI5, RK4, gradient flow, gradient descent)
 * runs it unchanged.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import { requireAllFinite } from "../../core/validate.js";
import type { Objective } from "../objective.js";
import { BatchKernel } from "./_internals/batch-kernel.js";
import type { NonlinearNet } from "./nonlinear-net.js";

/** Options of {@link NonlinearObjective}. */
export interface NonlinearLossOptions {
  /**
   * The factor c in ℒ = c·(1/n)Σ_s‖f(x_s) − y_s‖². NOTE: the default here is ½ (Hu et al. 2020,
   * arXiv 2006.14599, and Luo et al. 2021 write (1/2n)Σ(f − y)²), whereas LinearNetObjective defaults to
   * c = 1 (Ziyin et al.). Pass `c: 1` to match the linear objective's default.
   * @defaultValue 0.5
   */
  c?: 1 | 0.5;
}

/**
 * ℒ(θ) = c·(1/n)·Σ_{s=1}^{n} ‖f_θ(x_s) − y_s‖² on the samples (rows of X: n × d0, rows of Y: n × dL), no
 * weight decay. With c = ½ this is Hu et al.'s (1/2n)Σ(f − y)²; with the data moments of the same samples it
 * equals `LinearNetObjective`'s c·E‖Px − y‖² for the identity activation without biases.
 *
 * {@link valueAndGradient} is exact (back-propagation; at a ReLU kink it uses the convention φ′(0) of the
 * activation, i.e. it returns one element of the Clarke subdifferential) and allocates nothing: θ is copied
 * into an internal buffer, the products run on preallocated n × d_i buffers with the blocked kernels.
 * Non-finite θ give a non-finite value and gradient (integrators then report "non-finite").
 *
 * @example
 * ```ts
 * const net = new NonlinearNet([3, 8, 6, 1], { activation: "relu" });
 * const obj = new NonlinearObjective(net, X, Y);          // c = 1/2
 * const traj = gradientFlow(obj, initNonlinear(net, new Rng(1)), { tEnd: 5 });
 * ```
 */
export class NonlinearObjective implements Objective {
  /** The architecture. */
  readonly net: NonlinearNet;
  /** Inputs, one sample per row (n × d0); copied at construction. */
  readonly X: Matrix;
  /** Targets, one sample per row (n × dL); copied at construction. */
  readonly Y: Matrix;
  /** Number of samples n. */
  readonly n: number;
  /** The loss factor c. */
  readonly c: 1 | 0.5;
  /** Number of parameters `net.dim`. */
  readonly dim: number;

  private readonly kernel: BatchKernel;
  private readonly thetaBuf: Float64Array;
  private readonly gradBuf: Float64Array;
  private readonly W: Matrix[];
  private readonly b: Float64Array[];
  private readonly G: Matrix[];
  private readonly gb: Float64Array[];

  /**
   * @throws ShapeError when X, Y do not fit the widths or their row counts differ; DomainError for non-finite
   *   data or c ∉ {1, ½}
   */
  constructor(net: NonlinearNet, X: Matrix, Y: Matrix, options: NonlinearLossOptions = {}) {
    net.assertInputs("X", X);
    const dL = net.widths[net.depth] as number;
    if (!(Y instanceof Matrix) || Y.rows !== X.rows || Y.cols !== dL) {
      throw new ShapeError(
        errorMessage(
          "Y",
          Y instanceof Matrix ? Y.shape : Y,
          `must be a Matrix of n = ${X.rows} rows (as X) and dL = ${dL} columns`,
          "Pass one target per row, matching the rows of X.",
        ),
      );
    }
    requireAllFinite("X.data", X.data);
    requireAllFinite("Y.data", Y.data);
    const c = options.c ?? 0.5;
    if (c !== 1 && c !== 0.5) {
      throw new DomainError(
        errorMessage("c", c, "must be 1 or 0.5", "Use 0.5 for (1/2n)Σ‖f − y‖² (the default) or 1 for the mean."),
      );
    }
    this.net = net;
    this.X = X.clone();
    this.Y = Y.clone();
    this.n = X.rows;
    this.c = c;
    this.dim = net.dim;
    this.kernel = new BatchKernel(net, this.n);
    this.thetaBuf = new Float64Array(net.dim);
    this.gradBuf = new Float64Array(net.dim);
    ({ W: this.W, b: this.b } = net.views(this.thetaBuf));
    ({ W: this.G, b: this.gb } = net.views(this.gradBuf));
  }

  /** ℒ(θ) (no gradient). @throws ShapeError for a wrong-length θ */
  value(theta: Float64Array): number {
    this.net.assertTheta("theta", theta);
    this.thetaBuf.set(theta);
    this.kernel.forward(this.W, this.b, this.X);
    return this.lossOfOutputs(false);
  }

  /** Returns ℒ(θ) and writes ∇ℒ(θ) into `grad` (length `dim`), allocation-free. */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    if (theta.length !== this.dim || grad.length !== this.dim) {
      this.net.assertTheta("theta", theta);
      this.net.assertTheta("grad", grad);
    }
    this.thetaBuf.set(theta);
    this.kernel.forward(this.W, this.b, this.X);
    const loss = this.lossOfOutputs(true);
    this.kernel.backward(this.W, this.X, this.G, this.gb);
    grad.set(this.gradBuf);
    return loss;
  }

  /** The outputs f(x_s) at θ (n × dL, a fresh matrix). */
  outputs(theta: Float64Array): Matrix {
    this.net.assertTheta("theta", theta);
    this.thetaBuf.set(theta);
    this.kernel.forward(this.W, this.b, this.X);
    return this.kernel.F.clone();
  }

  /** Loss from kernel.F; with `seed`, also writes Δ_L = ∂ℒ/∂Z_L = (2c/n)(F − Y)/α. */
  private lossOfOutputs(seed: boolean): number {
    const f = this.kernel.F.data;
    const y = this.Y.data;
    const dL = (this.kernel.Delta[this.net.depth - 1] as Matrix).data;
    const scale = (2 * this.c) / this.n / this.net.alpha;
    let sum = 0;
    for (let k = 0; k < f.length; k++) {
      const r = (f[k] as number) - (y[k] as number);
      sum += r * r;
      if (seed) dL[k] = scale * r;
    }
    return (this.c * sum) / this.n;
  }
}

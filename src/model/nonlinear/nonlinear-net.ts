/**
 * Fully-connected nonlinear networks: architecture, parameter layout and a plain forward pass.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import { requireInteger } from "../../core/validate.js";
import { type Activation, type ActivationSpec, resolveActivation } from "./activation.js";

/** Options of {@link NonlinearNet}. */
export interface NonlinearNetOptions {
  /**
   * The activation of every hidden layer (the output layer is linear).
   * @defaultValue "relu"
   */
  activation?: ActivationSpec;
  /**
   * Whether every layer i = 1..L has a bias b_i ∈ ℝ^{d_i} (the output layer's included).
   * @defaultValue false
   */
  bias?: boolean;
  /**
   * Output scale: f(x) = (1/α)·(W_L h_{L−1}(x) + b_L). α = 1 is the plain net; α = √m-type values give the
   * NTK/mean-field scalings of Luo et al. 2021 (arXiv 2007.07497) and Hu et al. 2020 (arXiv 2006.14599).
   * @defaultValue 1
   */
  alpha?: number;
}

/** Zero-copy views of the parameters of one θ. */
export interface NonlinearViews {
  /** W_1..W_L, W_i ∈ ℝ^{d_i × d_{i−1}}. */
  readonly W: Matrix[];
  /** b_1..b_L (length d_i each) when the net has biases, else an empty array. */
  readonly b: Float64Array[];
}

/**
 * A fully-connected net with widths [d0, …, dL] (depth L = number of weight matrices, DESIGN.md):
 * h_0 = x, z_i = W_i h_{i−1} + b_i, h_i = φ(z_i) for i = 1..L−1, and f(x) = z_L/α.
 *
 * Parameter layout: ONE flat Float64Array θ holding W_1 (row-major), b_1, W_2, b_2, …, W_L, b_L (the b_i
 * absent without biases). `weightOffsets[i]` / `biasOffsets[i]` give where W_{i+1} / b_{i+1} start.
 *
 * @example
 * ```ts
 * const net = new NonlinearNet([3, 8, 6, 1], { activation: "relu" });
 * const theta = initNonlinear(net, new Rng(1));
 * const f = net.output(theta, X); // n×1
 * ```
 */
export class NonlinearNet {
  /** [d0, …, dL]. */
  readonly widths: readonly number[];
  /** L = widths.length − 1. */
  readonly depth: number;
  /** The hidden activation φ. */
  readonly activation: Activation;
  /** Whether every layer has a bias. */
  readonly bias: boolean;
  /** Output scale α (f = z_L/α). */
  readonly alpha: number;
  /** Total parameter count. */
  readonly dim: number;
  /** Start of W_{i+1} in θ, i = 0..L−1. */
  readonly weightOffsets: readonly number[];
  /** Start of b_{i+1} in θ, i = 0..L−1 (empty without biases). */
  readonly biasOffsets: readonly number[];

  /**
   * @throws ShapeError for widths that are not ≥ 2 integers ≥ 1; DomainError for a bad activation, bias flag
   *   or α (must be finite and > 0)
   */
  constructor(widths: readonly number[], options: NonlinearNetOptions = {}) {
    if (!Array.isArray(widths) || widths.length < 2) {
      throw new ShapeError(
        errorMessage(
          "widths",
          widths,
          "must be an array [d0, …, dL] of at least two layer sizes",
          "Pass e.g. [3, 8, 1] for one hidden layer of 8 units.",
        ),
      );
    }
    widths.forEach((w, i) => {
      requireInteger(`widths[${i}]`, w, 1);
    });
    this.widths = [...widths];
    this.depth = widths.length - 1;
    this.activation = resolveActivation(options.activation ?? "relu");
    const bias = options.bias ?? false;
    if (typeof bias !== "boolean") {
      throw new DomainError(errorMessage("bias", bias, "must be true or false", "Omit it for a bias-free net."));
    }
    this.bias = bias;
    const alpha = options.alpha ?? 1;
    if (typeof alpha !== "number" || !Number.isFinite(alpha) || !(alpha > 0)) {
      throw new DomainError(
        errorMessage("alpha", alpha, "must be a finite number > 0", "Omit it for f = W_L h + b_L (α = 1)."),
      );
    }
    this.alpha = alpha;
    const w: number[] = [];
    const b: number[] = [];
    let offset = 0;
    for (let i = 0; i < this.depth; i++) {
      w.push(offset);
      offset += (widths[i + 1] as number) * (widths[i] as number);
      if (bias) {
        b.push(offset);
        offset += widths[i + 1] as number;
      }
    }
    this.weightOffsets = w;
    this.biasOffsets = b;
    this.dim = offset;
  }

  /** Throws a ShapeError unless θ is a Float64Array of length {@link dim}. */
  assertTheta(name: string, theta: Float64Array): void {
    if (!(theta instanceof Float64Array) || theta.length !== this.dim) {
      throw new ShapeError(
        errorMessage(
          `${name}.length`,
          theta instanceof Float64Array ? theta.length : theta,
          `must be a Float64Array of length net.dim = ${this.dim} (widths [${this.widths.join(", ")}]${this.bias ? " with biases" : ""})`,
          "Build θ with net.pack(...) or initNonlinear(net, rng).",
        ),
      );
    }
  }

  /** Zero-copy views W_1..W_L and b_1..b_L into θ. */
  views(theta: Float64Array): NonlinearViews {
    this.assertTheta("theta", theta);
    const W: Matrix[] = [];
    const b: Float64Array[] = [];
    for (let i = 0; i < this.depth; i++) {
      const rows = this.widths[i + 1] as number;
      const cols = this.widths[i] as number;
      const o = this.weightOffsets[i] as number;
      W.push(new Matrix(rows, cols, theta.subarray(o, o + rows * cols)));
      if (this.bias) {
        const ob = this.biasOffsets[i] as number;
        b.push(theta.subarray(ob, ob + rows));
      }
    }
    return { W, b };
  }

  /**
   * Packs weights (Matrix or nested arrays) and, for a net with biases, biases into a new θ.
   * @throws ShapeError for a wrong count or shape; DomainError for non-finite entries
   */
  pack(weights: readonly (Matrix | number[][])[], biases?: readonly ArrayLike<number>[]): Float64Array {
    if (!Array.isArray(weights) || weights.length !== this.depth) {
      throw new ShapeError(
        errorMessage("weights.length", weights?.length, `must be the depth L = ${this.depth}`, "Pass W_1..W_L."),
      );
    }
    if (this.bias !== (biases !== undefined) || (biases !== undefined && biases.length !== this.depth)) {
      throw new ShapeError(
        errorMessage(
          "biases",
          biases === undefined ? "undefined" : `${biases.length} vectors`,
          this.bias ? `must hold b_1..b_L (${this.depth} vectors)` : "must be omitted for a bias-free net",
          this.bias ? "Pass one bias vector per layer." : "Drop the biases or build the net with { bias: true }.",
        ),
      );
    }
    const theta = new Float64Array(this.dim);
    const { W, b } = this.views(theta);
    weights.forEach((w, i) => {
      const m = w instanceof Matrix ? w : Matrix.fromRows(w, `weights[${i}]`);
      const target = W[i] as Matrix;
      if (m.rows !== target.rows || m.cols !== target.cols) {
        throw new ShapeError(
          errorMessage(
            `weights[${i}]`,
            m.shape,
            `must be ${target.shape} (d_${i + 1} × d_${i})`,
            "Check the widths and the order of the layers.",
          ),
        );
      }
      target.data.set(m.data);
    });
    biases?.forEach((v, i) => {
      const target = b[i] as Float64Array;
      if (v.length !== target.length) {
        throw new ShapeError(
          errorMessage(`biases[${i}].length`, v.length, `must be d_${i + 1} = ${target.length}`, "Fix the bias."),
        );
      }
      for (let k = 0; k < v.length; k++) target[k] = v[k] as number;
    });
    for (let k = 0; k < theta.length; k++) {
      if (!Number.isFinite(theta[k] as number)) {
        throw new DomainError(errorMessage(`theta[${k}]`, theta[k], "must be finite", "Fix the weights/biases."));
      }
    }
    return theta;
  }

  /**
   * The outputs f(x_s) for the rows x_s of `X` (n × d0), as an n × dL matrix. Allocating convenience for
   * tests and glue code; training loops use {@link NonlinearObjective}.
   * @throws ShapeError when X has the wrong number of columns or θ the wrong length
   */
  output(theta: Float64Array, X: Matrix): Matrix {
    this.assertTheta("theta", theta);
    this.assertInputs("X", X);
    const { W, b } = this.views(theta);
    let H = X;
    for (let i = 0; i < this.depth; i++) {
      const Wi = W[i] as Matrix;
      const Z = new Matrix(H.rows, Wi.rows);
      for (let s = 0; s < H.rows; s++) {
        for (let j = 0; j < Wi.rows; j++) {
          let acc = 0;
          for (let p = 0; p < Wi.cols; p++) acc += H.data[s * Wi.cols + p]! * Wi.data[j * Wi.cols + p]!;
          Z.data[s * Wi.rows + j] = acc + (this.bias ? (b[i] as Float64Array)[j]! : 0);
        }
      }
      if (i < this.depth - 1) this.activation.evaluateInto(Z.data, Z.data, null);
      H = Z;
    }
    for (let k = 0; k < H.data.length; k++) H.data[k] = H.data[k]! / this.alpha;
    return H;
  }

  /** Throws a ShapeError unless `X` is a Matrix with d0 columns and ≥ 1 row. */
  assertInputs(name: string, X: Matrix): void {
    const d0 = this.widths[0] as number;
    if (!(X instanceof Matrix) || X.cols !== d0 || X.rows < 1) {
      throw new ShapeError(
        errorMessage(
          `${name}`,
          X instanceof Matrix ? X.shape : X,
          `must be a Matrix of n ≥ 1 rows (one sample per row) and d0 = ${d0} columns`,
          "Pass samples as rows; transpose if you stored them as columns.",
        ),
      );
    }
  }

  /** `[d0, …, dL] φ (+bias) /α`, for messages and counterexamples. */
  toString(): string {
    return `NonlinearNet([${this.widths.join(", ")}], ${this.activation.label}${this.bias ? ", bias" : ""}${this.alpha === 1 ? "" : `, α = ${this.alpha}`})`;
  }
}

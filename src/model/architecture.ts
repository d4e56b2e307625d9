/**
 * The deep linear network architecture: widths, the flat parameter layout and zero-copy views.
 *
 * Conventions (DESIGN.md): depth `L` = number of weight matrices (hidden layers = `L − 1`; Ziyin et al.'s
 * "depth D" counts hidden layers, so their `D = L − 1`); widths `[d0, d1, …, dL]`;
 * `W_i ∈ R^{d_i × d_{i−1}}`, `i = 1..L`; end-to-end map `P = W_L ⋯ W_1`.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import { Matrix } from "../core/matrix.js";

/**
 * A deep linear network `x ↦ W_L ⋯ W_1 x` of the given widths.
 *
 * Parameters live in ONE flat `Float64Array` θ: `W_1, W_2, …, W_L` concatenated, each row-major, so entry
 * `(r, c)` of `W_{i+1}` (0-based layer index `i`) is `θ[offsets[i] + r·widths[i] + c]`.
 *
 * @example
 * ```ts
 * const net = new LinearNet([3, 4, 2]);   // W_1: 4×3, W_2: 2×4
 * net.depth;   // 2
 * net.dim;     // 12 + 8 = 20
 * net.offsets; // [0, 12]
 * ```
 */
export class LinearNet {
  /** Layer widths `[d0, …, dL]` (a frozen copy of the constructor argument). */
  readonly widths: readonly number[];
  /** Depth `L` = number of weight matrices = `widths.length − 1`. */
  readonly depth: number;
  /** Total number of parameters `Σ_i d_i·d_{i−1}`. */
  readonly dim: number;
  /** `offsets[i]` is the start of `W_{i+1}` in θ (0-based layer index `i = 0..L−1`). */
  readonly offsets: readonly number[];

  /**
   * @param widths - `[d0, d1, …, dL]`: at least two entries (input and output), each an integer ≥ 1
   * @throws ShapeError when `widths` is not an array of ≥ 2 integers ≥ 1 (the message names the entry)
   */
  constructor(widths: readonly number[]) {
    if (!Array.isArray(widths)) {
      throw new ShapeError(
        errorMessage(
          "widths",
          widths,
          "must be an array of layer widths [d0, …, dL]",
          "Pass e.g. [3, 4, 2] for input 3, one hidden layer of 4 units, output 2.",
        ),
      );
    }
    if (widths.length < 2) {
      throw new ShapeError(
        errorMessage(
          "widths",
          widths,
          `must have at least 2 entries (input and output width), got ${widths.length}`,
          "Pass [d0, dL] for a single weight matrix, or [d0, d1, …, dL] for hidden layers.",
        ),
      );
    }
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i];
      if (typeof w !== "number" || !Number.isInteger(w) || w < 1) {
        throw new ShapeError(
          errorMessage(
            `widths[${i}]`,
            w,
            "must be an integer ≥ 1",
            "Every layer needs a whole, positive number of units; remove the layer or give it width ≥ 1.",
          ),
        );
      }
    }
    this.widths = Object.freeze([...widths]);
    this.depth = widths.length - 1;
    const offsets: number[] = [];
    let total = 0;
    for (let i = 0; i < this.depth; i++) {
      offsets.push(total);
      total += (widths[i + 1] as number) * (widths[i] as number);
    }
    if (!Number.isSafeInteger(total)) {
      throw new ShapeError(
        errorMessage("widths", widths, "give more parameters than fit in an array", "Use smaller widths."),
      );
    }
    this.offsets = Object.freeze(offsets);
    this.dim = total;
  }

  /** Rows of `W_{i+1}` (0-based layer index `i`): `widths[i + 1]`. */
  rowsOf(i: number): number {
    return this.widths[i + 1] as number;
  }

  /** Columns of `W_{i+1}` (0-based layer index `i`): `widths[i]`. */
  colsOf(i: number): number {
    return this.widths[i] as number;
  }

  /** Number of hidden layers `L − 1`. */
  get hiddenLayers(): number {
    return this.depth - 1;
  }

  /**
   * Zero-copy views `W_1, …, W_L` of θ: writing into a view writes into θ.
   * Allocates the `Matrix` wrappers, so hot loops should keep the views rather than call this per step.
   *
   * @throws ShapeError when `theta.length !== dim`
   */
  views(theta: Float64Array): Matrix[] {
    this.assertTheta("theta", theta);
    const out: Matrix[] = [];
    for (let i = 0; i < this.depth; i++) {
      const r = this.rowsOf(i);
      const c = this.colsOf(i);
      const start = this.offsets[i] as number;
      out.push(new Matrix(r, c, theta.subarray(start, start + r * c)));
    }
    return out;
  }

  /**
   * Packs weight matrices `W_1, …, W_L` into a fresh flat θ.
   *
   * @throws ShapeError when the number of matrices is not `L` or a matrix has the wrong shape (the message
   *   names the layer and the expected shape); DomainError when an entry is not finite
   */
  pack(weights: readonly Matrix[]): Float64Array {
    if (!Array.isArray(weights) || weights.length !== this.depth) {
      throw new ShapeError(
        errorMessage(
          "weights.length",
          Array.isArray(weights) ? weights.length : weights,
          `must equal the depth L = ${this.depth} of a net with widths [${this.widths.join(", ")}]`,
          `Pass one matrix per layer, W_1 (${this.shapeOf(0)}) first.`,
        ),
      );
    }
    const theta = new Float64Array(this.dim);
    for (let i = 0; i < this.depth; i++) {
      const w = weights[i] as Matrix;
      const r = this.rowsOf(i);
      const c = this.colsOf(i);
      if (!(w instanceof Matrix) || w.rows !== r || w.cols !== c) {
        throw new ShapeError(
          errorMessage(
            `weights[${i}] (W_${i + 1}) shape`,
            w instanceof Matrix ? w.shape : w,
            `must be ${r}×${c} = widths[${i + 1}]×widths[${i}]`,
            `W_${i + 1} maps layer ${i} (width ${c}) to layer ${i + 1} (width ${r}); check the layer order and whether it is transposed.`,
          ),
        );
      }
      const D = w.data;
      for (let k = 0; k < D.length; k++) {
        if (!Number.isFinite(D[k] as number)) {
          throw new DomainError(
            errorMessage(
              `weights[${i}] (W_${i + 1})[${Math.floor(k / c)}][${k % c}]`,
              D[k],
              "must be finite",
              "Replace NaN/±Infinity weights (check the step that produced them).",
            ),
          );
        }
      }
      theta.set(D, this.offsets[i] as number);
    }
    return theta;
  }

  /** `"r×c"` shape of `W_{i+1}` (0-based `i`), for messages. */
  shapeOf(i: number): string {
    return `${this.rowsOf(i)}×${this.colsOf(i)}`;
  }

  /** Throws a ShapeError unless `theta` is a `Float64Array` of length `dim`. */
  assertTheta(name: string, theta: Float64Array): void {
    if (!(theta instanceof Float64Array) || theta.length !== this.dim) {
      throw new ShapeError(
        errorMessage(
          `${name}.length`,
          theta instanceof Float64Array ? theta.length : theta,
          `must be a Float64Array of length dim = ${this.dim} for widths [${this.widths.join(", ")}]`,
          "Build θ with net.pack(weights), an init* function, or new Float64Array(net.dim).",
        ),
      );
    }
  }
}

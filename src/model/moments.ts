/**
 * Data second moments: for a linear net and the square loss, the data enter only through
 * `Σxx = E[xxᵀ]` (d0×d0), `Σyx = E[yxᵀ]` (dL×d0) and `E‖y‖²` (DESIGN.md, "Conventions").
 *
 * @packageDocumentation
 */

import { symmetricEigen } from "../core/eigen.js";
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import { Matrix } from "../core/matrix.js";
import type { LinearNet } from "./architecture.js";

/**
 * Relative tolerance of the symmetry check on `Σxx`: `max_ij |Σxx_ij − Σxx_ji| ≤ 1e-12·max_ij |Σxx_ij|`.
 * Round-off in a symmetric computation stays far below it; anything larger is a genuinely non-symmetric
 * input. Accepted inputs are stored exactly symmetrised, `(Σxx + Σxxᵀ)/2`.
 */
export const SYMMETRY_TOLERANCE = 1e-12;

/**
 * Relative tolerance of the semidefiniteness check: the smallest eigenvalue of `Σxx` must be
 * `≥ −1e-12·max(1e-300, max_k |λ_k|)`. The eigenvalues (core `symmetricEigen`, backward stable) are
 * accurate to O(d0·ε·‖Σxx‖), so a PSD input of any practical size never fails, and an indefinite one fails
 * whenever its negative eigenvalue is above round-off.
 */
export const PSD_TOLERANCE = 1e-12;

/**
 * Relative tolerance of the optional consistency check (see {@link MomentsArgs.requireConsistent}):
 * `E‖y‖² ≥ tr(Σyx Σxx⁺ Σxy) − 1e-9·max(E‖y‖², tr(Σyx Σxx⁺ Σxy))`, eigen-directions of `Σxx` with
 * `λ ≤ 1e-10·λ_max` being treated as null (Σyx must vanish on them to the same tolerance).
 */
export const CONSISTENCY_TOLERANCE = 1e-9;

/** Eigenvalues of Σxx below this fraction of the largest count as null in the consistency check. */
const NULL_EIGENVALUE_RATIO = 1e-10;

/** Arguments of {@link Moments.of}. */
export interface MomentsArgs {
  /**
   * `Σxx = E[xxᵀ]`, symmetric positive semidefinite, `d0 × d0`. A number is read as the 1×1 matrix of
   * one-dimensional input (`E[x²]`).
   */
  Sxx: Matrix | readonly (readonly number[])[] | number;
  /**
   * `Σyx = E[yxᵀ]`, `dL × d0`. A number is the 1×1 case; a flat array is read as the single row of a
   * scalar-output problem (`a = E[xy]`, so `Σyx = aᵀ`).
   */
  Syx: Matrix | readonly (readonly number[])[] | readonly number[] | number;
  /** `E‖y‖²` ≥ 0. */
  Ey2: number;
  /**
   * Also require that a joint second moment of (x, y) with these blocks exists: `Σyx` vanishes on the
   * null space of `Σxx` and `E‖y‖² ≥ tr(Σyx Σxx⁺ Σxy)` (the least-squares residual is ≥ 0), within
   * {@link CONSISTENCY_TOLERANCE}. Off by default because landscape results do not need it (E‖y‖² only
   * shifts the loss), but a model of real data should pass it.
   * @defaultValue false
   */
  requireConsistent?: boolean;
}

function toMatrix(name: string, value: unknown, vectorIsRow: boolean): Matrix {
  if (value instanceof Matrix) return value.clone();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new DomainError(
        errorMessage(name, value, "must be finite", "Replace NaN/±Infinity (check how the moment was estimated)."),
      );
    }
    return new Matrix(1, 1, Float64Array.of(value));
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "number")) {
      if (!vectorIsRow) {
        throw new ShapeError(
          errorMessage(
            name,
            value,
            "must be a matrix (nested arrays, one per row) or a number for 1-d data",
            `Wrap the rows, e.g. [[${value.slice(0, 2).join(", ")}…], …].`,
          ),
        );
      }
      return Matrix.fromRows([value as number[]], name);
    }
    return Matrix.fromRows(value as number[][], name);
  }
  throw new ShapeError(
    errorMessage(name, value, "must be a Matrix, nested arrays or a number", "Pass e.g. Matrix.identity(d)."),
  );
}

function requireFiniteMatrix(name: string, m: Matrix): void {
  const D = m.data;
  for (let k = 0; k < D.length; k++) {
    if (!Number.isFinite(D[k] as number)) {
      throw new DomainError(
        errorMessage(
          `${name}[${Math.floor(k / m.cols)}][${k % m.cols}]`,
          D[k],
          "must be finite",
          "Replace NaN/±Infinity entries (check how the moments were estimated).",
        ),
      );
    }
  }
}

/**
 * Validated data moments `Σxx`, `Σyx`, `E‖y‖²` of a joint distribution of input x ∈ R^{d0} and target
 * y ∈ R^{dL}.
 *
 * Invariants (checked on construction): every entry finite; `Σxx` square, symmetric (stored exactly
 * symmetric) and positive semidefinite; `Σyx` has `d0` columns; `E‖y‖² ≥ 0`. Optionally also jointly
 * consistent ({@link MomentsArgs.requireConsistent}). Instances are immutable by convention: do not write
 * into `Sxx.data`/`Syx.data`.
 */
export class Moments {
  /** `Σxx = E[xxᵀ]` (`d0 × d0`, symmetric PSD). */
  readonly Sxx: Matrix;
  /** `Σyx = E[yxᵀ]` (`dL × d0`). */
  readonly Syx: Matrix;
  /** `E‖y‖²`. */
  readonly Ey2: number;
  /** `d0`. */
  readonly inputDim: number;
  /** `dL`. */
  readonly outputDim: number;

  private constructor(Sxx: Matrix, Syx: Matrix, Ey2: number) {
    this.Sxx = Sxx;
    this.Syx = Syx;
    this.Ey2 = Ey2;
    this.inputDim = Sxx.rows;
    this.outputDim = Syx.rows;
  }

  /**
   * Builds validated moments from given blocks.
   *
   * @throws DomainError for NaN/∞ entries (naming the entry), a non-symmetric `Σxx` (reporting the largest
   *   asymmetry and where), an indefinite `Σxx` (reporting its smallest eigenvalue), a negative `E‖y‖²`,
   *   or inconsistent moments when `requireConsistent` is set; ShapeError for a non-square `Σxx` or a `Σyx`
   *   whose column count differs from `d0`
   * @example
   * ```ts
   * Moments.of({ Sxx: 1, Syx: 0.8, Ey2: 1 });                    // scalar chain: A = 1, a = 0.8
   * Moments.of({ Sxx: Matrix.identity(3), Syx: [1, 0, 0], Ey2: 1 }); // scalar output, a = e₁
   * ```
   */
  static of(args: MomentsArgs): Moments {
    if (args === null || typeof args !== "object") {
      throw new ShapeError(
        errorMessage("args", args, "must be an object { Sxx, Syx, Ey2 }", "Pass e.g. { Sxx: 1, Syx: 0.5, Ey2: 1 }."),
      );
    }
    const Sxx = toMatrix("Sxx", args.Sxx, false);
    const Syx = toMatrix("Syx", args.Syx, true);
    requireFiniteMatrix("Sxx", Sxx);
    requireFiniteMatrix("Syx", Syx);
    const Ey2 = args.Ey2;
    if (typeof Ey2 !== "number" || !Number.isFinite(Ey2)) {
      throw new DomainError(
        errorMessage("Ey2", Ey2, "must be a finite number (E‖y‖²)", "Pass the mean squared norm of the targets."),
      );
    }
    if (Ey2 < 0) {
      throw new DomainError(
        errorMessage(
          "Ey2",
          Ey2,
          "must be ≥ 0 (it is E‖y‖², a mean of squares)",
          "Pass the mean squared norm of the targets; a negative value usually means a sign slip or a variance minus a mean².",
        ),
      );
    }
    if (Sxx.rows !== Sxx.cols || Sxx.rows === 0) {
      throw new ShapeError(
        errorMessage(
          "Sxx.shape",
          Sxx.shape,
          "must be square d0×d0 with d0 ≥ 1 (Σxx = E[xxᵀ])",
          "Pass the input second-moment matrix, one row and one column per input coordinate.",
        ),
      );
    }
    if (Syx.cols !== Sxx.cols || Syx.rows === 0) {
      throw new ShapeError(
        errorMessage(
          "Syx.shape",
          Syx.shape,
          `must be dL×d0 with d0 = ${Sxx.cols} columns (Σyx = E[yxᵀ]) and dL ≥ 1`,
          Syx.rows === Sxx.cols && Syx.cols >= 1
            ? "It looks transposed: pass Σyx = E[y xᵀ] (outputs as rows), not Σxy."
            : "Pass one row per output coordinate and one column per input coordinate.",
        ),
      );
    }
    const d = Sxx.rows;
    let maxAbs = 0;
    let maxAsym = 0;
    let at: [number, number] = [0, 0];
    const S = Sxx.data;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        maxAbs = Math.max(maxAbs, Math.abs(S[i * d + j] as number));
        const a = Math.abs((S[i * d + j] as number) - (S[j * d + i] as number));
        if (a > maxAsym) {
          maxAsym = a;
          at = [i, j];
        }
      }
    }
    if (maxAsym > SYMMETRY_TOLERANCE * maxAbs) {
      throw new DomainError(
        errorMessage(
          `Sxx (largest asymmetry |Sxx[${at[0]}][${at[1]}] − Sxx[${at[1]}][${at[0]}]|)`,
          maxAsym,
          `must be ≤ ${SYMMETRY_TOLERANCE}·max|Sxx| = ${SYMMETRY_TOLERANCE * maxAbs}: Σxx = E[xxᵀ] is symmetric`,
          "Symmetrise it, (Sxx + Sxxᵀ)/2, or check that the matrix passed really is E[xxᵀ].",
        ),
      );
    }
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) {
        const m = 0.5 * ((S[i * d + j] as number) + (S[j * d + i] as number));
        S[i * d + j] = m;
        S[j * d + i] = m;
      }
    }
    const { values } = symmetricEigen(Sxx);
    const lmin = values[0] as number;
    const lmax = Math.max(Math.abs(lmin), Math.abs(values[d - 1] as number), 1e-300);
    if (lmin < -PSD_TOLERANCE * lmax) {
      throw new DomainError(
        errorMessage(
          "Sxx (smallest eigenvalue)",
          lmin,
          `must be ≥ −${PSD_TOLERANCE}·max|λ| = ${-PSD_TOLERANCE * lmax}: Σxx = E[xxᵀ] is positive semidefinite`,
          "Check the data; if Σxx is an estimate, clip its negative eigenvalues to 0, or build it with Moments.fromSamples.",
        ),
      );
    }
    const moments = new Moments(Sxx, Syx, Ey2);
    if (args.requireConsistent === true) moments.assertConsistent();
    return moments;
  }

  /**
   * Empirical moments of samples (rows of `X`, rows of `Y`): `Σxx = XᵀX/n`, `Σyx = YᵀX/n`,
   * `E‖y‖² = Σ‖y_k‖²/n`. The result is exactly symmetric, PSD and jointly consistent by construction (it is
   * the second moment of the empirical distribution), so no eigen-check is run.
   *
   * @param X - `n × d0`, one sample per row
   * @param Y - `n × dL`, the matching targets
   * @throws ShapeError when row counts differ or `n = 0`; DomainError for non-finite entries
   */
  static fromSamples(X: Matrix, Y: Matrix): Moments {
    if (!(X instanceof Matrix) || !(Y instanceof Matrix)) {
      throw new ShapeError(
        errorMessage(
          "X, Y",
          [typeof X, typeof Y],
          "must be Matrix instances (n×d0 inputs, n×dL targets)",
          "Wrap arrays with Matrix.fromRows(rows).",
        ),
      );
    }
    if (X.rows !== Y.rows || X.rows === 0) {
      throw new ShapeError(
        errorMessage(
          "X.rows, Y.rows",
          [X.rows, Y.rows],
          "must be equal and ≥ 1 (one sample per row in both)",
          "Pass samples as rows: X is n×d0 and Y is n×dL for the same n; transpose if you stored them as columns.",
        ),
      );
    }
    if (X.cols === 0 || Y.cols === 0) {
      throw new ShapeError(
        errorMessage("X.cols, Y.cols", [X.cols, Y.cols], "must be ≥ 1", "Each sample needs at least one coordinate."),
      );
    }
    requireFiniteMatrix("X", X);
    requireFiniteMatrix("Y", Y);
    const n = X.rows;
    const d0 = X.cols;
    const dL = Y.cols;
    const Sxx = new Matrix(d0, d0);
    const Syx = new Matrix(dL, d0);
    let ey2 = 0;
    const Xd = X.data;
    const Yd = Y.data;
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < d0; i++) {
        const xi = Xd[k * d0 + i] as number;
        for (let j = i; j < d0; j++) Sxx.data[i * d0 + j] += xi * (Xd[k * d0 + j] as number);
      }
      for (let a = 0; a < dL; a++) {
        const ya = Yd[k * dL + a] as number;
        ey2 += ya * ya;
        for (let j = 0; j < d0; j++) Syx.data[a * d0 + j] += ya * (Xd[k * d0 + j] as number);
      }
    }
    for (let i = 0; i < d0; i++) {
      for (let j = i; j < d0; j++) {
        const v = (Sxx.data[i * d0 + j] as number) / n;
        Sxx.data[i * d0 + j] = v;
        Sxx.data[j * d0 + i] = v;
      }
    }
    for (let k = 0; k < Syx.data.length; k++) Syx.data[k] = (Syx.data[k] as number) / n;
    return new Moments(Sxx, Syx, ey2 / n);
  }

  /**
   * Throws unless these moments fit `net`: `d0 = widths[0]` and `dL = widths[L]`.
   * @throws ShapeError naming both shapes and the widths
   */
  assertFits(net: LinearNet): void {
    const d0 = net.widths[0] as number;
    const dL = net.widths[net.depth] as number;
    if (this.inputDim !== d0) {
      throw new ShapeError(
        errorMessage(
          "moments.Sxx.shape",
          this.Sxx.shape,
          `must be ${d0}×${d0} to match the input width widths[0] = ${d0} of the net [${net.widths.join(", ")}]`,
          "Use moments of the data this net takes as input, or change widths[0].",
        ),
      );
    }
    if (this.outputDim !== dL) {
      throw new ShapeError(
        errorMessage(
          "moments.Syx.shape",
          this.Syx.shape,
          `must be ${dL}×${d0} to match the output width widths[${net.depth}] = ${dL} of the net [${net.widths.join(", ")}]`,
          "Use moments of targets with as many coordinates as the net has outputs, or change the last width.",
        ),
      );
    }
  }

  /**
   * The least-squares residual `E‖y‖² − tr(Σyx Σxx⁺ Σxy)` = `min_P E‖Px − y‖²` over all linear maps:
   * the loss floor (c = 1, no weight decay, no noise, full-rank net). Negative only for inconsistent moments.
   * Allocates (eigen-decomposition); not for hot loops.
   */
  regressionResidual(): number {
    return this.consistency().residual;
  }

  /**
   * Throws unless the moments are jointly consistent (see {@link MomentsArgs.requireConsistent}).
   * @throws DomainError reporting the least-squares residual or the component of Σyx on the null space of Σxx
   */
  assertConsistent(): void {
    const { residual, explained, nullLeak, lmax } = this.consistency();
    const scale = Math.max(this.Ey2, explained);
    // On a direction with eigenvalue λ a valid joint moment has (Σyx v)² ≤ λ·E‖y‖² (Cauchy–Schwarz), so
    // on the numerically-null directions (λ ≤ 1e-10·λmax) the leak is at most √(1e-10·λmax·E‖y‖²).
    if (nullLeak > Math.sqrt(NULL_EIGENVALUE_RATIO * lmax * this.Ey2) * (1 + CONSISTENCY_TOLERANCE)) {
      throw new DomainError(
        errorMessage(
          "Syx (norm of its component on the null space of Sxx)",
          nullLeak,
          "must be 0: y cannot correlate with an input direction that has zero second moment",
          "Check that Sxx and Syx come from the same data (e.g. build both with Moments.fromSamples).",
        ),
      );
    }
    if (residual < -CONSISTENCY_TOLERANCE * scale) {
      throw new DomainError(
        errorMessage(
          "Ey2 − tr(Syx Sxx⁺ Sxy)",
          residual,
          `must be ≥ 0 (Ey2 = ${this.Ey2} is below the ${explained} that the inputs already explain), else no joint distribution of (x, y) has these moments`,
          `Raise Ey2 to at least ${explained}, or check that the three moments come from the same data.`,
        ),
      );
    }
  }

  private consistency(): { residual: number; explained: number; nullLeak: number; lmax: number } {
    const { values, vectors } = symmetricEigen(this.Sxx);
    const d = this.inputDim;
    const lmax = Math.max(Math.abs(values[d - 1] as number), Math.abs(values[0] as number));
    const zero = NULL_EIGENVALUE_RATIO * lmax;
    let explained = 0;
    let leak2 = 0;
    for (let k = 0; k < d; k++) {
      const lambda = values[k] as number;
      let a2 = 0;
      for (let r = 0; r < this.outputDim; r++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (this.Syx.data[r * d + j] as number) * (vectors.data[j * d + k] as number);
        a2 += s * s;
      }
      if (lambda > zero) explained += a2 / lambda;
      else leak2 += a2;
    }
    return { residual: this.Ey2 - explained, explained, nullLeak: Math.sqrt(leak2), lmax };
  }
}

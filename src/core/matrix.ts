/**
 * The dense matrix type: row-major `Float64Array` storage with its shape. Entry (i, j) lives at
 * `data[i * cols + j]`. Kernels in this folder write into preallocated outputs so that hot loops never
 * allocate.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "./errors.js";

/** A dense row-major matrix. `data.length === rows * cols` always holds. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  /**
   * Wraps (does not copy) `data` when given; allocates zeros otherwise.
   * @throws ShapeError when the dimensions are not non-negative integers or `data` has the wrong length
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new ShapeError(
        errorMessage(
          "shape",
          [rows, cols],
          "must be two non-negative integers",
          "Pass whole numbers of rows and columns.",
        ),
      );
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new ShapeError(
        errorMessage(
          "data.length",
          data.length,
          `must equal rows × cols = ${rows} × ${cols} = ${rows * cols}`,
          "Pass a buffer of exactly that length.",
        ),
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** An all-zero `rows × cols` matrix. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** The `n × n` identity. */
  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** A diagonal matrix from its diagonal entries. */
  static diagonal(values: ArrayLike<number>): Matrix {
    const n = values.length;
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = values[i] as number;
    return m;
  }

  /**
   * Builds a matrix from nested arrays (one inner array per row).
   * @param name - parameter name used in error messages
   * @throws ShapeError for ragged rows; DomainError for non-finite entries
   */
  static fromRows(rows: readonly (readonly number[])[], name = "matrix"): Matrix {
    if (!Array.isArray(rows)) {
      throw new ShapeError(
        errorMessage(name, rows, "must be an array of rows", "Pass nested arrays such as [[1, 0], [0, 1]]."),
      );
    }
    const r = rows.length;
    const c = r === 0 ? 0 : (rows[0]?.length ?? 0);
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (!Array.isArray(row) || row.length !== c) {
        throw new ShapeError(
          errorMessage(
            `${name}[${i}]`,
            row,
            `must be a row of ${c} numbers like row 0`,
            "Make every row the same length (nested arrays, one per row).",
          ),
        );
      }
      for (let j = 0; j < c; j++) {
        const v = row[j];
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new DomainError(
            errorMessage(`${name}[${i}][${j}]`, v, "must be a finite number", "Replace NaN/Infinity or non-numbers."),
          );
        }
        m.data[i * c + j] = v;
      }
    }
    return m;
  }

  /** A column vector (`n × 1`). */
  static column(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float64Array.from(values));
  }

  /** A row vector (`1 × n`). */
  static row(values: ArrayLike<number>): Matrix {
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  /** Entry (i, j). No bounds check: use in tests and glue code, not in kernels. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j] as number;
  }

  /** Sets entry (i, j). */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** A deep copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Copies `source` into this matrix (same shape required). */
  copyFrom(source: Matrix): this {
    assertSameShape("copyFrom", this, source);
    this.data.set(source.data);
    return this;
  }

  /** Nested arrays, one per row (for JSON output). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** `"r×c"`, for messages. */
  get shape(): string {
    return `${this.rows}×${this.cols}`;
  }
}

/** Throws a ShapeError unless `a` and `b` have the same shape. */
export function assertSameShape(op: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(
      `${op}: shapes ${a.shape} and ${b.shape} differ: both operands must have the same shape. Check which matrix was passed where.`,
    );
  }
}

/** Throws a ShapeError unless `m` is `rows × cols`. */
export function assertShape(name: string, m: Matrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new ShapeError(
      errorMessage(
        `${name}.shape`,
        m.shape,
        `must be ${rows}×${cols}`,
        "Allocate the buffer with the shape the operation produces.",
      ),
    );
  }
}

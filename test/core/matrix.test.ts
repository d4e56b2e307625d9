import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { assertSameShape, assertShape, Matrix } from "../../src/core/matrix.js";

describe("Matrix construction", () => {
  it("allocates zeros, wraps a given buffer without copying, and reports its shape", () => {
    const z = new Matrix(2, 3);
    expect(z.shape).toBe("2×3");
    expect(Array.from(z.data)).toEqual([0, 0, 0, 0, 0, 0]);
    const buf = new Float64Array([1, 2, 3, 4]);
    const m = new Matrix(2, 2, buf);
    buf[3] = 9;
    expect(m.get(1, 1)).toBe(9);
  });

  it("rejects non-integer or negative dimensions with a ShapeError naming the shape and the fix", () => {
    expect(() => new Matrix(2.5, 1)).toThrow(ShapeError);
    expect(() => new Matrix(-1, 1)).toThrow(
      "shape = [-1, 1]: must be two non-negative integers. Pass whole numbers of rows and columns.",
    );
  });

  it("rejects a buffer of the wrong length, naming both lengths", () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(
      "data.length = 3: must equal rows × cols = 2 × 2 = 4. Pass a buffer of exactly that length.",
    );
  });

  it("fromRows: row-major layout, ragged rows and non-finite entries rejected with the offending index", () => {
    const m = Matrix.fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    expect(() => Matrix.fromRows([[1, 2], [3]], "Sxx")).toThrow(ShapeError);
    expect(() => Matrix.fromRows([[1, 2], [3]], "Sxx")).toThrow("Sxx[1] = [3]: must be a row of 2 numbers like row 0");
    expect(() => Matrix.fromRows([[1, Number.NaN]], "W")).toThrow(DomainError);
    expect(() => Matrix.fromRows([[1, Number.NaN]], "W")).toThrow("W[0][1] = NaN: must be a finite number");
    expect(Matrix.fromRows([]).shape).toBe("0×0");
  });

  it("identity, diagonal, row, column factories and toArray round trip", () => {
    expect(Matrix.identity(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(Matrix.diagonal([2, 3]).toArray()).toEqual([
      [2, 0],
      [0, 3],
    ]);
    expect(Matrix.row([1, 2]).shape).toBe("1×2");
    expect(Matrix.column([1, 2]).shape).toBe("2×1");
    const m = Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]);
    expect(Matrix.fromRows(m.toArray()).data).toEqual(m.data);
  });

  it("clone is deep; copyFrom requires the same shape and names both shapes when they differ", () => {
    const m = Matrix.identity(2);
    const c = m.clone();
    c.set(0, 0, 5);
    expect(m.get(0, 0)).toBe(1);
    m.copyFrom(c);
    expect(m.get(0, 0)).toBe(5);
    expect(() => m.copyFrom(new Matrix(3, 2))).toThrow("copyFrom: shapes 2×2 and 3×2 differ");
  });
});

describe("shape assertions", () => {
  it("assertShape names the buffer, its shape and the required shape", () => {
    expect(() => assertShape("grad", new Matrix(2, 3), 3, 2)).toThrow(
      'grad.shape = "2×3": must be 3×2. Allocate the buffer with the shape the operation produces.',
    );
    expect(() => assertShape("grad", new Matrix(3, 2), 3, 2)).not.toThrow();
  });

  it("assertSameShape names the operation and both shapes", () => {
    expect(() => assertSameShape("axpy", new Matrix(1, 2), new Matrix(2, 1))).toThrow(
      "axpy: shapes 1×2 and 2×1 differ: both operands must have the same shape.",
    );
  });
});

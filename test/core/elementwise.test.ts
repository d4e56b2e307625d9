import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addInto,
  axpy,
  frobeniusDot,
  frobeniusNorm,
  frobeniusNormSquared,
  scaleInPlace,
  subInto,
  trace,
  transpose,
  transposeInto,
} from "../../src/core/elementwise.js";
import { ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";

function naiveNorm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

describe("frobeniusNorm", () => {
  it("agrees with the naive √Σx² in the safe range (tolerance 1e-15·√len relative: both are O(len·u) accurate)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 }), (len, seed) => {
        const x = new Rng(seed).fillGaussian(new Float64Array(len));
        const ref = naiveNorm(x);
        expect(Math.abs(frobeniusNorm(x) - ref)).toBeLessThanOrEqual(1e-15 * Math.sqrt(len) * ref + 1e-300);
      }),
    );
  });

  it("does not overflow where the naive sum does: entries 1e200 give 1e200·√n (tolerance 1e-15 relative), naive gives ∞", () => {
    const x = new Float64Array(4).fill(1e200);
    expect(naiveNorm(x)).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(frobeniusNorm(x) / 2e200 - 1)).toBeLessThanOrEqual(1e-15);
  });

  it("does not underflow where the naive sum does: entries 1e-200 give 1e-200·√n, naive gives 0", () => {
    const x = new Float64Array(9).fill(1e-200);
    expect(naiveNorm(x)).toBe(0);
    expect(Math.abs(frobeniusNorm(x) / 3e-200 - 1)).toBeLessThanOrEqual(1e-15);
  });

  it("is exact on Pythagorean triples and 0 for the zero/empty matrix; NaN in, NaN out", () => {
    expect(frobeniusNorm(Matrix.fromRows([[3, 4]]))).toBe(5);
    expect(frobeniusNorm(new Matrix(2, 2))).toBe(0);
    expect(frobeniusNorm(new Float64Array(0))).toBe(0);
    expect(frobeniusNorm(Float64Array.from([1, Number.NaN]))).toBeNaN();
  });

  it("frobeniusNormSquared and frobeniusDot(A, A) agree with the square of the norm (tolerance 1e-15·len relative)", () => {
    const a = new Rng(1).gaussianMatrix(5, 7);
    const n2 = frobeniusNorm(a) ** 2;
    expect(Math.abs(frobeniusNormSquared(a) - n2)).toBeLessThanOrEqual(35e-15 * n2);
    expect(Math.abs(frobeniusDot(a, a) - n2)).toBeLessThanOrEqual(35e-15 * n2);
  });
});

describe("element-wise kernels", () => {
  const a = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = Matrix.fromRows([
    [0.5, -1, 2],
    [1, 0, -3],
  ]);

  it("transpose (exact) and its aliasing / shape checks", () => {
    expect(transpose(a).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(() => transposeInto(new Matrix(2, 3), a)).toThrow(ShapeError);
    const sq = Matrix.identity(2);
    expect(() => transposeInto(sq, sq)).toThrow("aliases the input");
  });

  it("axpy, scaleInPlace, addInto, subInto (exact on these dyadic values) and shape errors naming the op", () => {
    expect(axpy(2, b, a.clone()).toArray()).toEqual([
      [2, 0, 7],
      [6, 5, 0],
    ]);
    expect(scaleInPlace(0.5, a.clone()).toArray()).toEqual([
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ]);
    expect(addInto(new Matrix(2, 3), a, b).get(1, 2)).toBe(3);
    const d = a.clone();
    expect(subInto(d, d, b).get(0, 1)).toBe(3); // out may alias an operand
    expect(() => axpy(1, a, new Matrix(3, 2))).toThrow("axpy: shapes 2×3 and 3×2 differ");
    expect(() => addInto(new Matrix(1, 1), a, b)).toThrow("add (out)");
  });

  it("trace of a square matrix; ShapeError naming the shape otherwise", () => {
    expect(
      trace(
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(5);
    expect(() => trace(a)).toThrow("trace: matrix is 2×3; a square matrix is required.");
  });
});

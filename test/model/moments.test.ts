import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { matmulTNInto } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";

/** Small readable samples: entries k/8 with |k| ≤ 16. */
const samplesArb = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    d0: fc.integer({ min: 1, max: 5 }),
    dL: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ n, d0, dL }) =>
    fc.record({
      X: fc.array(fc.array(fc.integer({ min: -16, max: 16 }), { minLength: d0, maxLength: d0 }), {
        minLength: n,
        maxLength: n,
      }),
      Y: fc.array(fc.array(fc.integer({ min: -16, max: 16 }), { minLength: dL, maxLength: dL }), {
        minLength: n,
        maxLength: n,
      }),
    }),
  )
  .map(({ X, Y }) => ({
    X: Matrix.fromRows(X.map((r) => r.map((k) => k / 8))),
    Y: Matrix.fromRows(Y.map((r) => r.map((k) => k / 8))),
  }));

describe("Moments.of", () => {
  it("accepts scalars for 1-d data and a flat array as the single row of Σyx", () => {
    const m = Moments.of({ Sxx: 2, Syx: 0.5, Ey2: 1 });
    expect([m.inputDim, m.outputDim, m.Sxx.get(0, 0), m.Syx.get(0, 0), m.Ey2]).toEqual([1, 1, 2, 0.5, 1]);
    const v = Moments.of({ Sxx: Matrix.identity(3), Syx: [1, 0, -1], Ey2: 3 });
    expect([v.Syx.rows, v.Syx.cols]).toEqual([1, 3]);
    expect(v.Syx.toArray()).toEqual([[1, 0, -1]]);
  });

  it("copies its inputs and stores Σxx exactly symmetric (asymmetry at round-off level is averaged away)", () => {
    const S = Matrix.fromRows([
      [2, 1 + 1e-15],
      [1, 3],
    ]);
    const m = Moments.of({ Sxx: S, Syx: [[0.5, 0.25]], Ey2: 1 });
    expect(m.Sxx.get(0, 1)).toBe(m.Sxx.get(1, 0));
    S.set(0, 0, 99);
    expect(m.Sxx.get(0, 0)).toBe(2);
  });

  it("rejects NaN/∞ entries naming the entry", () => {
    expect(() =>
      Moments.of({
        Sxx: [
          [1, Number.NaN],
          [Number.NaN, 1],
        ],
        Syx: [1, 1],
        Ey2: 1,
      }),
    ).toThrow(DomainError);
    expect(() =>
      Moments.of({
        Sxx: [
          [1, Number.NaN],
          [Number.NaN, 1],
        ],
        Syx: [1, 1],
        Ey2: 1,
      }),
    ).toThrow(/Sxx\[0\]\[1\] = NaN: must be a finite number/);
    const Syx = Matrix.fromRows([[1, 2]]);
    Syx.set(0, 1, Number.POSITIVE_INFINITY);
    expect(() => Moments.of({ Sxx: Matrix.identity(2), Syx, Ey2: 1 })).toThrow(
      /Syx\[0\]\[1\] = Infinity: must be finite/,
    );
    expect(() => Moments.of({ Sxx: 1, Syx: 1, Ey2: Number.NaN })).toThrow(/Ey2 = NaN: must be a finite number/);
    expect(() => Moments.of({ Sxx: Number.POSITIVE_INFINITY, Syx: 1, Ey2: 1 })).toThrow(
      /Sxx = Infinity: must be finite/,
    );
  });

  it("rejects a negative E‖y‖², saying it is a mean of squares", () => {
    expect(() => Moments.of({ Sxx: 1, Syx: 0, Ey2: -0.5 })).toThrow(DomainError);
    expect(() => Moments.of({ Sxx: 1, Syx: 0, Ey2: -0.5 })).toThrow(/Ey2 = -0.5: must be ≥ 0 .*mean of squares/);
  });

  it("rejects a non-symmetric Σxx, reporting the largest asymmetry, where, and the fix", () => {
    const bad = () =>
      Moments.of({
        Sxx: [
          [1, 0.25, 0],
          [0, 1, 0.5],
          [0, 0, 1],
        ],
        Syx: [1, 0, 0],
        Ey2: 1,
      });
    expect(bad).toThrow(DomainError);
    expect(bad).toThrow(
      /largest asymmetry \|Sxx\[1\]\[2\] − Sxx\[2\]\[1\]\|\) = 0.5: .*Symmetrise it, \(Sxx \+ Sxxᵀ\)\/2/,
    );
  });

  it("rejects an indefinite Σxx, reporting its smallest eigenvalue", () => {
    const bad = () =>
      Moments.of({
        Sxx: [
          [1, 0],
          [0, -0.5],
        ],
        Syx: [1, 0],
        Ey2: 1,
      });
    expect(bad).toThrow(DomainError);
    expect(bad).toThrow(
      /Sxx \(smallest eigenvalue\) = -0.5: must be ≥ .*positive semidefinite\. .*clip its negative eigenvalues/,
    );
    // [[1, 2], [2, 1]] has eigenvalues 3 and −1: the report is −1 to round-off (backward-stable eigensolver, ~1e-15 relative).
    try {
      Moments.of({
        Sxx: [
          [1, 2],
          [2, 1],
        ],
        Syx: [1, 0],
        Ey2: 1,
      });
      expect.unreachable();
    } catch (e) {
      const v = Number(/= (-[0-9.e-]+):/.exec((e as Error).message)?.[1]);
      expect(Math.abs(v + 1)).toBeLessThan(1e-14);
    }
  });

  it("accepts a singular PSD Σxx (eigenvalue 0)", () => {
    expect(() =>
      Moments.of({
        Sxx: [
          [1, 1],
          [1, 1],
        ],
        Syx: [1, 1],
        Ey2: 2,
      }),
    ).not.toThrow();
  });

  it("rejects shape mismatches: non-square Σxx, Σyx with the wrong column count (hinting at a transpose)", () => {
    expect(() => Moments.of({ Sxx: [[1, 0]], Syx: [1, 0], Ey2: 1 })).toThrow(ShapeError);
    expect(() => Moments.of({ Sxx: [[1, 0]], Syx: [1, 0], Ey2: 1 })).toThrow(/Sxx.shape = "1×2": must be square/);
    expect(() => Moments.of({ Sxx: Matrix.identity(2), Syx: [[1], [0]], Ey2: 1 })).toThrow(
      /Syx.shape = "2×1": must be dL×d0 with d0 = 2 columns.*looks transposed/,
    );
  });

  it("assertFits names the moment, the widths and the fix on input or output mismatch", () => {
    const m = Moments.of({ Sxx: Matrix.identity(3), Syx: [[1, 0, 0]], Ey2: 1 });
    expect(() => m.assertFits(new LinearNet([3, 4, 1]))).not.toThrow();
    expect(() => m.assertFits(new LinearNet([2, 4, 1]))).toThrow(ShapeError);
    expect(() => m.assertFits(new LinearNet([2, 4, 1]))).toThrow(
      /moments.Sxx.shape = "3×3": must be 2×2 to match the input width widths\[0\] = 2 of the net \[2, 4, 1\]/,
    );
    expect(() => m.assertFits(new LinearNet([3, 4, 2]))).toThrow(
      /moments.Syx.shape = "1×3": must be 2×3 to match the output width widths\[2\] = 2/,
    );
  });

  it("consistency: E‖y‖² below the explained part, or Σyx on the null space of Σxx, is rejected when asked", () => {
    // a²/A = 4 > E[y²] = 1: no joint distribution; accepted by default (landscapes only shift).
    expect(() => Moments.of({ Sxx: 1, Syx: 2, Ey2: 1 })).not.toThrow();
    expect(() => Moments.of({ Sxx: 1, Syx: 2, Ey2: 1, requireConsistent: true })).toThrow(DomainError);
    expect(() => Moments.of({ Sxx: 1, Syx: 2, Ey2: 1, requireConsistent: true })).toThrow(
      /Ey2 − tr\(Syx Sxx⁺ Sxy\) = -3: must be ≥ 0 .*Raise Ey2 to at least 4/,
    );
    expect(() =>
      Moments.of({
        Sxx: [
          [1, 0],
          [0, 0],
        ],
        Syx: [0.5, 0.1],
        Ey2: 10,
        requireConsistent: true,
      }),
    ).toThrow(/component on the null space of Sxx\) = 0.1/);
    // Boundary case y = 2x exactly: residual 0, accepted.
    expect(() => Moments.of({ Sxx: 1, Syx: 2, Ey2: 4, requireConsistent: true })).not.toThrow();
  });

  it("regressionResidual equals E‖y‖² − a²/A for scalar data (closed form, 1e-15 relative: one division)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: -64, max: 64 }),
        fc.integer({ min: 0, max: 64 }),
        (A8, a8, e8) => {
          const m = Moments.of({ Sxx: A8 / 8, Syx: a8 / 8, Ey2: e8 / 8 });
          const expected = e8 / 8 - (a8 / 8) ** 2 / (A8 / 8);
          expect(Math.abs(m.regressionResidual() - expected)).toBeLessThanOrEqual(
            1e-15 * Math.max(1, Math.abs(expected)) * 8,
          );
        },
      ),
    );
  });
});

describe("Moments.fromSamples", () => {
  it("equals (1/n)·XᵀX, (1/n)·YᵀX, (1/n)·Σ‖y‖² computed by an independent product (1e-15 relative: summation order)", () => {
    fc.assert(
      fc.property(samplesArb, ({ X, Y }) => {
        const n = X.rows;
        const m = Moments.fromSamples(X, Y);
        const XtX = matmulTNInto(new Matrix(X.cols, X.cols), X, X);
        const YtX = matmulTNInto(new Matrix(Y.cols, X.cols), Y, X);
        for (let k = 0; k < XtX.data.length; k++) XtX.data[k] = (XtX.data[k] as number) / n;
        for (let k = 0; k < YtX.data.length; k++) YtX.data[k] = (YtX.data[k] as number) / n;
        expect(relativeFrobeniusError(m.Sxx, XtX, 1e-300)).toBeLessThanOrEqual(1e-15);
        expect(relativeFrobeniusError(m.Syx, YtX, 1e-300)).toBeLessThanOrEqual(1e-15);
        let ey2 = 0;
        for (const v of Y.data) ey2 += v * v;
        expect(Math.abs(m.Ey2 - ey2 / n)).toBeLessThanOrEqual(1e-15 * (ey2 / n));
        // Empirical moments are jointly consistent: the check must pass (tolerance 1e-9, see CONSISTENCY_TOLERANCE).
        expect(() => m.assertConsistent()).not.toThrow();
        expect(m.Sxx.toArray()).toEqual(m.Sxx.toArray().map((row, i) => row.map((_, j) => m.Sxx.get(j, i))));
      }),
    );
  });

  it("rejects mismatched sample counts and non-finite samples", () => {
    expect(() => Moments.fromSamples(Matrix.zeros(3, 2), Matrix.zeros(4, 1))).toThrow(ShapeError);
    expect(() => Moments.fromSamples(Matrix.zeros(3, 2), Matrix.zeros(4, 1))).toThrow(
      /X.rows, Y.rows = \[3, 4\]: must be equal.*transpose/,
    );
    const X = Matrix.zeros(2, 2);
    X.set(1, 0, Number.NaN);
    expect(() => Moments.fromSamples(X, Matrix.zeros(2, 1))).toThrow(/X\[1\]\[0\] = NaN: must be finite/);
  });
});

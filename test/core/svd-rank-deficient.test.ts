import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { svd } from "../../src/core/svd.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";

/** U·diag(s)·Vᵀ rebuilt by hand. */
function rebuild(U: Matrix, s: Float64Array, V: Matrix): Matrix {
  const US = U.clone();
  for (let i = 0; i < US.rows; i++) for (let j = 0; j < US.cols; j++) US.set(i, j, US.get(i, j) * (s[j] as number));
  const Vt = new Matrix(V.cols, V.rows);
  for (let i = 0; i < V.rows; i++) for (let j = 0; j < V.cols; j++) Vt.set(j, i, V.get(i, j));
  return matmul(US, Vt);
}

describe("svd on rank-deficient inputs", () => {
  it.each([
    [
      [
        [0, 0],
        [7 / 2, -3],
      ],
    ],
    [
      [
        [-5 / 4, 1 / 2],
        [0, 0],
      ],
    ],
    [
      [
        [-3 / 2, 5 / 4, 3 / 4],
        [3 / 4, 1, -3 / 2],
        [0, 0, 0],
      ],
    ],
  ])("converges on %j and reconstructs it to 1e-14 (a few ulps of round-off per rotation)", (rows) => {
    const A = Matrix.fromRows(rows);
    const { U, s, V } = svd(A);
    expect(relativeFrobeniusError(rebuild(U, s, V), A)).toBeLessThan(1e-14);
    expect(s[s.length - 1]).toBeLessThan(1e-14 * (s[0] as number));
  });

  it("converges on every matrix with a zero row or column built from k/4 entries (property), reconstruction to 1e-13", () => {
    const entry = fc.integer({ min: -8, max: 8 }).map((k) => k / 4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(entry, { minLength: 25, maxLength: 25 }),
        fc.boolean(),
        fc.nat(),
        (r, c, values, zeroRow, which) => {
          const A = new Matrix(r, c, Float64Array.from(values.slice(0, r * c)));
          if (zeroRow) for (let j = 0; j < c; j++) A.set(which % r, j, 0);
          else for (let i = 0; i < r; i++) A.set(i, which % c, 0);
          const { U, s, V } = svd(A);
          const err = relativeFrobeniusError(rebuild(U, s, V), A, 1);
          expect(err).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 300 },
    );
  });
});

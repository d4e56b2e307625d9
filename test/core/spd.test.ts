import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { matmul, matmulNT } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { cholesky, choleskySolveInto, isPositiveSemidefinite, solveSPD } from "../../src/core/spd.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";

/** A well-conditioned SPD matrix W·Wᵀ + n·I (condition number ≲ 10). */
function spd(rng: Rng, n: number): Matrix {
  const w = rng.gaussianMatrix(n, n);
  const a = matmulNT(w, w);
  for (let i = 0; i < n; i++) a.set(i, i, a.get(i, i) + n);
  return a;
}

function maxAbs(m: Matrix): number {
  let x = 0;
  for (const v of m.data) x = Math.max(x, Math.abs(v));
  return x;
}

describe("cholesky", () => {
  it("hand-made case [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]] (tolerance 1e-15: two roundings)", () => {
    const L = cholesky(
      Matrix.fromRows([
        [4, 2],
        [2, 3],
      ]),
    );
    expect(L.get(0, 0)).toBe(2);
    expect(L.get(0, 1)).toBe(0);
    expect(L.get(1, 0)).toBe(1);
    expect(Math.abs(L.get(1, 1) - Math.SQRT2)).toBeLessThanOrEqual(1e-15);
  });

  it("n = 1–16: L lower triangular with positive diagonal and ‖LLᵀ − A‖_F/‖A‖_F ≤ 1e-14·n (backward stable, error O(n·u))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const a = spd(new Rng(seed), n);
        const L = cholesky(a);
        for (let i = 0; i < n; i++) {
          expect(L.get(i, i)).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(L.get(i, j)).toBe(0);
        }
        expect(relativeFrobeniusError(matmulNT(L, L), a)).toBeLessThanOrEqual(1e-14 * n);
      }),
    );
  });

  it("rejects an indefinite matrix naming the failing pivot, its value and the ridge fix", () => {
    // [[1, 2], [2, 1]]: pivot 0 = 1, then 1 − 2² = −3.
    const a = Matrix.fromRows([
      [1, 2],
      [2, 1],
    ]);
    expect(() => cholesky(a)).toThrow(DomainError);
    expect(() => cholesky(a)).toThrow(/cholesky\(A\): pivot 1 = -3: must be > 0 .*leading 2×2 block.*ridge εI/);
  });

  it("rejects a singular PSD matrix (pivot exactly 0) and a non-square one", () => {
    expect(() =>
      cholesky(
        Matrix.fromRows([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toThrow("pivot 1 = 0");
    expect(() => cholesky(new Matrix(2, 3))).toThrow(ShapeError);
  });

  it("rejects an asymmetric matrix with the (A + Aᵀ)/2 hint", () => {
    expect(() =>
      cholesky(
        Matrix.fromRows([
          [2, 1],
          [0, 2],
        ]),
      ),
    ).toThrow("(A + Aᵀ)/2");
  });
});

describe("solveSPD / choleskySolveInto", () => {
  it("hand-made: [[4, 2], [2, 3]]·x = (2, 1) has x = (1/2, 0) (tolerance 1e-15)", () => {
    const x = solveSPD(
      Matrix.fromRows([
        [4, 2],
        [2, 3],
      ]),
      Matrix.column([2, 1]),
    );
    expect(Math.abs(x.get(0, 0) - 0.5)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(x.get(1, 0))).toBeLessThanOrEqual(1e-15);
  });

  it("substitution: ‖A·X − B‖_max ≤ 1e-14·n²·‖A‖_max·‖X‖_max for n = 1–16 and 1–4 right-hand sides (backward error O(n·u)·|L||Lᵀ|, and each entry of A·X sums n terms)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, k, seed) => {
          const rng = new Rng(seed);
          const a = spd(rng, n);
          const b = rng.gaussianMatrix(n, k);
          const x = solveSPD(a, b);
          const r = matmul(a, x);
          let res = 0;
          for (let i = 0; i < r.data.length; i++) res = Math.max(res, Math.abs(r.data[i] - b.data[i]));
          expect(res).toBeLessThanOrEqual(1e-14 * n * n * maxAbs(a) * maxAbs(x));
        },
      ),
    );
  });

  it("in place (out = b) gives bit-identical results to a separate output", () => {
    const rng = new Rng(5);
    const a = spd(rng, 6);
    const b = rng.gaussianMatrix(6, 3);
    const L = cholesky(a);
    const sep = choleskySolveInto(new Matrix(6, 3), L, b);
    const inPlace = b.clone();
    choleskySolveInto(inPlace, L, inPlace);
    expect(Array.from(inPlace.data)).toEqual(Array.from(sep.data));
  });

  it("rejects mismatched right-hand sides and an output aliasing L", () => {
    const L = cholesky(Matrix.identity(3));
    expect(() => solveSPD(Matrix.identity(3), new Matrix(2, 1))).toThrow("b.rows = 2: must equal A.rows (3)");
    expect(() => choleskySolveInto(new Matrix(3, 2), L, new Matrix(3, 1))).toThrow(ShapeError);
    expect(() => choleskySolveInto(L, L, Matrix.identity(3))).toThrow("the output is the factor L");
  });
});

describe("isPositiveSemidefinite", () => {
  it("true for X·Xᵀ even when singular (rank 2 in 5×5: zero eigenvalues come out as ±1e-16-level noise)", () => {
    const x = new Rng(6).gaussianMatrix(5, 2);
    expect(isPositiveSemidefinite(matmulNT(x, x))).toBe(true);
  });

  it("false for a genuinely negative direction (λ_min = −1e-3·λ_max, far beyond the 1e-12·n default)", () => {
    expect(isPositiveSemidefinite(Matrix.diagonal([1, 0.5, -1e-3]))).toBe(false);
  });

  it("respects an explicit tolerance: diag(1, −1e-8) is PSD at relTol 1e-6, not at 1e-10", () => {
    expect(isPositiveSemidefinite(Matrix.diagonal([1, -1e-8]), 1e-6)).toBe(true);
    expect(isPositiveSemidefinite(Matrix.diagonal([1, -1e-8]), 1e-10)).toBe(false);
  });

  it("the empty matrix is PSD; asymmetric input throws", () => {
    expect(isPositiveSemidefinite(new Matrix(0, 0))).toBe(true);
    expect(() =>
      isPositiveSemidefinite(
        Matrix.fromRows([
          [1, 1],
          [0, 1],
        ]),
      ),
    ).toThrow(DomainError);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/core/eigen.js";
import { DomainError } from "../../src/core/errors.js";
import { matmul, matmulNT, matmulTN } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { svd } from "../../src/core/svd.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";

/**
 * Tolerance: one-sided Jacobi is backward stable (Demmel & Veselić 1992), errors O(max(rows, cols)·u)
 * relative to ‖A‖. We allow 1e-14 per unit of dimension (c·u with c ≈ 90): O(1) mistakes in a rotation
 * or a permutation would be caught by many orders of magnitude.
 */
const TOL_PER_N = 1e-14;

function usv(U: Matrix, s: Float64Array, V: Matrix): Matrix {
  const us = U.clone();
  for (let i = 0; i < us.rows; i++) for (let j = 0; j < us.cols; j++) us.set(i, j, us.get(i, j) * s[j]);
  return matmulNT(us, V);
}

function orthonormalityError(q: Matrix): number {
  const g = matmulTN(q, q);
  let worst = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) worst = Math.max(worst, Math.abs(g.get(i, j) - (i === j ? 1 : 0)));
  return worst;
}

function checkSvd(a: Matrix): { s: Float64Array; tol: number } {
  const { U, s, V } = svd(a);
  const k = Math.min(a.rows, a.cols);
  expect(U.shape).toBe(`${a.rows}×${k}`);
  expect(V.shape).toBe(`${a.cols}×${k}`);
  expect(s.length).toBe(k);
  const tol = TOL_PER_N * Math.max(a.rows, a.cols, 1);
  const rec = usv(U, s, V);
  let aNorm = 0;
  for (const v of a.data) aNorm = Math.max(aNorm, Math.abs(v));
  // Relative Frobenius error, with an absolute floor for the zero matrix.
  expect(relativeFrobeniusError(rec, a, aNorm === 0 ? 1 : 0)).toBeLessThanOrEqual(tol);
  expect(orthonormalityError(U)).toBeLessThanOrEqual(tol);
  expect(orthonormalityError(V)).toBeLessThanOrEqual(tol);
  for (let j = 0; j < k; j++) {
    expect(s[j]).toBeGreaterThanOrEqual(0);
    if (j > 0) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
  }
  return { s, tol };
}

describe("svd: properties over random shapes", () => {
  it(`any shape 1–12 × 1–12: ‖UΣVᵀ − A‖_F/‖A‖_F, ‖UᵀU − I‖, ‖VᵀV − I‖ ≤ ${TOL_PER_N}·max(rows, cols); s descending ≥ 0`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (r, c, seed) => {
          checkSvd(new Rng(seed).gaussianMatrix(r, c));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("s² agrees with the eigenvalues of AᵀA computed by symmetricEigen (independent route), |s_j² − λ_j| ≤ 1e-14·n·s_max² (Weyl bound on the eigen route's error)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (r, c, seed) => {
          const a = new Rng(seed).gaussianMatrix(r, c);
          const { s } = svd(a);
          const gram = r >= c ? matmulTN(a, a) : matmulNT(a, a); // the smaller Gram matrix, k × k
          const lambda = symmetricEigen(gram).values; // ascending
          const k = s.length;
          const tol = TOL_PER_N * Math.max(r, c) * s[0] * s[0];
          for (let j = 0; j < k; j++) expect(Math.abs(s[j] * s[j] - lambda[k - 1 - j])).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("50×30 and 30×50: same checks at a larger size", () => {
    checkSvd(new Rng(1).gaussianMatrix(50, 30));
    checkSvd(new Rng(2).gaussianMatrix(30, 50));
  });
});

describe("svd: known and degenerate inputs", () => {
  it("[[3, 0], [4, 5]] has s = (3√5, √5) (AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5), tolerance 1e-15·s", () => {
    const { s } = svd(
      Matrix.fromRows([
        [3, 0],
        [4, 5],
      ]),
    );
    expect(Math.abs(s[0] - 3 * Math.sqrt(5))).toBeLessThanOrEqual(1e-15 * 3 * Math.sqrt(5));
    expect(Math.abs(s[1] - Math.sqrt(5))).toBeLessThanOrEqual(2e-15 * Math.sqrt(5));
  });

  it("rank-1 outer product u·vᵀ: s₁ = ‖u‖‖v‖ to 1e-14 relative, the other singular values ≤ 1e-14·n·s₁, U and V still orthonormal", () => {
    const rng = new Rng(3);
    const u = rng.gaussianMatrix(7, 1);
    const v = rng.gaussianMatrix(5, 1);
    const a = matmulNT(u, v);
    const { s, tol } = checkSvd(a);
    let nu = 0;
    let nv = 0;
    for (const x of u.data) nu += x * x;
    for (const x of v.data) nv += x * x;
    expect(Math.abs(s[0] - Math.sqrt(nu * nv))).toBeLessThanOrEqual(1e-14 * s[0]);
    for (let j = 1; j < s.length; j++) expect(s[j]).toBeLessThanOrEqual(tol * s[0]);
  });

  it("rank-deficient products B·C (inner rank r < min(rows, cols)): trailing singular values ≤ 1e-14·n·s₁, factors orthonormal", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (r, c, seed) => {
          const rank = Math.max(1, Math.min(r, c) - 1 - (seed % 2));
          const rng = new Rng(seed);
          const a = matmul(rng.gaussianMatrix(r, rank), rng.gaussianMatrix(rank, c));
          const { s, tol } = checkSvd(a);
          for (let j = rank; j < s.length; j++) expect(s[j]).toBeLessThanOrEqual(tol * s[0]);
          expect(s[rank - 1]).toBeGreaterThan(tol * s[0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("zero matrix and matrices with zero columns/rows: s = 0 where it must be, U and V orthonormal", () => {
    const z = checkSvd(new Matrix(4, 3));
    expect(Array.from(z.s)).toEqual([0, 0, 0]);
    const a = Matrix.fromRows([
      [1, 0, 2],
      [0, 0, 0],
      [3, 0, 4],
    ]);
    const r = checkSvd(a);
    expect(r.s[2]).toBe(0);
  });

  it("is scale-equivariant at 1e-200 and 1e200 (no overflow in the Gram entries; tolerance 1e-14·n relative)", () => {
    const base = new Rng(4).gaussianMatrix(6, 4);
    const ref = svd(base).s;
    for (const f of [1e-200, 1e200]) {
      const got = svd(
        new Matrix(
          6,
          4,
          base.data.map((v) => v * f),
        ),
      ).s;
      for (let j = 0; j < 4; j++) expect(Math.abs(got[j] / f - ref[j])).toBeLessThanOrEqual(TOL_PER_N * 6 * ref[0]);
    }
  });

  it("handles 1×k and k×1 (s = the vector norm, tolerance 1e-15 relative)", () => {
    const row = Matrix.row([3, 4, 12]);
    expect(Math.abs(svd(row).s[0] - 13)).toBeLessThanOrEqual(13e-15);
    const col = Matrix.column([3, 4, 12]);
    const r = svd(col);
    expect(Math.abs(r.s[0] - 13)).toBeLessThanOrEqual(13e-15);
    expect(r.V.get(0, 0)).toBe(1);
  });

  it("rejects non-finite entries with a DomainError naming the entry", () => {
    const a = new Matrix(2, 2);
    a.set(0, 1, Number.POSITIVE_INFINITY);
    expect(() => svd(a)).toThrow(DomainError);
    expect(() => svd(a)).toThrow("A[0][1] = Infinity: must be finite");
  });
});

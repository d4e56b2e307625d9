import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import { matmul, matmulTN } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { normalizeQRSigns, qr } from "../../src/core/qr.js";
import { Rng } from "../../src/core/rng.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";

function orthonormalityError(q: Matrix): number {
  const g = matmulTN(q, q);
  let worst = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) worst = Math.max(worst, Math.abs(g.get(i, j) - (i === j ? 1 : 0)));
  return worst;
}

describe("qr (Householder)", () => {
  it("reconstructs A, has orthonormal Q and upper-triangular R for random shapes 1–12 (tolerances 1e-13·max(rows, cols): backward error O(n·u))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (rows, cols, seed) => {
          const a = new Rng(seed).gaussianMatrix(rows, cols);
          const { Q, R } = qr(a);
          const k = Math.min(rows, cols);
          expect(Q.shape).toBe(`${rows}×${k}`);
          expect(R.shape).toBe(`${k}×${cols}`);
          const tol = 1e-13 * Math.max(rows, cols);
          expect(relativeFrobeniusError(matmul(Q, R), a)).toBeLessThanOrEqual(tol);
          expect(orthonormalityError(Q)).toBeLessThanOrEqual(tol);
          for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) expect(R.get(i, j)).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("handles rank-deficient input (zero and repeated columns): Q stays orthonormal to 1e-13 and QR = A to 1e-13", () => {
    const a = Matrix.fromRows([
      [1, 0, 1, 2],
      [2, 0, 2, 4],
      [3, 0, 3, 6.5],
      [4, 0, 4, 8],
    ]);
    const { Q, R } = qr(a);
    expect(orthonormalityError(Q)).toBeLessThanOrEqual(1e-13);
    expect(relativeFrobeniusError(matmul(Q, R), a)).toBeLessThanOrEqual(1e-13);
  });

  it("normalizeQRSigns makes diag(R) ≥ 0 and keeps Q·R = A (tolerance 1e-13: sign flips are exact, the product rounds)", () => {
    const a = new Rng(5).gaussianMatrix(6, 4);
    const res = normalizeQRSigns(qr(a));
    for (let j = 0; j < 4; j++) expect(res.R.get(j, j)).toBeGreaterThanOrEqual(0);
    expect(relativeFrobeniusError(matmul(res.Q, res.R), a)).toBeLessThanOrEqual(1e-13);
  });

  it("matches a hand-computed factorisation of [[3, 1], [4, 2]] (tolerance 1e-15: a few roundings of O(1) numbers)", () => {
    // Column 1 has norm 5, so q₁ = (3, 4)/5; r₁₂ = q₁·(1, 2) = 11/5; the residual (1, 2) − (11/5)q₁ = (−8, 6)/25,
    // norm 2/5, so q₂ = (−4, 3)/5 and r₂₂ = 2/5.
    const { Q, R } = normalizeQRSigns(
      qr(
        Matrix.fromRows([
          [3, 1],
          [4, 2],
        ]),
      ),
    );
    const expectQ = [0.6, -0.8, 0.8, 0.6];
    const expectR = [5, 2.2, 0, 0.4];
    for (let i = 0; i < 4; i++) expect(Math.abs(Q.data[i] - expectQ[i])).toBeLessThanOrEqual(1e-15);
    for (let i = 0; i < 4; i++) expect(Math.abs(R.data[i] - expectR[i])).toBeLessThanOrEqual(1e-15);
  });

  it("rejects non-finite input with a DomainError", () => {
    expect(() => qr(new Matrix(2, 2, Float64Array.from([1, Number.NaN, 0, 1])))).toThrow(DomainError);
  });
});

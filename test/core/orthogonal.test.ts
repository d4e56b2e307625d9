import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/core/errors.js";
import { matmulNT, matmulTN } from "../../src/core/matmul.js";
import type { Matrix } from "../../src/core/matrix.js";
import { orthogonalFromGaussian, randomOrthogonal } from "../../src/core/orthogonal.js";
import { Rng } from "../../src/core/rng.js";

function distanceToIdentity(g: Matrix): number {
  let worst = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) worst = Math.max(worst, Math.abs(g.get(i, j) - (i === j ? 1 : 0)));
  return worst;
}

describe("orthogonalFromGaussian / randomOrthogonal", () => {
  it("QᵀQ = I and QQᵀ = I for square Q, n = 1–16 (tolerance 1e-13·n: Householder QR is backward stable, error O(n·u))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const q = orthogonalFromGaussian(new Rng(seed), n);
        expect(q.shape).toBe(`${n}×${n}`);
        expect(distanceToIdentity(matmulTN(q, q))).toBeLessThanOrEqual(1e-13 * n);
        expect(distanceToIdentity(matmulNT(q, q))).toBeLessThanOrEqual(1e-13 * n);
      }),
    );
  });

  it("rectangular: orthonormal columns when rows ≥ cols, orthonormal rows when rows < cols (tolerance 1e-13·max dim)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (rows, cols, seed) => {
          const q = randomOrthogonal(new Rng(seed), rows, cols);
          expect(q.shape).toBe(`${rows}×${cols}`);
          const gram = rows >= cols ? matmulTN(q, q) : matmulNT(q, q);
          expect(distanceToIdentity(gram)).toBeLessThanOrEqual(1e-13 * Math.max(rows, cols));
        },
      ),
    );
  });

  it("is reproducible: the same seed gives bit-identical matrices", () => {
    expect(Array.from(randomOrthogonal(new Rng(9), 5, 3).data)).toEqual(
      Array.from(randomOrthogonal(new Rng(9), 5, 3).data),
    );
  });

  it("is Haar on O(n): over 4000 draws at n = 4, mean tr Q within 5 s.e. of 0 and mean (tr Q)² within 5 s.e. of 1", () => {
    // For Haar Q ∈ O(n), n ≥ 4: E tr Q = 0, E (tr Q)² = 1, E (tr Q)⁴ = 3 (Diaconis & Shahshahani 1994), so
    // s.e.(mean tr Q) = 1/√N and s.e.(mean (tr Q)²) = √((3 − 1)/N). Without the sign fix of R the
    // distribution is not Haar and the mean trace is far from 0.
    const rng = new Rng(2024);
    const N = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let t = 0; t < N; t++) {
      const q = orthogonalFromGaussian(rng, 4);
      const tr = q.get(0, 0) + q.get(1, 1) + q.get(2, 2) + q.get(3, 3);
      s1 += tr;
      s2 += tr * tr;
    }
    expect(Math.abs(s1 / N)).toBeLessThanOrEqual(5 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / N));
  });

  it("rejects non-integer or non-positive sizes with a ShapeError naming the parameter", () => {
    expect(() => orthogonalFromGaussian(new Rng(1), 0)).toThrow(ShapeError);
    expect(() => randomOrthogonal(new Rng(1), 3, 2.5)).toThrow("cols = 2.5: must be an integer ≥ 1");
  });
});

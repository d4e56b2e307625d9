import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matrixPower, symmetricEigen, symmetricFunction } from "../../src/core/eigen.js";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { matmul, matmulNT, matmulTN } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { orthogonalFromGaussian } from "../../src/core/orthogonal.js";
import { Rng } from "../../src/core/rng.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";

/**
 * Tolerances. The decomposition is backward stable: it is exact for A + E with ‖E‖ ≤ c·n·u·‖A‖, u = 1.1e-16
 * and c a modest constant. We allow c·u = 1e-14 (c ≈ 90), i.e. 1e-14·n relative to ‖A‖, which is tight
 * enough to catch a wrong rotation (errors O(1)) or a lost digit pattern (errors ≫ 1e-12).
 */
const TOL_PER_N = 1e-14;

function symmetricGaussian(rng: Rng, n: number): Matrix {
  const g = rng.gaussianMatrix(n, n);
  const a = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.set(i, j, (g.get(i, j) + g.get(j, i)) / 2);
  return a;
}

function reconstruct(vectors: Matrix, values: Float64Array): Matrix {
  const n = values.length;
  const vd = vectors.clone();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vd.set(i, j, vd.get(i, j) * values[j]);
  return matmulNT(vd, vectors);
}

function orthonormalityError(v: Matrix): number {
  const g = matmulTN(v, v);
  let worst = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) worst = Math.max(worst, Math.abs(g.get(i, j) - (i === j ? 1 : 0)));
  return worst;
}

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** Q·diag(λ)·Qᵀ with a Haar-random Q: a symmetric matrix with a prescribed spectrum. */
function withSpectrum(rng: Rng, lambda: number[]): Matrix {
  const n = lambda.length;
  const q = orthogonalFromGaussian(rng, n);
  const a = reconstruct(q, Float64Array.from(lambda));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.set(j, i, a.get(i, j)); // exact symmetry
  return a;
}

describe("symmetricEigen: known spectra", () => {
  it("diagonal input: eigenvalues are the sorted diagonal and eigenvectors a permutation of I (tolerance 0: every Householder step is skipped, no arithmetic touches the entries)", () => {
    const diag = [3, -1, 2.5, 0, -7];
    const { values, vectors } = symmetricEigen(Matrix.diagonal(diag));
    expect(Array.from(values)).toEqual([...diag].sort((x, y) => x - y));
    for (let j = 0; j < diag.length; j++) {
      const i = diag.indexOf(values[j]);
      for (let r = 0; r < diag.length; r++) expect(vectors.get(r, j)).toBe(r === i ? 1 : 0);
    }
  });

  it("2×2 closed form λ = (a+c)/2 ± √(((a−c)/2)² + b²) (tolerance 1e-14·‖A‖_max: a few roundings of O(‖A‖) numbers)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -64, max: 64 }),
        fc.integer({ min: -64, max: 64 }),
        fc.integer({ min: -64, max: 64 }),
        (ai, bi, ci) => {
          const [a, b, c] = [ai / 8, bi / 8, ci / 8];
          const m = Matrix.fromRows([
            [a, b],
            [b, c],
          ]);
          const r = Math.hypot((a - c) / 2, b);
          const { values } = symmetricEigen(m);
          const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), 1e-300);
          expect(Math.abs(values[0] - ((a + c) / 2 - r))).toBeLessThanOrEqual(1e-14 * scale);
          expect(Math.abs(values[1] - ((a + c) / 2 + r))).toBeLessThanOrEqual(1e-14 * scale);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Q·diag(λ)·Qᵀ with Haar Q and distinct λ: eigenvalues within 1e-14·n·max|λ| (Weyl: the construction and the decomposition each perturb A by O(n·u·‖A‖)), eigen-residuals ‖Av_j − λ_j v_j‖_max within the same tolerance", () => {
    const rng = new Rng(77);
    for (const n of [3, 8, 20, 50]) {
      const lambda = Array.from({ length: n }, (_, i) => i - n / 3 + (i % 3) * 0.1);
      const a = withSpectrum(rng, lambda);
      const { values, vectors } = symmetricEigen(a);
      const sorted = [...lambda].sort((x, y) => x - y);
      const tol = TOL_PER_N * n * maxAbs(lambda);
      for (let j = 0; j < n; j++) expect(Math.abs(values[j] - sorted[j])).toBeLessThanOrEqual(tol);
      // Eigenvectors, by substitution: A·v_j − λ_j·v_j.
      const av = matmul(a, vectors);
      for (let j = 0; j < n; j++) {
        let res = 0;
        for (let i = 0; i < n; i++) res = Math.max(res, Math.abs(av.get(i, j) - values[j] * vectors.get(i, j)));
        expect(res).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("repeated eigenvalues {1,1,1,2,2,5}: values to 1e-14·n·5, and the spectral projectors V_S V_Sᵀ match Q_S Q_Sᵀ to 1e-12 (eigenvectors inside a repeated eigenspace are not unique; the projector is)", () => {
    const lambda = [5, 1, 2, 1, 2, 1];
    const n = lambda.length;
    const rng = new Rng(31);
    const q = orthogonalFromGaussian(rng, n);
    const a = reconstruct(q, Float64Array.from(lambda));
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.set(j, i, a.get(i, j));
    const { values, vectors } = symmetricEigen(a);
    const sorted = [1, 1, 1, 2, 2, 5];
    for (let j = 0; j < n; j++) expect(Math.abs(values[j] - sorted[j])).toBeLessThanOrEqual(TOL_PER_N * n * 5);
    expect(orthonormalityError(vectors)).toBeLessThanOrEqual(TOL_PER_N * n);
    for (const target of [1, 2, 5]) {
      const mask = (vals: ArrayLike<number>) => Array.from(vals, (v) => (Math.abs(v - target) < 0.25 ? 1 : 0));
      const projector = (v: Matrix, m: number[]) => reconstruct(v, Float64Array.from(m));
      const got = projector(vectors, mask(values));
      const want = projector(q, mask(lambda));
      expect(relativeFrobeniusError(got, want)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("is scale-equivariant down to 1e-150 and up to 1e150 (relative tolerance 1e-14·n: no overflow or underflow in the scaled Householder steps)", () => {
    const base = symmetricGaussian(new Rng(4), 7);
    const ref = symmetricEigen(base).values;
    for (const s of [1e-150, 1e150]) {
      const scaled = new Matrix(
        7,
        7,
        base.data.map((v) => v * s),
      );
      const got = symmetricEigen(scaled).values;
      for (let j = 0; j < 7; j++)
        expect(Math.abs(got[j] / s - ref[j])).toBeLessThanOrEqual(TOL_PER_N * 7 * maxAbs(ref));
    }
  });

  it("handles n = 0 and n = 1", () => {
    const e0 = symmetricEigen(new Matrix(0, 0));
    expect(e0.values.length).toBe(0);
    const e1 = symmetricEigen(Matrix.fromRows([[-2.5]]));
    expect(Array.from(e1.values)).toEqual([-2.5]);
    expect(e1.vectors.get(0, 0)).toBe(1);
  });
});

describe("symmetricEigen: properties over random symmetric matrices", () => {
  it(`n = 1–12: ‖VΛVᵀ − A‖_F/‖A‖_F ≤ ${TOL_PER_N}·n, ‖VᵀV − I‖_max ≤ ${TOL_PER_N}·n, ascending values, Σλ = tr A to ${TOL_PER_N}·n·‖A‖_F, each column's largest entry positive`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const a = symmetricGaussian(new Rng(seed), n);
        const { values, vectors } = symmetricEigen(a);
        const tol = TOL_PER_N * n;
        expect(relativeFrobeniusError(reconstruct(vectors, values), a)).toBeLessThanOrEqual(tol);
        expect(orthonormalityError(vectors)).toBeLessThanOrEqual(tol);
        for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
        let tr = 0;
        let sum = 0;
        let fro = 0;
        for (let i = 0; i < n; i++) {
          tr += a.get(i, i);
          sum += values[i];
        }
        for (const v of a.data) fro += v * v;
        expect(Math.abs(tr - sum)).toBeLessThanOrEqual(tol * Math.sqrt(fro));
        for (let j = 0; j < n; j++) {
          let big = 0;
          let arg = 0;
          for (let i = 0; i < n; i++) {
            if (Math.abs(vectors.get(i, j)) > big) {
              big = Math.abs(vectors.get(i, j));
              arg = i;
            }
          }
          expect(vectors.get(arg, j)).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("n = 200: reconstruction and orthogonality within 1e-14·n (the larger-n regime the dynamics use)", () => {
    const a = symmetricGaussian(new Rng(8), 200);
    const { values, vectors } = symmetricEigen(a);
    expect(relativeFrobeniusError(reconstruct(vectors, values), a)).toBeLessThanOrEqual(TOL_PER_N * 200);
    expect(orthonormalityError(vectors)).toBeLessThanOrEqual(TOL_PER_N * 200);
  });
});

describe("symmetricEigen: input validation", () => {
  it("rejects a non-square matrix with a ShapeError", () => {
    expect(() => symmetricEigen(new Matrix(2, 3))).toThrow(ShapeError);
    expect(() => symmetricEigen(new Matrix(2, 3))).toThrow('A.shape = "2×3": must be square');
  });

  it("rejects an asymmetric matrix, naming the largest asymmetry, where it is, and the (A + Aᵀ)/2 fix", () => {
    const a = Matrix.fromRows([
      [1, 2, 0],
      [2.5, 1, 0],
      [0, 0, 1],
    ]);
    expect(() => symmetricEigen(a)).toThrow(DomainError);
    expect(() => symmetricEigen(a)).toThrow(
      /max \|A_ij − A_ji\| = 0\.5: .*worst at \(1, 0\): 2\.5 vs 2\).*\(A \+ Aᵀ\)\/2/,
    );
  });

  it("accepts rounding-level asymmetry (1e-14 relative) and decomposes the symmetric part", () => {
    const a = Matrix.fromRows([
      [2, 1 + 1e-14],
      [1, 2],
    ]);
    const { values } = symmetricEigen(a);
    // Symmetric part has b = 1 + 5e-15: eigenvalues 1 − 5e-15, 3 + 5e-15; tolerance 1e-14 covers both.
    expect(Math.abs(values[0] - 1)).toBeLessThanOrEqual(1e-14);
    expect(Math.abs(values[1] - 3)).toBeLessThanOrEqual(1e-14);
  });

  it("rejects NaN entries with a DomainError naming the entry", () => {
    const a = Matrix.identity(2);
    a.set(1, 0, Number.NaN);
    expect(() => symmetricEigen(a)).toThrow("A[1][0] = NaN: must be finite");
  });
});

describe("symmetricFunction / matrixPower", () => {
  it("f(λ) = λ² gives A·A (tolerance 1e-13·n relative: both routes round at O(n·u))", () => {
    const a = symmetricGaussian(new Rng(12), 9);
    const got = symmetricFunction(a, (l) => l * l);
    expect(relativeFrobeniusError(got, matmul(a, a))).toBeLessThanOrEqual(1e-13 * 9);
  });

  it("matrixPower(A, 1/2)² = A and matrixPower(A, 1/3)³ = A for SPD A (tolerance 1e-13·n relative)", () => {
    const w = new Rng(13).gaussianMatrix(6, 6);
    const a = matmulNT(w, w);
    const h = matrixPower(a, 0.5);
    expect(relativeFrobeniusError(matmul(h, h), a)).toBeLessThanOrEqual(1e-13 * 6);
    const t = matrixPower(a, 1 / 3);
    expect(relativeFrobeniusError(matmul(matmul(t, t), t), a)).toBeLessThanOrEqual(1e-13 * 6);
  });

  it("matrixPower(A, 3) equals A·A·A and matrixPower(A, −1)·A = I for SPD A (tolerance 1e-12: cond(A) ≈ 1e2 amplifies rounding)", () => {
    const w = new Rng(14).gaussianMatrix(5, 5);
    const a = matmulNT(w, w);
    for (let i = 0; i < 5; i++) a.set(i, i, a.get(i, i) + 1);
    expect(relativeFrobeniusError(matrixPower(a, 3), matmul(matmul(a, a), a))).toBeLessThanOrEqual(1e-12);
    expect(relativeFrobeniusError(matmul(matrixPower(a, -1), a), Matrix.identity(5))).toBeLessThanOrEqual(1e-12);
  });

  it("(WWᵀ)^0 = I even when WWᵀ is singular (Arora et al. convention 0⁰ = 1), tolerance 1e-14·n", () => {
    const w = new Rng(15).gaussianMatrix(4, 2); // rank 2 in R^{4×4}
    const p0 = matrixPower(matmulNT(w, w), 0);
    expect(relativeFrobeniusError(p0, Matrix.identity(4))).toBeLessThanOrEqual(1e-14 * 4);
  });

  it("(WWᵀ)^{1/2} of a singular WWᵀ squares back to WWᵀ: rounding-negative zero eigenvalues are clamped to 0 (tolerance 1e-13·n)", () => {
    const w = new Rng(16).gaussianMatrix(5, 2);
    const g = matmulNT(w, w);
    const h = matrixPower(g, 0.5);
    expect(relativeFrobeniusError(matmul(h, h), g)).toBeLessThanOrEqual(1e-13 * 5);
  });

  it("rejects indefinite input for a real power and a negative power of a singular matrix, naming the eigenvalue", () => {
    const indefinite = Matrix.diagonal([1, -1]);
    expect(() => matrixPower(indefinite, 0.5)).toThrow("λ_0(A) = -1: must be ≥ 0");
    expect(() => matrixPower(Matrix.diagonal([0, 1]), -1)).toThrow(
      "λ_0(A) = 0: must be > 0 for the negative power p = -1",
    );
    expect(() => symmetricFunction(Matrix.diagonal([0, 1]), Math.log)).toThrow("f(λ_0) = -Infinity: must be finite");
  });
});

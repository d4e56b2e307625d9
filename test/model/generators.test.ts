import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { matmul, matmulNTInto } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";
import {
  randomTeacher,
  spectrumMoments,
  teacherMoments,
  teacherSamples,
  whitenedMoments,
} from "../../src/model/generators.js";

/** tr(A^k) for a square A (power sums of the eigenvalues: by Newton's identities they fix the spectrum). */
function tracePowers(A: Matrix, kmax: number): number[] {
  const out: number[] = [];
  let P = Matrix.identity(A.rows);
  for (let k = 1; k <= kmax; k++) {
    P = matmul(P, A);
    let t = 0;
    for (let i = 0; i < A.rows; i++) t += P.get(i, i);
    out.push(t);
  }
  return out;
}

function powerSums(values: readonly number[], kmax: number): number[] {
  return Array.from({ length: kmax }, (_, k) => values.reduce((s, v) => s + v ** (k + 1), 0));
}

describe("teacherMoments", () => {
  it("gives Σyx = TΣxx and E‖y‖² = tr(TΣxxTᵀ) + dL·σ² (independent entry-wise sums, 1e-13 relative)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer(),
        (d0, dL, noise8, seed) => {
          const rng = new Rng(seed);
          const T = randomTeacher(rng, [d0, 3, dL]);
          const G = rng.gaussianMatrix(d0, d0);
          const Sxx = new Matrix(d0, d0);
          matmulNTInto(Sxx, G, G);
          const m = teacherMoments(rng, { teacher: T, inputCovariance: Sxx, labelNoise: noise8 / 8 });
          expect(relativeFrobeniusError(m.Syx, matmul(T, Sxx))).toBeLessThanOrEqual(1e-13);
          // E‖Tx‖² = Σ_a Σ_ij T_ai Σ_ij T_aj, summed entry by entry.
          let e = (dL * noise8) / 8;
          for (let a = 0; a < dL; a++)
            for (let i = 0; i < d0; i++) for (let j = 0; j < d0; j++) e += T.get(a, i) * Sxx.get(i, j) * T.get(a, j);
          expect(Math.abs(m.Ey2 - e)).toBeLessThanOrEqual(1e-13 * Math.max(1, e));
          // The least-squares residual of y = Tx + ξ is E‖ξ‖² = dL·σ² (closed form; eigen-solve, 1e-8·E‖y‖²).
          if (Sxx.rows > 0)
            expect(Math.abs(m.regressionResidual() - (dL * noise8) / 8)).toBeLessThanOrEqual(1e-8 * m.Ey2);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("requires a teacher or teacher widths and checks the covariance shape", () => {
    const rng = new Rng(1);
    expect(() => teacherMoments(rng, {})).toThrow(DomainError);
    expect(() => teacherMoments(rng, {})).toThrow(/teacher, teacherWidths = "both missing": one of them is required/);
    expect(() => teacherMoments(rng, { teacher: Matrix.zeros(1, 2), inputCovariance: Matrix.identity(3) })).toThrow(
      ShapeError,
    );
    expect(() => teacherMoments(rng, { teacherWidths: [2, 1], labelNoise: -1 })).toThrow(
      /labelNoise = -1: must be ≥ 0/,
    );
    expect(() => teacherMoments(rng, { teacherWidths: [2, 0] })).toThrow(
      /teacherWidths\[1\] = 0: must be an integer ≥ 1/,
    );
  });
});

describe("teacherSamples", () => {
  it("draws the same teacher as teacherMoments for the same seed (exact)", () => {
    const a = teacherSamples(new Rng(7), 5, { teacherWidths: [3, 4, 2] });
    const b = teacherMoments(new Rng(7), { teacherWidths: [3, 4, 2] });
    // Σyx = T·I is T exactly (products by 1 and sums with 0 are exact).
    expect(relativeFrobeniusError(a.teacher, b.Syx)).toBe(0);
  });

  it("empirical moments agree with the exact ones within 5 standard errors per entry (n = 20000)", () => {
    const rng = new Rng(2024);
    const S = Matrix.fromRows([
      [2, 0.5, 0],
      [0.5, 1, -0.3],
      [0, -0.3, 0.5],
    ]);
    const T = Matrix.fromRows([
      [1, -1, 0.5],
      [0, 2, 1],
    ]);
    const noise = 0.25;
    const n = 20000;
    const { moments } = teacherSamples(rng, n, { teacher: T, inputCovariance: S, labelNoise: noise });
    const exact = teacherMoments(rng, { teacher: T, inputCovariance: S, labelNoise: noise });
    // Gaussian x: Var(x_i x_j) = Σ_ii Σ_jj + Σ_ij² (Isserlis), so SE = √(that / n).
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const se = Math.sqrt((S.get(i, i) * S.get(j, j) + S.get(i, j) ** 2) / n);
        expect(Math.abs(moments.Sxx.get(i, j) - exact.Sxx.get(i, j))).toBeLessThanOrEqual(5 * se);
      }
    // y_a x_j is a product of two jointly Gaussian variables: Var = E[y_a²]Σ_jj + E[y_a x_j]².
    const Syy = matmulNTInto(new Matrix(2, 2), matmul(T, S), T);
    for (let a = 0; a < 2; a++)
      for (let j = 0; j < 3; j++) {
        const eya2 = Syy.get(a, a) + noise;
        const se = Math.sqrt((eya2 * S.get(j, j) + exact.Syx.get(a, j) ** 2) / n);
        expect(Math.abs(moments.Syx.get(a, j) - exact.Syx.get(a, j))).toBeLessThanOrEqual(5 * se);
      }
    // ‖y‖² = Σ_a y_a²: Var = 2·tr(Σyy²) for Gaussian y (Σyy incl. noise).
    const Sy = [
      [Syy.get(0, 0) + noise, Syy.get(0, 1)],
      [Syy.get(1, 0), Syy.get(1, 1) + noise],
    ];
    let tr2 = 0;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) tr2 += (Sy[a]?.[b] as number) ** 2;
    expect(Math.abs(moments.Ey2 - exact.Ey2)).toBeLessThanOrEqual(5 * Math.sqrt((2 * tr2) / n));
  });
});

describe("whitenedMoments", () => {
  it("Σxx = I exactly, the singular values of Σyx are s (power sums of ΣyxΣyxᵀ, 1e-12 relative), E‖y‖² = Σs² + dL·σ²", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        (d0, dL, s8, noise8, seed) => {
          const s = s8.slice(0, Math.min(d0, dL)).map((k) => k / 8);
          const m = whitenedMoments(new Rng(seed), {
            inputDim: d0,
            outputDim: dL,
            singularValues: s,
            labelNoise: noise8 / 8,
          });
          expect(m.Sxx.toArray()).toEqual(Matrix.identity(d0).toArray());
          const SS = new Matrix(dL, dL);
          matmulNTInto(SS, m.Syx, m.Syx);
          const got = tracePowers(SS, dL);
          const want = powerSums(
            s.map((v) => v * v),
            dL,
          );
          got.forEach((g, k) => {
            expect(Math.abs(g - (want[k] as number))).toBeLessThanOrEqual(1e-12 * Math.max(1, want[k] as number));
          });
          const ey2 = s.reduce((acc, v) => acc + v * v, 0) + (dL * noise8) / 8;
          expect(Math.abs(m.Ey2 - ey2)).toBeLessThanOrEqual(1e-15 * Math.max(1, ey2));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('frames: "identity" gives Σyx = diag(s) exactly', () => {
    const m = whitenedMoments(new Rng(1), { inputDim: 3, outputDim: 2, singularValues: [2, 0.5], frames: "identity" });
    expect(m.Syx.toArray()).toEqual([
      [2, 0, 0],
      [0, 0.5, 0],
    ]);
  });

  it("rejects too many or negative singular values and bad dimensions", () => {
    const rng = new Rng(1);
    expect(() => whitenedMoments(rng, { inputDim: 2, outputDim: 1, singularValues: [1, 1] })).toThrow(
      /singularValues = \[1, 1\]: must be an array of at most min\(inputDim, outputDim\) = 1 values/,
    );
    expect(() => whitenedMoments(rng, { inputDim: 2, outputDim: 2, singularValues: [1, -1] })).toThrow(
      /singularValues\[1\] = -1: must be ≥ 0/,
    );
    expect(() => whitenedMoments(rng, { inputDim: 0, outputDim: 2, singularValues: [] })).toThrow(
      /inputDim = 0: must be an integer ≥ 1/,
    );
  });
});

describe("spectrumMoments", () => {
  it("Σxx has the prescribed spectrum (power sums, 1e-12 relative) and Σyx = TΣxx", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 32 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (l8, dL, seed) => {
          const lambda = l8.map((k) => k / 8);
          const T = new Rng(seed + 1).gaussianMatrix(dL, lambda.length);
          const m = spectrumMoments(new Rng(seed), { inputSpectrum: lambda, teacher: T });
          const got = tracePowers(m.Sxx, lambda.length);
          const want = powerSums(lambda, lambda.length);
          got.forEach((g, k) => {
            expect(Math.abs(g - (want[k] as number))).toBeLessThanOrEqual(1e-12 * Math.max(1, want[k] as number));
          });
          expect(relativeFrobeniusError(m.Syx, matmul(T, m.Sxx), 1e-300)).toBeLessThanOrEqual(1e-14);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("rejects negative eigenvalues and a missing output width", () => {
    const rng = new Rng(1);
    expect(() => spectrumMoments(rng, { inputSpectrum: [1, -0.1], outputDim: 1 })).toThrow(
      /inputSpectrum\[1\] = -0.1: must be ≥ 0/,
    );
    expect(() => spectrumMoments(rng, { inputSpectrum: [1] })).toThrow(/outputDim = undefined: must be an integer ≥ 1/);
  });
});

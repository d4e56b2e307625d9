import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvergenceError, DomainError } from "../../src/core/errors.js";
import { polynomialRoots } from "../../src/symbolic/polynomial-roots.js";

/** Coefficients (lowest first) of Π (x − r_i) · Π (x² − 2 re x + |z|²). */
function fromRoots(real: readonly number[], complex: readonly { re: number; im: number }[] = []): number[] {
  let c = [1];
  const mul = (q: number[]): void => {
    const out = new Array(c.length + q.length - 1).fill(0);
    c.forEach((a, i) => {
      q.forEach((b, j) => {
        out[i + j] += a * b;
      });
    });
    c = out;
  };
  for (const r of real) mul([-r, 1]);
  for (const z of complex) mul([z.re * z.re + z.im * z.im, -2 * z.re, 1]);
  return c;
}

describe("polynomialRoots (Aberth–Ehrlich, Newton-polished, sign-change certified)", () => {
  it("recovers distinct rational roots of random cubics…sextics to 1e-12 relative (property)", () => {
    // Roots k/8 with distinct k: the expanded coefficients are exact in double precision, so the only error
    // is the root finder's; simple roots of well-scaled polynomials come out to ~1e-14.
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -40, max: 40 }), { minLength: 3, maxLength: 6 }), (ks) => {
        const roots = ks.map((k) => k / 8).sort((x, y) => x - y);
        const found = polynomialRoots(fromRoots(roots));
        expect(found.real.map((r) => r.value)).toHaveLength(roots.length);
        found.real.forEach((r, i) => {
          expect(Math.abs(r.value - (roots[i] as number))).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(roots[i] as number)),
          );
          expect(r.bracketed).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("reports no real root for a product of irreducible quadratics (the list is complete, not a failure)", () => {
    const found = polynomialRoots(
      fromRoots(
        [],
        [
          { re: 1, im: 2 },
          { re: -0.5, im: 0.25 },
        ],
      ),
    );
    expect(found.degree).toBe(4);
    expect(found.all).toHaveLength(4);
    expect(found.real).toEqual([]);
  });

  it("finds roots of very different magnitudes (1e-6 … 1e6) to 1e-12 relative", () => {
    // Newton-polygon starting radii matter here: a single starting circle would converge slowly or not at all.
    const roots = [1e-6, 1e-3, 1, 1e3, 1e6];
    const found = polynomialRoots(fromRoots(roots));
    expect(found.real.map((r) => r.value)).toHaveLength(5);
    for (const [i, r] of found.real.entries()) expect(Math.abs(r.value / (roots[i] as number) - 1)).toBeLessThan(1e-12);
  });

  it("certifies a double root without a sign change (bracketed: false, multiplicity 2) to 1e-7", () => {
    // (x − 1.5)²(x + 2): a double root is only determined to ~√eps ≈ 1e-8 in double precision.
    const found = polynomialRoots(fromRoots([1.5, 1.5, -2]));
    const dbl = found.real.find((r) => Math.abs(r.value - 1.5) < 1e-6);
    expect(dbl?.bracketed).toBe(false);
    expect(dbl?.multiplicity).toBe(2);
    expect(Math.abs((dbl?.value ?? 0) - 1.5)).toBeLessThan(1e-7);
    expect(found.real.find((r) => r.bracketed)?.value).toBeCloseTo(-2, 14);
  });

  it("handles exact zero roots and the landscape trinomial A b^{2L−2} − a b^{L−2} + γ̄ up to L = 12", () => {
    // h(b) for L = 12, A = 1, a = 1, γ̄ = 0.1 has two positive roots; check them by the residual of h at
    // double precision (relative backward error ≤ 1e-14, i.e. a few ulps).
    const L = 12;
    const c = new Array(2 * L - 1).fill(0);
    c[2 * L - 2] = 1;
    c[L - 2] = -1;
    c[0] = 0.1;
    const found = polynomialRoots(c);
    const positive = found.real.filter((r) => r.value > 0);
    expect(positive).toHaveLength(2);
    for (const r of positive) expect(r.relativeResidual).toBeLessThan(1e-14);
    const withZeros = polynomialRoots([0, 0, -2, 1]);
    expect(withZeros.real.map((r) => r.value)).toEqual([0, 2]);
    expect(withZeros.real[0]?.multiplicity).toBe(2);
  });

  it("rejects non-finite and all-zero coefficients with a DomainError naming the entry", () => {
    expect(() => polynomialRoots([1, Number.NaN])).toThrow(DomainError);
    expect(() => polynomialRoots([1, Number.NaN])).toThrow(/coefficients\[1\]/);
    expect(() => polynomialRoots([0, 0])).toThrow(DomainError);
  });

  it("throws a ConvergenceError (not a wrong answer) when the iteration budget is too small", () => {
    expect(() => polynomialRoots(fromRoots([1, 2, 3, 4, 5, 6, 7]), { maxIterations: 1 })).toThrow(ConvergenceError);
  });
});

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/core/eigen.js";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { landscape } from "../../src/symbolic/derivations/landscape.js";

interface GoldenMinimum {
  L: number;
  A: number;
  a: number;
  Ey2: number;
  gamma: number[];
  loss: number;
  P: number;
  b: number;
  weightsAbs: number[];
}
const golden = JSON.parse(readFileSync(new URL("../goldens/landscape.json", import.meta.url), "utf8")) as {
  scalar_minima: GoldenMinimum[];
};
const rel = (x: number, y: number, floor = 0) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
const eighths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((k) => k / 8);

describe("derivation 3: landscape of the scalar chain at numeric parameters", () => {
  it(`matches the golden global minima with per-layer γ (unreduced SymPy loss, mpmath; ${golden.scalar_minima.length} cases, relative 1e-10)`, () => {
    for (const g of golden.scalar_minima) {
      const l = landscape({ depth: g.L, A: g.A, a: g.a, Ey2: g.Ey2, gamma: g.gamma });
      const m = l.globalMinimum;
      const what = `L = ${g.L}, γ = ${g.gamma}`;
      expect(rel(m.loss, g.loss), what).toBeLessThanOrEqual(1e-10);
      // P and b are 0 when the origin wins: the floor 0.01 makes that an absolute tolerance of 1e-12.
      expect(rel(m.P, g.P, 1e-2), what).toBeLessThanOrEqual(1e-10);
      expect(rel(m.b, g.b, 1e-2), what).toBeLessThanOrEqual(1e-10);
      const ours = m.weights.map(Math.abs).sort((x, y) => x - y);
      for (const [i, w] of ours.entries())
        expect(rel(w, g.weightsAbs[i] as number, 1e-2), what).toBeLessThanOrEqual(1e-10);
    }
  });

  it("the phase follows the thresholds: γ̄ < γ_c nonzero-global, γ_c < γ̄ < γ_sp metastable, γ̄ > γ_sp origin-only (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), eighths(2, 24), eighths(-24, 24), eighths(1, 24), (L, A, a, g) => {
        const l = landscape({ depth: L, A, a, gamma: g });
        const near = (t: number | null) => t !== null && Math.abs(g - t) <= 1e-9 * t;
        fc.pre(!near(l.gammaC) && !near(l.gammaSp));
        const sp = l.gammaSp ?? 0;
        const c = l.gammaC ?? 0;
        const expected = g < c ? "nonzero-global" : g < sp ? "metastable" : "origin-only";
        expect(l.phase).toBe(expected);
        expect(l.originIsLocalMinimum).toBe(L >= 3 || a * a <= g * g);
      }),
      { numRuns: 150 },
    );
  });

  it("every critical point is one of the numeric core's: gradient ≈ 0 and the Hessian's signature matches the kind", () => {
    // Full weight space (1-wide chain, widths [1, …, 1]): at a `minimum` the core's exact Hessian is positive
    // semi-definite, at a `saddle` it has a negative eigenvalue. Gradient tolerance 1e-12 relative to the
    // gradient's terms; eigenvalue tolerance 1e-10 (the balanced minima are non-degenerate for per-layer γ > 0).
    const cases = [
      { depth: 3, A: 1, a: 1, Ey2: 1, gamma: [0.2, 0.3, 0.25] },
      { depth: 4, A: 2, a: -1.5, Ey2: 2, gamma: 0.1 },
      { depth: 2, A: 1, a: 0.9, gamma: [0.2, 0.6] },
      { depth: 6, A: 0.5, a: 1.2, Ey2: 3, gamma: [0.05, 0.1, 0.02, 0.08, 0.04, 0.06] },
    ];
    for (const p of cases) {
      const l = landscape(p);
      const obj = new LinearNetObjective(
        new LinearNet(new Array(p.depth + 1).fill(1)),
        Moments.of({ Sxx: p.A, Syx: p.a, Ey2: l.Ey2 }),
        {
          gamma: l.gamma,
        },
      );
      expect(l.criticalPoints.length).toBeGreaterThanOrEqual(2);
      for (const cp of l.criticalPoints) {
        expect(cp.gradientResidual).toBeLessThanOrEqual(1e-12);
        const theta = Float64Array.from(cp.weights);
        const grad = new Float64Array(p.depth);
        const loss = obj.valueAndGradient(theta, grad);
        expect(rel(loss, cp.loss)).toBeLessThanOrEqual(1e-13);
        const gScale = Math.max(...cp.weights.map(Math.abs), 1) * (1 + Math.abs(p.a)) * 4;
        expect(Math.max(...Array.from(grad, Math.abs))).toBeLessThanOrEqual(1e-12 * gScale);
        const lmin = symmetricEigen(obj.hessian(theta)).values[0] as number;
        if (cp.kind === "minimum") expect(lmin).toBeGreaterThan(-1e-10);
        if (cp.kind === "saddle") expect(lmin).toBeLessThan(-1e-6);
      }
    }
  });

  it("L = 1 is ridge regression and L = 2 soft-thresholds (P* = (|a| − γ̄)₊/A)", () => {
    const one = landscape({ depth: 1, A: 2, a: -1, gamma: 0.5 });
    expect(one.criticalPoints).toHaveLength(1);
    expect(one.globalMinimum.P).toBeCloseTo(-1 / 2.5, 15);
    expect(one.gammaC).toBeNull();
    for (const g of [0.2, 0.5, 0.9, 1.3]) {
      const two = landscape({ depth: 2, A: 1.5, a: 0.9, gamma: g });
      expect(two.globalMinimum.P).toBeCloseTo(Math.max(0.9 - g, 0) / 1.5, 14);
    }
  });

  it("rejects impossible or inconsistent parameters with a typed error that says how to fix them", () => {
    expect(() => landscape({ depth: 3, A: 1, a: 2, Ey2: 1, gamma: 0.1 })).toThrow(/Cauchy–Schwarz/);
    expect(() => landscape({ depth: 3, A: 1, a: 2, Ey2: 1, gamma: 0.1 })).toThrow(DomainError);
    expect(() => landscape({ depth: 3, A: 1, a: 1, gamma: [0.1, 0.2] })).toThrow(ShapeError);
    expect(() => landscape({ depth: 3, A: 1, a: 1, gamma: [0.1, 0, 0.2] })).toThrow(/gamma\[1\]/);
    expect(() => landscape({ depth: 13, A: 1, a: 1, gamma: 0.1 })).toThrow(/≤ 12/);
    expect(() => landscape({ depth: 3, A: 0, a: 1, gamma: 0.1 })).toThrow(DomainError);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureLearningSolution } from "../../src/symbolic/feature-learning/closed-form.js";
import {
  type Mechanism,
  measureMechanisms,
  mechanismFamily,
  mechanismMagnitude,
} from "../../src/symbolic/feature-learning/mechanisms.js";
import { fitPowerLaw } from "../../src/symbolic/feature-learning/power-law-fit.js";
import { classifyRegimes, type RegimePoint } from "../../src/symbolic/feature-learning/regime-classification.js";
import {
  effectiveQ,
  predictedRegime,
  regimeExponent,
  widthScalingPoint,
} from "../../src/symbolic/feature-learning/width-scaling.js";

const MECHANISMS: Mechanism[] = ["alignment", "disalignment", "rescaling"];
const optsArb = fc.record({
  etaU: fc.integer({ min: -3, max: 3 }).map((k) => 2 ** k),
  kappa: fc.integer({ min: -2, max: 2 }).map((k) => 2 ** k),
  A: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
  a: fc.integer({ min: 1, max: 8 }).chain((k) => fc.constantFrom(k / 4, -k / 4)),
});

describe("mechanism families", () => {
  it("hit the requested q and initial output (1e-12 relative: closed arithmetic)", () => {
    fc.assert(
      fc.property(optsArb, fc.constantFrom(...MECHANISMS), fc.integer({ min: 3, max: 1000 }), (o, m, q) => {
        const setting = mechanismFamily(m, q, o);
        const sol = new FeatureLearningSolution(setting);
        expect(Math.abs(sol.asymptotes.q / q - 1)).toBeLessThanOrEqual(1e-12);
        const f0 = sol.at(0).f;
        const target = o.a / o.A;
        const expected = m === "alignment" ? 0 : m === "disalignment" ? 2 * target : target / 2;
        expect(Math.abs(f0 - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(target));
        if (m === "rescaling") expect(sol.cases.parallel).toBe(true);
        else expect(sol.cases.cZero || Math.abs(sol.C) <= 1e-12 * (sol.S0 + sol.D0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("alignment: Δ|cos∠(u, α)| = 1/√(1 + q²) exactly (1e-12) from an orthogonal balanced start", () => {
    for (const q of [0.01, 0.5, 1, 7, 1e4]) {
      const m = measureMechanisms(mechanismFamily("alignment", q, { a: -1.5, etaU: 4 }));
      expect(m.deltaAbsCos).toBeCloseTo(1 / Math.sqrt(1 + q * q), 12);
    }
  });

  it("each mechanism is exhibited at q = Θ(1) and vanishes like q^(−1) (fitted exponent −1 ± 0.01 over q = 10…10⁵)", () => {
    fc.assert(
      fc.property(optsArb, fc.constantFrom(...MECHANISMS), (o, m) => {
        const at = (q: number) => mechanismMagnitude(m, measureMechanisms(mechanismFamily(m, q, o)));
        expect(at(m === "disalignment" ? 2.5 : 1)).toBeGreaterThan(0.09); // a visible effect in the feature regime
        const qs = [1e1, 1e2, 1e3, 1e4, 1e5];
        const fit = fitPowerLaw(qs, qs.map(at));
        expect(Math.abs(fit.exponent + 1)).toBeLessThanOrEqual(0.01);
      }),
      { numRuns: 30 },
    );
  });

  it("rescaling: the angle stays exactly ±1 while the norms change", () => {
    const m = measureMechanisms(mechanismFamily("rescaling", 1));
    expect(m.cos0).toBe(1);
    expect(Math.abs(m.cosInf - 1)).toBeLessThanOrEqual(1e-15);
    expect(m.rescaling).toBeGreaterThan(0.25);
  });

  it("rejects q below a family's minimum with a clear message", () => {
    expect(() => mechanismFamily("disalignment", 1.5)).toThrow(/must be ≥ 2/);
    expect(() => mechanismFamily("rescaling", 0.25)).toThrow(/must be ≥ 0.5/);
  });
});

describe("power-law fits and effective q", () => {
  it("recover an exact power law (1e-12) and refuse non-positive data", () => {
    const xs = [1, 10, 100, 1000];
    const fit = fitPowerLaw(
      xs,
      xs.map((x) => 3 * x ** -0.75),
    );
    expect(fit.exponent).toBeCloseTo(-0.75, 12);
    expect(fit.prefactor).toBeCloseTo(3, 12);
    expect(() => fitPowerLaw([1, 2], [1, 0])).toThrow(/> 0/);
  });
  it("effectiveQ inverts K∞/K0 = √(1 + 1/q²) (1e-12 relative)", () => {
    for (const q of [1e-3, 0.5, 1, 30, 1e5]) expect(effectiveQ(0.5 * Math.log1p(1 / (q * q))) / q).toBeCloseTo(1, 10);
  });
});

describe("width scaling and regime classification", () => {
  it("γ and the predicted regime", () => {
    expect(regimeExponent(0.5, 0, 0)).toBe(0.5);
    expect(regimeExponent(1, 0.5, -1)).toBe(0);
    expect(predictedRegime(0.5)).toBe("kernel");
    expect(predictedRegime(0)).toBe("feature");
    expect(predictedRegime(-0.25)).toBe("alignment");
  });

  it("a width-scaling point is reproducible, O(d), and its q matches the mean-field estimate at large d (5% at d = 10⁵: CLT fluctuation ~ d^{-1/2})", () => {
    const a = widthScalingPoint({ width: 100_000, aKappa: 1, s: 0, rho: 1, seed: 4 });
    const b = widthScalingPoint({ width: 100_000, aKappa: 1, s: 0, rho: 1, seed: 4 });
    expect(a).toEqual(b);
    expect(Math.abs(a.q / a.qPredicted - 1)).toBeLessThan(0.05);
    // Mean-field (a_κ = 1, s = 0, ρ = 0): q → 1 and K∞/K0 → √2.
    const mf = widthScalingPoint({ width: 100_000, aKappa: 1, s: 0, rho: 0, seed: 4 });
    expect(Math.abs(mf.ntkRatio - Math.SQRT2)).toBeLessThan(0.02);
  });

  it("classification recovers the exponent of synthetic power laws exactly and flags dead-zone cells", () => {
    const widths = [10, 100, 1000, 10000];
    const pts: RegimePoint[] = [];
    for (const [aKappa, s, rho] of [
      [0.5, 0, 0],
      [1, 0, 0],
      [1, 0.5, 0],
      [0.95, 0, 0],
    ] as const) {
      const g = regimeExponent(aKappa, s, rho);
      for (const width of widths) {
        for (const seed of [1, 2]) {
          pts.push({ aKappa, s, rho, seed, result: { width, qEff: 2 * width ** g, ntkRatio: 1, cosInf: 0 } });
        }
      }
    }
    const cells = classifyRegimes(pts);
    expect(cells.map((c) => c.numeric)).toEqual(["kernel", "feature", "alignment", "feature"]);
    cells.forEach((c) => {
      expect(c.measuredExponent).toBeCloseTo(c.gamma, 12);
    });
    const dead = cells[3];
    expect(dead?.agree).toBe(false);
    expect(dead?.note).toContain("dead zone");
  });
});

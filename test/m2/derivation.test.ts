import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureLearningSolution } from "../../src/symbolic/feature-learning/closed-form.js";
import { deriveFeatureLearning } from "../../src/symbolic/feature-learning/derivation.js";

describe("symbolic derivation of the M2 exact solution", () => {
  const d = deriveFeatureLearning();

  it("every step is proved exactly by the engine (expansion to 0, confirmed at random points)", () => {
    const statuses = Object.fromEntries(Object.entries(d.checks).map(([k, c]) => [k, c.status]));
    for (const status of Object.values(statuses)) expect(status).toBe("proved");
    expect(d.allProved).toBe(true);
    expect(d.steps.filter((s) => s.by === "check")).toHaveLength(Object.keys(d.checks).length);
  });

  it("the derived formulas' evaluators agree with FeatureLearningSolution (1e-12 relative: same formulas, different evaluation order)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 16 }).map((k) => k / 4),
        fc.integer({ min: 1, max: 8 }).chain((k) => fc.constantFrom(k / 4, -k / 4)),
        (width, seed, t, a) => {
          let s = seed;
          const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
          const u0 = Array.from({ length: width }, next);
          const alpha0 = Array.from({ length: width }, next);
          const sol = new FeatureLearningSolution({ u0, alpha0, etaU: 2, etaW: 0.5, kappa: 0.75, A: 1.5, a });
          const scope = { kappa: 0.75, A: 1.5, a, lambda: sol.lambda, S0: sol.S0, D0: sol.D0, t };
          const Omega = d.formulas.Omega.evaluate(scope);
          expect(Math.abs(Omega / sol.Omega - 1)).toBeLessThanOrEqual(1e-12);
          const z = d.formulas.z.evaluate({ ...scope, Omega });
          expect(Math.abs(z / sol.z(t) - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(d.formulas.zInf.evaluate({ ...scope, Omega }) / sol.asymptotes.zInf - 1)).toBeLessThanOrEqual(
            1e-12,
          );
          const snap = sol.at(t);
          expect(Math.abs(d.formulas.ntk.evaluate({ ...scope, z }) / snap.ntk - 1)).toBeLessThanOrEqual(1e-12);
          const P = d.formulas.P.evaluate({ ...scope, z });
          expect(Math.abs(P - snap.P)).toBeLessThanOrEqual(1e-12 * (sol.lambda * (sol.S0 / z + sol.D0 * z)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("formulas carry LaTeX, plain text, assumptions and the citation", () => {
    expect(d.formulas.z.latex).toContain("e^{-\\lambda \\Omega t}");
    expect(d.formulas.orthogonalNtkRatio.equationText).toBe(`K∞/K0 = ${d.formulas.orthogonalNtkRatio.text}`);
    expect(d.formulas.z.source?.arxiv).toBe("2401.07085");
    expect(d.formulas.z.assumptionsText.length).toBeGreaterThan(0);
  });
});

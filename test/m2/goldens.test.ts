import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FeatureLearningSolution } from "../../src/symbolic/feature-learning/closed-form.js";

interface GoldenPoint {
  t: number;
  u: number[];
  alpha: number[];
  P: number;
  f: number;
  ntk: number;
  normU: number;
  normAlpha: number;
  cosAngle: number;
}
interface GoldenCase {
  name: string;
  setting: { u0: number[]; alpha0: number[]; etaU: number; etaW: number; kappa: number; A: number; a: number };
  points: GoldenPoint[];
  infinity: { P: number; f: number; ntk: number; ntkRatio: number; cosAngle: number; normU: number; normAlpha: number };
}

const golden = JSON.parse(readFileSync(new URL("../goldens/feature_learning.json", import.meta.url), "utf8")) as {
  cases: GoldenCase[];
};

/** Goldens come from tools/goldens/feature_learning.py: mpmath's 30-digit Taylor ODE solver, no closed form. */
const TOL = 1e-10;

function rel(x: number, ref: number, scale = Math.abs(ref)): number {
  return Math.abs(x - ref) / Math.max(scale, 1e-300);
}

describe("exact solution vs mpmath/SciPy goldens (1e-10 relative)", () => {
  for (const c of golden.cases) {
    it(`${c.name}: u(t), α(t), P, f, K_f, norms and cos∠ at finite t, and the t → ∞ limits`, () => {
      const sol = new FeatureLearningSolution(c.setting);
      for (const p of c.points) {
        const u = sol.u(p.t);
        const alpha = sol.alpha(p.t);
        const scale = Math.max(p.normU, p.normAlpha);
        p.u.forEach((x, i) => {
          expect(rel(u[i] as number, x, scale)).toBeLessThanOrEqual(TOL);
        });
        p.alpha.forEach((x, i) => {
          expect(rel(alpha[i] as number, x, scale)).toBeLessThanOrEqual(TOL);
        });
        const s = sol.at(p.t);
        // P and cos∠ are sums of products of size ‖u‖‖α‖: relative to that scale.
        expect(rel(s.P, p.P, p.normU * p.normAlpha)).toBeLessThanOrEqual(TOL);
        expect(rel(s.ntk, p.ntk)).toBeLessThanOrEqual(TOL);
        expect(rel(s.normU, p.normU, scale)).toBeLessThanOrEqual(TOL);
        expect(rel(s.normAlpha, p.normAlpha, scale)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(s.cosAngle - p.cosAngle)).toBeLessThanOrEqual(TOL);
      }
      // The t → ∞ goldens come from DOP853 at rtol 1e-13 run to convergence: also within 1e-10.
      const inf = sol.asymptotes;
      expect(rel(inf.fInf, c.infinity.f)).toBeLessThanOrEqual(TOL);
      expect(rel(inf.ntkInf, c.infinity.ntk)).toBeLessThanOrEqual(TOL);
      expect(rel(inf.ntkRatio as number, c.infinity.ntkRatio)).toBeLessThanOrEqual(TOL);
      expect(Math.abs(inf.cosInf - c.infinity.cosAngle)).toBeLessThanOrEqual(TOL);
    });
  }
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { besselRatios } from "../../../src/symbolic/trajectories/_internals/bessel-ratios.js";
import { integrate, QK15 } from "../../../src/symbolic/trajectories/_internals/gauss-kronrod.js";

const goldens = JSON.parse(readFileSync(new URL("../../goldens/trajectories.json", import.meta.url), "utf8")) as {
  besselRatios: { nu: number; x: number; H: number; Q1: number; Q2: number }[];
};

describe("scaled Bessel ratios against mpmath (40 digits)", () => {
  it("H = xI_{ν+1}/I_ν, Q₁ = xK_ν/K_{ν−1}, Q₂ = xK_{ν+1}/K_ν agree to 1e-13 for ν ∈ [½, 1000], x ∈ [1e-250, 300]", () => {
    // 1e-13: the continued fractions stop at ε per step and the K recurrence adds ≤ ν roundings that are
    // damped (each step divides the previous error by q² / x² ≥ 1); measured worst ≈ 3e-15.
    let worst = 0;
    for (const g of goldens.besselRatios) {
      const r = besselRatios(g.nu, g.x);
      expect(r.ok, `ν=${g.nu} x=${g.x}`).toBe(true);
      for (const [got, want] of [
        [r.H, g.H],
        [r.Q1, g.Q1],
        [r.Q2, g.Q2],
      ] as const) {
        const rel = want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
        worst = Math.max(worst, rel);
        expect(rel, `ν=${g.nu} x=${g.x}`).toBeLessThan(1e-13);
      }
    }
    expect(goldens.besselRatios.length).toBeGreaterThan(50);
  });

  it("for ν = ½ matches the elementary forms H = x coth x − 1, Q₁ = x, Q₂ = x + 1 to 1e-14", () => {
    for (const x of [1e-3, 0.3, 1.9, 2.1, 10, 50]) {
      const r = besselRatios(0.5, x);
      // x coth x − 1 cancels for small x: use its series there (x²/3 − x⁴/45 + 2x⁶/945, error O(x⁸)).
      const h = x < 0.01 ? x ** 2 / 3 - x ** 4 / 45 + (2 * x ** 6) / 945 : x / Math.tanh(x) - 1;
      expect(Math.abs(r.H - h) / h).toBeLessThan(1e-14);
      expect(Math.abs(r.Q1 - x) / x).toBeLessThan(1e-14);
      expect(Math.abs(r.Q2 - (x + 1)) / (x + 1)).toBeLessThan(1e-14);
    }
  });
});

describe("adaptive Gauss–Kronrod (QK15)", () => {
  it("the Kronrod rule is exact for monomials of degree ≤ 22 and the Gauss rule for degree ≤ 13 (to 1e-15)", () => {
    const { nodes, kronrodWeights, gaussWeights } = QK15;
    for (let p = 0; p <= 22; p += 2) {
      let k = 0;
      nodes.forEach((x, i) => {
        k += (kronrodWeights[i] as number) * x ** p * (x === 0 ? 1 : 2);
      });
      expect(Math.abs(k - 2 / (p + 1))).toBeLessThan(1e-15);
      if (p <= 12) {
        let g = 0;
        gaussWeights.forEach((w, i) => {
          const x = nodes[2 * i + 1] as number;
          g += w * x ** p * (x === 0 ? 1 : 2);
        });
        expect(Math.abs(g - 2 / (p + 1))).toBeLessThan(1e-15);
      }
    }
  });

  it("integrates smooth and endpoint-steep functions to 1e-14 relative", () => {
    const r1 = integrate(Math.exp, 0, 3);
    expect(r1.converged).toBe(true);
    expect(Math.abs(r1.value - Math.expm1(3)) / Math.expm1(3)).toBeLessThan(1e-14);
    const r2 = integrate((x) => 1 / (1e-3 + x), 0, 1);
    expect(Math.abs(r2.value - Math.log(1001)) / Math.log(1001)).toBeLessThan(1e-14);
    // Reversed limits bisect too (a regression: the midpoint test once assumed a < b).
    const r3 = integrate((x) => 1 / (1e-3 + x), 1, 0);
    expect(r3.converged).toBe(true);
    expect(r3.segments).toBeGreaterThan(1);
    expect(Math.abs(r3.value + Math.log(1001)) / Math.log(1001)).toBeLessThan(1e-14);
  });
});

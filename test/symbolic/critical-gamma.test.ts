import { readFileSync } from "node:fs";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { assume } from "../../src/symbolic/assumptions.js";
import { type CriticalGamma, deriveCriticalGamma } from "../../src/symbolic/derivations/critical-gamma.js";
import { compareNumerically } from "../../src/symbolic/engine.js";

type Derived = Extract<CriticalGamma, { order: "first" | "continuous" }>;
const DEPTHS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const derived = new Map<number, Derived>(DEPTHS.map((L) => [L, deriveCriticalGamma(L) as Derived]));
const general = deriveCriticalGamma("L") as Derived;

interface GoldenThreshold {
  L: number;
  A: number;
  a: number;
  gammaC: number;
  Pc: number;
  bc: number;
  gammaSp: number;
  Psp: number;
}
const golden = JSON.parse(readFileSync(new URL("../goldens/landscape.json", import.meta.url), "utf8")) as {
  critical_gamma: GoldenThreshold[];
};

const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));

/**
 * Brute force: ℓ*(γ) − ℓ(0) = min(0, min over b ∈ (0, B] of A b^{2L} − 2|a| b^L + Lγb²): every interior local minimum
 * of a 3000-point grid is refined by golden sections (the non-zero minimum near γ_c is shallower than the grid's
 * resolution ≈ f″·(Δb)², so it must be refined even when no grid value is negative).
 */
function bruteMin(L: number, A: number, a: number, g: number): { value: number; b: number } {
  const f = (b: number) => A * b ** (2 * L) - 2 * Math.abs(a) * b ** L + L * g * b * b;
  const hi = 3 * (Math.abs(a) / A + 1) ** (1 / L);
  const n = 3000;
  const grid = Array.from({ length: n + 1 }, (_, k) => f((hi * k) / n));
  let best = { value: 0, b: 0 };
  for (let k = 1; k < n; k++) {
    if (!((grid[k] as number) <= (grid[k - 1] as number) && (grid[k] as number) <= (grid[k + 1] as number))) continue;
    let lo = (hi * (k - 1)) / n;
    let up = (hi * (k + 1)) / n;
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 200 && up - lo > 1e-15 * up; it++) {
      const x1 = up - phi * (up - lo);
      const x2 = lo + phi * (up - lo);
      if (f(x1) < f(x2)) up = x2;
      else lo = x1;
    }
    const b = 0.5 * (lo + up);
    if (f(b) < best.value) best = { value: f(b), b };
  }
  return best;
}

describe("derivation 4: critical weight decay, jumps and spinodal", () => {
  it(`matches the SymPy/mpmath goldens for L = 3…10 and four (A, a) each (${golden.critical_gamma.length} cases, relative 1e-10)`, () => {
    expect(golden.critical_gamma.length).toBe(32);
    for (const g of golden.critical_gamma) {
      const v = derived.get(g.L)?.values({ A: g.A, a: g.a });
      if (v === undefined) throw new Error(`no derivation for L = ${g.L}`);
      for (const key of ["gammaC", "Pc", "bc", "gammaSp", "Psp"] as const) {
        expect(rel(v[key], g[key]), `L = ${g.L}, A = ${g.A}, a = ${g.a}, ${key}`).toBeLessThanOrEqual(1e-10);
      }
    }
  });

  it("γ_c agrees with brute-force minimisation: ℓ* = ℓ(0) changes sign there (bisection on γ to 1e-12, relative 1e-9)", () => {
    for (const [L, A, a] of [
      [3, 1, 1],
      [5, 0.7, -1.3],
      [8, 2, 0.9],
      [12, 1.5, 2.5],
    ] as const) {
      let lo = 0;
      let hi = Math.abs(a);
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (bruteMin(L, A, a, mid).value < 0) lo = mid;
        else hi = mid;
      }
      const v = derived.get(L)?.values({ A, a });
      expect(rel(0.5 * (lo + hi), v?.gammaC ?? Number.NaN), `L = ${L}`).toBeLessThanOrEqual(1e-9);
      // Just below γ_c the global minimiser sits at P ≈ P_c (it jumps to 0 above): relative 1e-6 at γ_c(1 − 1e-9).
      const below = bruteMin(L, A, a, (v?.gammaC ?? 0) * (1 - 1e-9));
      expect(rel(below.b ** L, v?.Pc ?? Number.NaN)).toBeLessThanOrEqual(1e-6);
      // The slope dℓ*/dγ̄ is L b² below (envelope) and 0 above: one-sided differences with δ = 1e-7·γ_c.
      const gc = v?.gammaC ?? 0;
      const d = 1e-7 * gc;
      const slopeBelow = (bruteMin(L, A, a, gc - d).value - bruteMin(L, A, a, gc - 2 * d).value) / d;
      expect(rel(slopeBelow, v?.lossSlopeJump ?? Number.NaN)).toBeLessThanOrEqual(1e-5);
      expect(bruteMin(L, A, a, gc * (1 + 1e-6)).value).toBe(0);
    }
  });

  it("γ_sp is where min_b h(b) reaches 0: h's minimum is ≤ 0 just below and > 0 just above (±1e-9 relative)", () => {
    for (const [L, A, a] of [
      [3, 1, 1],
      [6, 0.5, 1.5],
      [10, 3, -0.4],
    ] as const) {
      const v = derived.get(L)?.values({ A, a });
      const gsp = v?.gammaSp ?? Number.NaN;
      const hmin = (g: number) => {
        let m = Number.POSITIVE_INFINITY;
        const bsp = (v?.Psp ?? 0) ** (1 / L);
        for (let k = 1; k <= 4000; k++) {
          const b = (2 * bsp * k) / 4000;
          m = Math.min(m, A * b ** (2 * L - 2) - Math.abs(a) * b ** (L - 2) + g);
        }
        return m;
      };
      // The grid's minimum over-estimates min h by O((Δb)²h″) ≈ 1e-8 γ_sp, hence the margins.
      expect(hmin(gsp * (1 - 1e-6))).toBeLessThan(0);
      expect(hmin(gsp * (1 + 1e-6))).toBeGreaterThan(0);
    }
  });

  it("the general-L formulas specialise to every concrete L = 3…12 (relative 1e-12 at 12 random (A, a))", () => {
    const assumptions = [...assume.positive("A"), ...assume.real("a")];
    for (const L of DEPTHS) {
      const d = derived.get(L) as Derived;
      for (const key of ["gammaC", "Pc", "bc", "lossSlopeJump", "gammaSp", "Psp"] as const) {
        const cmp = compareNumerically(general[key].expression, d[key].expression, {
          assumptions,
          fixed: { L },
          tolerance: 1e-12,
        });
        expect(cmp.status, `L = ${L}, ${key}`).toBe("numeric");
      }
      const cross = d.gammaC.provenance.find((s) =>
        s.description.startsWith("Cross-check by an independent elimination"),
      );
      expect(cross?.check?.status).toBe("numeric");
    }
  });

  it("L = 2 is continuous at γ̄ = |a| (P_c = 0, no slope jump); L = 1 has no transition", () => {
    const two = deriveCriticalGamma(2);
    expect(two.order).toBe("continuous");
    if (two.order !== "none")
      expect(two.values({ A: 2, a: -0.75 })).toEqual({
        gammaC: 0.75,
        Pc: 0,
        bc: 0,
        lossSlopeJump: 0,
        gammaSp: 0.75,
        Psp: 0,
      });
    expect(deriveCriticalGamma(1).order).toBe("none");
  });

  it("prints the paper's forms and every formula is valid KaTeX", () => {
    expect(general.gammaC.equationLatex).toBe(
      "\\gamma_{c} = \\left(\\frac{\\left(L - 2\\right) \\lvert a\\rvert}{\\left(L - 1\\right) A}\\right)^{(L - 2)/L} \\frac{\\lvert a\\rvert}{L - 1}",
    );
    expect(derived.get(3)?.gammaC.equationLatex).toBe(
      "\\gamma_{c} = \\left(\\frac{\\lvert a\\rvert}{2 A}\\right)^{1/3} \\frac{\\lvert a\\rvert}{2}",
    );
    expect(derived.get(4)?.Pc.equationText).toBe("P_c = (2|a|)/(3A)");
    for (const d of [...derived.values(), general]) {
      for (const f of [d.gammaC, d.Pc, d.bc, d.lossSlopeJump, d.gammaSp, d.Psp]) {
        katex.renderToString(f.equationLatex, { throwOnError: true });
        expect(f.latex).not.toContain("\\cdot");
      }
    }
  });
});

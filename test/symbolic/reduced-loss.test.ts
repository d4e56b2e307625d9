import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/core/errors.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { assume } from "../../src/symbolic/assumptions.js";
import { deriveReducedLoss } from "../../src/symbolic/derivations/reduced-loss.js";
import { compareNumerically } from "../../src/symbolic/engine.js";
import { crossCheckDerivative } from "../../src/symbolic/oracle.js";

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
// Derived once per depth for the whole file (cached inside the module too).
const derived = new Map(DEPTHS.map((L) => [L, deriveReducedLoss(L)]));
const symbolic = deriveReducedLoss("L");

/** Small rationals k/8 so that a shrunk counterexample is readable. */
const eighths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((k) => k / 8);

describe("derivation 1: reduced loss ℓ(b), h(b) and the critical-point polynomial", () => {
  it("the balance identity w_i∂_iℓ − w_{i+1}∂_{i+1}ℓ = 2(γ_iw_i² − γ_{i+1}w_{i+1}²) is proved by the engine for every L ≤ 12", () => {
    for (const L of DEPTHS) {
      const checks = derived.get(L)?.reducedLoss.provenance.filter((s) => s.description.startsWith("Balance (engine)"));
      expect(checks).toHaveLength(L - 1);
      for (const c of checks ?? []) expect(c.check?.status).toBe("proved");
    }
  });

  it("ℓ(b) equals the unreduced loss at the balanced weights w_i = b√(γ̄/γ_i), relative 1e-13 (property, L = 1…12)", () => {
    // Independent route: the product and the sum computed directly in JavaScript.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        eighths(2, 24),
        eighths(-16, 16),
        eighths(0, 24),
        fc.array(eighths(1, 16), { minLength: 12, maxLength: 12 }),
        eighths(1, 10),
        (L, A, a, extra, gAll, b) => {
          const gamma = gAll.slice(0, L);
          const gbar = Math.exp(gamma.reduce((s, g) => s + Math.log(g), 0) / L);
          const w = gamma.map((g, i) => (i === L - 1 && a < 0 ? -1 : 1) * b * Math.sqrt(gbar / g));
          const P = w.reduce((p, x) => p * x, 1);
          const Ey2 = (a * a) / A + extra;
          const direct = A * P * P - 2 * a * P + Ey2 + gamma.reduce((s, g, i) => s + g * (w[i] as number) ** 2, 0);
          const reduced = derived.get(L)?.reducedLoss.evaluate({ A, a, Ey2, gbar, b }) as number;
          expect(Math.abs(reduced - direct)).toBeLessThanOrEqual(
            1e-13 * (Math.abs(direct) + A * P * P + 2 * Math.abs(a * P)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ℓ′(b) agrees with mathjs's derivative and equals 2Lb·h(b) (relative 1e-9 at 12 points, every L)", () => {
    const assumptions = [...assume.positive("A", "b", "gbar", "a", "Ey2")];
    for (const L of DEPTHS) {
      const r = derived.get(L);
      if (r === undefined) throw new Error("missing derivation");
      expect(crossCheckDerivative(r.forNonnegativeA.reducedLoss, "b", { assumptions }).status).toBe("agrees");
      expect(
        compareNumerically(r.derivative.expression, `2*${L}*b*(${r.h.expression.text})`, { assumptions }).status,
      ).toBe("numeric");
    }
  });

  it("the symbolic-L derivation specialises to each concrete L (ℓ, h at random points, relative 1e-12)", () => {
    const assumptions = [...assume.positive("A", "b", "gbar", "Ey2"), ...assume.real("a")];
    for (const L of DEPTHS) {
      const r = derived.get(L);
      if (r === undefined) throw new Error("missing derivation");
      for (const [sym, conc] of [
        [symbolic.reducedLoss, r.reducedLoss],
        [symbolic.h, r.h],
      ] as const) {
        const cmp = compareNumerically(sym.expression, conc.expression, {
          assumptions,
          fixed: { L },
          tolerance: 1e-12,
        });
        expect(cmp.status, `L = ${L}, ${sym.name}`).toBe("numeric");
      }
    }
  });

  it("the engine's gradient ∂ℓ/∂w_i equals the numeric core's exact gradient on a 1-wide chain (relative 1e-12)", () => {
    // LinearNetObjective on widths [1, …, 1] is the same scalar chain computed by a different code path.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(eighths(-12, 12), { minLength: 6, maxLength: 6 }),
        (L, wAll) => {
          const w = wAll.slice(0, L);
          const gamma = w.map((_, i) => 0.1 * (i + 1));
          const A = 1.5;
          const a = 0.75;
          const Ey2 = 2;
          const net = new LinearNet(new Array(L + 1).fill(1));
          const obj = new LinearNetObjective(net, Moments.of({ Sxx: A, Syx: a, Ey2 }), { gamma });
          const g = new Float64Array(L);
          obj.valueAndGradient(Float64Array.from(w), g);
          const scope: Record<string, number> = { A, a, Ey2 };
          w.forEach((x, i) => {
            scope[`w${i + 1}`] = x;
            scope[`g${i + 1}`] = gamma[i] as number;
          });
          derived.get(L)?.gradient?.forEach((f, i) => {
            const scale = Math.max(f.expression.magnitude(scope), 1e-300);
            expect(Math.abs(f.evaluate(scope) - (g[i] as number))).toBeLessThanOrEqual(1e-12 * scale);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("prints like the paper and every formula is valid KaTeX", () => {
    expect(derived.get(3)?.reducedLoss.equationLatex).toBe(
      "\\ell(b) = A b^{6} - 2 \\lvert a\\rvert b^{3} + 3 \\bar{\\gamma} b^{2} + \\mathbb{E}[y^{2}]",
    );
    expect(symbolic.h.equationLatex).toBe("h(b) = A b^{2 L - 2} - \\lvert a\\rvert b^{L - 2} + \\bar{\\gamma}");
    expect(derived.get(1)?.criticalPolynomial.equationText).toBe("b·h(b) = A·b + γ̄·b - |a|");
    for (const r of [...derived.values(), symbolic]) {
      for (const f of [
        r.reducedLoss,
        r.derivative,
        r.h,
        r.criticalPolynomial,
        ...(r.loss ? [r.loss] : []),
        ...(r.gradient ?? []),
      ]) {
        katex.renderToString(f.equationLatex, { throwOnError: true });
        expect(f.source?.arxiv).toBe("2202.04777");
      }
    }
  });

  it("rejects depths outside 1…12 with a ShapeError", () => {
    expect(() => deriveReducedLoss(0)).toThrow(ShapeError);
    expect(() => deriveReducedLoss(13)).toThrow(ShapeError);
    expect(() => deriveReducedLoss(2.5)).toThrow(ShapeError);
  });
});

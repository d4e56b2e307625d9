import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/core/eigen.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { deriveOriginHessian } from "../../src/symbolic/derivations/origin-hessian.js";
import { checkIdentity } from "../../src/symbolic/engine.js";

const DEPTHS = [1, 2, 3, 4, 5, 6];
const derived = new Map(DEPTHS.map((L) => [L, deriveOriginHessian(L)]));
const eighths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((k) => k / 8);

describe("derivation 2: Hessian at the origin", () => {
  it("L = 1 is ridge regression: H = 2(A + γ₁) (proved) and the single minimiser a/(A + γ₁) (rational: numeric, 1e-9)", () => {
    const d = derived.get(1);
    expect(d?.kind).toBe("convex-ridge");
    expect(checkIdentity(d?.hessian[0]?.[0] ?? "", "2*A+2*g1").status).toBe("proved");
    // nerdamer does not expand differences of rational functions to 0, so this identity is confirmed at 12 points.
    expect(["proved", "numeric"]).toContain(
      checkIdentity(d?.condition.expression ?? "", "a/(A+g1)", { assumptions: [] }).status,
    );
  });

  it("L = 2: H = [[2γ₁, −2a], [−2a, 2γ₂]] and det H = 4(γ₁γ₂ − a²) (proved)", () => {
    const d = derived.get(2);
    expect(d?.kind).toBe("saddle-iff");
    expect(d?.hessian.map((r) => r.map(String))).toEqual([
      ["2*g1", "-2*a"],
      ["-2*a", "2*g2"],
    ]);
    expect(checkIdentity(d?.condition.expression ?? "", "4*(g1*g2-a^2)").status).toBe("proved");
  });

  it("L ≥ 3: H = 2 diag(γ_i), the origin is a strict local minimum for any data", () => {
    for (const L of [3, 4, 5, 6]) {
      const d = derived.get(L);
      expect(d?.kind).toBe("strict-local-minimum");
      d?.hessian.forEach((row, i) => {
        row.forEach((h, j) => {
          expect(h.text).toBe(i === j ? `2*g${i + 1}` : "0");
        });
      });
      expect(d?.classify({ A: 1, a: 100, gamma: new Array(L).fill(1e-3) })).toBe("minimum");
    }
  });

  it("the engine's full Hessian equals the numeric core's exact Hessian on 1-wide chains (relative Frobenius 1e-12, property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(eighths(-12, 12), { minLength: 6, maxLength: 6 }),
        eighths(-12, 12),
        (L, wAll, a) => {
          const w = wAll.slice(0, L);
          const gamma = w.map((_, i) => 0.05 * (i + 2));
          const A = 1.25;
          const Ey2 = a * a + 1;
          const obj = new LinearNetObjective(
            new LinearNet(new Array(L + 1).fill(1)),
            Moments.of({ Sxx: A, Syx: a, Ey2 }),
            { gamma },
          );
          const H = obj.hessian(Float64Array.from(w));
          const scope: Record<string, number> = { A, a, Ey2 };
          w.forEach((x, i) => {
            scope[`w${i + 1}`] = x;
            scope[`g${i + 1}`] = gamma[i] as number;
          });
          const ours = Matrix.fromRows(
            (derived.get(L)?.hessianAt ?? []).map((row) => row.map((e) => e.evaluate(scope))),
          );
          // Entries are polynomials of degree ≤ 2L − 2 in w; 1e-12 leaves room for their rounding.
          expect(relativeFrobeniusError(ours, H, 1e-300)).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("agrees with the numeric core's Hessian at θ = 0 of random multi-width nets with noise (quadratic forms, relative 1e-12)", () => {
    // Matrix case: for L ≥ 3 the Hessian at 0 is 2 diag(γ_i) on each layer's block; for L = 2 the quadratic form
    // is vᵀHv = 2γ₁‖V₁‖² + 2γ₂‖V₂‖² − 4c·tr(Σyx V₁ᵀV₂ᵀ). Noise does not enter second order at 0.
    const rng = new Rng(7);
    for (let trial = 0; trial < 12; trial++) {
      const L = 2 + (trial % 4);
      const widths = Array.from({ length: L + 1 }, () => 1 + Math.floor(rng.uniform() * 3));
      const net = new LinearNet(widths);
      const d0 = widths[0] as number;
      const dL = widths[L] as number;
      const X = rng.gaussianMatrix(d0 + 3, d0);
      const Sxx = new Matrix(d0, d0);
      for (let i = 0; i < d0; i++)
        for (let j = 0; j < d0; j++) {
          let s = 0;
          for (let k = 0; k < X.rows; k++) s += X.get(k, i) * X.get(k, j);
          Sxx.set(i, j, s / X.rows);
        }
      const Syx = rng.gaussianMatrix(dL, d0, 0.3);
      const gamma = widths.slice(1).map(() => 0.05 + rng.uniform());
      const c = trial % 2 === 0 ? 1 : 0.5;
      const obj = new LinearNetObjective(net, Moments.of({ Sxx, Syx, Ey2: 50 }), { gamma, c, noise: 0.3 });
      const H = obj.hessian(new Float64Array(net.dim));
      const v = new Float64Array(net.dim);
      rng.fillGaussian(v);
      let vHv = 0;
      for (let i = 0; i < net.dim; i++)
        for (let j = 0; j < net.dim; j++) vHv += (v[i] as number) * H.get(i, j) * (v[j] as number);
      const V = net.views(v);
      let expected = 0;
      V.forEach((Vi, i) => {
        let n2 = 0;
        for (const x of Vi.data) n2 += x * x;
        expected += 2 * (gamma[i] as number) * n2;
      });
      if (L === 2) {
        // tr(Σyx V₁ᵀ V₂ᵀ) = Σ_{o,i} Σyx[o,i] (V₂V₁)[o,i]
        const [V1, V2] = V as [Matrix, Matrix];
        let tr = 0;
        for (let o = 0; o < dL; o++)
          for (let i = 0; i < d0; i++) {
            let p = 0;
            for (let h = 0; h < V1.rows; h++) p += V2.get(o, h) * V1.get(h, i);
            tr += Syx.get(o, i) * p;
          }
        expected -= 4 * c * tr;
      }
      expect(Math.abs(vHv - expected)).toBeLessThanOrEqual(1e-12 * (Math.abs(expected) + 1));
    }
  });

  it("classifies the L = 2 origin as the core's Hessian eigenvalues do (saddle iff λ_min < 0 iff a² > γ₁γ₂)", () => {
    fc.assert(
      fc.property(eighths(-16, 16), eighths(1, 16), eighths(1, 16), (a, g1, g2) => {
        fc.pre(Math.abs(a * a - g1 * g2) > 1e-9);
        const obj = new LinearNetObjective(new LinearNet([1, 1, 1]), Moments.of({ Sxx: 1, Syx: a, Ey2: a * a + 1 }), {
          gamma: [g1, g2],
        });
        const lmin = symmetricEigen(obj.hessian(new Float64Array(2))).values[0] as number;
        expect(derived.get(2)?.classify({ A: 1, a, gamma: [g1, g2] })).toBe(lmin < 0 ? "saddle" : "minimum");
      }),
    );
  });

  it("the balanced-ray series at 0 (repeated differentiation) agrees: Lγ̄b² for L ≥ 3, 2(γ̄ − |a|)b² for L = 2 (proved)", () => {
    expect(checkIdentity(derived.get(1)?.balancedSeries.expression ?? "", "Ey2-2*abs(a)*b+(A+gbar)*b^2").status).toBe(
      "proved",
    );
    expect(checkIdentity(derived.get(2)?.balancedSeries.expression ?? "", "Ey2+2*(gbar-abs(a))*b^2").status).toBe(
      "proved",
    );
    for (const L of [3, 4, 5, 6]) {
      expect(checkIdentity(derived.get(L)?.balancedSeries.expression ?? "", `Ey2+${L}*gbar*b^2`).status).toBe("proved");
    }
  });

  it("states every result with valid KaTeX", () => {
    for (const d of derived.values()) {
      katex.renderToString(d.condition.equationLatex, { throwOnError: true });
      katex.renderToString(d.balancedSeries.equationLatex, { throwOnError: true });
    }
    expect(derived.get(3)?.condition.latex).toBe("2 \\min\\left(\\gamma_{1}, \\gamma_{2}, \\gamma_{3}\\right)");
  });
});

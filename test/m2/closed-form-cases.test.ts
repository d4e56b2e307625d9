import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { dopri5 } from "../../src/dynamics/dopri5.js";
import { m2Components } from "../../src/model/m2/m2-components.js";
import { m2InitGaussian } from "../../src/model/m2/m2-init.js";
import { m2Invariants } from "../../src/model/m2/m2-invariants.js";
import { M2Model } from "../../src/model/m2/m2-model.js";
import { m2CosWv } from "../../src/model/m2/m2-observables.js";
import { FeatureLearningSolution } from "../../src/symbolic/feature-learning/closed-form.js";

function relErr(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num += ((x[i] as number) - (ref[i] as number)) ** 2;
    den += (ref[i] as number) ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

/** Integrates the reduced flow from (u0, α0) and returns the worst relative error of the exact [u; α]. */
function worstAgainstFlow(
  u0: number[],
  alpha0: number[],
  p: { etaU?: number; etaW?: number; kappa?: number; A?: number; a?: number },
  times: number[],
): number {
  const width = u0.length;
  const model = new M2Model({ width, ...p });
  const sol = new FeatureLearningSolution({ u0, alpha0, ...p });
  const res = dopri5(model.reducedRhs(), model.packReduced(u0, alpha0), {
    tEnd: times[times.length - 1] as number,
    times,
    rtol: 1e-12,
    atol: 1e-16,
    maxSteps: 1e6,
  });
  expect(res.status).toBe("ok");
  let worst = 0;
  times.forEach((t, k) => {
    const exact = [...sol.u(t), ...sol.alpha(t)];
    worst = Math.max(worst, relErr(exact, res.states[k] as Float64Array));
  });
  return worst;
}

describe("degenerate and sign cases of the exact solution (each vs DOPRI5 at 1e-9 relative: rtol 1e-12 global error)", () => {
  const times = [0, 0.5, 2, 6];
  it("D₀ = 0 (ũ₀ = α̃₀), both signs of a: linear Riccati, z∞ = A'λS₀/(4a')", () => {
    const etaU = 2;
    const etaW = 0.5; // ũ = u/√2, α̃ = α/√0.5 equal ⇔ α = u/2
    const u0 = [0.4, -0.2, 0.6];
    const alpha0 = u0.map((x) => x / 2);
    for (const a of [1.5, -0.75]) {
      const sol = new FeatureLearningSolution({ u0, alpha0, etaU, etaW, a });
      expect(sol.cases.d0Zero).toBe(true);
      expect(worstAgainstFlow(u0, alpha0, { etaU, etaW, a }, times)).toBeLessThanOrEqual(1e-9);
      if (a > 0) expect(sol.asymptotes.zInf).toBeCloseTo((1 * sol.lambda * sol.S0) / (4 * a), 13);
      else {
        // a < 0 from ũ = α̃: P = λS₀/(4z) ≥ 0 can never turn negative; the flow goes to the saddle P = 0.
        expect(sol.asymptotes.zInf).toBe(Number.POSITIVE_INFINITY);
        expect(sol.asymptotes.PInf).toBe(0);
      }
    }
  });

  it("S₀ = 0 (ũ₀ = −α̃₀), a > 0: the mirror saddle, z → 0 and P → 0", () => {
    const u0 = [0.3, 0.1];
    const alpha0 = [-0.3, -0.1];
    const sol = new FeatureLearningSolution({ u0, alpha0, a: 1 });
    expect(sol.cases.s0Zero).toBe(true);
    expect(sol.asymptotes.zInf).toBe(0);
    expect(sol.asymptotes.PInf).toBe(0);
    expect(worstAgainstFlow(u0, alpha0, { a: 1 }, times)).toBeLessThanOrEqual(1e-9);
  });

  it("parallel initialisation u₀ ∥ α₀: the angle stays ±1 (pure rescaling) and the solution matches the flow", () => {
    const u0 = [0.2, -0.4, 0.1];
    const alpha0 = u0.map((x) => 3 * x);
    const sol = new FeatureLearningSolution({ u0, alpha0, etaW: 0.5, a: -2 });
    expect(sol.cases.parallel).toBe(true);
    for (const t of [0, 1, 5, Number.POSITIVE_INFINITY]) expect(Math.abs(sol.at(t).cosAngle)).toBeCloseTo(1, 12);
    expect(worstAgainstFlow(u0, alpha0, { etaW: 0.5, a: -2 }, times)).toBeLessThanOrEqual(1e-9);
  });

  it("C = 0 and orthogonal (S₀ = D₀) initialisation: cos∠(u, α)∞ = 1/√(1 + q²) and K∞/K0 = √(1 + 1/q²) (1e-12: closed arithmetic)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 1, max: 8 }).chain((k) => fc.constantFrom(k / 4, -k / 4)),
        (d, logR, logRatio, a) => {
          // ũ₀ = r e₁, α̃₀ = r e₂: orthogonal and balanced.
          const r = 2 ** (logR / 2);
          const etaU = 2 ** logRatio;
          const etaW = 2 ** -logRatio;
          const u0 = new Array(d).fill(0);
          const alpha0 = new Array(d).fill(0);
          u0[0] = r * Math.sqrt(etaU);
          alpha0[1] = r * Math.sqrt(etaW);
          const sol = new FeatureLearningSolution({ u0, alpha0, etaU, etaW, kappa: 1.5, A: 0.5, a });
          expect(sol.cases.orthogonal && sol.cases.cZero).toBe(true);
          const q = sol.asymptotes.q;
          expect(sol.asymptotes.ntkRatio).toBeCloseTo(Math.sqrt(1 + 1 / (q * q)), 12);
          expect(
            Math.abs((sol.asymptotes.ntkRatioMinusOne as number) / (Math.sqrt(1 + 1 / (q * q)) - 1) - 1),
          ).toBeLessThan(1e-12);
          expect(Math.abs(sol.asymptotes.cosInf) - 1 / Math.sqrt(1 + q * q)).toBeCloseTo(0, 12);
          expect(Math.sign(sol.asymptotes.cosInf)).toBe(Math.sign(a));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a = 0 with D₀ = 0 (Ω = 0): algebraic convergence z = 1 + A'λ²S₀t/2 (1e-14)", () => {
    const sol = new FeatureLearningSolution({ u0: [0.5, 0.5], alpha0: [0.5, 0.5], a: 0 });
    expect(sol.Omega).toBe(0);
    for (const t of [0.5, 3, 100]) expect(sol.z(t)).toBeCloseTo(1 + (1 * 1 * sol.S0 * t) / 2, 12);
    expect(worstAgainstFlow([0.5, 0.5], [0.5, 0.5], { a: 0 }, times)).toBeLessThanOrEqual(1e-9);
  });

  it("all-zero initialisation never moves; K∞/K0 is reported as undefined, not NaN", () => {
    const sol = new FeatureLearningSolution({ u0: [0, 0], alpha0: [0, 0] });
    expect(sol.at(5).P).toBe(0);
    expect(sol.asymptotes.ntkRatio).toBeUndefined();
  });

  it("large and tiny initial scales stay finite and match the flow (σ = 2^±8: q from ~1e-4 to ~1e5)", () => {
    for (const sigma of [2 ** -8, 2 ** 8]) {
      const rng = new Rng(5);
      const u0 = Array.from(rng.fillGaussian(new Float64Array(8), sigma));
      const alpha0 = Array.from(rng.fillGaussian(new Float64Array(8), sigma));
      const sol = new FeatureLearningSolution({ u0, alpha0, a: 1 });
      const rate = sol.asymptotes.rate;
      expect(worstAgainstFlow(u0, alpha0, { a: 1 }, [0, 0.5 / rate, 3 / rate])).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe("width 10⁶", () => {
  it("the O(d) vector route and the O(1) scalar route agree at d = 10⁶ (mean-field scaling; 1e-9 relative: sums of 10⁶ terms)", () => {
    const d = 1_000_000;
    const rng = new Rng(2024);
    const u0 = rng.fillGaussian(new Float64Array(d));
    const alpha0 = rng.fillGaussian(new Float64Array(d));
    const sol = new FeatureLearningSolution({ u0, alpha0, kappa: 1 / d, etaU: 2, etaW: 0.5 });
    for (const t of [0, 0.5 / sol.asymptotes.rate, 5 / sol.asymptotes.rate]) {
      const u = sol.u(t);
      const alpha = sol.alpha(t);
      let P = 0;
      let uu = 0;
      let aa = 0;
      for (let i = 0; i < d; i++) {
        P += (u[i] as number) * (alpha[i] as number);
        uu += (u[i] as number) ** 2;
        aa += (alpha[i] as number) ** 2;
      }
      const s = sol.at(t);
      expect(Math.abs(P - s.P)).toBeLessThanOrEqual(1e-9 * Math.sqrt(uu * aa));
      expect(Math.abs(Math.sqrt(uu) / s.normU - 1)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(Math.sqrt(aa) / s.normAlpha - 1)).toBeLessThanOrEqual(1e-9);
    }
    // Gaussian init is orthogonal up to O(d^{-1/2}) = 1e-3, so K∞/K0 ≈ √(1 + 1/q²) (here q ≈ 5/4 for η_u/η_w = 4).
    const q = sol.asymptotes.q;
    expect(Math.abs((sol.asymptotes.ntkRatio as number) - Math.sqrt(1 + 1 / (q * q)))).toBeLessThan(0.01);
  });
});

describe("conserved quantities (Q_sym, Q_anti, S·D) along the numerical flow and in the exact solution", () => {
  it("are constant along DOPRI5 trajectories to 1e-10 relative and equal the exact solution's (1e-13)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: 0, max: 1e6 }),
        (d, logRatio, seed) => {
          const etaU = 2 ** logRatio;
          const model = new M2Model({ width: d, etaU, etaW: 1, kappa: 0.8, a: -0.6, A: 1.3 });
          const { u, W } = m2InitGaussian(model, new Rng(seed), { sigmaU: 0.6, sigmaW: 0.9 });
          const alpha = model.alphaOf(W);
          const inv0 = m2Invariants(model, u, alpha);
          const sol = new FeatureLearningSolution({ u0: u, alpha0: alpha, etaU, etaW: 1, kappa: 0.8, a: -0.6, A: 1.3 });
          expect(relErr(sol.qSym().data, inv0.qSym.data)).toBeLessThanOrEqual(1e-13);
          expect(relErr(sol.qAnti().data, inv0.qAnti.data)).toBeLessThanOrEqual(1e-13);
          const res = dopri5(model.reducedRhs(), model.packReduced(u, alpha), {
            tEnd: 5,
            times: [1, 2.5, 5],
            rtol: 1e-12,
            atol: 1e-16,
          });
          const scale = Math.max(Math.abs(inv0.qSym.data.reduce((m, x) => Math.max(m, Math.abs(x)), 0)), 1e-300);
          for (const y of res.states) {
            const inv = m2Invariants(model, y.subarray(0, d), y.subarray(d));
            for (let k = 0; k < d * d; k++) {
              expect(Math.abs((inv.qSym.data[k] as number) - (inv0.qSym.data[k] as number))).toBeLessThanOrEqual(
                1e-10 * scale,
              );
              expect(Math.abs((inv.qAnti.data[k] as number) - (inv0.qAnti.data[k] as number))).toBeLessThanOrEqual(
                1e-10 * scale,
              );
            }
            expect(Math.abs(inv.sdProduct / inv0.sdProduct - 1)).toBeLessThanOrEqual(1e-10);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("full d·(d0+1) flow with frozen orthogonal parts", () => {
  it("per-unit cos∠(w_i, v) and held-out coefficients κW⊥ᵀu(t) of the exact solution match the full flow (1e-9)", () => {
    const d = 6;
    const d0 = 4;
    const rng = new Rng(99);
    const model = new M2Model({ width: d, inputDim: d0, direction: [1, 2, -1, 0.5], etaU: 0.5, etaW: 2, kappa: 0.9 });
    const { u, W } = m2InitGaussian(model, rng, { sigmaU: 0.5, sigmaW: 0.5 });
    const { alpha, perp } = m2Components(model, W);
    const sol = new FeatureLearningSolution({ u0: u, alpha0: alpha, etaU: 0.5, etaW: 2, kappa: 0.9, wPerp: perp });
    const times = [0, 1, 4];
    const res = dopri5(model.fullRhs(), model.packFull(u, W), { tEnd: 4, times, rtol: 1e-12, atol: 1e-16 });
    expect(res.status).toBe("ok");
    times.forEach((t, k) => {
      const { u: ut, W: Wt } = model.unpackFull(res.states[k] as Float64Array);
      expect(relErr(sol.cosWv(t), m2CosWv(model, Wt))).toBeLessThanOrEqual(1e-9);
      // Held-out coefficients numerically: κ Σ_i u_i w_i⊥ in the same basis of v⊥.
      const { perp: perpT } = m2Components(model, Wt);
      expect(relErr(perpT.data, perp.data)).toBeLessThanOrEqual(1e-12); // frozen (rtol 1e-12)
      const beta = new Float64Array(d0 - 1);
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d0 - 1; j++) beta[j] = (beta[j] as number) + 0.9 * (ut[i] as number) * perpT.get(i, j);
      expect(relErr(sol.heldOutCoefficients(t), beta)).toBeLessThanOrEqual(1e-9);
    });
  });

  it("rejects a wPerp with the wrong number of rows", () => {
    expect(() => new FeatureLearningSolution({ u0: [1, 2], alpha0: [1, 2], wPerp: new Matrix(3, 1) })).toThrow(/wPerp/);
  });
});

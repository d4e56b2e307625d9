import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import {
  expectedImbalance,
  imbalance,
  imbalanceDecayRate,
  imbalanceLawOptions,
  imbalances,
  layerGradientAlignment,
  NoClosedLawError,
  perUnitBalance,
} from "../../src/dynamics/invariants.js";
import { LinearNet } from "../../src/model/architecture.js";
import { diffNorm, imbalanceTermScale, randomProblem } from "./_model-helpers.js";

const architecture = fc
  .integer({ min: 2, max: 4 })
  .chain((L) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: L + 1, maxLength: L + 1 }));
const seed = fc.integer({ min: 1, max: 1_000_000 });

describe("imbalance, perUnitBalance: definitions", () => {
  it("Q_1 of a hand-made net equals W_2ᵀW_2 − W_1W_1ᵀ (exact small integers)", () => {
    const net = new LinearNet([2, 2, 1]);
    const theta = net.pack([
      Matrix.fromRows([
        [1, 2],
        [3, 4],
      ]),
      Matrix.fromRows([[5, 6]]),
    ]);
    // W_2ᵀW_2 = [[25, 30], [30, 36]]; W_1W_1ᵀ = [[5, 11], [11, 25]].
    expect(imbalance(net, theta, 1).toArray()).toEqual([
      [20, 19],
      [19, 11],
    ]);
    // Diagonal: outgoing minus incoming squared norm per hidden unit.
    expect(Array.from(perUnitBalance(net, theta, 1))).toEqual([20, 11]);
    // Rate-weighted with η = [2, 0.5]: W_2ᵀW_2/0.5 − W_1W_1ᵀ/2.
    expect(imbalance(net, theta, 1, { rates: [2, 0.5] }).toArray()).toEqual([
      [47.5, 54.5],
      [54.5, 59.5],
    ]);
    expect(imbalances(net, theta).length).toBe(1);
  });
  it("rejects i outside 1..L−1 (1-based) with a ShapeError", () => {
    const net = new LinearNet([2, 2, 1]);
    const theta = new Float64Array(net.dim);
    expect(() => imbalance(net, theta, 0)).toThrow(ShapeError);
    expect(() => imbalance(net, theta, 2)).toThrow(/1\.\.L−1/);
  });
});

describe("the derivation, checked at random states (no integration)", () => {
  // dQ̃_i/dt computed from the flow velocity V = −η∇ℒ: (V_{i+1}ᵀW_{i+1} + W_{i+1}ᵀV_{i+1})/η_{i+1} −
  // (V_iW_iᵀ + W_iV_iᵀ)/η_i must equal −4λQ̃_i, λ = η_iγ_i = η_{i+1}γ_{i+1}. Tolerance 1e-11 relative to the
  // size of the individual products (round-off of sums of ~25 terms each).
  function velocityResidual(
    widths: number[],
    s: number,
    gammaPerLayer: number[],
    etas: number[],
    c: 1 | 0.5,
    noise = 0,
  ) {
    const L = widths.length - 1;
    const { net, objective, theta0 } = randomProblem(widths, s, { gamma: gammaPerLayer, c, noise: L > 1 ? noise : 0 });
    const g = new Float64Array(net.dim);
    objective.valueAndGradient(theta0, g);
    const W = net.views(theta0);
    const G = net.views(g);
    let worst = 0;
    for (let i = 1; i < L; i++) {
      const a = W[i - 1] as Matrix;
      const b = W[i] as Matrix;
      const ga = G[i - 1] as Matrix;
      const gb = G[i] as Matrix;
      const ea = etas[i - 1] as number;
      const d = widths[i] as number;
      const lambda = ea * (gammaPerLayer[i - 1] as number);
      const q = imbalance(net, theta0, i, { rates: etas });
      let num = 0;
      let scale = 0;
      for (let p = 0; p < d; p++)
        for (let r = 0; r < d; r++) {
          // V = −η G, so (VᵀW + WᵀV)/η = −(GᵀW + WᵀG).
          let top = 0;
          let topAbs = 0;
          for (let k = 0; k < b.rows; k++) {
            const t1 = gb.get(k, p) * b.get(k, r) + b.get(k, p) * gb.get(k, r);
            top += t1;
            topAbs += Math.abs(t1);
          }
          let bot = 0;
          let botAbs = 0;
          for (let k = 0; k < a.cols; k++) {
            const t2 = ga.get(p, k) * a.get(r, k) + a.get(p, k) * ga.get(r, k);
            bot += t2;
            botAbs += Math.abs(t2);
          }
          const dq = -top + bot; // dQ̃/dt with the η's cancelled
          const expected = -4 * lambda * q.get(p, r);
          num += noise > 0 && p !== r ? 0 : (dq - expected) ** 2;
          scale = Math.max(scale, topAbs + botAbs, Math.abs(expected));
        }
      worst = Math.max(worst, Math.sqrt(num) / Math.max(scale, 1e-300));
    }
    return worst;
  }

  it("γ = 0, unit rates: dQ_i/dt = 0 exactly (property over depths 2–4, widths 1–5)", () => {
    fc.assert(
      fc.property(architecture, seed, (widths, s) => {
        const L = widths.length - 1;
        expect(velocityResidual(widths, s, Array(L).fill(0), Array(L).fill(1), 1)).toBeLessThan(1e-11);
      }),
      { numRuns: 60 },
    );
  });

  it("η_iγ_i = λ for all i, unequal rates, c ∈ {1, ½}: dQ̃_i/dt = −4λQ̃_i (property)", () => {
    fc.assert(
      fc.property(
        architecture,
        seed,
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 5, maxLength: 5 }),
        (widths, s, lam8, half, rateInts) => {
          const L = widths.length - 1;
          const lambda = lam8 / 8;
          const etas = rateInts.slice(0, L).map((k) => k / 2);
          const gammas = etas.map((e) => lambda / e);
          expect(velocityResidual(widths, s, gammas, etas, half ? 0.5 : 1)).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("stochastic neurons: the diagonal of dQ_i/dt still obeys the law (property)", () => {
    fc.assert(
      fc.property(architecture, seed, fc.integer({ min: 1, max: 4 }), (widths, s, sig4) => {
        const L = widths.length - 1;
        expect(velocityResidual(widths, s, Array(L).fill(0.25), Array(L).fill(1), 1, sig4 / 4)).toBeLessThan(1e-11);
      }),
      { numRuns: 40 },
    );
  });

  it("layer growth: ⟨W_i, ∂ℒ/∂W_i⟩ − 2γ_i‖W_i‖² is the same for every layer, with and without noise (1e-12 relative)", () => {
    fc.assert(
      fc.property(
        architecture,
        seed,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (widths, s, g4, sig4) => {
          const L = widths.length - 1;
          const gammas = Array.from({ length: L }, (_, k) => ((g4 + k) % 5) / 8); // unequal decay per layer
          const { net, objective, theta0 } = randomProblem(widths, s, { gamma: gammas, noise: L > 1 ? sig4 / 4 : 0 });
          const g = new Float64Array(net.dim);
          objective.valueAndGradient(theta0, g);
          const align = layerGradientAlignment(net, theta0, g);
          const W = net.views(theta0);
          // Scale: Σ_k |θ_k g_k| over the whole net (the size of the summed terms).
          let scale = 0;
          for (let k = 0; k < net.dim; k++) scale += Math.abs((theta0[k] as number) * (g[k] as number));
          const data = Array.from(align, (v, i) => {
            let n2 = 0;
            for (const x of (W[i] as Matrix).data) n2 += x * x;
            return v - 2 * (gammas[i] as number) * n2;
          });
          for (let i = 1; i < L; i++) {
            expect(Math.abs((data[i] as number) - (data[0] as number))).toBeLessThanOrEqual(
              1e-12 * Math.max(scale, 1e-300),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("conservation along integrated gradient flows (DOPRI5, rtol 1e-10)", () => {
  // Drift is measured relative to the size of the two Gram terms whose difference is Q_i (the scale of the
  // integration error in Q_i), maximised over the run. Measured drifts are ~1e-10–1e-9; bound 1e-7.
  const flowTimes = [0, 0.5, 1, 2, 3];

  it("γ = 0: every Q_i is conserved to 1e-7 (property over depths 2–4, widths 1–5)", () => {
    fc.assert(
      fc.property(architecture, seed, (widths, s) => {
        const { net, objective, theta0 } = randomProblem(widths, s);
        const traj = gradientFlow(objective, theta0, { tEnd: 3, times: flowTimes, rtol: 1e-10, atol: 1e-12 });
        expect(traj.status).toBe("ok");
        for (let i = 1; i < net.depth; i++) {
          const q0 = imbalance(net, theta0, i);
          let scale = 0;
          let drift = 0;
          for (const th of traj.thetas) {
            scale = Math.max(scale, imbalanceTermScale(net, th, i));
            drift = Math.max(drift, diffNorm(imbalance(net, th, i).data, q0.data));
          }
          expect(drift / scale).toBeLessThan(1e-7);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("equal γ > 0, c ∈ {1, ½}: Q_i(t)·e^{4γt} is constant to 1e-7 — the factor is e^{−4γt} for both conventions", () => {
    fc.assert(
      fc.property(architecture, seed, fc.integer({ min: 1, max: 4 }), fc.boolean(), (widths, s, g8, half) => {
        const gamma = g8 / 8;
        const { net, objective, theta0 } = randomProblem(widths, s, { gamma, c: half ? 0.5 : 1 });
        const traj = gradientFlow(objective, theta0, { tEnd: 3, times: flowTimes, rtol: 1e-10, atol: 1e-12 });
        expect(traj.status).toBe("ok");
        for (let i = 1; i < net.depth; i++) {
          const q0 = imbalance(net, theta0, i);
          traj.thetas.forEach((th, k) => {
            const t = traj.times[k] as number;
            const predicted = expectedImbalance(q0, t, { gamma });
            const err = diffNorm(imbalance(net, th, i).data, predicted.data);
            const scale = Math.max(
              imbalanceTermScale(net, th, i),
              Math.exp(-4 * gamma * t) * imbalanceTermScale(net, theta0, i),
            );
            expect(err / scale).toBeLessThan(1e-7);
          });
        }
      }),
      { numRuns: 25 },
    );
  });

  it("negative control: with c = ½ the e^{−2γt} law (DESIGN.md's wording) misses by > 1e-2 relative", () => {
    const gamma = 0.25;
    const { net, objective, theta0 } = randomProblem([3, 4, 2], 7, { gamma, c: 0.5 });
    const traj = gradientFlow(objective, theta0, { tEnd: 2, rtol: 1e-10, atol: 1e-12 });
    const q0 = imbalance(net, theta0, 1);
    const q = imbalance(net, traj.theta, 1);
    const wrong = q0.data.map((v) => v * Math.exp(-2 * gamma * 2));
    const right = q0.data.map((v) => v * Math.exp(-4 * gamma * 2));
    expect(diffNorm(q.data, right) / diffNorm(q0.data, new Float64Array(q0.data.length))).toBeLessThan(1e-7);
    expect(diffNorm(q.data, wrong) / diffNorm(q0.data, new Float64Array(q0.data.length))).toBeGreaterThan(1e-2);
  });

  it("layer rates with equal η_iγ_i: the rate-weighted Q̃_i decays as e^{−4λt}; the unweighted Q_i does not", () => {
    const etas = [1, 2, 0.5];
    const gammas = [0.1, 0.05, 0.2]; // λ = η_iγ_i = 0.1 in every layer
    const { net, objective, theta0 } = randomProblem([3, 4, 3, 2], 11, { gamma: gammas });
    const times = [0, 1, 2, 4];
    const traj = gradientFlow(objective, theta0, { tEnd: 4, times, rates: etas, rtol: 1e-10, atol: 1e-12 });
    expect(traj.status).toBe("ok");
    expect(traj.layerRates).toEqual(etas);
    for (let i = 1; i <= 2; i++) {
      const lambda = imbalanceDecayRate({
        gamma: [gammas[i - 1] as number, gammas[i] as number],
        rates: [etas[i - 1] as number, etas[i] as number],
      });
      expect(lambda).toBeCloseTo(0.1, 15);
      const q0 = imbalance(net, theta0, i, { rates: etas });
      const q0plain = imbalance(net, theta0, i);
      traj.thetas.forEach((th, k) => {
        const t = times[k] as number;
        const pred = expectedImbalance(q0, t, {
          gamma: [gammas[i - 1] as number, gammas[i] as number],
          rates: [etas[i - 1] as number, etas[i] as number],
        });
        const scale = imbalanceTermScale(net, th, i, etas);
        expect(diffNorm(imbalance(net, th, i, { rates: etas }).data, pred.data) / scale).toBeLessThan(1e-7);
        if (t > 0) {
          // Negative control: the unweighted imbalance does not follow e^{−4λt}.
          const plainPred = q0plain.data.map((v) => v * Math.exp(-0.4 * t));
          expect(diffNorm(imbalance(net, th, i).data, plainPred) / imbalanceTermScale(net, th, i)).toBeGreaterThan(
            1e-3,
          );
        }
      });
    }
  });

  it("stochastic neurons on hidden layer 1 only: Q_2 conserved as a matrix, Q_1 only on its diagonal", () => {
    const { net, objective, theta0 } = randomProblem([3, 4, 3, 2], 5, { noise: [0.5, 0] });
    const traj = gradientFlow(objective, theta0, { tEnd: 3, rtol: 1e-10, atol: 1e-12 });
    expect(traj.status).toBe("ok");
    const end = traj.theta;
    const scale1 = imbalanceTermScale(net, end, 1);
    const scale2 = imbalanceTermScale(net, end, 2);
    expect(diffNorm(imbalance(net, end, 2).data, imbalance(net, theta0, 2).data) / scale2).toBeLessThan(1e-7);
    expect(diffNorm(perUnitBalance(net, end, 1), perUnitBalance(net, theta0, 1)) / scale1).toBeLessThan(1e-7);
    // The off-diagonal part of Q_1 moves by far more than integration error (negative control).
    expect(diffNorm(imbalance(net, end, 1).data, imbalance(net, theta0, 1).data) / scale1).toBeGreaterThan(1e-3);
    // expectedImbalance refuses the matrix law there, and accepts the diagonal.
    expect(() => expectedImbalance(imbalance(net, theta0, 1), 1, { noise: 0.5 })).toThrow(NoClosedLawError);
    expect(Array.from(expectedImbalance(perUnitBalance(net, theta0, 1), 1, { noise: 0.5 }))).toEqual(
      Array.from(perUnitBalance(net, theta0, 1)),
    );
  });
});

describe("expectedImbalance / imbalanceDecayRate", () => {
  it("unequal η_iγ_i has no closed law: NoClosedLawError (a DomainError) naming rates·gamma", () => {
    expect(() => imbalanceDecayRate({ gamma: [0.1, 0.2] })).toThrow(NoClosedLawError);
    expect(() => imbalanceDecayRate({ gamma: 0.1, rates: [1, 2] })).toThrow(DomainError);
    expect(() => expectedImbalance(Matrix.identity(2), 1, { gamma: [0.1, 0.2] })).toThrow(/rates·gamma/);
  });
  it("γ = 0 with unequal rates is fine (λ = 0: conserved)", () => {
    expect(imbalanceDecayRate({ rates: [1, 3] })).toBe(0);
    expect(expectedImbalance(Matrix.identity(2), 5, { rates: [1, 3] }).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });
  it("imbalanceLawOptions reads γ_i, γ_{i+1}, η and σ_i² off a LossConfig", () => {
    const { objective } = randomProblem([2, 3, 3, 1], 1, { gamma: [0.1, 0.2, 0.3], noise: [0.5, 0] });
    expect(imbalanceLawOptions(objective.config, 2, [1, 2, 3])).toEqual({ gamma: [0.2, 0.3], rates: [2, 3], noise: 0 });
    expect(imbalanceLawOptions(objective.config, 1)).toEqual({ gamma: [0.1, 0.2], rates: [1, 1], noise: 0.5 });
    expect(() => imbalanceLawOptions(objective.config, 3)).toThrow(ShapeError);
  });
  it("the factor is exactly e^{−4λt}", () => {
    const q = expectedImbalance(Float64Array.of(2), 1.5, { gamma: 0.2 });
    expect(q[0]).toBe(2 * Math.exp(-4 * 0.2 * 1.5));
  });
  it("validates t and the settings", () => {
    expect(() => expectedImbalance(Matrix.identity(1), -1)).toThrow(DomainError);
    expect(() => expectedImbalance(Matrix.identity(1), 1, { gamma: -1 })).toThrow(DomainError);
    expect(() => expectedImbalance(Matrix.identity(1), 1, { rates: 0 })).toThrow(DomainError);
  });
});

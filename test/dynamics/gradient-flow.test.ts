import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { gradientDescent } from "../../src/dynamics/gradient-descent.js";
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import { imbalance } from "../../src/dynamics/invariants.js";
import {
  endToEndObserver,
  imbalanceMatrixObserver,
  imbalanceObserver,
  layerNormsObserver,
} from "../../src/dynamics/observers.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { fittedOrder } from "./_helpers.js";
import { diffNorm, imbalanceTermScale, norm, randomProblem } from "./_model-helpers.js";

describe("balanced depth-2 scalar chain: the logistic closed form (Ziyin, Li, Meng 2022, arXiv 2202.04777, depth-2 trajectories)", () => {
  // ℓ = A P² − 2aP + E[y²] + γ(u² + w²), P = wu, u0 = w0 = √P0 (balanced, stays balanced):
  // Ṗ = 4P(a − γ − AP), so P(t) = rP0e^{rt}/(r + 4AP0(e^{rt} − 1)), r = 4(a − γ); r = 0: P0/(1 + 4AP0t).
  function closedForm(A: number, a: number, gamma: number, P0: number, t: number): number {
    const r = 4 * (a - gamma);
    if (r === 0) return P0 / (1 + 4 * A * P0 * t);
    const e = Math.exp(r * t);
    return (r * P0 * e) / (r + 4 * A * P0 * (e - 1));
  }
  function flowP(A: number, a: number, gamma: number, P0: number, times: number[]) {
    const net = new LinearNet([1, 1, 1]);
    const objective = new LinearNetObjective(net, Moments.of({ Sxx: A, Syx: a, Ey2: 4 }), { gamma });
    const s = Math.sqrt(P0);
    const traj = gradientFlow(objective, Float64Array.of(s, s), {
      tEnd: times[times.length - 1] as number,
      times,
      rtol: 1e-12,
      atol: 1e-15,
    });
    expect(traj.status).toBe("ok");
    return traj.thetas.map((th) => (th[0] as number) * (th[1] as number));
  }
  const times = [0, 0.25, 0.5, 1, 2, 3];

  it("DOPRI5 matches P(t) to 1e-9 relative for A, a, γ, P0 on a grid of small rationals (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: -4, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (A4, a4, g8, p8) => {
          const [A, a, gamma, P0] = [A4 / 4, a4 / 4, g8 / 8, p8 / 8];
          const P = flowP(A, a, gamma, P0, times);
          times.forEach((t, k) => {
            const exact = closedForm(A, a, gamma, P0, t);
            expect(Math.abs((P[k] as number) - exact) / Math.abs(exact)).toBeLessThan(1e-9);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("the critical case a = γ (r = 0): P = P0/(1 + 4AP0t) to 1e-9 relative", () => {
    const P = flowP(1.5, 0.25, 0.25, 0.5, times);
    times.forEach((t, k) => {
      const exact = 0.5 / (1 + 4 * 1.5 * 0.5 * t);
      expect(Math.abs((P[k] as number) - exact) / exact).toBeLessThan(1e-9);
    });
  });
});

describe("gradientFlow driver", () => {
  it("records loss = ℒ(θ) and the observers at every output time (exact recomputation)", () => {
    const { net, objective, theta0 } = randomProblem([3, 4, 2, 2], 3, { gamma: 0.05 });
    const times = [0, 0.3, 1, 2];
    const traj = gradientFlow(objective, theta0, {
      tEnd: 2,
      times,
      observers: [
        layerNormsObserver(net),
        endToEndObserver(net),
        imbalanceObserver(net),
        imbalanceMatrixObserver(net, 2),
      ],
    });
    expect(traj.status).toBe("ok");
    expect(Array.from(traj.times)).toEqual(times);
    expect(Array.from(traj.thetas[0] as Float64Array)).toEqual(Array.from(theta0));
    traj.thetas.forEach((th, k) => {
      // Same code path on the same θ: bitwise equal.
      expect(traj.loss[k]).toBe(objective.value(th));
      const W = net.views(th);
      const norms = traj.observations.layerNormsSquared?.[k] as Float64Array;
      W.forEach((w, i) => {
        // Sums of the same squares in the same order: equal to round-off (1e-14 relative).
        expect(Math.abs((norms[i] as number) - norm(w.data) ** 2)).toBeLessThanOrEqual(1e-14 * (norms[i] as number));
      });
      // End-to-end map against the model's own product (independent code): 1e-13 relative.
      const P = objective.endToEnd(th);
      expect(diffNorm(traj.observations.endToEnd?.[k] as Float64Array, P.data)).toBeLessThanOrEqual(
        1e-13 * norm(P.data),
      );
      for (let i = 1; i < net.depth; i++) {
        const q = imbalance(net, th, i);
        expect(Math.abs((traj.observations.imbalanceNorms?.[k]?.[i - 1] as number) - norm(q.data))).toBeLessThanOrEqual(
          1e-13 * norm(q.data),
        );
      }
      expect(Array.from(traj.observations.imbalance2?.[k] as Float64Array)).toEqual(
        Array.from(imbalance(net, th, 2).data),
      );
    });
    // The loss decreases along the flow (gradient flow is a descent method).
    for (let k = 1; k < times.length; k++) expect(traj.loss[k]).toBeLessThan(traj.loss[k - 1] as number);
  });

  it("per-layer rates given as number[], { net, perLayer } or a per-parameter Float64Array give identical runs", () => {
    const { net, objective, theta0 } = randomProblem([2, 3, 2], 9);
    const perParam = new Float64Array(net.dim);
    perParam.fill(0.5, 0, net.offsets[1]).fill(2, net.offsets[1]);
    const a = gradientFlow(objective, theta0, { tEnd: 1, rates: [0.5, 2] });
    const b = gradientFlow(objective, theta0, { tEnd: 1, rates: { net, perLayer: [0.5, 2] } });
    const c = gradientFlow(objective, theta0, { tEnd: 1, rates: perParam });
    expect(Array.from(b.theta)).toEqual(Array.from(a.theta));
    expect(Array.from(c.theta)).toEqual(Array.from(a.theta));
    expect(a.layerRates).toEqual([0.5, 2]);
    expect(c.layerRates).toBeUndefined();
    // Rates really act: a different split gives a different end point.
    const d = gradientFlow(objective, theta0, { tEnd: 1, rates: [2, 0.5] });
    expect(diffNorm(d.theta, a.theta)).toBeGreaterThan(1e-3);
  });

  it("rate-scaling identity: rates η everywhere at time T equals unit rates at time ηT (1e-8 relative)", () => {
    const { objective, theta0 } = randomProblem([3, 3, 2], 21);
    const a = gradientFlow(objective, theta0, { tEnd: 1, rates: 2.5, rtol: 1e-11, atol: 1e-13 });
    const b = gradientFlow(objective, theta0, { tEnd: 2.5, rtol: 1e-11, atol: 1e-13 });
    expect(diffNorm(a.theta, b.theta) / norm(b.theta)).toBeLessThan(1e-8);
  });

  // RK4's global error is C·h⁴; at h = 0.01 it measured 2.3e-8 on this problem, so h = 0.005 (16× smaller,
  // ~1.5e-9) leaves a margin of ~7 under 1e-8; DOPRI5 at rtol 1e-11 is far more accurate than either.
  it("rk4 (h = 0.005, step or Hermite output) and dopri5 (rtol 1e-11, with and without PI control) agree to 1e-8 relative", () => {
    const { objective, theta0 } = randomProblem([2, 4, 3, 1], 4, { gamma: 0.1 });
    const times = [0, 0.5, 1.5, 2];
    const a = gradientFlow(objective, theta0, { tEnd: 2, times, rtol: 1e-11, atol: 1e-13 });
    const b = gradientFlow(objective, theta0, { tEnd: 2, times, method: "rk4", h: 0.005 });
    const c = gradientFlow(objective, theta0, { tEnd: 2, times, method: "rk4", h: 0.005, rk4Output: "hermite" });
    const d = gradientFlow(objective, theta0, { tEnd: 2, times, rtol: 1e-11, atol: 1e-13, dopri5: { piBeta: 0.04 } });
    expect(b.status).toBe("ok");
    expect(Array.from(b.times)).toEqual(times);
    a.thetas.forEach((th, k) => {
      expect(diffNorm(b.thetas[k] as Float64Array, th) / norm(th)).toBeLessThan(1e-8);
      expect(diffNorm(c.thetas[k] as Float64Array, th) / norm(th)).toBeLessThan(1e-8);
      expect(diffNorm(d.thetas[k] as Float64Array, th) / norm(th)).toBeLessThan(1e-8);
    });
  });

  it('method "gd" is explicit Euler on the flow: error at t = 1 is first order in h (slope 1 ± 0.1)', () => {
    const { objective, theta0 } = randomProblem([2, 3, 2], 8);
    const ref = gradientFlow(objective, theta0, { tEnd: 1, rtol: 1e-12, atol: 1e-14 });
    const hs = [0.02, 0.01, 0.005, 0.0025];
    const errs = hs.map((h) => {
      const traj = gradientFlow(objective, theta0, { tEnd: 1, method: "gd", h, times: [0, 0.5, 1] });
      expect(traj.status).toBe("ok");
      expect(traj.times[2]).toBeCloseTo(1, 12);
      return diffNorm(traj.theta, ref.theta);
    });
    expect(Math.abs(fittedOrder(hs, errs) - 1)).toBeLessThanOrEqual(0.1);
  });

  it("reports divergence instead of throwing (anti-gradient of an unbounded objective)", () => {
    // ℒ(θ) = −θ²: the flow θ' = 2θ grows as e^{2t}; with threshold 1e3 it stops near t = ln(1e3)/2 ≈ 3.45.
    const objective = {
      dim: 1,
      valueAndGradient(theta: Float64Array, grad: Float64Array) {
        grad[0] = -2 * (theta[0] as number);
        return -((theta[0] as number) ** 2);
      },
    };
    const traj = gradientFlow(objective, Float64Array.of(1), { tEnd: 10, divergenceThreshold: 1e3 });
    expect(traj.status).toBe("diverged");
    expect(traj.t).toBeGreaterThan(3);
    expect(traj.t).toBeLessThan(3.6);
  });

  it("validates its inputs with typed errors", () => {
    const { net, objective, theta0 } = randomProblem([2, 3, 2], 1);
    expect(() => gradientFlow(objective, new Float64Array(3), { tEnd: 1 })).toThrow(ShapeError);
    expect(() => gradientFlow(objective, theta0, { tEnd: 1, method: "euler" as never })).toThrow(/method/);
    expect(() => gradientFlow(objective, theta0, { tEnd: 1, rates: [1, 2, 3] })).toThrow(ShapeError);
    expect(() => gradientFlow(objective, theta0, { tEnd: 1, rates: [1, 0] })).toThrow(DomainError);
    expect(() => gradientFlow(objective, theta0, { tEnd: 1, rates: new Float64Array(2) })).toThrow(/rates\.length/);
    expect(() =>
      gradientFlow(objective, theta0, { tEnd: 1, observers: [layerNormsObserver(net), layerNormsObserver(net)] }),
    ).toThrow(/unique/);
    expect(() => gradientFlow(objective, theta0, { tEnd: 1, method: "gd" })).toThrow(/h\/steps/);
    // Per-layer rates need a net: a bare objective has none.
    const bare = {
      dim: 2,
      valueAndGradient: (_t: Float64Array, g: Float64Array) => {
        g.fill(0);
        return 0;
      },
    };
    expect(() => gradientFlow(bare, new Float64Array(2), { tEnd: 1, rates: [1, 1] })).toThrow(/net/);
  });
});

describe("gradientDescent", () => {
  it("one step changes Q_i by exactly η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ) (γ = 0; papers/README.md; 1e-12 of the term scale)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((L) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: L + 1, maxLength: L + 1 })),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 8 }),
        (widths, s, lr16) => {
          const eta = lr16 / 16;
          const { net, objective, theta0 } = randomProblem(widths, s);
          const run = gradientDescent(objective, theta0, { lr: eta, steps: 1 });
          expect(run.status).toBe("ok");
          const g = new Float64Array(net.dim);
          objective.valueAndGradient(theta0, g);
          for (let i = 1; i < net.depth; i++) {
            // G_{i+1}ᵀG_{i+1} − G_iG_iᵀ is the imbalance of the gradient "net".
            const gq = imbalance(net, g, i);
            const predicted = imbalance(net, theta0, i).data.map((v, k) => v + eta * eta * (gq.data[k] as number));
            const scale =
              imbalanceTermScale(net, theta0, i) +
              imbalanceTermScale(net, run.theta, i) +
              eta * eta * imbalanceTermScale(net, g, i);
            expect(diffNorm(imbalance(net, run.theta, i).data, predicted) / scale).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("records every k-th iterate plus the last, with loss = ℒ(θ_k) (bitwise), per-layer rates", () => {
    const { net, objective, theta0 } = randomProblem([2, 3, 2], 2);
    const run = gradientDescent(objective, theta0, { lr: { net, perLayer: [0.05, 0.1] }, steps: 25, record: 10 });
    expect(run.status).toBe("ok");
    expect(Array.from(run.iterations)).toEqual([0, 10, 20, 25]);
    run.thetas.forEach((th, k) => {
      expect(run.loss[k]).toBe(objective.value(th));
    });
    expect(run.completed).toBe(25);
    expect(run.stats.evaluations).toBe(26);
    // Manual replay of the same updates gives the same iterate bitwise.
    const theta = theta0.slice();
    const g = new Float64Array(net.dim);
    for (let k = 0; k < 25; k++) {
      objective.valueAndGradient(theta, g);
      for (let j = 0; j < net.dim; j++)
        theta[j] = (theta[j] as number) - (j < (net.offsets[1] as number) ? 0.05 : 0.1) * (g[j] as number);
    }
    expect(Array.from(run.theta)).toEqual(Array.from(theta));
  });

  it("a too-large learning rate is reported as diverged (or non-finite), never thrown", () => {
    const net = new LinearNet([1, 1, 1]);
    const objective = new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: 1, Ey2: 1 }));
    const run = gradientDescent(objective, Float64Array.of(2, 2), { lr: 2, steps: 200, divergenceThreshold: 1e6 });
    expect(["diverged", "non-finite"]).toContain(run.status);
    expect(run.completed).toBeLessThan(200);
    expect(run.message).toBeDefined();
  });

  it("validates lr, steps and record", () => {
    const { objective, theta0 } = randomProblem([2, 2], 1);
    expect(() => gradientDescent(objective, theta0, { lr: 0, steps: 1 })).toThrow(DomainError);
    expect(() => gradientDescent(objective, theta0, { lr: 0.1, steps: 0 })).toThrow(ShapeError);
    expect(() => gradientDescent(objective, theta0, { lr: 0.1, steps: 5, record: [3, 1] })).toThrow(/record\[1\]/);
    expect(() => gradientDescent(objective, theta0, { lr: 0.1, steps: 5, record: [9] })).toThrow(/record\[0\]/);
    expect(() => gradientDescent(objective, Float64Array.of(Number.NaN, 0, 0, 0), { lr: 0.1, steps: 1 })).toThrow(
      DomainError,
    );
  });
});

/**
 * Tests of the helpers behind the Basu / Saxe / Arora claims (proofs/_shared/), each against an independent
 * route: closed forms, reduced ODEs integrated separately, and hand-computed examples.
 */
import { describe, expect, it } from "vitest";
import { aroraVelocity, factorisedVelocity, relativeGap } from "../../proofs/_shared/arora.js";
import { crossingTimes } from "../../proofs/_shared/crossing-time.js";
import { endToEndGradientAlignment, layerAlignments, scalingDerivative } from "../../proofs/_shared/layer-growth.js";
import { learningTimeEstimate } from "../../proofs/_shared/phases.js";
import { modeLearningTime } from "../../proofs/_shared/saxe-modes.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { dopri5 } from "../../src/dynamics/dopri5.js";
import { LinearNet } from "../../src/model/architecture.js";
import { initBalanced } from "../../src/model/init.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";

/** Time for the reduced balanced mode u̇ = 2cL u^{2−2/L}(s − u) to go from u₀ to u_f, by DOPRI5 on u itself. */
function reducedModeTime(L: number, s: number, u0: number, uf: number, c: number): number {
  let crossed = Number.NaN;
  let prevT = 0;
  let prevU = u0;
  dopri5(
    (_t, y, dy) => {
      const u = y[0] as number;
      dy[0] = 2 * c * L * u ** (2 - 2 / L) * (s - u);
    },
    Float64Array.of(u0),
    {
      tEnd: 1.5 * learningTimeEstimate(L, s, u0, c) + 5,
      rtol: 1e-12,
      atol: 1e-15,
      onStep: (t, y) => {
        const u = y[0] as number;
        if (Number.isNaN(crossed) && u >= uf) crossed = prevT + ((t - prevT) * (uf - prevU)) / (u - prevU);
        prevT = t;
        prevU = u;
      },
    },
  );
  return crossed;
}

describe("per-mode learning times", () => {
  it("the L = 2 estimate is the exact half-time of the reduced logistic mode (relative 1e-4: linear interpolation between DOPRI5 steps)", () => {
    for (const [s, u0, c] of [
      [1, 1e-4, 1],
      [3, 1 / 256, 0.5],
      [0.5, 1e-3, 1],
    ] as const) {
      const t = reducedModeTime(2, s, u0, s / 2, c);
      expect(Math.abs(t / learningTimeEstimate(2, s, u0, c) - 1)).toBeLessThan(1e-4);
    }
  });

  it("the L ≥ 3 blow-up estimate approaches the half-time as u₀ → 0: relative error ≤ 2(u₀/s)^{1−2/L} + 1e-5 (interpolation)", () => {
    for (const L of [3, 4, 5]) {
      for (const u0 of [1e-3, 1e-5, 1e-7]) {
        const s = 2;
        const t = reducedModeTime(L, s, u0, s / 2, 1);
        const rel = Math.abs(t / learningTimeEstimate(L, s, u0, 1) - 1);
        expect(rel).toBeLessThan(2 * (u0 / s) ** (1 - 2 / L) + 1e-5);
      }
    }
  });

  it("Saxe's learning time in lindyn's conventions equals the reduced L = 2 mode time for any u_f (relative 1e-4), c = 1 being twice as fast as c = 1/2", () => {
    for (const [s, u0, uf] of [
      [1, 1 / 64, 0.25],
      [2.5, 1 / 16, 2],
    ] as const) {
      for (const c of [1, 0.5]) {
        const t = reducedModeTime(2, s, u0, uf, c);
        expect(Math.abs(t / modeLearningTime(s, u0, uf, c, 1) - 1)).toBeLessThan(1e-4);
      }
      // Exact: the formula's dependence on c is 1/c.
      expect(modeLearningTime(s, u0, uf, 0.5, 1)).toBeCloseTo(2 * modeLearningTime(s, u0, uf, 1, 1), 14);
    }
  });
});

describe("crossingTimes", () => {
  it("locates the crossing of a flow with a closed-form solution to 1e-9 (integrator tolerance 1e-11)", () => {
    // ℒ(θ) = (θ − 1)², θ(t) = 1 − (1 − θ₀)e^{−2ηt}: θ reaches 1/2 at t = ln(2(1 − θ₀))/(2η).
    const objective = {
      dim: 1,
      valueAndGradient(theta: Float64Array, grad: Float64Array): number {
        const d = (theta[0] as number) - 1;
        grad[0] = 2 * d;
        return d * d;
      },
    };
    for (const [theta0, rate] of [
      [0, 1],
      [-3, 0.5],
    ] as const) {
      const result = crossingTimes(objective, Float64Array.of(theta0), {
        observables: [(th) => th[0] as number],
        levels: [0.5],
        tEnd: 20,
        rate,
      });
      if ("failure" in result) throw new Error(result.failure);
      expect(Math.abs((result.times[0] as number) - Math.log(2 * (1 - theta0)) / (2 * rate))).toBeLessThan(1e-9);
    }
  });

  it("reports NaN for a level that is never reached", () => {
    const objective = {
      dim: 1,
      valueAndGradient(theta: Float64Array, grad: Float64Array): number {
        grad[0] = 2 * (theta[0] as number);
        return (theta[0] as number) ** 2;
      },
    };
    const result = crossingTimes(objective, Float64Array.of(-1), {
      observables: [(th) => th[0] as number],
      levels: [1],
      tEnd: 2,
    });
    expect("times" in result && Number.isNaN(result.times[0] as number)).toBe(true);
  });
});

describe("Arora velocities", () => {
  const scalarMoments = Moments.of({ Sxx: 1.5, Syx: 0.75, Ey2: 1 });

  it("for a balanced scalar chain both sides equal −N|w|^{2−2/N}·2c(Σxx w − Σyx) (relative 1e-13)", () => {
    for (const N of [2, 3, 5]) {
      const net = new LinearNet(new Array<number>(N + 1).fill(1));
      const objective = new LinearNetObjective(net, scalarMoments, { c: 1 });
      const a = 0.8;
      const theta = net.pack(Array.from({ length: N }, () => Matrix.fromRows([[a]])));
      const w = a ** N;
      const expected = -N * Math.abs(w) ** (2 - 2 / N) * 2 * (1.5 * w - 0.75);
      const left = factorisedVelocity(objective, theta).get(0, 0);
      const right = aroraVelocity(objective, objective.endToEnd(theta)).get(0, 0);
      expect(Math.abs(left - expected)).toBeLessThan(1e-13 * Math.abs(expected));
      expect(Math.abs(right - expected)).toBeLessThan(1e-13 * Math.abs(expected));
    }
  });

  it("the unbalanced example W_1 = a, W_2 = 0: factorised Ṗ = 2cΣyx a², the formula gives 0 (exact on dyadic numbers)", () => {
    const net = new LinearNet([1, 1, 1]);
    const objective = new LinearNetObjective(net, scalarMoments, { c: 1 });
    const theta = net.pack([Matrix.fromRows([[0.5]]), Matrix.fromRows([[0]])]);
    expect(factorisedVelocity(objective, theta).get(0, 0)).toBe(2 * 0.75 * 0.25);
    expect(aroraVelocity(objective, objective.endToEnd(theta)).get(0, 0)).toBe(0);
  });

  it("at random balanced matrix states the two sides agree (relative 1e-10; the catalogue claim quantifies this)", () => {
    const net = new LinearNet([3, 4, 2, 3]);
    const moments = Moments.of({
      Sxx: [
        [2, 0.5, 0],
        [0.5, 1, 0.25],
        [0, 0.25, 1.5],
      ],
      Syx: [
        [1, -0.5, 0.25],
        [0, 0.75, -1],
        [0.5, 0.5, 0.5],
      ],
      Ey2: 10,
    });
    const objective = new LinearNetObjective(net, moments, { c: 0.5 });
    const theta = initBalanced(net, new Rng(3), 1, { singularValues: [1.25, 0.5] });
    expect(
      relativeGap(factorisedVelocity(objective, theta), aroraVelocity(objective, objective.endToEnd(theta))),
    ).toBeLessThan(1e-10);
  });
});

describe("layer alignments", () => {
  it("⟨W_i, ∂E/∂W_i⟩ equals the scaling derivative and 2c⟨P, PΣxx − Σyx⟩ in every layer (relative 1e-13)", () => {
    const net = new LinearNet([2, 3, 2]);
    const moments = Moments.of({
      Sxx: [
        [1, 0.25],
        [0.25, 2],
      ],
      Syx: [
        [0.5, -1],
        [1, 0.75],
      ],
      Ey2: 4,
    });
    const objective = new LinearNetObjective(net, moments, { c: 1, gamma: [0.125, 0.25] });
    const dataOnly = new LinearNetObjective(net, moments, { c: 1 });
    const theta = initBalanced(net, new Rng(1), 0.7, { singularValues: [1, 0.3] }).map((x, k) => x + 0.01 * k);
    const a = layerAlignments(objective, theta);
    const v = scalingDerivative(dataOnly, theta);
    const e2e = endToEndGradientAlignment(objective, theta);
    for (const ai of a.values) {
      expect(Math.abs(ai - v.derivative)).toBeLessThan(1e-13 * (a.magnitude + v.magnitude));
      expect(Math.abs(ai - e2e)).toBeLessThan(1e-13 * (a.magnitude + v.magnitude));
    }
  });
});

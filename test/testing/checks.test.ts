import { describe, expect, it } from "vitest";
import { classifyCase } from "../../src/claims/case-result.js";
import { Matrix } from "../../src/core/matrix.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { checkCloseToMatrix, checkConserved, checkFlow, checkLocalMinimum } from "../../src/testing/index.js";

describe("checkCloseToMatrix", () => {
  it("passes iff ‖A − B‖_F ≤ max(relTol·‖B‖_F, absTol), the boundary included", () => {
    // ‖B‖_F = 5 for B = [[3, 4]]; A differs by 5e-10 in one entry: relative 1e-10.
    const B = [[3, 4]];
    expect(checkCloseToMatrix([[3 + 5e-10, 4]], B, { relTol: 1e-9 }).pass).toBe(true);
    expect(checkCloseToMatrix([[3 + 5e-8, 4]], B, { relTol: 1e-9 })).toMatchObject({ pass: false });
    expect(checkCloseToMatrix([[1e-12, 0]], [[0, 0]], { absTol: 1e-11 }).pass).toBe(true);
    const r = checkCloseToMatrix([[3.5, 4]], B);
    expect(r.residual).toBe(0.5);
    expect(r.message).toMatch(/largest difference at \(0, 0\): 3\.5 vs 3/);
  });

  it("never passes non-finite entries, and throws on a shape mismatch (a usage error)", () => {
    const r = checkCloseToMatrix(Matrix.fromRows([[1]]), new Matrix(1, 1, Float64Array.of(Number.NaN)));
    expect(r.pass).toBe(false);
    expect(classifyCase(r).kind).toBe("undecided"); // NaN is not a counterexample
    expect(() => checkCloseToMatrix([[1, 2]], [[1], [2]])).toThrow(/shapes 1×2 and 2×1 differ/);
  });
});

describe("checkConserved", () => {
  const states = [Float64Array.of(3, 4), Float64Array.of(4, 3), Float64Array.of(0, 5)];
  it("holds for a conserved quantity (‖θ‖² = 25 exactly) and measures a drift exactly", () => {
    expect(checkConserved(states, (t) => (t[0] as number) ** 2 + (t[1] as number) ** 2).residual).toBe(0);
    // θ_0 itself drifts: |0 − 3| / max(3, 1) = 1 at state 2.
    const r = checkConserved(states, (t) => t[0] as number, { tolerance: 0.5 });
    expect(r).toMatchObject({ pass: false, residual: 1, tolerance: 0.5 });
    expect(r.message).toMatch(/at state 2/);
  });

  it("uses the floor for quantities near zero and reports times of trajectories", () => {
    const tiny = [Float64Array.of(0), Float64Array.of(1e-9)];
    expect(checkConserved(tiny, (t) => t, { tolerance: 1e-8 }).pass).toBe(true); // 1e-9/max(0, 1)
    const r = checkConserved({ thetas: tiny, times: [0, 2.5], status: "ok" }, (t) => t, { tolerance: 1e-10 });
    expect(r.message).toMatch(/at t = 2\.5/);
  });

  it("is inconclusive, not failed, when the integrator did not finish", () => {
    const r = checkConserved({ thetas: states, status: "max-steps", message: "100000 steps" }, (t) => t);
    expect(r.inconclusive).toBe("the trajectory ended with status max-steps (100000 steps)");
    expect(classifyCase(r)).toEqual({ kind: "undecided", reason: r.inconclusive });
  });
});

describe("checkLocalMinimum (exact Hessian of a scalar two-layer net, hand-computed eigenvalues)", () => {
  // ℒ = (w2w1)² − 2a·w2w1 + a² + γ1w1² + γ2w2² (Σxx = 1, Σyx = a, c = 1): at the origin
  // H = [[2γ1, −2a], [−2a, 2γ2]].
  const net = new LinearNet([1, 1, 1]);
  const origin = new Float64Array(2);
  const objective = (a: number, gamma: number[]) =>
    new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: a, Ey2: a * a }), { gamma });

  it("the origin is a saddle when a² > γ1γ2: H = [[1/4, −1], [−1, 1/4]] has λ_min = −3/4", () => {
    const r = checkLocalMinimum(objective(1 / 2, [1 / 8, 1 / 8]), origin);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/λ_min\(H\) = -0\.75 < 1e-8/);
  });

  it("the origin is a strict local minimum when a² < γ1γ2: H = [[2, −1], [−1, 2]], λ_min = 1", () => {
    const r = checkLocalMinimum(objective(1 / 2, [1, 1]), origin);
    expect(r).toMatchObject({ pass: true, residual: 0, tolerance: 0 });
    expect(r.message).toMatch(/‖∇ℒ‖ = 0 ≤ 1e-8, λ_min\(H\) = 1 ≥ 1e-8/);
  });

  it("a zero Hessian (L = 3 at the origin, γ = 0) meets the necessary condition but not the strict one", () => {
    const deep = new LinearNet([1, 1, 1, 1]);
    const obj = new LinearNetObjective(deep, Moments.of({ Sxx: 1, Syx: 1, Ey2: 1 }));
    expect(checkLocalMinimum(obj, new Float64Array(3)).pass).toBe(false);
    expect(checkLocalMinimum(obj, new Float64Array(3), { strict: false }).pass).toBe(true);
  });

  it("fails away from a critical point, naming the gradient", () => {
    const r = checkLocalMinimum(objective(1 / 2, [1, 1]), Float64Array.of(1, 0));
    expect(r.pass).toBe(false);
    // At (w1, w2) = (1, 0): ∂ℒ/∂w1 = 2w1w2² − 2a·w2 + 2γ1w1 = 2 and ∂ℒ/∂w2 = 2w1²w2 − 2a·w1 + 2γ2w2 = −1,
    // so ‖∇ℒ‖ = √5 ≈ 2.24 (printed to 3 digits).
    expect(r.message).toMatch(/‖∇ℒ‖ = 2\.24 > 1e-8/);
  });
});

describe("checkFlow (substitution of Saxe et al.'s closed form into the flow)", () => {
  // Scalar net [1, 1, 1], Σxx = 1, Σyx = s, c = 1/2, balanced w1 = w2 = √u:  u̇ = 2u(s − u),
  // u(t) = s / (1 + (s/u0 − 1)e^{−2st}) (arXiv 1312.6120). θ(t) = (√u(t), √u(t)).
  const s = 2;
  const u0 = 1 / 16;
  const net = new LinearNet([1, 1, 1]);
  const objective = new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: s, Ey2: s * s }), { c: 0.5 });
  const path = (rate: number) => (t: number) => {
    const u = s / (1 + (s / u0 - 1) * Math.exp(-rate * s * t));
    return Float64Array.of(Math.sqrt(u), Math.sqrt(u));
  };

  it("the correct closed form satisfies the flow to 1e-9 (5-point stencil error ~1e-12 at h = 1e-3)", () => {
    const r = checkFlow(path(2), objective, { times: [0, 0.25, 0.5, 1, 2], tolerance: 1e-9 });
    expect(r.pass).toBe(true);
  });

  it("a wrong rate in the exponent is caught with a large defect", () => {
    const r = checkFlow(path(1), objective, { times: [0.5, 1], tolerance: 1e-6 });
    expect(r.pass).toBe(false);
    expect(r.residual).toBeGreaterThan(0.1);
  });

  it("per-parameter rates scale the flow: the same path solves the flow with η = 1/2 at twice the speed", () => {
    const twice = (t: number) => path(2)(2 * t);
    expect(checkFlow(twice, objective, { times: [0.1, 0.5], rates: [2, 2], tolerance: 1e-8 }).pass).toBe(true);
    expect(() => checkFlow(twice, objective, { times: [0.1], rates: [1] })).toThrow(/rates.length = 1/);
  });
});

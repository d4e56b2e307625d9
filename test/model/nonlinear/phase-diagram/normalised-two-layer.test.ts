import { describe, expect, it } from "vitest";
import { Matrix } from "../../../../src/core/matrix.js";
import { relu } from "../../../../src/model/nonlinear/activation.js";
import { NonlinearNet } from "../../../../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../../../../src/model/nonlinear/nonlinear-objective.js";
import {
  antisymmetricNormalisedInit,
  kappasAtWidth,
  LUO_1D_DATA,
  normalisedCoordinates,
  trainNormalisedTwoLayer,
} from "../../../../src/model/nonlinear/phase-diagram/index.js";

const n = LUO_1D_DATA.x.length;
const X = new Matrix(
  n,
  2,
  Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? LUO_1D_DATA.x[k >> 1]! : 1)),
);
const Y = new Matrix(n, 1, LUO_1D_DATA.y.slice());

/** Loss of the normalised model via lindyn's generic net with α = 1/κ (β₁ = β₂ = 1): an independent forward pass. */
function genericLoss(kappa: number, a: Float64Array, w: Float64Array): number {
  const m = a.length;
  const net = new NonlinearNet([2, m, 1], { activation: relu(), alpha: 1 / kappa });
  const obj = new NonlinearObjective(net, X, Y);
  return obj.value(net.pack([new Matrix(m, 2, w), new Matrix(1, m, a)]));
}

describe("normalised two-layer engine", () => {
  it("antisymmetric pairs give f₀ ≡ 0 exactly: initial loss = (1/2n)Σy² (tolerance 0, pairs cancel bit-exactly)", () => {
    const r = trainNormalisedTwoLayer({ kappa: 0.3, kappaPrime: 2, width: 50, seed: 3, maxSteps: 0 });
    const expected = LUO_1D_DATA.y.reduce((s, v) => s + v * v, 0) / (2 * n);
    expect(r.initialLoss).toBe(expected);
    expect(r.steps).toBe(0);
  });

  it("one fixed step equals the preconditioned GD step computed from central finite differences of the generic net's loss (rel. 1e-6: FD truncation O(ε²) at ε = 1e-6 plus round-off ε⁻¹·1e-16)", () => {
    const m = 6;
    const kappa = 0.7;
    const kp = 1.8;
    const init = antisymmetricNormalisedInit(m, 11);
    // Break the pair symmetry so the gradient is generic.
    init.a[1] = init.a[1]! * 0.5;
    const h = 0.05;
    const r = trainNormalisedTwoLayer({ kappa, kappaPrime: kp, width: m, init, step: h, maxSteps: 1, lossTol: 1e-300 });
    const eps = 1e-6;
    const fd = (which: "a" | "w", k: number) => {
      const a = init.a.slice();
      const w = init.w.slice();
      const t = which === "a" ? a : w;
      t[k] = t[k]! + eps;
      const up = genericLoss(kappa, a, w);
      t[k] = t[k]! - 2 * eps;
      const down = genericLoss(kappa, a, w);
      return (up - down) / (2 * eps);
    };
    let err = 0;
    let scale = 0;
    for (let k = 0; k < m; k++) {
      const expected = init.a[k]! - (h / kp) * fd("a", k);
      err = Math.max(err, Math.abs(r.a[k]! - expected));
      scale = Math.max(scale, Math.abs(init.a[k]! - expected));
    }
    for (let k = 0; k < 2 * m; k++) {
      const expected = init.w[k]! - h * kp * fd("w", k);
      err = Math.max(err, Math.abs(r.w[k]! - expected));
      scale = Math.max(scale, Math.abs(init.w[k]! - expected));
    }
    expect(scale).toBeGreaterThan(1e-4); // the step really moves the state
    expect(err / scale).toBeLessThan(1e-6);
  });

  it("the final loss equals the generic net's loss at the final state (rel. 1e-12, round-off) and RD is sup ≥ final distance", () => {
    const m = 40;
    const { kappa, kappaPrime } = kappasAtWidth(1, 0, m);
    const r = trainNormalisedTwoLayer({ kappa, kappaPrime, width: m, seed: 5, lossTol: 1e-5 });
    expect(r.status).toBe("converged");
    expect(r.finalLoss).toBeLessThan(1e-5);
    const g = genericLoss(kappa, r.a, r.w);
    expect(Math.abs(g - r.finalLoss) / g).toBeLessThan(1e-12);
    let d = 0;
    let s = 0;
    r.w.forEach((v, k) => {
      d += (v - r.w0[k]!) ** 2;
      s += r.w0[k]! ** 2;
    });
    expect(r.rdW).toBeGreaterThanOrEqual(Math.sqrt(d / s) * (1 - 1e-14)); // 1e-14: round-off of two norms
  });

  it("adaptive steps never move ā or w̄ by more than 1 % (relative; 1e-12 slack for round-off) and the loss decreases overall", () => {
    const m = 20;
    const { kappa, kappaPrime } = kappasAtWidth(1.5, 0, m);
    const record = Array.from({ length: 51 }, (_, k) => k);
    const r = trainNormalisedTwoLayer({ kappa, kappaPrime, width: m, seed: 2, maxSteps: 50, record });
    const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    for (let k = 1; k < r.recorded.length; k++) {
      const p = r.recorded[k - 1]!;
      const q = r.recorded[k]!;
      const da = norm(q.a.map((v, i) => v - p.a[i]!)) / norm(p.a);
      const dw = norm(q.w.map((v, i) => v - p.w[i]!)) / norm(p.w);
      expect(Math.max(da, dw)).toBeLessThanOrEqual(0.01 * (1 + 1e-12));
    }
    expect(r.recorded[50]!.loss).toBeLessThan(r.recorded[0]!.loss);
  });

  it("normalisedCoordinates: κ = β₁β₂/α, κ′ = β₁/β₂ (exact for powers of two) and rejects α ≤ 0", () => {
    expect(normalisedCoordinates(8, 2, 0.5)).toEqual({ kappa: 0.125, kappaPrime: 4, timeScale: 1 });
    expect(() => normalisedCoordinates(0, 1, 1)).toThrow(/alpha/);
    expect(kappasAtWidth(0.5, 0, 16)).toEqual({ kappa: 0.25, kappaPrime: 1 });
  });

  it("rejects an odd width for the antisymmetric init", () => {
    expect(() => antisymmetricNormalisedInit(5, 1)).toThrow(/even/);
  });
});

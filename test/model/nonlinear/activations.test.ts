import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../src/model/nonlinear/_internals/erf.js";
import { builtinActivations } from "../../../src/model/nonlinear/activation.js";
import {
  ACTIVATION_CONSTANT_NAMES,
  activationConstants,
  closedFormActivationConstants,
} from "../../../src/model/nonlinear/activation-constants.js";
import {
  gaussHermiteRule,
  gaussianExpectation,
  gaussLaguerreRule,
  halfLineExpectation,
} from "../../../src/model/nonlinear/gaussian-quadrature.js";

interface Goldens {
  constants: Record<string, Record<string, number>>;
  erf: [number, number][];
  erfc: [number, number][];
}
const goldens = JSON.parse(readFileSync(new URL("../../goldens/activations.json", import.meta.url), "utf8")) as Goldens;
const activations = builtinActivations();

describe("erf / erfc (against mpmath, tools/goldens/activations.py)", () => {
  it("erf to 2e-16 absolute, erfc to 1e-12 relative (the 1 − erf route loses relative accuracy below 2.5)", () => {
    for (const [x, v] of goldens.erf) expect(Math.abs(erf(x) - v)).toBeLessThanOrEqual(2.3e-16);
    for (const [x, v] of goldens.erfc) expect(Math.abs(erfc(x) - v) / v).toBeLessThanOrEqual(1e-12);
  });
});

describe("activations", () => {
  // Central differences with h = 1e-5: truncation h²/6·|φ‴| ≤ 1e-10·max|φ‴| (≤ 5 for these), round-off
  // ε·|φ|/h ≈ 1e-11·|φ|; tolerance 1e-8·max(1, |x|) (|φ| grows at most linearly).
  it("φ′ and φ″ match central differences of φ and φ′ away from kinks (abs 1e-8·max(1, |x|))", () => {
    fc.assert(
      fc.property(fc.integer({ min: -64, max: 64 }), fc.integer({ min: 0, max: activations.length - 1 }), (k, a) => {
        const act = activations[a]!;
        const x = k / 8 + 1 / 1024; // never on the kink at 0 (distance ≥ 1e-3 > h)
        const h = 1e-5;
        const tol = 1e-8 * Math.max(1, Math.abs(x));
        expect(Math.abs((act.phi(x + h) - act.phi(x - h)) / (2 * h) - act.dphi(x))).toBeLessThanOrEqual(tol);
        expect(Math.abs((act.dphi(x + h) - act.dphi(x - h)) / (2 * h) - act.d2phi(x))).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 200 },
    );
  });

  it("ReLU and leaky ReLU take the left derivative at the kink: φ′(0) = 0 and = slope", () => {
    expect(activations[0]!.dphi(0)).toBe(0);
    expect(activations[1]!.dphi(0)).toBe(0.125);
  });

  it("evaluateInto agrees exactly with φ and φ′ pointwise", () => {
    const z = Float64Array.from({ length: 41 }, (_, k) => (k - 20) / 4);
    for (const act of activations) {
      const h = new Float64Array(z.length);
      const d = new Float64Array(z.length);
      act.evaluateInto(z, h, d);
      z.forEach((x, k) => {
        expect(h[k]).toBe(act.phi(x));
        expect(d[k]).toBe(act.dphi(x));
      });
    }
  });
});

describe("Gauss–Hermite and Gauss–Laguerre rules", () => {
  it("integrate Gaussian moments E[g^{2k}] = (2k − 1)!! exactly up to degree 2n − 1 (rel 1e-13)", () => {
    for (const n of [5, 40, 150]) {
      const { nodes, weights } = gaussHermiteRule(n);
      let dfact = 1;
      for (let k = 0; 2 * k <= Math.min(2 * n - 1, 20); k++) {
        if (k > 0) dfact *= 2 * k - 1;
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i]! * nodes[i]! ** (2 * k);
        expect(Math.abs(s - dfact) / dfact).toBeLessThan(1e-13);
      }
    }
  });

  it("Laguerre integrates r^k e^{−r} = k! (rel 1e-12: the largest nodes carry ~1e-14 weight error)", () => {
    const { nodes, weights } = gaussLaguerreRule(60);
    let fact = 1;
    for (let k = 0; k <= 10; k++) {
      if (k > 0) fact *= k;
      let s = 0;
      for (let i = 0; i < 60; i++) s += weights[i]! * nodes[i]! ** k;
      expect(Math.abs(s - fact) / fact).toBeLessThan(1e-12);
    }
  });

  it("half-line pieces add up to the whole-line expectation of a smooth function (abs 1e-13)", () => {
    const f = (x: number): number => Math.exp(0.3 * x) * Math.cos(x);
    const whole = gaussianExpectation(f);
    expect(Math.abs(halfLineExpectation(f, "left") + halfLineExpectation(f, "right") - whole)).toBeLessThan(1e-13);
    // E[g·1{g > 0}] = 1/√(2π): the odd part through Laguerre.
    expect(Math.abs(halfLineExpectation((x) => x, "right") - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-13);
  });
});

describe("activation constants (Hu et al. 2020, arXiv 2006.14599)", () => {
  it("quadrature matches the mpmath goldens for every activation and constant (abs 1e-12)", () => {
    for (const act of activations) {
      const q = activationConstants(act);
      const g = goldens.constants[act.label]!;
      for (const name of ACTIVATION_CONSTANT_NAMES) expect(Math.abs(q[name] - g[name]!)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("closed forms match the mpmath goldens (abs 1e-14) and cover what the paper quotes", () => {
    for (const act of activations) {
      const cf = closedFormActivationConstants(act);
      const g = goldens.constants[act.label]!;
      for (const name of ACTIVATION_CONSTANT_NAMES) {
        const v = cf[name];
        if (v !== undefined) expect(Math.abs(v - g[name]!)).toBeLessThanOrEqual(1e-14);
      }
    }
    // Hu et al.'s quoted values (10 digits): tanh ζ, softplus ν and E[φ″].
    expect(Math.abs(activationConstants(activations[2]!).zeta - 0.6057055096)).toBeLessThan(1e-10);
    expect(Math.abs(activationConstants(activations[4]!).nu - 0.8060591833)).toBeLessThan(1e-10);
    expect(Math.abs(activationConstants(activations[4]!).meanSecondDerivative - 0.2066209641)).toBeLessThan(1e-10);
  });

  it("Stein's route E[gφ], E[(g² − 1)φ] agrees with the derivative route for smooth activations (abs 1e-12)", () => {
    for (const act of activations.filter((a) => a.smooth)) {
      const d = activationConstants(act, { route: "derivatives" });
      const s = activationConstants(act, { route: "stein" });
      expect(Math.abs(d.zeta - s.zeta)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(d.meanSecondDerivative - s.meanSecondDerivative)).toBeLessThanOrEqual(1e-12);
    }
  });
});

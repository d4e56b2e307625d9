import { readFileSync } from "node:fs";
import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/core/eigen.js";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { LinearNet } from "../../src/model/architecture.js";
import { initFromWeights } from "../../src/model/init.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { landscape } from "../../src/symbolic/derivations/landscape.js";
import { type NoisyMinimumParams, noisyGlobalMinimum } from "../../src/symbolic/derivations/noisy-global-minimum.js";

interface GoldenNoisy {
  Sxx: number[][];
  Sxy: number[];
  Ey2: number;
  widths: number[];
  gamma: number[];
  noise: number[];
  c: 1 | 0.5;
  loss: number;
  beta: number[];
  b: number;
  noiseFactor: number;
}
const golden = JSON.parse(readFileSync(new URL("../goldens/landscape.json", import.meta.url), "utf8")) as {
  noisy_minima: GoldenNoisy[];
};
const rel = (x: number, y: number, floor = 0) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);

/** The numeric core's exact noise-averaged loss, gradient and Hessian at the derived network. */
function coreAt(p: NoisyMinimumParams, weights: readonly (readonly (readonly number[])[])[]) {
  const net = new LinearNet(p.widths);
  const Sxx = typeof p.Sxx === "number" ? p.Sxx : (p.Sxx as number[][]);
  const obj = new LinearNetObjective(net, Moments.of({ Sxx, Syx: [p.Sxy as number[]], Ey2: p.Ey2 }), {
    gamma: p.gamma,
    noise: p.noise ?? 0,
    c: p.c ?? 1,
  });
  const theta = initFromWeights(net, weights);
  const grad = new Float64Array(net.dim);
  const loss = obj.valueAndGradient(theta, grad);
  return { loss, gradNorm: Math.hypot(...grad), hessian: () => obj.hessian(theta) };
}

describe("derivation 5: noisy multi-dimensional global minimum with per-layer γ", () => {
  it(`matches the goldens (multi-start minimisation of F(β), mpmath polish; ${golden.noisy_minima.length} cases, relative 1e-10)`, () => {
    for (const g of golden.noisy_minima) {
      const m = noisyGlobalMinimum({ ...g });
      const what = `widths ${g.widths}, noise ${g.noise}, c ${g.c}`;
      expect(rel(m.loss, g.loss), what).toBeLessThanOrEqual(1e-10);
      expect(rel(m.b, g.b), what).toBeLessThanOrEqual(1e-10);
      expect(rel(m.noiseFactor, g.noiseFactor), what).toBeLessThanOrEqual(1e-15);
      const scale = Math.hypot(...g.beta);
      for (const [i, x] of m.beta.entries())
        expect(Math.abs(x - (g.beta[i] as number)) / scale, what).toBeLessThanOrEqual(1e-10);
    }
  });

  it("the built network is a critical point of the numeric core's exact noise-averaged loss: ‖∇ℒ‖ < 1e-9, ℒ equal to 1e-10", () => {
    for (const g of golden.noisy_minima) {
      const m = noisyGlobalMinimum({ ...g });
      const core = coreAt(g, m.weights);
      expect(core.gradNorm).toBeLessThan(1e-9);
      expect(rel(core.loss, m.loss)).toBeLessThanOrEqual(1e-10);
    }
  });

  it("…and a local minimum there: the core's exact Hessian has no eigenvalue below −1e-9 (rotations give zeros)", () => {
    for (const g of golden.noisy_minima.slice(0, 3)) {
      const m = noisyGlobalMinimum({ ...g });
      const lmin = symmetricEigen(coreAt(g, m.weights).hessian()).values[0] as number;
      expect(lmin).toBeGreaterThan(-1e-9);
    }
  });

  it("random settings: gradient < 1e-9 and loss to 1e-10 against the core (property over widths, γ_i, σ_i², c)", () => {
    const k8 = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((k) => k / 8);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
        fc.array(k8(-8, 8), { minLength: 3, maxLength: 3 }),
        fc.array(k8(1, 4), { minLength: 4, maxLength: 4 }),
        fc.array(k8(0, 8), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        (hidden, sxy, gAll, sAll, half) => {
          const widths = [2, ...hidden, 1];
          const L = widths.length - 1;
          const Sxx = [
            [1, 0.25],
            [0.25, 0.5],
          ];
          const p: NoisyMinimumParams = {
            Sxx,
            Sxy: sxy.slice(0, 2),
            Ey2: 3,
            widths,
            gamma: gAll.slice(0, L).map((x) => x / 4),
            noise: sAll.slice(0, L - 1),
            c: half ? 0.5 : 1,
          };
          const m = noisyGlobalMinimum(p);
          const core = coreAt(p, m.weights);
          expect(core.gradNorm).toBeLessThan(1e-9);
          expect(rel(core.loss, m.loss)).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reduces to the scalar landscape for d0 = 1 without noise (same b and loss, relative 1e-12)", () => {
    for (const L of [2, 3, 5]) {
      const widths = new Array(L + 1).fill(1);
      const m = noisyGlobalMinimum({ Sxx: 1.5, Sxy: 1.1, Ey2: 2, widths, gamma: 0.08 });
      const l = landscape({ depth: L, A: 1.5, a: 1.1, Ey2: 2, gamma: 0.08 });
      expect(rel(m.b, l.globalMinimum.b)).toBeLessThanOrEqual(1e-12);
      expect(rel(m.loss, l.globalMinimum.loss)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("the scalar equation and β_k are derived by the engine, with valid KaTeX", () => {
    const m = noisyGlobalMinimum(golden.noisy_minima[0] as GoldenNoisy);
    expect(m.formulas.scalarEquationTerm.latex).toBe(
      "\\frac{a_{k}^{2} b^{2 L - 4}}{\\left(\\kappa \\lambda_{k} b^{2 L - 2} + \\frac{\\bar{\\gamma}}{c}\\right)^{2}}",
    );
    for (const f of Object.values(m.formulas)) {
      katex.renderToString(f.equationLatex, { throwOnError: true });
      expect(f.provenance.length).toBeGreaterThan(0);
    }
    const solveStep = m.formulas.betaComponent.provenance.find((s) => s.description.startsWith("β_k from ∂F/∂β_k = 0"));
    expect(solveStep?.by).toBe("engine");
  });

  it("rejects inconsistent settings with a typed error", () => {
    const base = {
      Sxx: [
        [1, 0],
        [0, 1],
      ],
      Sxy: [0.5, 0.5],
      Ey2: 1,
      widths: [2, 3, 1],
      gamma: 0.1,
    };
    expect(() => noisyGlobalMinimum({ ...base, widths: [2, 3, 2] })).toThrow(/scalar output/);
    expect(() =>
      noisyGlobalMinimum({
        ...base,
        Sxx: [
          [1, 2],
          [2, 1],
        ],
      }),
    ).toThrow(/positive semi-definite/);
    expect(() =>
      noisyGlobalMinimum({
        ...base,
        Sxx: [
          [1, 0],
          [0, 0],
        ],
      }),
    ).toThrow(/range of Sxx/);
    expect(() => noisyGlobalMinimum({ ...base, Ey2: 0.1 })).toThrow(DomainError);
    expect(() => noisyGlobalMinimum({ ...base, Sxy: [1] })).toThrow(ShapeError);
    expect(() => noisyGlobalMinimum({ ...base, noise: [0.1, 0.2] })).toThrow(/hidden layer/);
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../../../../src/core/errors.js";
import { Matrix } from "../../../../src/core/matrix.js";
import { NonlinearNet } from "../../../../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../../../../src/model/nonlinear/nonlinear-objective.js";
import { logLogSlope } from "../../../../src/model/nonlinear/phase-diagram/regime.js";
import { layerSlopes } from "../../../../src/model/nonlinear/three-layer/layer-slopes.js";
import {
  initThreeLayer,
  type ThreeLayerState,
  trainThreeLayer,
  ZHOU_1D_DATA,
} from "../../../../src/model/nonlinear/three-layer/three-layer-relu.js";

/** Packs a three-layer state into the generic NonlinearNet([1, m, m, 1], bias) layout (output bias 0). */
function toGeneric(net: NonlinearNet, s: ThreeLayerState): Float64Array {
  const m = s.a.length;
  const theta = new Float64Array(net.dim);
  const [ow1, ow2, ow3] = net.weightOffsets as [number, number, number];
  const [ob1, ob2] = net.biasOffsets as [number, number, number];
  for (let k = 0; k < m; k++) {
    theta[ow1 + k] = s.w1[2 * k] as number;
    theta[ob1 + k] = s.w1[2 * k + 1] as number;
    theta[ow3 + k] = s.a[k] as number;
    for (let j = 0; j < m; j++) theta[ow2 + k * m + j] = s.w2[k * (m + 1) + j] as number;
    theta[ob2 + k] = s.w2[k * (m + 1) + m] as number;
  }
  return theta;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return Math.sqrt(s);
}

const X = Matrix.column(ZHOU_1D_DATA.x);
const Y = Matrix.column(ZHOU_1D_DATA.y);

describe("initThreeLayer", () => {
  it("antisymmetric pairs give f₀ ≡ 0 on the generic NonlinearNet too (|f| ≤ 1e-14: only summation-order rounding)", () => {
    const m = 16;
    const s = initThreeLayer(m, [1, 0.3, 1], 7);
    const net = new NonlinearNet([1, m, m, 1], { bias: true, alpha: 2 });
    const f = net.output(toGeneric(net, s), X);
    for (let i = 0; i < f.rows; i++) expect(Math.abs(f.get(i, 0))).toBeLessThanOrEqual(1e-14);
    const r = trainThreeLayer({ width: m, betas: [1, 0.3, 1], alpha: 2, seed: 7, maxSteps: 1 });
    // R(0) = (1/2n)Σy² exactly because f₀ is exactly 0 in the dedicated kernel (adjacent pairs cancel): 1e-15 relative
    const r0 = ZHOU_1D_DATA.y.reduce((p, y) => p + y * y, 0) / (2 * ZHOU_1D_DATA.y.length);
    expect(Math.abs(r.initialLoss - r0)).toBeLessThanOrEqual(1e-15 * r0);
  });

  it("rejects odd widths and non-positive scales", () => {
    expect(() => initThreeLayer(5, [1, 1, 1])).toThrow(DomainError);
    expect(() => initThreeLayer(4, [1, 0, 1])).toThrow(DomainError);
  });
});

describe("trainThreeLayer", () => {
  it("one step is −h·∇R with the gradient of the generic NonlinearObjective (c = ½), relative error ≤ 1e-12 (rounding only)", () => {
    for (const [m, betas, alpha, seed] of [
      [8, [1, 0.5, 1], 3, 1],
      [12, [0.7, 0.2, 1.3], 1, 2],
    ] as const) {
      const r = trainThreeLayer({ width: m, betas: [...betas] as [number, number, number], alpha, seed, maxSteps: 1 });
      expect(r.status).toBe("max-steps");
      const net = new NonlinearNet([1, m, m, 1], { bias: true, alpha });
      const obj = new NonlinearObjective(net, X, Y, { c: 0.5 });
      const t0 = toGeneric(net, r.initial);
      const t1 = toGeneric(net, r.final);
      const g = new Float64Array(net.dim);
      obj.valueAndGradient(t0, g);
      const ob3 = net.biasOffsets[2] as number;
      g[ob3] = 0; // the three-layer net has no output bias
      const d = t1.map((v, i) => v - (t0[i] as number));
      let dg = 0;
      let gg = 0;
      for (let i = 0; i < d.length; i++) {
        dg += (d[i] as number) * (g[i] as number);
        gg += (g[i] as number) ** 2;
      }
      const h = -dg / gg;
      expect(h).toBeGreaterThan(0);
      const err = norm(d.map((v, i) => v + h * (g[i] as number))) / norm(d);
      expect(err).toBeLessThanOrEqual(1e-12);
      // the final loss after one step agrees with the generic objective's value (1e-12 relative, rounding)
      expect(Math.abs(obj.value(t1) - r.finalLoss)).toBeLessThanOrEqual(1e-12 * r.finalLoss);
      // adaptive rule: no block moves by more than 1 % of its norm (plus 1e-12 rounding)
      for (const key of ["w1", "w2", "a"] as const) {
        const a0 = r.initial[key];
        const a1 = r.final[key];
        expect(norm(a1.map((v, i) => v - (a0[i] as number)))).toBeLessThanOrEqual(0.01 * norm(a0) * (1 + 1e-12));
      }
    }
  });

  it("sup_t RD ≥ the final relative distance of each layer (sup over iterates; 1e-15 rounding slack)", () => {
    const r = trainThreeLayer({ width: 10, betas: [1, 0.3, 1], alpha: 3, seed: 3, maxSteps: 200 });
    const rel = (x: Float64Array, x0: Float64Array) => norm(x.map((v, i) => v - (x0[i] as number))) / norm(x0);
    expect(r.rdW1).toBeGreaterThanOrEqual(rel(r.final.w1, r.initial.w1) - 1e-15);
    expect(r.rdW2).toBeGreaterThanOrEqual(rel(r.final.w2, r.initial.w2) - 1e-15);
    expect(r.rdA).toBeGreaterThanOrEqual(rel(r.final.a, r.initial.a) - 1e-15);
    expect(r.finalLoss).toBeLessThan(r.initialLoss);
  });

  it("trains the note's data to R < 1e-6 at a small width (loss tolerance is the stopping rule)", () => {
    const r = trainThreeLayer({ width: 16, betas: [1, 0.25, 1], alpha: 4, seed: 1, lossTol: 1e-6 });
    expect(r.status).toBe("converged");
    expect(r.finalLoss).toBeLessThan(1e-6);
  });
});

describe("layerSlopes", () => {
  it("fits the log-log slope of the runs' RD (same numbers as logLogSlope on them, exact)", () => {
    const s = layerSlopes({ p: [0, 0.5, 0], q: 0.5 }, { widths: [8, 16], seed: 2 });
    expect(s.slopeW1).toBe(
      logLogSlope(
        [8, 16],
        s.runs.map((r) => r.rdW1),
      ),
    );
    expect(s.slopeW2).toBe(
      logLogSlope(
        [8, 16],
        s.runs.map((r) => r.rdW2),
      ),
    );
  });
});

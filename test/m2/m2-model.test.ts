import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { m2Components } from "../../src/model/m2/m2-components.js";
import { m2InitFromVectors, m2InitGaussian } from "../../src/model/m2/m2-init.js";
import { M2Model } from "../../src/model/m2/m2-model.js";
import { m2CosWv, m2Observables } from "../../src/model/m2/m2-observables.js";

/** L(u, W) = ½(κ²A P² − 2κaP + E[y²]) written from scratch, P = uᵀWv: the finite-difference reference. */
function lossOf(model: M2Model, y: Float64Array): number {
  const { u, W } = model.unpackFull(y);
  const alpha = model.alphaOf(W);
  let P = 0;
  for (let i = 0; i < model.width; i++) P += (u[i] as number) * (alpha[i] as number);
  return model.lossAtP(P);
}

const settingArb = fc.record({
  width: fc.integer({ min: 1, max: 6 }),
  inputDim: fc.integer({ min: 1, max: 4 }),
  kappa: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
  etaU: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
  etaW: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
  A: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
  a: fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

describe("M2Model flows", () => {
  it("full RHS = −η·∇L by central finite differences (relative 1e-7: O(h²) truncation with h = 1e-5 plus round-off ~1e-11/h)", () => {
    fc.assert(
      fc.property(settingArb, (s) => {
        const rng = new Rng(s.seed);
        const dir = rng.fillGaussian(new Float64Array(s.inputDim));
        const model = new M2Model({ ...s, direction: dir });
        const init = m2InitGaussian(model, rng, { sigmaU: 0.7, sigmaW: 0.7 });
        const y = model.packFull(init.u, init.W);
        const dy = new Float64Array(model.fullDim);
        model.fullRhs()(0, y, dy);
        const h = 1e-5;
        let maxAbs = 0;
        let maxErr = 0;
        for (let k = 0; k < y.length; k++) {
          const yp = y.slice();
          const ym = y.slice();
          yp[k] = (yp[k] as number) + h;
          ym[k] = (ym[k] as number) - h;
          const grad = (lossOf(model, yp) - lossOf(model, ym)) / (2 * h);
          const rate = k < model.width ? model.etaU : model.etaW;
          maxErr = Math.max(maxErr, Math.abs((dy[k] as number) + rate * grad));
          maxAbs = Math.max(maxAbs, Math.abs(dy[k] as number));
        }
        expect(maxErr).toBeLessThanOrEqual(1e-7 * Math.max(maxAbs, 1));
      }),
      { numRuns: 40 },
    );
  });

  it("full RHS freezes the orthogonal parts and its α-projection equals the reduced RHS (relative 1e-14: same arithmetic up to summation order)", () => {
    fc.assert(
      fc.property(settingArb, (s) => {
        const rng = new Rng(s.seed);
        const dir = rng.fillGaussian(new Float64Array(s.inputDim));
        const model = new M2Model({ ...s, direction: dir });
        const init = m2InitGaussian(model, rng, { sigmaU: 1, sigmaW: 1 });
        const y = model.packFull(init.u, init.W);
        const dy = new Float64Array(model.fullDim);
        model.fullRhs()(0, y, dy);
        const { u: du, W: dW } = model.unpackFull(dy);
        const { alpha: dAlpha, perp: dPerp } = m2Components(model, dW);
        const alpha = model.alphaOf(init.W);
        const yr = model.packReduced(init.u, alpha);
        const dyr = new Float64Array(model.reducedDim);
        model.reducedRhs()(0, yr, dyr);
        const scale = Math.max(...Array.from(dyr, Math.abs), 1e-300);
        for (let i = 0; i < model.width; i++) {
          expect(Math.abs((du[i] as number) - (dyr[i] as number))).toBeLessThanOrEqual(1e-14 * scale);
          expect(Math.abs((dAlpha[i] as number) - (dyr[model.width + i] as number))).toBeLessThanOrEqual(1e-14 * scale);
        }
        for (const x of dPerp.data) expect(Math.abs(x)).toBeLessThanOrEqual(1e-14 * scale);
      }),
      { numRuns: 40 },
    );
  });

  it("RHS calls allocate nothing and tolerate output buffers reused across calls (the state is read before dydt is written)", () => {
    const model = new M2Model({ width: 3, inputDim: 2 });
    const init = m2InitFromVectors(
      model,
      [0.3, -0.2, 0.1],
      [
        [0.1, 0.5],
        [0.4, 0],
        [-0.3, 0.2],
      ],
    );
    const y = model.packFull(init.u, init.W);
    const rhs = model.fullRhs();
    const a = new Float64Array(model.fullDim);
    const b = new Float64Array(model.fullDim).fill(123);
    rhs(0, y, a);
    rhs(0, y, b);
    expect(Array.from(b)).toEqual(Array.from(a)); // exact: identical arithmetic
  });
});

describe("M2 initialisation and components", () => {
  it("seeded Gaussian init is bit-reproducible and differs across seeds", () => {
    const model = new M2Model({ width: 5, inputDim: 3 });
    const a = m2InitGaussian(model, new Rng(7), { sigmaU: 0.5, sigmaW: 2 });
    const b = m2InitGaussian(model, new Rng(7), { sigmaU: 0.5, sigmaW: 2 });
    const c = m2InitGaussian(model, new Rng(8), { sigmaU: 0.5, sigmaW: 2 });
    expect(Array.from(a.u)).toEqual(Array.from(b.u));
    expect(Array.from(a.W.data)).toEqual(Array.from(b.W.data));
    expect(Array.from(a.u)).not.toEqual(Array.from(c.u));
  });

  it("Gaussian init has the requested variances (d·d0 = 2e5 samples: 5 standard errors ≈ 1.6% of σ²)", () => {
    const model = new M2Model({ width: 100_000, inputDim: 2 });
    const { u, W } = m2InitGaussian(model, new Rng(3), { sigmaU: 0.5, sigmaW: 2 });
    const mean2 = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0) / x.length;
    expect(Math.abs(mean2(u) / 0.25 - 1)).toBeLessThan(5 * Math.sqrt(2 / u.length));
    expect(Math.abs(mean2(W.data) / 4 - 1)).toBeLessThan(5 * Math.sqrt(2 / W.data.length));
  });

  it("explicit init: a flat w0 means components along v (w_i = α_i v), rows mean full vectors", () => {
    const model = new M2Model({ width: 2, inputDim: 2, direction: [3, 4] });
    const flat = m2InitFromVectors(model, [1, 2], [5, -10]);
    expect(Array.from(model.alphaOf(flat.W))).toEqual([5, -10].map((x) => expect.closeTo(x, 14)));
    expect(Array.from(flat.W.data)).toEqual([3, 4, -6, -8].map((x) => expect.closeTo(x, 14)));
    const rows = m2InitFromVectors(
      model,
      [1, 2],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(Array.from(model.alphaOf(rows.W))).toEqual([0.6, 0.8].map((x) => expect.closeTo(x, 14)));
  });

  it("components: α v + W⊥B reconstructs W and the basis B of v⊥ is orthonormal (1e-14: one Householder reflection)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (d0, seed) => {
        const rng = new Rng(seed);
        const model = new M2Model({ width: 4, inputDim: d0, direction: rng.fillGaussian(new Float64Array(d0)) });
        const { W } = m2InitGaussian(model, rng, { sigmaU: 1, sigmaW: 1 });
        const { alpha, perp } = m2Components(model, W);
        // ‖w_i‖² = α_i² + ‖w_i⊥‖² (Pythagoras) checks that the perp coordinates are in an orthonormal basis of v⊥.
        for (let i = 0; i < 4; i++) {
          let n2 = 0;
          for (let j = 0; j < d0; j++) n2 += W.get(i, j) ** 2;
          let p2 = 0;
          for (let j = 0; j < d0 - 1; j++) p2 += perp.get(i, j) ** 2;
          expect(Math.abs(n2 - (alpha[i] as number) ** 2 - p2)).toBeLessThanOrEqual(1e-14 * Math.max(n2, 1));
        }
        // cos∠(w_i, v) from the components agrees with the direct one.
        const direct = m2CosWv(model, W);
        for (let i = 0; i < 4; i++) {
          let p2 = 0;
          for (let j = 0; j < d0 - 1; j++) p2 += perp.get(i, j) ** 2;
          const viaComponents = (alpha[i] as number) / Math.sqrt((alpha[i] as number) ** 2 + p2);
          expect(Math.abs(viaComponents - (direct[i] as number))).toBeLessThanOrEqual(1e-14);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("observables of a hand-computed state (exact small rationals: tolerance 1e-15)", () => {
    const model = new M2Model({ width: 2, kappa: 2, etaU: 1, etaW: 0.5, A: 1, a: 1 });
    const o = m2Observables(model, [1, 0], [1, 1]);
    expect(o.P).toBe(1);
    expect(o.f).toBe(2);
    expect(o.ntk).toBeCloseTo(4 * (1 * 2 + 0.5 * 1), 15); // κ²(η_u‖α‖² + η_w‖u‖²)
    expect(o.cosAngle).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(o.loss).toBeCloseTo(0.5 * (4 - 4 + 1), 15);
  });
});

describe("M2 input validation", () => {
  it("rejects bad options with typed errors naming the parameter", () => {
    expect(() => new M2Model({ width: 0 })).toThrow(ShapeError);
    expect(() => new M2Model({ width: 2, kappa: -1 })).toThrow(/kappa/);
    expect(() => new M2Model({ width: 2, etaW: 0 })).toThrow(DomainError);
    expect(() => new M2Model({ width: 2, inputDim: 2, direction: [0, 0] })).toThrow(/direction/);
    expect(() => new M2Model({ width: 2, A: 1, a: 2, Ey2: 1 })).toThrow(/Cauchy|a²\/A/);
    const model = new M2Model({ width: 2 });
    expect(() => m2InitFromVectors(model, [1], [1, 2])).toThrow(/u0/);
    expect(() => m2InitFromVectors(model, [1, 2], [1, Number.NaN])).toThrow(DomainError);
    expect(() => model.packFull([1, 2], new Matrix(3, 1))).toThrow(/W.shape/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/claims/format-value.js";
import { symmetricEigen } from "../../src/core/eigen.js";
import { transpose } from "../../src/core/elementwise.js";
import { matmul } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { relativeFrobeniusError } from "../../src/core/tolerance.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import {
  gammaArb,
  gridArb,
  initArb,
  layerRatesArb,
  linearSettingArb,
  lossOptionsArb,
  noiseArb,
  sampleMomentsArb,
  weightsArb,
  whitenedMomentsArb,
  widthsArb,
} from "../../src/testing/index.js";

/** The shrunk counterexample of an always-failing-somewhere property, printed readably. */
function shrunk<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => boolean): string {
  const details = fc.check(fc.property(arb, predicate), { numRuns: 200 });
  if (!details.failed) throw new Error("the property was expected to fail");
  return formatValue(details.counterexample?.[0]);
}

describe("gridArb", () => {
  it("generates k/denominator inside [min, max] and shrinks to the grid point nearest 0", () => {
    fc.assert(
      fc.property(gridArb({ denominator: 16, min: -1 / 2, max: 3 / 4 }), (x) => {
        expect(Number.isInteger(x * 16)).toBe(true);
        expect(x).toBeGreaterThanOrEqual(-1 / 2);
        expect(x).toBeLessThanOrEqual(3 / 4);
      }),
    );
    expect(shrunk(gridArb({ denominator: 8, min: 1 / 4, max: 1 }), () => false)).toBe("1/4");
    expect(shrunk(gridArb({ denominator: 8 }), (x) => x < 1 / 2)).toBe("1/2");
  });

  it("rejects a non-integer denominator and an empty range with a fix", () => {
    expect(() => gridArb({ denominator: 0.5 })).toThrow(/grid.denominator = 0.5: must be an integer ≥ 1/);
    expect(() => gridArb({ denominator: 4, min: 0.3, max: 0.4 })).toThrow(/must contain a point of the grid 1\/4/);
  });
});

describe("widthsArb", () => {
  it("respects depth and width ranges", () => {
    fc.assert(
      fc.property(widthsArb({ depth: { min: 2, max: 5 }, hidden: { min: 2, max: 3 }, input: 3, output: 1 }), (w) => {
        expect(w.length - 1).toBeGreaterThanOrEqual(2);
        expect(w.length - 1).toBeLessThanOrEqual(5);
        expect(w[0]).toBe(3);
        expect(w[w.length - 1]).toBe(1);
        for (const h of w.slice(1, -1)) expect([2, 3]).toContain(h);
      }),
    );
  });

  it("shrinks to the shallowest, narrowest net", () => {
    expect(shrunk(widthsArb(), (w) => w.length < 4)).toBe("[1, 1, 1, 1]");
    expect(() => widthsArb({ depth: { min: 3, max: 2 } })).toThrow(/depth/);
  });
});

describe("sampleMomentsArb", () => {
  it("bounds κ(Σxx) by maxConditionNumber (property; eigenvalues by the core solver, relative 1e-12 slack)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((d) => sampleMomentsArb(d, 2, { maxConditionNumber: 20 })),
        (m) => {
          const values = symmetricEigen(Matrix.fromRows(m.Sxx)).values;
          const kappa = (values[values.length - 1] as number) / (values[0] as number);
          expect(kappa).toBeLessThanOrEqual(20 * (1 + 1e-12));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("equals Moments.fromSamples plus r·I on Σxx (independent route; exact: dyadic arithmetic)", () => {
    fc.assert(
      fc.property(sampleMomentsArb(2, 1), (m) => {
        const X = /X = (\[\[.*?\]\]), Y/.exec(m.recipe)?.[1] as string;
        const Y = /Y = (\[\[.*?\]\]), input/.exec(m.recipe)?.[1] as string;
        const r = /variance (\S+)\)$/.exec(m.recipe)?.[1] as string;
        const parse = (s: string) =>
          JSON.parse(s.replace(/(-?\d+)\/(\d+)/g, (_, a, b) => String(Number(a) / Number(b))));
        const reference = Moments.fromSamples(Matrix.fromRows(parse(X)), Matrix.fromRows(parse(Y)));
        const rv = Number(r.split("/")[0]) / Number(r.split("/")[1] ?? 1);
        const Sxx = reference.Sxx.toArray().map((row, i) => row.map((v, j) => v + (i === j ? rv : 0)));
        expect(m.Sxx).toEqual(Sxx);
        expect(m.Syx).toEqual(reference.Syx.toArray());
        expect(m.Ey2).toBe(reference.Ey2);
      }),
      { numRuns: 50 },
    );
  });

  it("builds consistent moments (a genuine distribution: least-squares residual ≥ 0 within 1e-9)", () => {
    fc.assert(
      fc.property(sampleMomentsArb(3, 2), (m) => {
        expect(() => Moments.of({ Sxx: m.Sxx, Syx: m.Syx, Ey2: m.Ey2, requireConsistent: true })).not.toThrow();
        expect(m.moments.inputDim).toBe(3);
      }),
      { numRuns: 50 },
    );
  });

  it("prints its recipe and shrinks to zero samples with the smallest noise", () => {
    expect(shrunk(sampleMomentsArb(1, 1), () => false)).toBe(
      "samples(X = [[0], [0], [0], [0]], Y = [[0], [0], [0], [0]], input noise variance 1/8)",
    );
    expect(() => sampleMomentsArb(3, 1, { maxConditionNumber: 2, maxInputNoise: 1 })).toThrow(
      /maxInputNoise = 1: must be ≥ maxEntry²·d0\/\(κ − 1\) = 12/,
    );
  });
});

describe("whitenedMomentsArb", () => {
  it("has Σxx = I, Σyx on the k/4 grid and E‖y‖² ≥ ‖Σyx‖² (consistent)", () => {
    fc.assert(
      fc.property(whitenedMomentsArb(2, 3), (m) => {
        expect(m.Sxx).toEqual([
          [1, 0],
          [0, 1],
        ]);
        for (const row of m.Syx) for (const v of row) expect(Number.isInteger(v * 4)).toBe(true);
        expect(() => Moments.of({ Sxx: m.Sxx, Syx: m.Syx, Ey2: m.Ey2, requireConsistent: true })).not.toThrow();
      }),
    );
  });
});

describe("weights, initialisations and hyperparameters", () => {
  it("weightsArb has one d_i × d_{i−1} matrix per layer on the grid", () => {
    fc.assert(
      fc.property(weightsArb([3, 2, 1]), (W) => {
        expect(W.map((m) => [m.length, m[0]?.length])).toEqual([
          [2, 3],
          [1, 2],
        ]);
        for (const v of W.flat(2)) expect(Number.isInteger(v * 4) && Math.abs(v) <= 1).toBe(true);
      }),
    );
    expect(() => weightsArb([2])).toThrow(/widths/);
  });

  it("initArb reproduces θ from its recipe, prints it, and balanced inits are balanced (1e-12: round-off)", () => {
    const net = new LinearNet([2, 3, 2]);
    fc.assert(
      fc.property(initArb(), (init) => {
        expect(init.theta(net)).toEqual(init.theta(net));
        expect(formatValue(init)).toMatch(/^(gaussian|orthogonal|balanced)\(seed \d+, scale \d+(\/\d+)?\)$/);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(initArb({ kinds: ["balanced"] }), (init) => {
        const [W1, W2] = net.views(init.theta(net)) as [Matrix, Matrix];
        const left = matmul(transpose(W2), W2);
        const right = matmul(W1, transpose(W1));
        expect(relativeFrobeniusError(left, right, 1)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it("hyperparameter arbitraries have the right lengths and grids", () => {
    fc.assert(
      fc.property(lossOptionsArb(4, { noise: {}, gammaMode: "shared", c: [1, 0.5] }), (loss) => {
        expect(loss.gamma).toHaveLength(4);
        expect(new Set(loss.gamma).size).toBe(1);
        expect(loss.noise).toHaveLength(3);
        for (const v of [...loss.gamma, ...loss.noise]) expect(Number.isInteger(v * 16)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(lossOptionsArb(3, { gamma: false }), (loss) => {
        expect(loss).toEqual({ c: 1, gamma: [0, 0, 0], noise: [0, 0] });
      }),
    );
    expect(shrunk(gammaArb(), () => false)).toBe("0");
    fc.assert(
      fc.property(noiseArb(1), (n) => {
        expect(n).toEqual([]); // depth 1: no hidden layer, no noise
      }),
    );
    fc.assert(fc.property(layerRatesArb(2), (r) => r.every((x) => x >= 1 / 4 && x <= 2)));
  });
});

describe("linearSettingArb", () => {
  it("builds a valid objective and θ for every generated setting", () => {
    fc.assert(
      fc.property(linearSettingArb({ loss: { noise: {} } }), (s) => {
        const theta = s.theta();
        expect(theta).toHaveLength(s.net.dim);
        expect(Number.isFinite(s.objective.value(theta))).toBe(true);
        theta[0] = 99; // θ is a fresh copy: the setting is not mutated
        expect(s.theta()[0]).not.toBe(99);
      }),
      { numRuns: 50 },
    );
  });

  it("prints readably (integers and fractions only) and shrinks each part independently to the minimum", () => {
    // No decimal point anywhere: every number prints as an integer or a fraction.
    fc.assert(
      fc.property(linearSettingArb({ loss: { noise: {} } }), (s) => {
        expect(formatValue(s)).not.toMatch(/\d\.\d/);
      }),
    );
    expect(shrunk(linearSettingArb(), (s) => s.loss.gamma.every((g) => g < 1 / 4))).toBe(
      "{ widths [1, 1, 1], data samples(X = [[0], [0], [0], [0]], Y = [[0], [0], [0], [0]], input noise variance 1/8), γ [0, 1/4], W [[[0]], [[0]]] }",
    );
    // The last weight may shrink to 1/4 or −1/4 (both minimal in absolute value).
    expect(shrunk(linearSettingArb({ data: "whitened" }), (s) => s.weights.flat(2).every((x) => x === 0))).toMatch(
      /^\{ widths \[1, 1, 1\], data whitened\(Syx = \[\[0\]\], residual variance 0\), γ \[0, 0\], W \[\[\[0\]\], \[\[-?1\/4\]\]\] \}$/,
    );
  });
});

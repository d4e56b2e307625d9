import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frobeniusNorm } from "../../src/core/elementwise.js";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { matmul, matmulNTInto, matmulTNInto } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { LinearNet } from "../../src/model/architecture.js";
import { initBalanced, initFromWeights, initGaussian, initOrthogonal } from "../../src/model/init.js";

const widthsArb = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 6 });

function gram(W: Matrix, side: "rows" | "cols"): Matrix {
  return side === "rows"
    ? matmulNTInto(new Matrix(W.rows, W.rows), W, W) // W Wᵀ
    : matmulTNInto(new Matrix(W.cols, W.cols), W, W); // Wᵀ W
}

function diff(a: Matrix, b: Matrix): number {
  const d = a.clone();
  for (let k = 0; k < d.data.length; k++) d.data[k] = (a.data[k] as number) - (b.data[k] as number);
  return frobeniusNorm(d);
}

describe("initGaussian", () => {
  it("is reproducible from the seed (bit-identical)", () => {
    const net = new LinearNet([3, 4, 2]);
    expect(Array.from(initGaussian(net, new Rng(5), 0.3))).toEqual(Array.from(initGaussian(net, new Rng(5), 0.3)));
  });

  it("has mean 0 and variance scale² within 5 standard errors (n = 7500 entries)", () => {
    const net = new LinearNet([50, 50, 50, 50]);
    const scale = 0.7;
    const t = initGaussian(net, new Rng(11), scale);
    const n = t.length;
    let m = 0;
    for (const v of t) m += v;
    m /= n;
    let v2 = 0;
    for (const v of t) v2 += v * v;
    v2 /= n;
    // SE(mean) = scale/√n; SE of the mean of squares of N(0, s²) is s²·√(2/n).
    expect(Math.abs(m)).toBeLessThanOrEqual((5 * scale) / Math.sqrt(n));
    expect(Math.abs(v2 - scale * scale)).toBeLessThanOrEqual(5 * scale * scale * Math.sqrt(2 / n));
  });

  it("rejects a negative scale", () => {
    expect(() => initGaussian(new LinearNet([1, 1]), new Rng(1), -1)).toThrow(DomainError);
    expect(() => initGaussian(new LinearNet([1, 1]), new Rng(1), -1)).toThrow(/scale = -1: must be ≥ 0/);
  });
});

describe("initOrthogonal", () => {
  it("every layer is scale × (orthonormal columns or rows): the small Gram is scale²·I to 1e-14·scale² (QR round-off)", () => {
    fc.assert(
      fc.property(widthsArb, fc.integer({ min: 1, max: 16 }), fc.integer(), (w, s8, seed) => {
        const net = new LinearNet(w);
        const scale = s8 / 8;
        const W = net.views(initOrthogonal(net, new Rng(seed), scale));
        W.forEach((Wi) => {
          const side = Wi.rows <= Wi.cols ? "rows" : "cols";
          const G = gram(Wi, side);
          const I = Matrix.identity(G.rows);
          for (let k = 0; k < I.data.length; k++) I.data[k] = (I.data[k] as number) * scale * scale;
          expect(diff(G, I)).toBeLessThanOrEqual(1e-14 * scale * scale * G.rows);
        });
      }),
    );
  });
});

describe("initBalanced", () => {
  it("W_{i+1}ᵀW_{i+1} = W_iW_iᵀ to 1e-13·scale²·max s² for any widths (round-off of two products of frames)", () => {
    fc.assert(
      fc.property(
        widthsArb,
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 6, maxLength: 6 }),
        fc.integer(),
        (w, s8, sv8, seed) => {
          const net = new LinearNet(w);
          const r = Math.min(...w);
          const scale = s8 / 8;
          const sv = sv8.slice(0, r).map((k) => k / 8);
          const W = net.views(initBalanced(net, new Rng(seed), scale, { singularValues: sv }));
          const smax = Math.max(...sv, 1e-300);
          for (let i = 0; i + 1 < W.length; i++) {
            const lhs = gram(W[i + 1] as Matrix, "cols");
            const rhs = gram(W[i] as Matrix, "rows");
            expect(diff(lhs, rhs)).toBeLessThanOrEqual(1e-13 * scale * scale * smax * smax);
          }
        },
      ),
    );
  });

  it("every layer has singular values scale·s (power sums tr((WWᵀ)^k) = Σ(scale·s)^{2k}, 1e-12 relative)", () => {
    fc.assert(
      fc.property(widthsArb, fc.integer(), (w, seed) => {
        const net = new LinearNet(w);
        const r = Math.min(...w);
        const sv = Array.from({ length: r }, (_, k) => 1 + k / 4);
        const scale = 0.5;
        const W = net.views(initBalanced(net, new Rng(seed), scale, { singularValues: sv }));
        for (const Wi of W) {
          const G = gram(Wi, "rows");
          let P = Matrix.identity(G.rows);
          for (let k = 1; k <= 3; k++) {
            P = matmul(P, G);
            let tr = 0;
            for (let a = 0; a < G.rows; a++) tr += P.get(a, a);
            const want = sv.reduce((acc, s) => acc + (scale * s) ** (2 * k), 0);
            expect(Math.abs(tr - want)).toBeLessThanOrEqual(1e-12 * want);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('frames: "identity" gives W_i = scale·diag(s) padded with zeros (exact)', () => {
    const net = new LinearNet([3, 2, 4]);
    const W = net.views(initBalanced(net, new Rng(1), 2, { singularValues: [1, 0.5], frames: "identity" }));
    expect(W[0]?.toArray()).toEqual([
      [2, 0, 0],
      [0, 1, 0],
    ]);
    expect(W[1]?.toArray()).toEqual([
      [2, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
  });

  it("rejects a wrong number of singular values or negative ones", () => {
    const net = new LinearNet([3, 2, 4]);
    expect(() => initBalanced(net, new Rng(1), 1, { singularValues: [1] })).toThrow(ShapeError);
    expect(() => initBalanced(net, new Rng(1), 1, { singularValues: [1] })).toThrow(
      /singularValues = \[1\]: must have r = min\(widths\) = 2 entries/,
    );
    expect(() => initBalanced(net, new Rng(1), 1, { singularValues: [1, -2] })).toThrow(
      /singularValues\[1\] = -2: must be ≥ 0/,
    );
  });
});

describe("initFromWeights", () => {
  it("packs matrices or nested arrays in layer order (exact)", () => {
    const net = new LinearNet([2, 1, 2]);
    const t = initFromWeights(net, [[[1, 2]], Matrix.fromRows([[3], [4]])]);
    expect(Array.from(t)).toEqual([1, 2, 3, 4]);
  });

  it("names the layer and expected shape on a mismatch, and the entry on NaN", () => {
    const net = new LinearNet([2, 1, 2]);
    expect(() =>
      initFromWeights(net, [
        [[1], [2]],
        [[3], [4]],
      ]),
    ).toThrow(/weights\[0\] \(W_1\) shape = "2×1": must be 1×2 = widths\[1\]×widths\[0\]/);
    expect(() => initFromWeights(net, [[[1, Number.NaN]], [[3], [4]]])).toThrow(DomainError);
    expect(() => initFromWeights(net, [[[1, Number.NaN]], [[3], [4]]])).toThrow(
      /weights\[0\]\[0\]\[1\] = NaN: must be a finite number/,
    );
    expect(() => initFromWeights(net, [[[1, 2]]])).toThrow(/weights.length = 1: must equal the depth L = 2/);
  });
});

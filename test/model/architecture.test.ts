import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { LinearNet } from "../../src/model/architecture.js";

const widthsArb = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 6 });

describe("LinearNet widths validation", () => {
  it.each([
    [[3, 4, 0], "widths[2] = 0: must be an integer ≥ 1."],
    [[3, 2.5, 1], "widths[1] = 2.5: must be an integer ≥ 1."],
    [[-1, 2], "widths[0] = -1: must be an integer ≥ 1."],
    [[3, Number.NaN], "widths[1] = NaN: must be an integer ≥ 1."],
  ])("rejects %j with a ShapeError naming the entry, value and requirement", (widths, start) => {
    expect(() => new LinearNet(widths)).toThrow(ShapeError);
    expect(() => new LinearNet(widths)).toThrow(start);
    // …and the fix.
    expect(() => new LinearNet(widths)).toThrow(/width ≥ 1/);
  });

  it("rejects fewer than two widths and non-arrays, saying what to pass", () => {
    expect(() => new LinearNet([3])).toThrow(ShapeError);
    expect(() => new LinearNet([3])).toThrow(/widths = \[3\]: must have at least 2 entries.*Pass \[d0, dL\]/);
    expect(() => new LinearNet("3,4" as unknown as number[])).toThrow(/widths = "3,4": must be an array/);
  });

  it("rejects non-integer widths anywhere (property)", () => {
    fc.assert(
      fc.property(widthsArb, fc.nat(), fc.double({ min: 0.01, max: 5.99, noInteger: true }), (w, k, bad) => {
        const i = k % w.length;
        const widths = [...w];
        widths[i] = bad;
        expect(() => new LinearNet(widths)).toThrow(`widths[${i}] = ${bad}: must be an integer ≥ 1.`);
      }),
    );
  });
});

describe("LinearNet parameter layout", () => {
  it("dim is Σ d_i·d_{i−1} and offsets are the running sums (exact integer arithmetic)", () => {
    fc.assert(
      fc.property(widthsArb, (w) => {
        const net = new LinearNet(w);
        expect(net.depth).toBe(w.length - 1);
        let total = 0;
        for (let i = 0; i < net.depth; i++) {
          expect(net.offsets[i]).toBe(total);
          total += (w[i] as number) * (w[i + 1] as number);
        }
        expect(net.dim).toBe(total);
      }),
    );
  });

  it("copies and freezes the widths", () => {
    const w = [2, 3, 1];
    const net = new LinearNet(w);
    w[0] = 99;
    expect(net.widths).toEqual([2, 3, 1]);
    expect(Object.isFrozen(net.widths)).toBe(true);
  });

  it("views are zero-copy row-major windows: entry (r, c) of W_{i+1} is θ[offsets[i] + r·d_i + c] (exact)", () => {
    fc.assert(
      fc.property(widthsArb, (w) => {
        const net = new LinearNet(w);
        const theta = Float64Array.from({ length: net.dim }, (_, k) => k);
        const views = net.views(theta);
        expect(views.length).toBe(net.depth);
        views.forEach((V, i) => {
          expect([V.rows, V.cols]).toEqual([w[i + 1], w[i]]);
          for (let r = 0; r < V.rows; r++)
            for (let c = 0; c < V.cols; c++) expect(V.get(r, c)).toBe((net.offsets[i] as number) + r * V.cols + c);
          expect(V.data.buffer).toBe(theta.buffer);
        });
        // Writing through a view writes θ.
        (views[net.depth - 1] as Matrix).set(0, 0, -1);
        expect(theta[net.offsets[net.depth - 1] as number]).toBe(-1);
      }),
    );
  });

  it("pack inverts views exactly (property)", () => {
    fc.assert(
      fc.property(
        widthsArb.chain((w) =>
          fc.tuple(
            fc.constant(w),
            fc.array(fc.integer({ min: -64, max: 64 }), {
              minLength: new LinearNet(w).dim,
              maxLength: new LinearNet(w).dim,
            }),
          ),
        ),
        ([w, ints]) => {
          const net = new LinearNet(w);
          const theta = Float64Array.from(ints, (k) => k / 8);
          expect(Array.from(net.pack(net.views(theta)))).toEqual(Array.from(theta));
        },
      ),
    );
  });

  it("views rejects a θ of the wrong length, naming the expected dim", () => {
    const net = new LinearNet([2, 3, 1]);
    expect(() => net.views(new Float64Array(5))).toThrow(ShapeError);
    expect(() => net.views(new Float64Array(5))).toThrow(/theta.length = 5: must be a Float64Array of length dim = 9/);
  });

  it("pack rejects a wrong count, a wrong shape (naming layer and expected shape) and non-finite entries", () => {
    const net = new LinearNet([2, 3, 1]);
    expect(() => net.pack([Matrix.zeros(3, 2)])).toThrow(/weights.length = 1: must equal the depth L = 2/);
    expect(() => net.pack([Matrix.zeros(2, 3), Matrix.zeros(1, 3)])).toThrow(ShapeError);
    expect(() => net.pack([Matrix.zeros(2, 3), Matrix.zeros(1, 3)])).toThrow(
      /weights\[0\] \(W_1\) shape = "2×3": must be 3×2 = widths\[1\]×widths\[0\]\. .*transposed/,
    );
    const bad = Matrix.zeros(1, 3);
    bad.set(0, 2, Number.POSITIVE_INFINITY);
    expect(() => net.pack([Matrix.zeros(3, 2), bad])).toThrow(DomainError);
    expect(() => net.pack([Matrix.zeros(3, 2), bad])).toThrow(
      /weights\[1\] \(W_2\)\[0\]\[2\] = Infinity: must be finite/,
    );
  });
});

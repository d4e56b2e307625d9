import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../../../src/core/errors.js";
import {
  clusteredMassFraction,
  firstLayerCondensation,
} from "../../../../src/model/nonlinear/three-layer/condensation.js";

const deg = Math.PI / 180;

describe("clusteredMassFraction", () => {
  it("is 1 when all neurons share one orientation (exact)", () => {
    const angles = new Float64Array(20).fill(0.3);
    expect(clusteredMassFraction(angles, new Float64Array(20).fill(1), { clusters: 1 })).toBe(1);
  });

  it("a uniform grid of 360 equal weights: K = 8 windows of ±4.5° hold 9 points each → 72/360 (1e-12, rounding)", () => {
    const angles = Float64Array.from({ length: 360 }, (_, i) => (i + 0.5) * deg - Math.PI);
    const f = clusteredMassFraction(angles, new Float64Array(360).fill(1), { clusters: 8, epsilon: 4.5 * deg });
    expect(Math.abs(f - 0.2)).toBeLessThanOrEqual(1e-12);
  });

  it("clusters wrap around ±π and count weights, not neurons (exact ratios of small integers)", () => {
    const angles = Float64Array.from([Math.PI - 0.01, -Math.PI + 0.01, 0, 1.5]);
    const weights = Float64Array.from([1, 1, 3, 1]);
    expect(clusteredMassFraction(angles, weights, { clusters: 1, epsilon: 0.05 })).toBe(3 / 6);
    expect(clusteredMassFraction(angles, weights, { clusters: 2, epsilon: 0.05 })).toBe(5 / 6);
    expect(clusteredMassFraction(angles, weights, { clusters: 3, epsilon: 0.05 })).toBe(1);
  });

  it("is invariant under a common positive scale of the weights and lies in (0, 1] (1e-12 relative)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -314, max: 314 }), fc.integer({ min: 1, max: 100 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 1000 }),
        (pairs, scale) => {
          const angles = Float64Array.from(pairs.map(([a]) => a / 100));
          const w = Float64Array.from(pairs.map(([, b]) => b));
          const f = clusteredMassFraction(angles, w, { clusters: 3 });
          const g = clusteredMassFraction(
            angles,
            w.map((v) => v * scale),
            { clusters: 3 },
          );
          return f > 0 && f <= 1 + 1e-15 && Math.abs(f - g) <= 1e-12 * f;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rejects mismatched lengths, negative and all-zero weights", () => {
    expect(() => clusteredMassFraction(new Float64Array(2), new Float64Array(3))).toThrow(DomainError);
    expect(() => clusteredMassFraction(new Float64Array(2), Float64Array.from([1, -1]))).toThrow(DomainError);
    expect(() => clusteredMassFraction(new Float64Array(2), new Float64Array(2))).toThrow(DomainError);
  });
});

describe("firstLayerCondensation", () => {
  it("weights a neuron by ‖(w, b)‖·‖W²_{:,k}‖: a neuron with a zero outgoing column does not count (exact)", () => {
    // m = 2: neuron 0 points at 0 rad, neuron 1 at π/2 but its outgoing column is zero
    const state = {
      w1: Float64Array.from([1, 0, 0, 5]),
      w2: Float64Array.from([2, 0, 0.3, 1, 0, 0.1]),
      a: Float64Array.from([1, -1]),
    };
    expect(firstLayerCondensation(state, { clusters: 1 })).toBe(1);
    const both = { ...state, w2: Float64Array.from([1, 1, 0, 0, 0, 0]) };
    // importances 1·1 and 5·1 → one cluster holds 5/6
    expect(Math.abs(firstLayerCondensation(both, { clusters: 1 }) - 5 / 6)).toBeLessThanOrEqual(1e-15);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/core/matrix.js";
import { nearlyEqual, relativeDifference, relativeFrobeniusError } from "../../src/core/tolerance.js";

describe("nearlyEqual", () => {
  it("is false whenever either side is NaN, even against itself", () => {
    expect(nearlyEqual(Number.NaN, Number.NaN)).toBe(false);
    expect(nearlyEqual(Number.NaN, 1, 1, 1)).toBe(false);
  });

  it("accepts differences within the relative tolerance and rejects those just outside", () => {
    // 1 + 1e-13 differs from 1 by ~1e-13 relative, inside 1e-12; 1 + 1e-11 is outside.
    expect(nearlyEqual(1, 1 + 1e-13, 1e-12)).toBe(true);
    expect(nearlyEqual(1, 1 + 1e-11, 1e-12)).toBe(false);
  });

  it("uses the absolute floor near zero", () => {
    expect(nearlyEqual(0, 1e-15, 1e-12)).toBe(false);
    expect(nearlyEqual(0, 1e-15, 1e-12, 1e-14)).toBe(true);
  });

  it("is symmetric in its arguments (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(nearlyEqual(a, b, 1e-9)).toBe(nearlyEqual(b, a, 1e-9));
      }),
    );
  });
});

describe("relative errors", () => {
  it("relativeDifference is NaN when an input is NaN, so it can never pass a ≤ test", () => {
    expect(relativeDifference(Number.NaN, 1) <= 1).toBe(false);
  });

  it("relativeFrobeniusError matches a hand computation and is NaN on non-finite entries", () => {
    const a = Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]);
    const b = Matrix.fromRows([
      [1, 2],
      [3, 5],
    ]);
    // ‖a − b‖ = 1, ‖b‖ = √(1 + 4 + 9 + 25) = √39.
    expect(relativeFrobeniusError(a, b)).toBeCloseTo(1 / Math.sqrt(39), 15);
    const c = a.clone();
    c.set(0, 0, Number.POSITIVE_INFINITY);
    expect(relativeFrobeniusError(c, b)).toBeNaN();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, formatResidual, formatValue } from "../../src/claims/format-value.js";
import { Matrix } from "../../src/core/matrix.js";

describe("formatNumber", () => {
  it("prints integers, small dyadic fractions and special values literally", () => {
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(-0.375)).toBe("-3/8");
    expect(formatNumber(0.5)).toBe("1/2");
    expect(formatNumber(1 / 64)).toBe("1/64");
    expect(formatNumber(-0)).toBe("-0");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
  });

  it("prints other numbers as the shortest round-trip decimal", () => {
    expect(formatNumber(0.1)).toBe("0.1");
    expect(formatNumber(1 / 128)).toBe("0.0078125"); // denominator above the default 64
    expect(formatNumber(1 / 3)).toBe(String(1 / 3));
  });

  it("reads back exactly for every finite double (property; exact equality, no tolerance)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatNumber(x);
        const [num, den] = text.split("/");
        const back = den === undefined ? Number(num) : Number(num) / Number(den);
        expect(Object.is(back, x)).toBe(true);
      }),
    );
  });
});

describe("formatValue", () => {
  it("prints nested arrays, matrices, typed arrays and plain objects readably", () => {
    expect(
      formatValue([
        [1, 0.25],
        [-2, 0.1],
      ]),
    ).toBe("[[1, 1/4], [-2, 0.1]]");
    expect(
      formatValue(
        Matrix.fromRows([
          [0.5, 0],
          [0, 2],
        ]),
      ),
    ).toBe("[[1/2, 0], [0, 2]]");
    expect(formatValue(Float64Array.of(0.125, 3))).toBe("[1/8, 3]");
    expect(formatValue({ widths: [2, 1], gamma: 0.0625, "odd key": true })).toBe(
      '{ widths: [2, 1], gamma: 1/16, "odd key": true }',
    );
  });

  it("uses fast-check's toStringMethod when a value defines one (arbitraries print their recipe)", () => {
    const value = { data: [1, 2], [fc.toStringMethod]: () => "recipe(1, 2)" };
    expect(formatValue({ case: value })).toBe("{ case: recipe(1, 2) }");
  });

  it("abbreviates long arrays and survives cycles", () => {
    expect(formatValue([1, 2, 3], { maxItems: 2 })).toBe("[1, 2, … (3 entries)]");
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe("{ self: [circular] }");
  });
});

describe("formatResidual", () => {
  it("prints three significant digits, exponent form for small and large magnitudes", () => {
    expect(formatResidual(3.2e-12)).toBe("3.2e-12");
    expect(formatResidual(0.123456)).toBe("0.123");
    expect(formatResidual(12345)).toBe("1.2e4");
    expect(formatResidual(null)).toBe("–");
    expect(formatResidual(Number.NaN)).toBe("NaN");
  });
});

import { describe, expect, it } from "vitest";
import {
  bandExcess,
  logLogSlope,
  predictedRegime,
  regimeScore,
  regimesOfSlope,
} from "../../../../src/model/nonlinear/phase-diagram/regime.js";

describe("two-layer regime score and bands", () => {
  it("S = γ − 1 − max(γ′, 0) gives the note's regimes of the common schemes (exact arithmetic on dyadic grids)", () => {
    // NTK (½, 0) linear, mean-field (1, 0) critical, LeCun (½, ½) linear, N(0, m⁻⁴) (4, 0) condensed.
    expect(predictedRegime(regimeScore(0.5, 0))).toBe("linear");
    expect(predictedRegime(regimeScore(1, 0))).toBe("critical");
    expect(predictedRegime(regimeScore(0.5, 0.5))).toBe("linear");
    expect(predictedRegime(regimeScore(4, 0))).toBe("condensed");
    expect(regimeScore(1.5, 0.5)).toBe(0);
    expect(regimeScore(1.5, 0.75)).toBe(-0.25);
    // γ′ < 0 does not enter: S = γ − 1.
    expect(regimeScore(1.5, -2)).toBe(0.5);
  });

  it("agrees with the region statements 'linear iff γ < 1 or γ′ > γ − 1, condensed iff γ > 1 and γ′ < γ − 1' on a k/8 grid (an independent route)", () => {
    for (let i = 0; i <= 24; i++) {
      for (let j = -8; j <= 16; j++) {
        const g = i / 8;
        const gp = j / 8;
        const region = g < 1 || gp > g - 1 ? "linear" : g > 1 && gp < g - 1 ? "condensed" : "critical";
        expect(predictedRegime(regimeScore(g, gp))).toBe(region);
      }
    }
  });

  it("bands: excess outside the band, 0 inside; overlapping bands list both regimes", () => {
    expect(bandExcess("linear", -0.5)).toBe(0);
    expect(bandExcess("linear", -0.1)).toBeCloseTo(0.1, 15); // 1e-15: one subtraction
    expect(bandExcess("condensed", 0.27)).toBe(0);
    expect(bandExcess("condensed", -0.49)).toBeCloseTo(0.54, 15);
    expect(bandExcess("critical", 0.1)).toBe(0);
    expect(regimesOfSlope(0.1)).toEqual(["critical", "condensed"]);
    expect(regimesOfSlope(-0.1)).toEqual(["critical"]);
    expect(regimesOfSlope(-0.17)).toEqual([]); // between the linear and critical bands
    expect(regimesOfSlope(-0.3)).toEqual(["linear"]);
  });

  it("logLogSlope recovers the exponent of an exact power law (tolerance 1e-12, round-off of logs)", () => {
    const xs = [250, 500, 1000, 2000, 4000];
    expect(
      Math.abs(
        logLogSlope(
          xs,
          xs.map((m) => 3 * m ** -0.55),
        ) + 0.55,
      ),
    ).toBeLessThan(1e-12);
    expect(() => logLogSlope([1, 1], [1, 2])).toThrow();
    expect(() => logLogSlope([1, 2], [1, 0])).toThrow();
  });
});

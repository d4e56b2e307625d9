import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import type { OdeRhs } from "../../src/dynamics/integration-result.js";
import { rk4 } from "../../src/dynamics/rk4.js";
import { fittedOrder, maxRelativeError } from "./_helpers.js";

const oscillator: OdeRhs = (_t, y, d) => {
  d[0] = y[1] as number;
  d[1] = -(y[0] as number);
};
const nonlinear: OdeRhs = (t, y, d) => {
  d[0] = -2 * t * (y[0] as number) ** 2; // y = 1/(1 + t²)
};

describe("rk4 order of accuracy", () => {
  it("harmonic oscillator, error at t = 4: slope 4 ± 0.2 against h", () => {
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const res = rk4(oscillator, Float64Array.of(1, 0), { tEnd: 4, h });
      expect(res.status).toBe("ok");
      expect(res.stats.accepted).toBe(Math.round(4 / h));
      expect(res.stats.evaluations).toBe(4 * res.stats.accepted + 1);
      return maxRelativeError(res.y, [Math.cos(4), -Math.sin(4)], 1);
    });
    expect(Math.abs(fittedOrder(hs, errs) - 4)).toBeLessThanOrEqual(0.2);
  });

  it("nonlinear y' = −2ty², error at t = 2 with `steps`: slope 4 ± 0.2", () => {
    const steps = [20, 40, 80, 160];
    const errs = steps.map((n) =>
      Math.abs((rk4(nonlinear, Float64Array.of(1), { tEnd: 2, steps: n }).y[0] as number) - 0.2),
    );
    expect(
      Math.abs(
        fittedOrder(
          steps.map((n) => 2 / n),
          errs,
        ) - 4,
      ),
    ).toBeLessThanOrEqual(0.2);
  });

  it("Hermite output at off-grid times converges with slope 4 ± 0.2 (cubic Hermite local error O(h⁴))", () => {
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const times = Array.from({ length: 37 }, (_, k) => (2 * (k + 0.31)) / 37);
      const res = rk4(nonlinear, Float64Array.of(1), { tEnd: 2, h, times, output: "hermite" });
      // The Hermite grid does not depend on the output times.
      expect(res.stats.accepted).toBe(Math.round(2 / h));
      return Math.max(...times.map((t, k) => Math.abs((res.states[k]?.[0] as number) - 1 / (1 + t * t))));
    });
    expect(Math.abs(fittedOrder(hs, errs) - 4)).toBeLessThanOrEqual(0.2);
  });

  it("step output lands on every output time: the outputs carry the RK4 accuracy (≤ 1e-7 at h = 0.01)", () => {
    const times = [0.123, 0.5, 1.777, 2];
    const res = rk4(nonlinear, Float64Array.of(1), { tEnd: 2, h: 0.01, times });
    // Error constant ~1e-10·(h/0.01)⁴ here; 1e-7 is a loose, order-of-magnitude bound.
    times.forEach((t, k) => {
      expect(Math.abs((res.states[k]?.[0] as number) - 1 / (1 + t * t))).toBeLessThan(1e-7);
    });
    expect(res.times.length).toBe(4);
  });
});

describe("rk4 statuses and validation", () => {
  it("y' = y² past t = 1 with h = 0.01: diverged or non-finite, never ok", () => {
    const res = rk4(
      (_t, y, d) => {
        d[0] = (y[0] as number) ** 2;
      },
      Float64Array.of(1),
      { tEnd: 2, h: 0.01, divergenceThreshold: 1e8 },
    );
    expect(["diverged", "non-finite"]).toContain(res.status);
    expect(res.message).toBeDefined();
  });
  it("a NaN right-hand side gives non-finite", () => {
    const res = rk4((_t, _y, d) => d.fill(Number.NaN), Float64Array.of(1), { tEnd: 1, steps: 10 });
    expect(res.status).toBe("non-finite");
  });
  it("requires exactly one of h and steps", () => {
    expect(() => rk4(oscillator, Float64Array.of(1, 0), { tEnd: 1 })).toThrow(DomainError);
    expect(() => rk4(oscillator, Float64Array.of(1, 0), { tEnd: 1, h: 0.1, steps: 10 })).toThrow(/h\/steps/);
  });
  it("rejects unsorted times and tEnd < t0", () => {
    expect(() => rk4(oscillator, Float64Array.of(1, 0), { tEnd: 1, h: 0.1, times: [0.6, 0.3] })).toThrow(/times\[1\]/);
    expect(() => rk4(oscillator, Float64Array.of(1, 0), { t0: 2, tEnd: 1, h: 0.1 })).toThrow(/tEnd/);
  });
});

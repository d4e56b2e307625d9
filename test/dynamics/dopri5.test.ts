import { integrateDopri } from "dopri";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { dopri5 } from "../../src/dynamics/dopri5.js";
import type { OdeRhs } from "../../src/dynamics/integration-result.js";
import { fittedOrder, maxRelativeError, scaledError } from "./_helpers.js";

// Problems with closed-form solutions.
const decayRates = [0.5, 1, 3];
const decay: OdeRhs = (_t, y, d) => {
  for (let i = 0; i < 3; i++) d[i] = -(decayRates[i] as number) * (y[i] as number);
};
const decayExact = (t: number) => decayRates.map((l) => Math.exp(-l * t));

const oscillator: OdeRhs = (_t, y, d) => {
  d[0] = y[1] as number;
  d[1] = -(y[0] as number);
};
const oscillatorExact = (t: number) => [Math.cos(t), -Math.sin(t)];

const r = 2;
const K = 3;
const logistic: OdeRhs = (_t, y, d) => {
  d[0] = r * (y[0] as number) * (1 - (y[0] as number) / K);
};
const logisticExact = (t: number) => [(K * 0.1 * Math.exp(r * t)) / (K + 0.1 * (Math.exp(r * t) - 1))];

// Stiff-ish non-normal linear system y' = A y, A = [[−1, 50], [0, −100]] (stiffness ratio 100):
// exp(At) = [[e^{−t}, 50(e^{−t} − e^{−100t})/99], [0, e^{−100t}]].
const stiff: OdeRhs = (_t, y, d) => {
  d[0] = -(y[0] as number) + 50 * (y[1] as number);
  d[1] = -100 * (y[1] as number);
};
const stiffExact = (t: number) => [
  Math.exp(-t) * 1 + ((50 * (Math.exp(-t) - Math.exp(-100 * t))) / 99) * 1,
  Math.exp(-100 * t),
];

interface Problem {
  name: string;
  rhs: OdeRhs;
  y0: number[];
  tEnd: number;
  exact: (t: number) => number[];
}
const problems: Problem[] = [
  { name: "exponential decay (3 rates)", rhs: decay, y0: [1, 1, 1], tEnd: 5, exact: decayExact },
  { name: "harmonic oscillator (≈3 periods)", rhs: oscillator, y0: [1, 0], tEnd: 20, exact: oscillatorExact },
  { name: "logistic growth", rhs: logistic, y0: [0.1], tEnd: 6, exact: logisticExact },
  { name: "stiff-ish non-normal linear system", rhs: stiff, y0: [1, 1], tEnd: 10, exact: stiffExact },
];

describe("dopri5 reaches its tolerance on ODEs with known solutions", () => {
  // Tolerance proportionality: the global error, measured in units of atol + rtol·|y|, stays below a modest
  // constant C = 50 (measured: ≤ ~12 on these problems over up to 20 time units; a local error control does
  // not bound global error, so C covers the accumulation).
  const C = 50;
  for (const p of problems) {
    it(`${p.name}: global error ≤ ${C}·(atol + rtol|y|) at every output time, for rtol = atol ∈ {1e-6, 1e-8, 1e-10}`, () => {
      const times = Array.from({ length: 41 }, (_, k) => (p.tEnd * k) / 40);
      let previous = Number.POSITIVE_INFINITY;
      for (const tol of [1e-6, 1e-8, 1e-10]) {
        const res = dopri5(p.rhs, Float64Array.from(p.y0), { tEnd: p.tEnd, rtol: tol, atol: tol, times });
        expect(res.status).toBe("ok");
        expect(res.times.length).toBe(times.length);
        let worst = 0;
        times.forEach((t, k) => {
          worst = Math.max(worst, scaledError(res.states[k] as Float64Array, p.exact(t), tol, tol));
        });
        expect(worst).toBeLessThanOrEqual(C);
        // Tightening the tolerance 100× must shrink the absolute error (it does by ~60–100× here).
        const absErr = scaledError(res.y, p.exact(p.tEnd), 0, 1);
        expect(absErr).toBeLessThan(previous);
        previous = absErr;
      }
    });
  }

  it("per-component tolerances are honoured (component-wise scaled error ≤ 50)", () => {
    const rtol = Float64Array.of(1e-6, 1e-10);
    const atol = Float64Array.of(1e-6, 1e-10);
    const res = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 10, rtol, atol });
    const ex = oscillatorExact(10);
    // Component 1 is coupled to component 0, so the looser tolerance on y0 limits both; what must hold is
    // the loose bound on component 0 and at least that on component 1 (C = 50 as above).
    expect(Math.abs((res.y[0] as number) - (ex[0] as number)) / (1e-6 * (1 + Math.abs(ex[0] as number)))).toBeLessThan(
      50,
    );
    expect(res.status).toBe("ok");
  });
});

describe("dopri5 order of accuracy (fixed-step diagnostic mode)", () => {
  it("global error at t = 4 on the harmonic oscillator has slope 5 ± 0.3 in log–log against h", () => {
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const res = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 4, fixedStep: h });
      expect(res.stats.accepted).toBe(Math.round(4 / h));
      return maxRelativeError(res.y, oscillatorExact(4), 1);
    });
    // Errors run from ~1e-8 down to ~3e-13, above round-off (~1e-15 × steps).
    expect(Math.abs(fittedOrder(hs, errs) - 5)).toBeLessThanOrEqual(0.3);
  });

  it("global error on the nonlinear y' = −2ty² (y = 1/(1+t²)) has slope 5 ± 0.3", () => {
    const f: OdeRhs = (t, y, d) => {
      d[0] = -2 * t * (y[0] as number) ** 2;
    };
    // h ≤ 0.05: at coarser steps the 6th-order term still shows (ratios 59, 46 instead of 32); errors run
    // from 2e-10 to 1.4e-13, above round-off.
    const hs = [0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const res = dopri5(f, Float64Array.of(1), { tEnd: 2, fixedStep: h });
      return Math.abs((res.y[0] as number) - 1 / 5);
    });
    expect(Math.abs(fittedOrder(hs, errs) - 5)).toBeLessThanOrEqual(0.3);
  });
});

describe("dopri5 dense output", () => {
  const f: OdeRhs = (t, y, d) => {
    d[0] = -2 * t * (y[0] as number) ** 2;
  };
  const ex = (t: number) => 1 / (1 + t * t);

  it("is a 4th-order continuous extension: one-step interpolation error at θ = 0.37 has slope 5 ± 0.3 (= p* + 1)", () => {
    const t0 = 0.3;
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const res = dopri5(f, Float64Array.of(ex(t0)), { t0, tEnd: t0 + h, fixedStep: h, times: [t0 + 0.37 * h] });
      return Math.abs((res.states[0]?.[0] as number) - ex(t0 + 0.37 * h));
    });
    expect(Math.abs(fittedOrder(hs, errs) - 5)).toBeLessThanOrEqual(0.3);
  });

  it("global error at step midpoints over [0, 2] converges with order ≥ 4 − 0.2 (observed ≈ 5)", () => {
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const errs = hs.map((h) => {
      const times = Array.from({ length: Math.round(2 / h) }, (_, k) => (k + 0.5) * h);
      const res = dopri5(f, Float64Array.of(1), { tEnd: 2, fixedStep: h, times });
      return Math.max(...times.map((t, k) => Math.abs((res.states[k]?.[0] as number) - ex(t))));
    });
    expect(fittedOrder(hs, errs)).toBeGreaterThanOrEqual(3.8);
  });

  it("does not change the step sequence: same steps, same final state, with 0 or 997 output times", () => {
    const times = Array.from({ length: 997 }, (_, k) => (20 * (k + 0.123)) / 997);
    const a = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 20, rtol: 1e-9, atol: 1e-9 });
    const b = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 20, rtol: 1e-9, atol: 1e-9, times });
    expect(b.stats).toEqual(a.stats);
    // Bitwise equality: dense output reads the steps but never feeds back into them.
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(b.stats.accepted).toBeLessThan(times.length);
    let worst = 0;
    times.forEach((t, k) => {
      worst = Math.max(worst, scaledError(b.states[k] as Float64Array, oscillatorExact(t), 1e-9, 1e-9));
    });
    // Off-grid outputs carry the same accuracy as the steps (C = 50 as above).
    expect(worst).toBeLessThanOrEqual(50);
  });

  it("returns an exact copy of y0 at t0 and of the last step at tEnd (bitwise)", () => {
    const res = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 3, times: [0, 0, 3] });
    expect(Array.from(res.states[0] as Float64Array)).toEqual([1, 0]);
    expect(Array.from(res.states[1] as Float64Array)).toEqual([1, 0]);
    expect(Array.from(res.states[2] as Float64Array)).toEqual(Array.from(res.y));
    expect(res.t).toBe(3);
  });
});

describe("dopri5 agrees with an independent implementation (the `dopri` npm package)", () => {
  // Lotka–Volterra predator–prey, 10 time units (~3 cycles).
  const lv = (_t: number, y: ArrayLike<number>, d: { [i: number]: number }) => {
    const a = y[0] as number;
    const b = y[1] as number;
    d[0] = 1.5 * a - a * b;
    d[1] = -3 * b + a * b;
  };
  const times = [0, 1, 2.5, 5, 7.5, 10];
  for (const tol of [1e-8, 1e-10]) {
    it(`Lotka–Volterra at rtol = atol = ${tol}: relative difference ≤ 50·tol (each solver's global error is ≲ 15·tol)`, () => {
      const ours = dopri5(lv, Float64Array.of(10, 5), { tEnd: 10, rtol: tol, atol: tol, times });
      const theirs = integrateDopri(lv, [10, 5], 0, 10, { rtol: tol, atol: tol, maxSteps: 1e6 })(times);
      expect(ours.status).toBe("ok");
      times.forEach((_, k) => {
        expect(maxRelativeError(ours.states[k] as Float64Array, theirs[k] as number[])).toBeLessThanOrEqual(50 * tol);
      });
    });
  }
  it("Van der Pol (μ = 1) at rtol = atol = 1e-10: relative difference ≤ 1e-8 (100·tol)", () => {
    const vdp = (_t: number, y: ArrayLike<number>, d: { [i: number]: number }) => {
      const x = y[0] as number;
      const v = y[1] as number;
      d[0] = v;
      d[1] = (1 - x * x) * v - x;
    };
    const ts = [0, 2, 4, 6, 8];
    const ours = dopri5(vdp, Float64Array.of(2, 0), { tEnd: 8, rtol: 1e-10, atol: 1e-10, times: ts });
    const theirs = integrateDopri(vdp, [2, 0], 0, 8, { rtol: 1e-10, atol: 1e-10, maxSteps: 1e6 })(ts);
    ts.forEach((_, k) => {
      expect(maxRelativeError(ours.states[k] as Float64Array, theirs[k] as number[], 1e-3)).toBeLessThanOrEqual(1e-8);
    });
  });
});

describe("dopri5 statuses", () => {
  it("max-steps with a budget of 5 steps, keeping the outputs reached so far", () => {
    const res = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 100, maxSteps: 5, times: [0, 50, 100] });
    expect(res.status).toBe("max-steps");
    expect(res.message).toMatch(/maxSteps = 5/);
    expect(res.stats.accepted + res.stats.rejected).toBe(5);
    expect(res.times.length).toBe(1);
    expect(res.t).toBeLessThan(100);
  });

  it("y' = y² from y0 = 1 (blow-up at t = 1) run to t = 2: diverged with a threshold of 1e8", () => {
    const f: OdeRhs = (_t, y, d) => {
      d[0] = (y[0] as number) ** 2;
    };
    const res = dopri5(f, Float64Array.of(1), { tEnd: 2, divergenceThreshold: 1e8 });
    expect(res.status).toBe("diverged");
    expect(res.t).toBeLessThan(1);
    expect(res.y[0]).toBeGreaterThan(1e8);
  });

  it("y' = y² with the default threshold: step-underflow near the singularity at t = 1", () => {
    const f: OdeRhs = (_t, y, d) => {
      d[0] = (y[0] as number) ** 2;
    };
    const res = dopri5(f, Float64Array.of(1), { tEnd: 2 });
    expect(res.status).toBe("step-underflow");
    // Stops within 1e-6 of the blow-up time (|t − 1| is limited by the floating-point floor on h).
    expect(Math.abs(res.t - 1)).toBeLessThan(1e-6);
  });

  it("a user minStep triggers step-underflow earlier", () => {
    const f: OdeRhs = (_t, y, d) => {
      d[0] = (y[0] as number) ** 2;
    };
    const res = dopri5(f, Float64Array.of(1), { tEnd: 2, minStep: 1e-4 });
    expect(res.status).toBe("step-underflow");
    expect(res.t).toBeLessThan(1);
  });

  it("a NaN right-hand side gives non-finite at once", () => {
    const res = dopri5((_t, _y, d) => d.fill(Number.NaN), Float64Array.of(1), { tEnd: 1 });
    expect(res.status).toBe("non-finite");
    expect(res.stats.evaluations).toBe(1);
    expect(res.t).toBe(0);
  });

  it("a right-hand side that turns NaN after t = 0.5 gives non-finite near 0.5, outputs before it intact", () => {
    const f: OdeRhs = (t, y, d) => {
      d[0] = t > 0.5 ? Number.NaN : -(y[0] as number);
    };
    const res = dopri5(f, Float64Array.of(1), { tEnd: 1, times: [0.25, 0.75] });
    expect(res.status).toBe("non-finite");
    expect(res.t).toBeLessThanOrEqual(0.5);
    expect(res.t).toBeGreaterThan(0.5 - 1e-6);
    expect(res.times.length).toBe(1);
    // The output at 0.25 is accurate (default rtol 1e-8; 50·tol allowance).
    expect(Math.abs((res.states[0]?.[0] as number) - Math.exp(-0.25))).toBeLessThan(5e-7);
  });

  it("onStep sees every accepted step, in order, ending at tEnd", () => {
    const seen: number[] = [];
    const res = dopri5(oscillator, Float64Array.of(1, 0), {
      tEnd: 5,
      onStep: (t) => {
        seen.push(t);
      },
    });
    expect(seen.length).toBe(res.stats.accepted);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1] as number);
    expect(seen[seen.length - 1]).toBe(5);
  });

  it("PI control (β = 0.04) reaches the same tolerance (C = 50)", () => {
    const res = dopri5(oscillator, Float64Array.of(1, 0), { tEnd: 20, rtol: 1e-8, atol: 1e-8, piBeta: 0.04 });
    expect(res.status).toBe("ok");
    expect(scaledError(res.y, oscillatorExact(20), 1e-8, 1e-8)).toBeLessThanOrEqual(50);
  });

  it("an empty span returns y0 with status ok and no evaluations", () => {
    const res = dopri5(oscillator, Float64Array.of(1, 2), { t0: 3, tEnd: 3 });
    expect(res.status).toBe("ok");
    expect(res.stats.evaluations).toBe(0);
    expect(Array.from(res.y)).toEqual([1, 2]);
  });
});

describe("dopri5 option validation (typed errors naming the parameter)", () => {
  const y0 = Float64Array.of(1, 0);
  it.each([
    ["rtol", { tEnd: 1, rtol: 0 }, DomainError],
    ["rtol", { tEnd: 1, rtol: -1e-8 }, DomainError],
    ["atol", { tEnd: 1, atol: Number.NaN }, DomainError],
    ["atol.length", { tEnd: 1, atol: [1e-8] }, ShapeError],
    ["tEnd", { tEnd: -1 }, DomainError],
    ["tEnd", { tEnd: Number.POSITIVE_INFINITY }, DomainError],
    ["times[1]", { tEnd: 1, times: [0.5, 0.2] }, DomainError],
    ["times[0]", { tEnd: 1, times: [1.5] }, DomainError],
    ["maxSteps", { tEnd: 1, maxSteps: 0 }, ShapeError],
    ["h0", { tEnd: 1, h0: -1 }, DomainError],
    ["fixedStep", { tEnd: 1, fixedStep: 0 }, DomainError],
  ] as const)("%s: %j", (param, options, type) => {
    expect(() => dopri5(oscillator, y0, options as never)).toThrow(type);
    expect(() => dopri5(oscillator, y0, options as never)).toThrow(param);
  });
  it("non-finite y0 → DomainError naming the entry", () => {
    expect(() => dopri5(oscillator, Float64Array.of(1, Number.NaN), { tEnd: 1 })).toThrow(/y0\[1\]/);
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.js";
import { Rng } from "../../src/core/rng.js";

describe("Rng", () => {
  it("the same seed gives a bit-identical stream (uniform, Gaussian and matrix draws interleaved)", () => {
    const draw = (r: Rng) => [
      r.uniform(),
      r.gaussian(),
      r.gaussian(),
      r.uniformIn(-2, 3),
      ...r.gaussianMatrix(2, 3).data,
    ];
    expect(draw(new Rng(42))).toEqual(draw(new Rng(42)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng(43)));
  });

  it("uniform() lies in [0, 1) and uniformIn(lo, hi) in [lo, hi)", () => {
    const r = new Rng(1);
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform();
      const v = r.uniformIn(-3, -1);
      if (!(u >= 0 && u < 1) || !(v >= -3 && v < -1)) outside++;
    }
    expect(outside).toBe(0);
  });

  it("Gaussian mean and variance over 1e5 samples are within 5 standard errors of 0 and 1 (s.e. 1/√N for the mean, √(2/N) for the variance of N(0,1))", () => {
    const r = new Rng(20221123);
    const N = 100_000;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const g = r.gaussian();
      s1 += g;
      s2 += g * g;
    }
    const mean = s1 / N;
    const variance = s2 / N - mean * mean;
    expect(Math.abs(mean)).toBeLessThanOrEqual(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / N));
  });

  it("fillGaussian scales by std: the sample std of 1e5 draws with std 3 is within 5 s.e. (3·√(1/(2N))) of 3", () => {
    const x = new Rng(5).fillGaussian(new Float64Array(100_000), 3);
    let s2 = 0;
    for (const v of x) s2 += v * v;
    const sd = Math.sqrt(s2 / x.length);
    expect(Math.abs(sd - 3)).toBeLessThanOrEqual(5 * 3 * Math.sqrt(1 / (2 * x.length)));
  });

  it("fork: child and parent streams differ, successive forks differ, and forking is itself reproducible", () => {
    const parent = new Rng(7);
    const c1 = parent.fork();
    const c2 = parent.fork();
    const take = (r: Rng) => Array.from({ length: 64 }, () => r.uniform());
    const p = take(parent);
    const a = take(c1);
    const b = take(c2);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(p);
    // No shared values at all in these stretches (a shared stretch would show up as equal draws).
    const seen = new Set(p);
    for (const v of [...a, ...b]) expect(seen.has(v)).toBe(false);
    const again = new Rng(7);
    expect(take(again.fork())).toEqual(a);
  });

  it("fork independence: the sample correlation of 1e4 parent/child Gaussian pairs is within 5 s.e. (1/√N) of 0", () => {
    const parent = new Rng(11);
    const child = parent.fork();
    const N = 10_000;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < N; i++) {
      const x = parent.gaussian();
      const y = child.gaussian();
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThanOrEqual(5 / Math.sqrt(N));
  });

  it("rejects a non-integer seed with a DomainError naming it", () => {
    expect(() => new Rng(1.5)).toThrow(DomainError);
    expect(() => new Rng(1.5)).toThrow("seed = 1.5: must be a safe integer");
  });
});

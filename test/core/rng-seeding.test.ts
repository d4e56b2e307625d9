import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";

describe("Rng seeding", () => {
  it("the FIRST Gaussian of seeds 0…1999 is N(0, 1) across seeds: mean within 5 s.e. (1/√N) of 0, variance within 5 s.e. (√(2/N)) of 1", () => {
    // Small consecutive seeds are what users pass; a poorly mixed start gives near-zero first draws.
    const n = 2000;
    let sum = 0;
    let sumSq = 0;
    for (let seed = 0; seed < n; seed++) {
      const g = new Rng(seed).gaussian();
      sum += g;
      sumSq += g * g;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it("the first uniform of consecutive seeds is spread over [0, 1): each decile holds 200 ± 5·√(200·0.9) of 2000 seeds", () => {
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) counts[Math.floor(new Rng(seed).uniform() * 10)]! += 1;
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(5 * Math.sqrt(200 * 0.9));
  });
});

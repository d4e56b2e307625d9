import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProperty, propertyClaim } from "../../src/claims/property-claim.js";

const ints = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }));
// (a + b)² − (a² + b²) = 2ab: exact integer arithmetic, so tolerance 0 is honest.
const freshmansDream = ([a, b]: [number, number]) => ({
  residual: Math.abs((a + b) ** 2 - (a * a + b * b)),
  tolerance: 0,
});

describe("checkProperty", () => {
  it("refutes a false property with the shrunk, readable counterexample, its residual, seed and path", async () => {
    const r = await checkProperty(ints, freshmansDream, { seed: 42, runs: 100 });
    expect(r.status).toBe("refuted");
    // Shrinking drives both integers towards 0; the smallest failing case has |a| = |b| = 1, residual 2.
    expect(r.counterexample?.value).toMatch(/^\[-?1, -?1\]$/);
    expect(r.counterexample?.residual).toBe(2);
    expect(r.counterexample?.tolerance).toBe(0);
    expect(r.counterexample?.seed).toBe(42);
    expect(r.counterexample?.path).toMatch(/^\d+(:\d+)*$/);
    expect(r.counterexample?.shrinks).toBeGreaterThan(0);
  });

  it("replays the counterexample from its seed and path alone", async () => {
    const first = await checkProperty(ints, freshmansDream, { seed: 7, runs: 100 });
    const path = first.counterexample?.path ?? "";
    const replay = await checkProperty(ints, freshmansDream, { seed: 7, runs: 100, path });
    expect(replay.status).toBe("refuted");
    expect(replay.counterexample?.value).toBe(first.counterexample?.value);
    expect(replay.cases).toBe(1); // only the replayed case is generated
  });

  it("is deterministic: the same seed gives the same verdict", async () => {
    const a = await checkProperty(ints, freshmansDream, { seed: 3, runs: 50 });
    const b = await checkProperty(ints, freshmansDream, { seed: 3, runs: 50 });
    expect(b).toEqual(a);
  });

  it("verifies a true property over all runs and reports the worst residual against its tolerance", async () => {
    const r = await checkProperty(
      fc.integer({ min: 1, max: 100 }),
      (n) => ({ residual: n / 1000, tolerance: 0.1 }), // worst is n = 100 if generated: 0.1 ≤ 0.1
      { seed: 1, runs: 60 },
    );
    expect(r.status).toBe("verified");
    expect(r.cases).toBe(60);
    expect(r.worstResidual).toBeLessThanOrEqual(0.1);
    expect(r.tolerance).toBe(0.1);
    expect(r.evidence?.worstCase).toBe(String((r.worstResidual as number) * 1000));
  });

  it("is inconclusive (not refuted) when cases cannot be decided, and never shrinks into them", async () => {
    const r = await checkProperty(
      fc.integer({ min: 0, max: 50 }),
      (n) => (n % 2 === 1 ? { inconclusive: `integrator failed at n = ${n}` } : { residual: 0, tolerance: 0 }),
      { seed: 5, runs: 40 },
    );
    expect(r.status).toBe("inconclusive");
    expect(r.message).toMatch(/could not be decided \(first: integrator failed at n = \d+\)/);
    expect(r.evidence?.undecided).toBeGreaterThan(0);
    const tolerant = await checkProperty(
      fc.integer({ min: 0, max: 50 }),
      (n) => (n % 2 === 1 ? { inconclusive: "odd" } : { residual: 0, tolerance: 0 }),
      { seed: 5, runs: 40 },
      { maxInconclusiveFraction: 1 },
    );
    expect(tolerant.status).toBe("verified");
    expect(tolerant.message).toMatch(/undecided \(allowed\)/);
  });

  it("counts a throwing case as undecided with the error's message, and a NaN residual too", async () => {
    const thrown = await checkProperty(
      fc.integer(),
      () => {
        throw new RangeError("singular matrix");
      },
      { seed: 1, runs: 5 },
    );
    expect(thrown.status).toBe("inconclusive");
    expect(thrown.message).toMatch(/RangeError: singular matrix/);
    const nan = await checkProperty(fc.integer(), () => ({ residual: Number.NaN, tolerance: 1 }), { seed: 1, runs: 5 });
    expect(nan.status).toBe("inconclusive");
    expect(nan.message).toMatch(/non-finite residual/);
  });

  it("shrinks past undecided cases to the smallest decided failure", async () => {
    // Fails for every n ≥ 10 except n = 10 itself, which is undecided: shrinking must stop at 11, not 10.
    const r = await checkProperty(
      fc.integer({ min: 0, max: 1000 }),
      (n) => (n === 10 ? { inconclusive: "n = 10 is special" } : { residual: n >= 10 ? 1 : 0, tolerance: 0 }),
      { seed: 11, runs: 100 },
    );
    expect(r.status).toBe("refuted");
    expect(r.counterexample?.value).toBe("11");
  });

  it("honours fc.pre (skipped cases are neither passes nor counterexamples)", async () => {
    const r = await checkProperty(
      fc.integer({ min: 0, max: 9 }),
      (n) => {
        fc.pre(n !== 3);
        return { residual: 0, tolerance: 0 };
      },
      { seed: 2, runs: 30 },
    );
    expect(r.status).toBe("verified");
  });

  it("is inconclusive when the time budget runs out before the cases are done", async () => {
    const r = await checkProperty(
      fc.integer(),
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { residual: 0, tolerance: 0 };
      },
      { seed: 1, runs: 10_000 }, // 10 000 cases × 5 ms cannot fit a 30 ms budget
      { timeLimitMillis: 30 },
    );
    expect(r.status).toBe("inconclusive");
    expect(r.message).toMatch(/time budget of 30 ms exhausted after \d+ of 10000 cases/);
  });
});

describe("propertyClaim", () => {
  it("builds a validated claim whose check runs the property with the context's seed and runs", async () => {
    const claim = propertyClaim({
      id: "test.dream",
      title: "Freshman's dream",
      source: { paper: "folklore" },
      statement: { text: "(a + b)² = a² + b²" },
      expected: "refuted",
      defaults: { runs: 20 },
      arbitrary: ints,
      property: freshmansDream,
    });
    expect(claim.tags).toEqual(["property"]);
    expect(claim.defaults.runs).toBe(20);
    const r = await claim.check({ seed: 9, runs: 20 });
    expect(r.status).toBe("refuted");
    expect(r.counterexample?.seed).toBe(9);
  });

  it("rejects invalid specifications eagerly with a message that says how to fix them", () => {
    const base = {
      title: "t",
      source: { paper: "p" },
      statement: { text: "s" },
      expected: "verified" as const,
      arbitrary: fc.integer(),
      property: () => ({ residual: 0, tolerance: 0 }),
    };
    expect(() => propertyClaim({ ...base, id: "Bad Id" })).toThrow(/id = "Bad Id": must be lower case/);
    expect(() => propertyClaim({ ...base, id: "ok", expected: "true" as never })).toThrow(/Negative controls/);
    expect(() => propertyClaim({ ...base, id: "ok", defaults: { runs: 0 } })).toThrow(/defaults.runs = 0/);
    expect(() => propertyClaim({ ...base, id: "ok", title: " " })).toThrow(/title/);
  });
});

import { describe, expect, it } from "vitest";
import { type Claim, type ClaimContext, defineClaim } from "../../src/claims/claim.js";
import {
  DEFAULT_SEED,
  type ProgressEvent,
  runClaim,
  runClaims,
  seedFromEnvironment,
  sizeFromEnvironment,
} from "../../src/claims/runner.js";
import type { CheckResult } from "../../src/claims/verdict.js";

function claim(id: string, check: (ctx: ClaimContext) => unknown, expected: Claim["expected"] = "verified"): Claim {
  return defineClaim({
    id,
    title: id,
    source: { paper: "test" },
    statement: { text: id },
    expected,
    defaults: { runs: 7 },
    check: check as (ctx: ClaimContext) => CheckResult,
  });
}

const counterexample = {
  value: "x = 1",
  residual: 1,
  tolerance: 0,
  reason: "1 > 0",
  seed: 5,
  path: "3:0",
  shrinks: 2,
  replay: null,
};

describe("runClaim", () => {
  it("turns a check that throws into inconclusive with the error message (the runner does not crash)", async () => {
    const v = await runClaim(
      claim("t.throws", () => {
        throw new TypeError("cannot read x");
      }),
    );
    expect(v.status).toBe("inconclusive");
    expect(v.message).toBe("the check threw TypeError: cannot read x");
    const rejected = await runClaim(claim("t.rejects", async () => Promise.reject(new Error("async boom"))));
    expect(rejected.status).toBe("inconclusive");
    expect(rejected.message).toMatch(/async boom/);
  });

  it("refuses a bare boolean or a malformed result: inconclusive, asking to fix the claim", async () => {
    const v = await runClaim(claim("t.bool", () => true));
    expect(v.status).toBe("inconclusive");
    expect(v.message).toMatch(/returned the boolean true, not a CheckResult/);
    const w = await runClaim(claim("t.status", () => ({ status: "ok", message: "?" })));
    expect(w.status).toBe("inconclusive");
  });

  it("downgrades 'verified' whose worst residual exceeds its tolerance (or is NaN)", async () => {
    const v = await runClaim(
      claim("t.liar", () => ({ status: "verified", message: "fine", worstResidual: 1e-3, tolerance: 1e-8 })),
    );
    expect(v.status).toBe("inconclusive");
    expect(v.message).toMatch(/worst residual 0.001 exceeds its tolerance 1e-8/);
    const nan = await runClaim(
      claim("t.nan", () => ({ status: "verified", message: "fine", worstResidual: Number.NaN, tolerance: 1 })),
    );
    expect(nan.status).toBe("inconclusive");
  });

  it("requires a counterexample for 'refuted' and fills in its replay command", async () => {
    const bare = await runClaim(claim("t.bare", () => ({ status: "refuted", message: "no" }), "refuted"));
    expect(bare.status).toBe("inconclusive");
    const full = await runClaim(
      claim("t.full", () => ({ status: "refuted", message: "no", counterexample }), "refuted"),
    );
    expect(full.status).toBe("refuted");
    expect(full.counterexample?.replay).toBe("lindyn verify t.full --seed 5 --path 3:0");
  });

  it("passes the seed, the claim's default runs or the override, the size (default ci) and a replay path to the check", async () => {
    const seen: ClaimContext[] = [];
    const c = claim("t.ctx", (ctx) => {
      seen.push(ctx);
      return { status: "verified", message: "ok" };
    });
    await runClaim(c);
    await runClaim(c, { seed: 17, runs: 300, path: "1:2", size: "paper" });
    expect(seen).toEqual([
      { seed: DEFAULT_SEED, runs: 7, size: "ci" },
      { seed: 17, runs: 300, path: "1:2", size: "paper" },
    ]);
  });

  it("completes absent fields and records seed and time", async () => {
    const v = await runClaim(
      claim("t.min", () => ({ status: "proved", message: "identity" })),
      { seed: 3 },
    );
    expect(v).toMatchObject({
      status: "proved",
      cases: 1,
      seed: 3,
      worstResidual: null,
      tolerance: null,
      counterexample: null,
      evidence: {},
    });
    expect(v.millis).toBeGreaterThanOrEqual(0);
  });

  it("rejects invalid seeds and runs eagerly", async () => {
    const c = claim("t.any", () => ({ status: "verified", message: "" }));
    await expect(runClaim(c, { seed: 1.5 })).rejects.toThrow(/seed = 1.5: must be an integer/);
    await expect(runClaim(c, { runs: 0 })).rejects.toThrow(/runs = 0: must be an integer ≥ 1/);
  });
});

describe("runClaims", () => {
  it("runs every claim in order, one failure not stopping the others, and totals the outcomes", async () => {
    const claims = [
      claim("a", () => ({ status: "verified", message: "" })),
      claim("b", () => {
        throw new Error("x");
      }),
      claim("c", () => ({ status: "refuted", message: "", counterexample }), "refuted"),
    ];
    const events: string[] = [];
    const summary = await runClaims(claims, {
      seed: 1,
      onProgress: (e: ProgressEvent) => events.push(`${e.kind} ${e.index}/${e.total} ${e.claim.id}`),
    });
    expect(summary.outcomes.map((o) => [o.claim.id, o.verdict.status, o.matched])).toEqual([
      ["a", "verified", true],
      ["b", "inconclusive", false],
      ["c", "refuted", true],
    ]);
    expect(summary.totals).toMatchObject({
      claims: 3,
      matched: 2,
      mismatched: 1,
      byStatus: { proved: 0, verified: 1, refuted: 1, inconclusive: 1, unsupported: 0 },
    });
    expect(summary.seed).toBe(1);
    expect(summary.runs).toBeNull();
    expect(summary.size).toBe("ci");
    expect(events).toEqual([
      "start 0/3 a",
      "finish 0/3 a",
      "start 1/3 b",
      "finish 1/3 b",
      "start 2/3 c",
      "finish 2/3 c",
    ]);
  });
});

describe("seedFromEnvironment", () => {
  it("uses LINDYN_SEED when set, the default otherwise, and rejects non-integers", () => {
    expect(seedFromEnvironment({})).toBe(DEFAULT_SEED);
    expect(seedFromEnvironment({ LINDYN_SEED: "123" })).toBe(123);
    expect(() => seedFromEnvironment({ LINDYN_SEED: "abc" })).toThrow(/LINDYN_SEED/);
  });
});

describe("sizeFromEnvironment", () => {
  it("uses LINDYN_SIZE when set, ci otherwise, and rejects other values", () => {
    expect(sizeFromEnvironment({})).toBe("ci");
    expect(sizeFromEnvironment({ LINDYN_SIZE: "paper" })).toBe("paper");
    expect(() => sizeFromEnvironment({ LINDYN_SIZE: "big" })).toThrow(/LINDYN_SIZE/);
  });
});

import { describe, expect, it } from "vitest";
import { classifyCase, inconclusiveCase, measured, worstOf } from "../../src/claims/case-result.js";
import { ResidualTally, residualCheck } from "../../src/claims/residual-check.js";

describe("classifyCase (tri-state case results)", () => {
  it("passes iff residual ≤ tolerance, the boundary included", () => {
    expect(classifyCase(measured(1e-9, 1e-9)).kind).toBe("pass");
    expect(classifyCase(measured(2e-9, 1e-9)).kind).toBe("fail");
    expect(classifyCase(measured(0, 0)).kind).toBe("pass");
  });

  it("reads a non-finite residual as undecided, never as a counterexample", () => {
    expect(classifyCase(measured(Number.NaN, 1)).kind).toBe("undecided");
    expect(classifyCase(measured(Number.POSITIVE_INFINITY, 1)).kind).toBe("undecided");
  });

  it("reads invalid tolerances and non-results (a bare boolean) as undecided, pointing at the claim", () => {
    const badTol = classifyCase(measured(0, -1));
    expect(badTol).toMatchObject({ kind: "undecided" });
    expect(badTol.kind === "undecided" && badTol.reason).toMatch(/fix the claim/);
    const bool = classifyCase(true);
    expect(bool.kind === "undecided" && bool.reason).toMatch(/returned true, not \{ residual, tolerance \}/);
    expect(classifyCase(inconclusiveCase("integrator: max-steps"))).toEqual({
      kind: "undecided",
      reason: "integrator: max-steps",
    });
  });
});

describe("ResidualTally / residualCheck", () => {
  it("verifies when every case passes and reports the worst residual relative to its own tolerance", () => {
    const r = residualCheck([
      { label: "a", result: measured(1e-10, 1e-8) }, // ratio 1e-2
      { label: "b", result: measured(5e-4, 1e-3) }, // ratio 0.5: the worst although 1e-10 < 5e-4 matters not
      { label: "c", result: measured(1e-6, 1e-3) },
    ]);
    expect(r.status).toBe("verified");
    expect(r.cases).toBe(3);
    expect(r.worstResidual).toBe(5e-4);
    expect(r.tolerance).toBe(1e-3);
  });

  it("refutes with the worst failing case as counterexample", () => {
    const tally = new ResidualTally();
    tally.measure("L = 2", 0.1, 1e-8);
    tally.measure("L = 3", 0.5, 1e-8, "layer 2");
    tally.measure("L = 4", 0, 1e-8);
    const r = tally.result({ noun: "depths" });
    expect(r.status).toBe("refuted");
    expect(r.counterexample?.value).toBe("L = 3");
    expect(r.counterexample?.reason).toBe("residual 0.5 > tolerance 1e-8 (layer 2)");
    expect(r.message).toMatch(/^2 of 3 depths violate the bound/);
  });

  it("is inconclusive when a case is undecided (default) or when nothing was tried", () => {
    const tally = new ResidualTally();
    tally.measure("ok", 0, 1);
    tally.undecided("t = 3", "step-underflow");
    expect(tally.result().status).toBe("inconclusive");
    expect(tally.result({ maxInconclusiveFraction: 0.5 }).status).toBe("verified");
    expect(residualCheck([]).status).toBe("inconclusive");
  });

  it("a failure outranks undecided cases: refuted, not inconclusive", () => {
    const tally = new ResidualTally();
    tally.undecided("x", "NaN");
    tally.measure("y", 2, 1);
    expect(tally.result().status).toBe("refuted");
  });
});

describe("worstOf (several measurements of one case)", () => {
  it("returns the part closest to its own bound, labelled", () => {
    expect(worstOf({ gap: measured(1e-10, 1e-8), rank: measured(5e-7, 1e-6) })).toEqual({
      residual: 5e-7,
      tolerance: 1e-6,
      note: "rank",
    });
  });

  it("a failing part wins over undecided ones; otherwise an undecided part makes the case undecided", () => {
    expect(
      worstOf([
        ["a", inconclusiveCase("NaN")],
        ["b", measured(2, 1, "layer 3")],
      ]),
    ).toEqual({
      residual: 2,
      tolerance: 1,
      note: "b: layer 3",
    });
    expect(
      worstOf([
        ["a", inconclusiveCase("max-steps")],
        ["b", measured(0, 1)],
      ]),
    ).toEqual({ inconclusive: "a: max-steps" });
    expect(worstOf({})).toEqual({ inconclusive: "no measurements were combined" });
  });
});

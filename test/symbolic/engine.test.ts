import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/core/errors.js";
import { assume } from "../../src/symbolic/assumptions.js";
import {
  checkIdentity,
  coefficients,
  compareNumerically,
  diff,
  series,
  simplify,
  solve,
  solveLinear,
  tidy,
} from "../../src/symbolic/engine.js";
import { Expr } from "../../src/symbolic/expr.js";
import {
  crossCheckDerivative,
  crossCheckEvaluation,
  mathjsEvaluate,
  mathjsSimplifiesToZero,
} from "../../src/symbolic/oracle.js";

describe("solve: every root is substituted back; could-not-solve is never an empty list", () => {
  it("keeps the real cube root of x³ = a and rejects nerdamer's two complex branches as not real", () => {
    const r = solve("x^3-a", "x", { assumptions: assume.positive("a") });
    expect(r.status).toBe("solved");
    if (r.status !== "solved") return;
    expect(r.roots).toHaveLength(1);
    expect(r.rejected).toHaveLength(2);
    for (const rej of r.rejected) expect(rej.reason).toMatch(/not real/);
    // Residual of the kept root at every checking point is at rounding level (tolerance 1e-9, see SolveOptions).
    expect(r.roots[0]?.worstResidual).toBeLessThan(1e-14);
    expect(r.roots[0]?.expr.evaluate({ a: 8 })).toBeCloseTo(2, 14);
  });

  it("reports `unsupported` with the reason when the engine returns nothing (exp(x) + 1 = 0)", () => {
    const r = solve("exp(x)+1", "x");
    expect(r.status).toBe("unsupported");
    if (r.status === "unsupported") expect(r.reason).toMatch(/does not distinguish/);
  });

  it("applies a domain: the root u = 0 of u(Au − a) = 0 is rejected as outside u > 0", () => {
    const r = solve("A*u^2-a*u", "u", {
      assumptions: assume.positive("A", "a"),
      domain: { text: "u > 0", holds: (x) => x > 0 },
    });
    expect(r.status).toBe("solved");
    if (r.status !== "solved") return;
    expect(r.roots.map((x) => x.expr.evaluate({ A: 2, a: 3 }))).toEqual([1.5]);
    expect(r.rejected.some((x) => /outside the domain/.test(x.reason))).toBe(true);
  });

  it("solveLinear agrees with the general solver on an equation linear in the unknown, to 1e-15 relative", () => {
    const eq = "-a*u+A*u^2+gbar*v";
    const fast = solveLinear(eq, "gbar", { assumptions: assume.positive("a", "A", "u", "v") });
    const slow = solve(eq, "gbar", { assumptions: assume.positive("a", "A", "u", "v") });
    expect(fast.status).toBe("solved");
    expect(slow.status).toBe("solved");
    if (fast.status !== "solved" || slow.status !== "solved") return;
    const cmp = compareNumerically(fast.roots[0]?.expr as Expr, slow.roots[0]?.expr as Expr, {
      assumptions: assume.positive("a", "A", "u", "v"),
      tolerance: 1e-15,
    });
    expect(cmp.status).toBe("numeric");
  });
});

describe("identities and simplification are checked, not trusted", () => {
  it("is tri-state: proved (engine expands to 0), numeric (engine cannot, points agree), refuted (with a point)", () => {
    const assumptions = [...assume.positive("a", "A"), assume.integer("L", 3, 12)];
    expect(checkIdentity("(x+1)^2", "x^2+2*x+1").status).toBe("proved");
    const numeric = checkIdentity(
      "((L-2)*a/((L-1)*A))^((L-2)/L)*a/(L-1)",
      "((L-2)/A)^((L-2)/L)*(a/(L-1))^((2*L-2)/L)",
      { assumptions },
    );
    expect(numeric.status).toBe("numeric");
    expect(numeric.worstResidual).toBeLessThan(1e-14);
    const refuted = checkIdentity("a/(L-1)", "a*L/(L-1)", { assumptions });
    expect(refuted.status).toBe("refuted");
    expect(refuted.counterexample).toBeDefined();
  });

  it("catches nerdamer's wrong simplify of a − (L−2)a/(2(L−1)) (it drops a factor ½) and tidy keeps a correct form", () => {
    const input = "(-1/2)*(-1+L)^(-1)*(-2+L)*a+a";
    const assumptions = [...assume.positive("a"), assume.integer("L", 3, 12)];
    expect(() => simplify(input, { assumptions })).toThrow(ConvergenceError);
    const t = tidy(input, { assumptions });
    expect(t.refuted.map((r) => r.method)).toContain("simplify");
    // The kept form equals aL/(2(L − 1)) at every checking point (relative 1e-14).
    expect(compareNumerically(t.expr, "a*L/(2*(L-1))", { assumptions, tolerance: 1e-14 }).status).toBe("numeric");
  });

  it("coefficients reassemble the polynomial and refuse non-polynomials", () => {
    const c = coefficients("A*b^6-2*a*b^3+3*gbar*b^2+Ey2", "b");
    expect(c.map(String)).toEqual(["Ey2", "0", "3*gbar", "-2*a", "0", "0", "A"]);
    expect(() => coefficients("exp(b)", "b")).toThrow(ConvergenceError);
  });

  it("series by repeated differentiation: e^x sin x = x + x² + x³/3 + O(x⁵), and the error shrinks like δ⁵", () => {
    const s = series("exp(x)*sin(x)", "x", 0, 4);
    expect(checkIdentity(s, "x+x^2+x^3/3").status).toBe("proved");
    // Halving δ divides the remainder (−x⁵/30 + …) by ≈ 2⁵ = 32; accept 28–36.
    const err = (d: number) => Math.abs(Math.exp(d) * Math.sin(d) - s.evaluate({ x: d }));
    const ratio = err(0.02) / err(0.01);
    expect(ratio).toBeGreaterThan(28);
    expect(ratio).toBeLessThan(36);
  });
});

describe("mathjs as the second oracle", () => {
  it("agrees with nerdamer's derivatives of the model's building blocks at random points (relative 1e-9)", () => {
    const assumptions = [...assume.positive("A", "b", "gbar", "a"), assume.integer("L", 1, 12)];
    for (const e of ["A*b^(2*L)-2*a*b^L+Ey2+L*gbar*b^2", "(a*b^(L-2))/(A*b^(2*L-2)+gbar)", "(A*b^2+1)/(a*b+gbar)^3"]) {
      expect(crossCheckDerivative(e, "b", { assumptions }).status).toBe("agrees");
    }
  });

  it("catches nerdamer's wrong derivative of √(Ab)·e^{−γ̄b}: mathjs disagrees and diff's finite-difference check throws", () => {
    // nerdamer 1.5 returns ½b^{−1/2}e^{−γ̄b}√(√A) − …, i.e. A^{1/4} where √A belongs.
    const assumptions = assume.positive("A", "b", "gbar");
    expect(() => diff("sqrt(A*b)*exp(-gbar*b)", "b", { assumptions })).toThrow(/disagrees with finite differences/);
    expect(() => diff("sqrt(A)*sqrt(b)*exp(-gbar*b)", "b", { assumptions })).toThrow(
      /disagrees with finite differences/,
    );
  });

  it("evaluates like lindyn's compiler (relative 1e-12) and simplifies x² − x·x to 0", () => {
    const e = new Expr("((L-2)*abs(a)/((L-1)*A))^((L-2)/L)*abs(a)/(L-1)");
    const check = crossCheckEvaluation({
      expression: e,
      assumptions: [...assume.positive("A"), ...assume.real("a"), assume.integer("L", 3, 12)],
    });
    expect(check.status).toBe("agrees");
    expect(mathjsEvaluate("sqrt(-1)", {})).toBeNaN();
    expect(mathjsSimplifiesToZero("x^2-x*x")).toBe(true);
  });

  it("flags a formula whose compiled value differs from mathjs (a doctored evaluator)", () => {
    const e = new Expr("a+1");
    const doctored = Object.assign(Object.create(Expr.prototype), e, {
      evaluateRaw: (s: Record<string, number>) => (s.a as number) + 1.001,
    });
    expect(crossCheckEvaluation({ expression: doctored as Expr, assumptions: assume.positive("a") }).status).toBe(
      "disagrees",
    );
  });

  it("nerdamer's diff of the chain's loss equals the hand gradient 2(AP − a)P/w_i + 2γ_i w_i (engine sanity)", () => {
    const d = diff("A*(w1*w2*w3)^2-2*a*w1*w2*w3+Ey2+g1*w1^2+g2*w2^2+g3*w3^2", "w2");
    expect(checkIdentity(d, "2*(A*w1*w2*w3-a)*w1*w3+2*g2*w2").status).toBe("proved");
  });
});

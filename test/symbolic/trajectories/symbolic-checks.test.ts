import { describe, expect, it } from "vitest";
import { verifyDepth2ClosedForms } from "../../../src/symbolic/trajectories/symbolic-checks.js";

describe("verifyDepth2ClosedForms (engine substitution into the ODEs)", () => {
  const checks = verifyDepth2ClosedForms();
  it.each(checks.map((c) => [c.id, c] as const))(
    "%s: proved (engine expands the residual to 0) and numerically",
    (_id, c) => {
      // `proved` = the engine expanded lhs − rhs to exactly 0; independently, every one of 12 seeded points
      // agreed to the engine's default relative tolerance 1e-9 (residual over the size of the cancelling terms).
      expect(c.check.status, `${c.statement}: ${c.check.engineDifference}`).toBe("proved");
      expect(c.check.worstResidual).toBeLessThan(1e-9);
    },
  );

  it("covers balanced (both conventions), Riccati (ODE, initial value, roots, u and w) and Saxe", () => {
    const ids = checks.map((c) => c.id);
    for (const id of ["balanced-ode", "balanced-ode-half", "riccati-ode", "riccati-u", "riccati-w", "saxe-ode"]) {
      expect(ids).toContain(id);
    }
  });
});

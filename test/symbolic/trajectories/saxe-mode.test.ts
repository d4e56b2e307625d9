import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../../src/core/errors.js";
import { saxeModeTrajectory } from "../../../src/symbolic/trajectories/saxe-mode.js";

const goldens = JSON.parse(readFileSync(new URL("../../goldens/trajectories.json", import.meta.url), "utf8")) as {
  saxe: { s: number; u0: number; tau: number; points: { t: number; u: number }[]; uf: number; learningTime: number }[];
};

describe("saxeModeTrajectory (Saxe, McClelland & Ganguli, arXiv 1312.6120)", () => {
  it.each(goldens.saxe)("u(t) and the learning time for s = $s, u₀ = $u0, τ = $tau match mpmath to 1e-13", (g) => {
    // 1e-13 relative: both formulas are a handful of operations (measured ≤ 3e-16); the golden learning time
    // was cross-checked by integrating τu̇ = 2u(s − u) with mpmath.odefun to that time (1e-25).
    const tr = saxeModeTrajectory({ s: g.s, u0: g.u0, tau: g.tau });
    for (const p of g.points) expect(Math.abs(tr.at(p.t) - p.u) / p.u).toBeLessThan(1e-13);
    expect(Math.abs(tr.learningTime(g.uf) - g.learningTime) / g.learningTime).toBeLessThan(1e-13);
  });

  it("starts at u₀, tends to s, and rejects targets outside (u₀, s) and non-positive parameters", () => {
    const tr = saxeModeTrajectory({ s: 2, u0: 0.1 });
    expect(tr.at(0)).toBe(0.1);
    expect(tr.at(Number.POSITIVE_INFINITY)).toBe(2);
    expect(Math.abs(tr.at(50) - 2)).toBeLessThan(1e-14);
    expect(() => tr.learningTime(2.5)).toThrow(DomainError);
    expect(() => saxeModeTrajectory({ s: 0, u0: 0.1 })).toThrow(DomainError);
    expect(() => saxeModeTrajectory({ s: 1, u0: -0.1 })).toThrow(DomainError);
  });
});

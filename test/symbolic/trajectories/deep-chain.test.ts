import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matrix } from "../../../src/core/matrix.js";
import { Rng } from "../../../src/core/rng.js";
import { relativeFrobeniusError } from "../../../src/core/tolerance.js";
import { dopri5 } from "../../../src/dynamics/dopri5.js";
import { gradientFlow } from "../../../src/dynamics/gradient-flow.js";
import { LinearNet } from "../../../src/model/architecture.js";
import { initBalanced, initGaussian } from "../../../src/model/init.js";
import { Moments } from "../../../src/model/moments.js";
import { LinearNetObjective } from "../../../src/model/objective.js";
import {
  aroraEndToEndVelocity,
  aroraScalarVelocity,
  regressionGradient,
} from "../../../src/symbolic/trajectories/arora-end-to-end.js";
import { type DeepChainParams, deepChainTrajectory } from "../../../src/symbolic/trajectories/deep-chain.js";
import { plateauEscapeTime } from "../../../src/symbolic/trajectories/plateau-escape.js";
import { centralDiff8 } from "./_helpers.js";

const goldens = JSON.parse(readFileSync(new URL("../../goldens/trajectories.json", import.meta.url), "utf8")) as {
  chains: { L: number; A: number; a: number; gbar: number; b0: number; b1: number; time: number }[];
};

/** ‖ḃ_fd − (−2bh(b))‖ / (λb), λ = 2((2L−1)A b^{2L−2} + (L−1)|a|b^{L−2} + ḡ) bounding |∂ḃ/∂b|; h = 0.01/λ. */
function chainResidual(p: DeepChainParams, t: number): number {
  const ch = deepChainTrajectory(p);
  const b = ch.at(t).b;
  const { L, A, gbar } = p;
  const lam = 2 * ((2 * L - 1) * A * b ** (2 * L - 2) + (L - 1) * Math.abs(p.a) * b ** (L - 2) + gbar);
  const h = Math.min(0.01 / lam, t / 5);
  const db = centralDiff8((x) => ch.at(x).b, t, h);
  return Math.abs(db - ch.velocity(b)) / (lam * b);
}

const CHAINS: DeepChainParams[] = [
  { L: 2, A: 1, a: 1, gbar: 0.25, b0: 0.01 },
  { L: 3, A: 1, a: 1, gbar: 0, b0: 0.1 },
  { L: 3, A: 1, a: -1, gbar: 0.05, b0: 0.5 },
  { L: 4, A: 2, a: 1.5, gbar: 0, b0: 0.3 },
  { L: 5, A: 1, a: 1, gbar: 0.02, b0: 1.4 },
  { L: 4, A: 1, a: 1, gbar: 0.1, b0: 0.2 },
];

describe("deepChainTrajectory: implicit t(b) and its inverse", () => {
  it.each(goldens.chains)(
    "t(b) from b₀ = $b0 to b = $b1 (L = $L, ḡ = $gbar) matches mpmath.quad to 1e-12, b(t) inverts it to 1e-12",
    (g) => {
      // 1e-12: the pole-subtracted QK15 quadrature is converged to 1e-14 relative; measured ≤ 3e-16.
      const ch = deepChainTrajectory(g);
      expect(Math.abs(ch.timeTo(g.b1) - g.time) / g.time).toBeLessThan(1e-12);
      expect(Math.abs(ch.at(g.time).b - g.b1) / g.b1).toBeLessThan(1e-12);
    },
  );

  it.each(CHAINS)("b(t) satisfies ḃ = −2b h(b) (relative residual < 1e-10 at 50 times) for %o", (p) => {
    // 8th-order central differences of the inverted quadrature (see chainResidual), measured ≤ 1e-12.
    let worst = 0;
    for (let i = 1; i <= 50; i++) worst = Math.max(worst, chainResidual(p, (12 * i) / 50));
    expect(worst).toBeLessThan(1e-10);
  });

  it.each(CHAINS)(
    "agrees with DOPRI5 (rtol 1e-12) to 1e-9 at 20 times and starts at b₀, ends at its limit: %o",
    (p) => {
      const ch = deepChainTrajectory(p);
      const times = Array.from({ length: 20 }, (_, i) => (12 * (i + 1)) / 20);
      const ref = dopri5(
        (_t, y, dy) => {
          dy[0] = ch.velocity(y[0] as number);
        },
        Float64Array.of(p.b0),
        { tEnd: 12, times, rtol: 1e-12, atol: 1e-20 },
      );
      expect(ref.status).toBe("ok");
      times.forEach((t, i) => {
        const r = ref.states[i]?.[0] as number;
        // 1e-9: DOPRI5's global error at rtol 1e-12 (measured ≤ 1e-11) plus the inversion (≤ 1e-14).
        expect(Math.abs(ch.at(t).b - r) / r).toBeLessThan(1e-9);
      });
      expect(ch.at(0).b).toBe(p.b0);
      expect(ch.at(Number.POSITIVE_INFINITY).b).toBe(ch.limit);
      // The limit is a zero of the velocity (a root of h, or 0).
      expect(Math.abs(ch.velocity(ch.limit))).toBeLessThan(1e-13);
    },
  );

  it("roots of h are zeros to 1e-14 and number 0, 1 or 2 (Descartes) on a k/8 grid", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 16 }).map((k) => k / 8),
        fc.integer({ min: -16, max: 16 }).map((k) => k / 8),
        fc.integer({ min: 0, max: 8 }).map((k) => k / 32),
        (L, A, a, gbar) => {
          const ch = deepChainTrajectory({ L, A, a, gbar, b0: 1 });
          expect(ch.roots.length).toBeLessThanOrEqual(2);
          for (const r of ch.roots) {
            const scale = A * r ** (2 * L - 2) + Math.abs(a) * r ** (L - 2) + gbar;
            expect(Math.abs(ch.h(r)) / scale).toBeLessThan(1e-14);
          }
        },
      ),
    );
  });
});

describe("deepChainTrajectory: properties over k/8 grids", () => {
  it("b(t) inverts t(b) (to 1e-13 + the time of 4 ulps of b), moves towards its limit, matches DOPRI5 at t = 2 to 1e-9", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 16 }).map((k) => k / 8),
        fc.integer({ min: -16, max: 16 }).map((k) => k / 8),
        fc.integer({ min: 0, max: 4 }).map((k) => k / 32),
        fc.integer({ min: 1, max: 12 }).map((k) => k / 8),
        (L, A, a, gbar, b0) => {
          const ch = deepChainTrajectory({ L, A, a, gbar, b0 });
          const b1 = ch.at(1).b;
          const b2 = ch.at(2).b;
          if (ch.direction !== 0 && b2 !== ch.limit) {
            // Near the limit t(b) is steep: b is only known to an ulp, worth |dt/db|·ulp = ulp/|ḃ| of time.
            const ulpTime = (4 * Number.EPSILON * b2) / Math.abs(ch.velocity(b2));
            expect(Math.abs(ch.timeTo(b2) - 2)).toBeLessThan(1e-13 + ulpTime);
            expect(Math.sign(b2 - b1)).toBe(ch.direction);
          }
          const ref = dopri5(
            (_t, y, dy) => {
              dy[0] = ch.velocity(y[0] as number);
            },
            Float64Array.of(b0),
            { tEnd: 2, rtol: 1e-12, atol: 1e-20 },
          );
          expect(Math.abs((ref.y[0] as number) - b2) / b2).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("deepChainTrajectory against the factorised flow (LinearNetObjective + gradientFlow)", () => {
  it.each([
    { L: 3, A: 1, a: 1, gbar: 0.05, b0: 0.6 },
    { L: 4, A: 1.5, a: -0.75, gbar: 0, b0: 0.5 },
    { L: 2, A: 1, a: 1, gbar: 0.25, b0: 0.1 },
  ])("a width-1 chain with all |w_i| = b₀ and equal γ = ḡ follows P = sgn(a)b(t)^L to 1e-9: %o", (p) => {
    const net = new LinearNet(Array.from({ length: p.L + 1 }, () => 1));
    const obj = new LinearNetObjective(net, Moments.of({ Sxx: p.A, Syx: p.a, Ey2: 1 }), { gamma: p.gbar });
    const theta0 = new Float64Array(p.L).fill(p.b0);
    if (p.a < 0) theta0[0] = -p.b0;
    const times = [0.5, 1, 2, 4, 8];
    const tr = gradientFlow(obj, theta0, { tEnd: 8, times, rtol: 1e-12, atol: 1e-20 });
    expect(tr.status).toBe("ok");
    const ch = deepChainTrajectory(p);
    times.forEach((t, i) => {
      const P = obj.endToEnd(tr.thetas[i] as Float64Array).get(0, 0);
      const Pc = ch.at(t).P;
      // 1e-9 relative: DOPRI5's global error at rtol 1e-12 on L coupled equations.
      expect(Math.abs(P - Pc) / Math.abs(Pc)).toBeLessThan(1e-9);
    });
  });
});

describe("plateauEscapeTime", () => {
  it("L ≥ 3, ḡ = 0: time = 1/(2(L−2)|a|b₀^{L−2}) + C_L + O(b₀²), remainder within A b₀²/(2a²)", () => {
    for (const L of [3, 4, 5]) {
      for (const b0 of [0.05, 0.02, 0.01]) {
        const e = plateauEscapeTime({ L, A: 1, a: 1, b0 });
        expect(e.escapes).toBe(true);
        // The exact remainder is −(A/(2a²))∫_0^{b0} β/(1 − Aβ^L/|a|)dβ ≈ −A b0²/(4a²), so A b0²/(2a²) bounds it.
        expect(Math.abs(e.time - (e.estimate as number))).toBeLessThan(b0 ** 2 / 2);
        // The leading law alone is off by the O(1) constant, i.e. by O(b0^{L−2}) relatively.
        expect(Math.abs(e.time / (e.leading as number) - 1)).toBeLessThan(2 * (L - 2) * b0 ** (L - 2) * 2);
      }
    }
  });

  it("L = 2: time = ln(b_f/b₀)/(2(|a| − ḡ)) + ln(1/(1 − f²))/(4(|a| − ḡ)) + O(b₀²)", () => {
    for (const gbar of [0, 0.25]) {
      for (const b0 of [1e-2, 1e-4]) {
        const e = plateauEscapeTime({ L: 2, A: 1, a: 1, gbar, b0, fraction: 0.5 });
        const r = 1 - gbar;
        // Remainder (1/(4r))|ln(1 − A b0²/r)| ≤ A b0²/(2r²) for A b0² ≤ r/2.
        expect(Math.abs(e.time - (e.estimate as number))).toBeLessThan(b0 ** 2 / (2 * r * r));
      }
    }
  });

  it("L ≥ 3 with ḡ > 0: below the saddle root the flow never escapes; above it escapes without a b₀ law", () => {
    const low = plateauEscapeTime({ L: 4, A: 1, a: 1, gbar: 0.05, b0: 0.1 });
    expect(low.escapes).toBe(false);
    expect(low.time).toBe(Number.POSITIVE_INFINITY);
    const high = plateauEscapeTime({ L: 4, A: 1, a: 1, gbar: 0.05, b0: 0.3 });
    expect(high.escapes).toBe(true);
    expect(high.leading).toBeUndefined();
    expect(high.time).toBeGreaterThan(0);
  });
});

describe("Arora, Cohen & Hazan end-to-end dynamics (arXiv 1802.06509, Thm. 1)", () => {
  it("scalar law ṗ = −N|p|^{2−2/N}L′(p) integrated by DOPRI5 matches the balanced chain (ḡ = 0) to 1e-9", () => {
    for (const [N, a] of [
      [3, 1],
      [4, -0.5],
      [2, 2],
    ] as const) {
      const A = 1.25;
      const b0 = 0.4;
      const ch = deepChainTrajectory({ L: N, A, a, gbar: 0, b0 });
      const times = [0.5, 2, 6];
      const p0 = Math.sign(a) * b0 ** N;
      const ref = dopri5(
        (_t, y, dy) => {
          dy[0] = aroraScalarVelocity({ N, A, a }, y[0] as number);
        },
        Float64Array.of(p0),
        { tEnd: 6, times, rtol: 1e-12, atol: 1e-20 },
      );
      times.forEach((t, i) => {
        const P = ch.at(t).P;
        expect(Math.abs((ref.states[i]?.[0] as number) - P) / Math.abs(P)).toBeLessThan(1e-9);
      });
    }
  });

  const rng = new Rng(20180218);
  const Sxx = (() => {
    const X = rng.gaussianMatrix(3, 3);
    const S = new Matrix(3, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < 3; k++) s += (X.get(i, k) * X.get(j, k)) / 3;
        S.set(i, j, s);
      }
    return S;
  })();
  const Syx = rng.gaussianMatrix(2, 3);
  const widths = [3, 4, 4, 2];
  const net = new LinearNet(widths);
  const obj = new LinearNetObjective(net, Moments.of({ Sxx, Syx, Ey2: 3 }));
  const times = [0.25, 0.5, 1, 2];

  function aroraFlow(P0: Matrix): Matrix[] {
    const res = dopri5(
      (_t, y, dy) => {
        const P = new Matrix(2, 3, Float64Array.from(y));
        dy.set(aroraEndToEndVelocity(P, regressionGradient(P, Sxx, Syx), 3).data);
      },
      Float64Array.from(P0.data),
      { tEnd: 2, times, rtol: 1e-12, atol: 1e-16 },
    );
    expect(res.status).toBe("ok");
    return res.states.map((s) => new Matrix(2, 3, s));
  }

  it("matrix law from a balanced 3-layer net [3, 4, 4, 2] matches the factorised flow to 1e-8 (relative Frobenius)", () => {
    const theta0 = initBalanced(net, new Rng(7), 0.8);
    const flow = gradientFlow(obj, theta0, { tEnd: 2, times, rtol: 1e-12, atol: 1e-16 });
    expect(flow.status).toBe("ok");
    const arora = aroraFlow(obj.endToEnd(theta0));
    times.forEach((_t, i) => {
      const P = obj.endToEnd(flow.thetas[i] as Float64Array);
      // 1e-8: two DOPRI5 runs at rtol 1e-12 plus eigen-based fractional powers (~1e-14 each evaluation).
      expect(relativeFrobeniusError(arora[i] as Matrix, P)).toBeLessThan(1e-8);
    });
  });

  it("is sensitive: from an unbalanced start with the same P₀ scale the factorised flow departs by > 1e-3", () => {
    const theta0 = initGaussian(net, new Rng(7), 0.6);
    const flow = gradientFlow(obj, theta0, { tEnd: 2, times, rtol: 1e-10, atol: 1e-14 });
    const arora = aroraFlow(obj.endToEnd(theta0));
    const last = times.length - 1;
    expect(
      relativeFrobeniusError(arora[last] as Matrix, obj.endToEnd(flow.thetas[last] as Float64Array)),
    ).toBeGreaterThan(1e-3);
  });
});

describe("LaTeX of the escape laws and of Saxe's solution", () => {
  it("KaTeX parses them with throwOnError, without \\cdot", async () => {
    const katex = (await import("katex")).default;
    const { saxeModeTrajectory } = await import("../../../src/symbolic/trajectories/saxe-mode.js");
    const latex = [
      plateauEscapeTime({ L: 3, A: 1, a: 1, b0: 0.01 }).formula?.latex,
      plateauEscapeTime({ L: 2, A: 1, a: 1, gbar: 0.25, b0: 0.01 }).formula?.latex,
      saxeModeTrajectory({ s: 1, u0: 0.01 }).formula.latex,
    ];
    for (const l of latex) {
      expect(typeof l).toBe("string");
      expect(() => katex.renderToString(l as string, { throwOnError: true, displayMode: true })).not.toThrow();
      expect(l).not.toMatch(/\\cdot/);
    }
  });
});

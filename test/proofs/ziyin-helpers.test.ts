/**
 * Tests of the numeric helpers behind the Ziyin et al. claims (proofs/_ziyin): the multi-start minimiser and
 * Newton polish, the brute-force γ scan, the chunked flow, the structure measures and the case aggregation.
 * Expected values come from hand-derived closed forms of tiny problems, typed in here (independent of
 * src/symbolic), or from a second algorithm (core svd).
 */
import { describe, expect, it } from "vitest";
import { flowUntil } from "../../proofs/_ziyin/flow.js";
import { lbfgs, multiStartMinimise, newtonPolish, randomStart } from "../../proofs/_ziyin/minimise.js";
import { Parts, relErr } from "../../proofs/_ziyin/parts.js";
import { bruteForceMinimum, locateTransition, oneSidedSlope } from "../../proofs/_ziyin/scan.js";
import {
  decayBalanceSpread,
  rankOneResidual,
  singularValues,
  unitMagnitudeSpread,
} from "../../proofs/_ziyin/structure.js";
import { symmetricEigen } from "../../src/core/eigen.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { svd } from "../../src/core/svd.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";

/** Scalar chain [1, 1, …, 1] of depth L with A = E[x²], a = E[xy], E[y²] and one γ for every layer. */
function chain(L: number, A: number, a: number, Ey2: number, gamma: number | number[], noise = 0): LinearNetObjective {
  const net = new LinearNet(new Array<number>(L + 1).fill(1));
  return new LinearNetObjective(net, Moments.of({ Sxx: A, Syx: a, Ey2 }), { gamma, noise });
}

describe("multi-start minimiser", () => {
  it("finds the L = 2 chain's minimum ℓ* = E[y²] − (a − γ)²/A to 1e-13 relative (closed form by hand)", () => {
    const [A, a, Ey2, g] = [1.5, 1, 2, 0.25];
    const best = multiStartMinimise(chain(2, A, a, Ey2, g), { starts: 6 }).best;
    expect(relErr(best.loss, Ey2 - (a - g) ** 2 / A)).toBeLessThan(1e-13);
    expect(best.gradientNorm).toBeLessThan(1e-12);
  });

  it("is bit-for-bit deterministic for a given seed", () => {
    const obj = chain(3, 1, 1.5, 3, [0.1, 0.2, 0.05], 0.5);
    const r1 = multiStartMinimise(obj, { starts: 5, seed: 9 });
    const r2 = multiStartMinimise(obj, { starts: 5, seed: 9 });
    expect(Array.from(r1.best.theta)).toEqual(Array.from(r2.best.theta));
  });

  it("L-BFGS stalls at the loss's round-off floor (‖∇ℒ‖ ≈ √u scale, < 1e-7); Newton polish takes it to 1e-12 without raising the loss", () => {
    const net = new LinearNet([2, 3, 2, 1]);
    const m = Moments.of({
      Sxx: [
        [2, 0.5],
        [0.5, 1],
      ],
      Syx: [1, 0.5],
      Ey2: 2,
    });
    const obj = new LinearNetObjective(net, m, { gamma: [0.05, 0.1, 0.2], noise: [0.5, 0.25] });
    const r = lbfgs(obj, randomStart(obj, new Rng(3), 1));
    expect(r.gradientNorm).toBeLessThan(1e-7);
    const p = newtonPolish(obj, r.theta);
    expect(p.loss).toBeLessThanOrEqual(r.loss + 1e-13 * Math.abs(r.loss));
    expect(p.gradientNorm).toBeLessThan(1e-12);
  });

  it("Newton in 'critical' mode converges to the L = 3 chain's saddle (the smaller root of h, by bisection here)", () => {
    // h(b) = A b⁴ − a b + γ for L = 3; the smaller positive root is the saddle on the balanced set.
    const [A, a, Ey2, g] = [1, 2, 4, 0.25];
    const h = (b: number) => A * b ** 4 - a * b + g;
    let lo = 0;
    let hi = ((a / (4 * A)) ** (1 / 3)) as number; // h′ = 0 there, h < 0
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (h(mid) > 0) lo = mid;
      else hi = mid;
    }
    const bs = 0.5 * (lo + hi);
    const obj = chain(3, A, a, Ey2, g);
    const start = new Float64Array([bs * 1.05, bs * 0.97, bs * 1.02]);
    const r = newtonPolish(obj, start, { mode: "critical" });
    expect(r.gradientNorm).toBeLessThan(1e-12);
    // Balanced saddle: every |w_i| = b_s to 1e-10 relative, and the Hessian has a negative eigenvalue.
    for (const w of r.theta) expect(relErr(Math.abs(w), bs)).toBeLessThan(1e-10);
    expect(symmetricEigen(obj.hessian(r.theta)).values[0]).toBeLessThan(-1e-6);
  });
});

describe("brute-force γ scan", () => {
  it("matches P* = (|a| − ḡ)/A for L = 2 to 1e-7 relative (golden section resolves b to ~√u)", () => {
    const [A, a, Ey2] = [1.5, -0.75, 1];
    for (const g of [0.1, 0.3, 0.6]) {
      const p = bruteForceMinimum(2, A, a, Ey2, g);
      expect(relErr(p.P, (Math.abs(a) - g) / A)).toBeLessThan(1e-7);
      expect(relErr(p.loss, Ey2 - (Math.abs(a) - g) ** 2 / A)).toBeLessThan(1e-14);
    }
    expect(bruteForceMinimum(2, A, a, Ey2, 0.8).b).toBe(0);
  });

  it("locates the L = 3 transition at γ_c = A^{−1/3}(|a|/2)^{4/3} (note formula typed in) to 1e-12", () => {
    const [A, a, Ey2] = [0.375, 0.25, 1];
    const t = locateTransition(3, A, a, Ey2);
    expect(relErr(t.gammaC, (1 / A) ** (1 / 3) * (a / 2) ** (4 / 3))).toBeLessThan(1e-12);
    // The jump of P* is (L − 2)|a|/((L − 1)A) = |a|/(2A) for L = 3 (1e-7: b is √u-sharp).
    expect(relErr(t.below.P - t.above.P, a / (2 * A))).toBeLessThan(1e-7);
  });

  it("one-sided second-order slopes are exact for quadratics (round-off only: 1e-9)", () => {
    const f = (x: number) => 3 * x * x - 2 * x + 1;
    expect(Math.abs(oneSidedSlope(f, 0.7, 1e-3, -1) - (6 * 0.7 - 2))).toBeLessThan(1e-9);
    expect(Math.abs(oneSidedSlope(f, 0.7, 1e-3, 1) - (6 * 0.7 - 2))).toBeLessThan(1e-9);
  });
});

describe("chunked gradient flow", () => {
  it("reaches the ridge minimiser w* = a/(A + γ) of an L = 1 net and stops as soon as the test holds", () => {
    const [A, a, g] = [2, 1, 0.5];
    const obj = chain(1, A, a, 1, g);
    // DOPRI5 at rtol 1e-9 hovers at ‖∇ℒ‖ ≈ 1e-9 once stability limits its steps: ask for 1e-8.
    const end = flowUntil(obj, new Float64Array([0]), (_l, gn) => gn < 1e-8);
    expect(end.status).toBe("ok");
    expect(end.stopped).toBe(true);
    // ‖∇ℒ‖ = 2(A + γ)|w − w*| < 1e-8, so |w − w*| < 1e-8/5 = 2e-9.
    expect(Math.abs((end.theta[0] as number) - a / (A + g))).toBeLessThan(2e-9);
    expect(end.time).toBeLessThan(800);
  });
});

describe("structure measures", () => {
  it("singular values agree with core svd on random full-rank matrices (1e-13 of σ₁) and handle [[0, 0], [7/2, −3]]", () => {
    const rng = new Rng(5);
    for (const [r, c] of [
      [2, 3],
      [3, 2],
      [3, 3],
    ] as const) {
      const M = rng.gaussianMatrix(r, c);
      const ours = singularValues(M);
      const ref = Array.from(svd(M).s);
      ours.forEach((x, k) => {
        expect(Math.abs(x - (ref[k] as number))).toBeLessThan(1e-13 * (ref[0] as number));
      });
    }
    const s = singularValues(
      Matrix.fromRows([
        [0, 0],
        [3.5, -3],
      ]),
    );
    expect(relErr(s[0] as number, Math.sqrt(3.5 ** 2 + 9))).toBeLessThan(1e-14);
    expect(s[1]).toBeLessThan(1e-14);
  });

  it("rank-one, decay-balance and unit-magnitude measures vanish on the derived structure and not elsewhere", () => {
    const net = new LinearNet([2, 2, 1]);
    const r = 1 / Math.sqrt(2);
    // W1 = s1 r β̂ᵀ, W2 = s2 rᵀ with γ1 s1² = γ2 s2² (γ = [1/8, 1/2] ⇒ s1 = 2 s2).
    const beta = [0.6, 0.8];
    const theta = net.pack([
      Matrix.fromRows([
        [2 * r * (beta[0] as number), 2 * r * (beta[1] as number)],
        [2 * r * (beta[0] as number), 2 * r * (beta[1] as number)],
      ]),
      Matrix.fromRows([[r, r]]),
    ]);
    expect(rankOneResidual(net, theta, 1)).toBeLessThan(1e-15);
    expect(decayBalanceSpread(net, theta, [1 / 8, 1 / 2])).toBeLessThan(1e-15);
    expect(unitMagnitudeSpread(net, theta, 1)).toBeLessThan(1e-15);
    const other = net.pack([Matrix.identity(2), Matrix.fromRows([[1, 0]])]);
    expect(rankOneResidual(net, other, 1)).toBeCloseTo(1, 12); // σ₂/σ₁ of the identity, round-off 1e-12
    expect(unitMagnitudeSpread(net, other, 1)).toBeGreaterThan(0.5);
  });
});

describe("Parts (several measured parts in one case)", () => {
  it("reports the worst part with its own residual and tolerance", () => {
    const r = new Parts().add("small", 1e-9, 1e-8).add("large", 5e-7, 1e-6).result("ctx");
    expect(r).toMatchObject({ residual: 5e-7, tolerance: 1e-6 });
  });

  it("treats a positive residual against tolerance 0 as the worst, and NaN as undecided", () => {
    expect(new Parts().add("a", 0.5, 1).add("b", 1e-3, 0).result()).toMatchObject({ residual: 1e-3, tolerance: 0 });
    expect(new Parts().add("a", 0, 0).result()).toMatchObject({ residual: 0, tolerance: 0 });
    expect(new Parts().add("a", Number.NaN, 1).result()).toHaveProperty("inconclusive");
  });
});

describe("the numerics can tell a wrong closed form apart (mutation check)", () => {
  it("the noise factor without 1/d_i (κ' = Π(1 + σ_i²)) misses the noisy minimum by far more than 1e-8", () => {
    const widths = [1, 3, 2, 1];
    const net = new LinearNet(widths);
    const [A, a, Ey2] = [1, 1.5, 3];
    const gamma = [0.05, 0.05, 0.05];
    const noisy = new LinearNetObjective(net, Moments.of({ Sxx: A, Syx: a, Ey2 }), { gamma, noise: [0.5, 0.5] });
    const right = new LinearNetObjective(net, Moments.of({ Sxx: A * (1 + 0.5 / 3) * (1 + 0.5 / 2), Syx: a, Ey2 }), {
      gamma,
    });
    const wrong = new LinearNetObjective(net, Moments.of({ Sxx: A * 1.5 * 1.5, Syx: a, Ey2 }), { gamma });
    const ln = multiStartMinimise(noisy, { starts: 6 }).best.loss;
    expect(relErr(multiStartMinimise(right, { starts: 6 }).best.loss, ln)).toBeLessThan(1e-10);
    expect(relErr(multiStartMinimise(wrong, { starts: 6 }).best.loss, ln)).toBeGreaterThan(1e-3);
  });
});

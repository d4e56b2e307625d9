import { describe, expect, it } from "vitest";
import "../../src/testing/matchers.js";
import { Matrix } from "../../src/core/matrix.js";
import { gradientFlow } from "../../src/dynamics/gradient-flow.js";
import { imbalances } from "../../src/dynamics/invariants.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";

describe("vitest matchers (registered by importing lindyn/testing/matchers)", () => {
  it("toBeCloseToMatrix passes within relTol and prints the residual when it fails", () => {
    expect(Matrix.fromRows([[1, 2]])).toBeCloseToMatrix([[1, 2 + 1e-12]]); // relative 4e-13 ≤ 1e-10 default
    expect([[1, 2]]).not.toBeCloseToMatrix([[1, 2.1]]);
    expect(() => expect([[1, 2]]).toBeCloseToMatrix([[1, 3]])).toThrow(
      /toBeCloseToMatrix failed: ‖A − B‖_F = 1 > 3\.2e-10/,
    );
    expect(() => expect([[1, 2]]).not.toBeCloseToMatrix([[1, 2]])).toThrow(
      /expected the check toBeCloseToMatrix to fail/,
    );
  });

  it("toConserve on a real gradient-flow trajectory: Q_1 conserved at γ = 0, not with γ = 1/4", () => {
    const net = new LinearNet([2, 2, 1]);
    const moments = Moments.of({ Sxx: Matrix.identity(2), Syx: [[1, 1 / 2]], Ey2: 2 });
    const theta0 = net.pack([
      Matrix.fromRows([
        [1 / 2, 0],
        [1 / 4, -1 / 2],
      ]),
      Matrix.fromRows([[1, 1 / 4]]),
    ]);
    const flow = (gamma: number) =>
      gradientFlow(new LinearNetObjective(net, moments, { gamma }), theta0.slice(), {
        tEnd: 1,
        times: [0, 0.5, 1],
        rtol: 1e-10,
        atol: 1e-12,
      });
    // DOPRI5 at rtol 1e-10 keeps the drift near 1e-11; 1e-8 leaves a wide margin (see du2018.conservation).
    expect(flow(0)).toConserve((theta) => imbalances(net, theta), { tolerance: 1e-8 });
    expect(flow(1 / 4)).not.toConserve((theta) => imbalances(net, theta), { tolerance: 1e-8 });
  });

  it("toBeLocalMinimum and toSatisfyFlow", () => {
    const net = new LinearNet([1, 1, 1]);
    const strongDecay = new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: 1 / 2, Ey2: 1 / 4 }), { gamma: 1 });
    expect(new Float64Array(2)).toBeLocalMinimum(strongDecay); // H = [[2, −1], [−1, 2]] at the origin
    const weakDecay = new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: 1 / 2, Ey2: 1 / 4 }), { gamma: 1 / 8 });
    expect(() => expect(new Float64Array(2)).toBeLocalMinimum(weakDecay)).toThrow(/λ_min\(H\) = -0\.75/);
    // Saxe's logistic mode (arXiv 1312.6120) with s = 1, u0 = 1/4, c = 1/2, balanced scalar weights.
    const saxe = new LinearNetObjective(net, Moments.of({ Sxx: 1, Syx: 1, Ey2: 1 }), { c: 0.5 });
    const u = (t: number) => 1 / (1 + 3 * Math.exp(-2 * t));
    expect((t: number) => Float64Array.of(Math.sqrt(u(t)), Math.sqrt(u(t)))).toSatisfyFlow(saxe, { times: [0, 1, 3] });
  });
});

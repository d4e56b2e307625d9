import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../../src/core/errors.js";
import { Matrix } from "../../../src/core/matrix.js";
import { Rng } from "../../../src/core/rng.js";
import { gradientFlow } from "../../../src/dynamics/gradient-flow.js";
import { LinearNet } from "../../../src/model/architecture.js";
import { Moments } from "../../../src/model/moments.js";
import { leakyRelu, relu, resolveActivation } from "../../../src/model/nonlinear/activation.js";
import { empiricalNtk } from "../../../src/model/nonlinear/empirical-ntk.js";
import { initNonlinear } from "../../../src/model/nonlinear/init.js";
import { linearisation } from "../../../src/model/nonlinear/linearisation.js";
import { NonlinearNet } from "../../../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../../../src/model/nonlinear/nonlinear-objective.js";
import { LinearNetObjective } from "../../../src/model/objective.js";
import { minHiddenPreactivation, netCaseArb, perturb } from "./_nets.js";

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] as number));
  return m;
}

describe("NonlinearObjective gradient", () => {
  /*
   * Central differences with h = 1e-6·max(1, |θ_j|): truncation h²/6·|∂³ℒ| ≲ 1e-12·1e3 (weights ≤ 1.1, data
   * ≤ 2, depth ≤ 4) and round-off ≈ ε|ℒ|/h ≈ 1e-10·|ℒ|. Tolerance 1e-7 relative to max(1, |ℒ|, ‖∇ℒ‖∞)
   * leaves a wide margin (worst seen ~3e-9) while a wrong term in back-propagation is O(1e-1) or more.
   * Away from kinks: states are perturbed off the k/8 grid, and cases whose smallest hidden pre-activation
   * is below 1e-4 (so that ±h could cross a ReLU kink: |Δz| ≤ h·(|x| + Σ|w|) < 1e-4) are skipped and counted.
   */
  it("matches central finite differences (depth 1–4, widths 1–6, every activation, ± biases, c ∈ {1, ½}; rel 1e-7)", () => {
    let checked = 0;
    let skipped = 0;
    fc.assert(
      fc.property(netCaseArb(), fc.constantFrom<1 | 0.5>(1, 0.5), (nc, c) => {
        const theta = perturb(nc.theta);
        if (minHiddenPreactivation(nc.net, theta, nc.X) < 1e-4) {
          skipped++;
          return true;
        }
        checked++;
        const obj = new NonlinearObjective(nc.net, nc.X, nc.Y, { c });
        const g = new Float64Array(obj.dim);
        const loss = obj.valueAndGradient(theta, g);
        const scale = Math.max(1, Math.abs(loss), maxAbs(g));
        const t = theta.slice();
        for (let j = 0; j < obj.dim; j++) {
          const h = 1e-6 * Math.max(1, Math.abs(theta[j] as number));
          t[j] = (theta[j] as number) + h;
          const up = obj.value(t);
          t[j] = (theta[j] as number) - h;
          const down = obj.value(t);
          t[j] = theta[j] as number;
          const fd = (up - down) / (2 * h);
          expect(Math.abs(fd - (g[j] as number)) / scale).toBeLessThanOrEqual(1e-7);
        }
        expect(obj.value(theta)).toBe(loss);
      }),
      { numRuns: 150 },
    );
    // The property is not vacuous: most generated cases are away from kinks.
    expect(checked).toBeGreaterThan(2 * skipped);
  });

  it("the batched kernel's outputs equal the plain-loop forward pass (rel 1e-13: same sums, different blocking)", () => {
    fc.assert(
      fc.property(netCaseArb(), (nc) => {
        const obj = new NonlinearObjective(nc.net, nc.X, nc.Y);
        const a = obj.outputs(nc.theta);
        const b = nc.net.output(nc.theta, nc.X);
        const scale = Math.max(1, maxAbs(b.data));
        for (let k = 0; k < a.data.length; k++) expect(Math.abs(a.data[k]! - b.data[k]!) / scale).toBeLessThan(1e-13);
      }),
      { numRuns: 60 },
    );
  });

  it("identity activation = LinearNetObjective on the moments of the same samples, both conventions (rel 1e-12)", () => {
    // ℒ_lin = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²) with Σ = sample moments (1/n) equals c·(1/n)Σ‖Px_s − y_s‖²,
    // which is NonlinearObjective with the same c. Round-off: the moment route cancels E‖y‖² against the rest,
    // so errors are relative to the size of the terms, a few 1e-16; 1e-12 allows for depth.
    fc.assert(
      fc.property(
        netCaseArb({ activations: [resolveActivation("identity")] }),
        fc.constantFrom<1 | 0.5>(1, 0.5),
        (nc, c) => {
          fc.pre(!nc.net.bias);
          const lin = new LinearNetObjective(new LinearNet(nc.net.widths), Moments.fromSamples(nc.X, nc.Y), { c });
          const non = new NonlinearObjective(nc.net, nc.X, nc.Y, { c });
          const g1 = new Float64Array(lin.dim);
          const g2 = new Float64Array(non.dim);
          const v1 = lin.valueAndGradient(nc.theta, g1);
          const v2 = non.valueAndGradient(nc.theta, g2);
          const scale = Math.max(1, Math.abs(v1), maxAbs(g1), maxAbs(nc.Y.data) ** 2);
          expect(Math.abs(v1 - v2) / scale).toBeLessThan(1e-12);
          for (let k = 0; k < g1.length; k++) expect(Math.abs(g1[k]! - g2[k]!) / scale).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });

  // DOPRI5 is not used here: where a hidden unit's pre-activation slides along a kink (Filippov sliding),
  // its step size collapses and it stops at max-steps (seen on this very problem); fixed-step RK4 steps through.
  it("a gradient flow of a ReLU net runs unchanged through src/dynamics (RK4) and decreases the loss", () => {
    const rng = new Rng(3);
    const net = new NonlinearNet([3, 8, 6, 1], { activation: relu() });
    const X = rng.gaussianMatrix(10, 3);
    const Y = rng.gaussianMatrix(10, 1);
    const obj = new NonlinearObjective(net, X, Y);
    const traj = gradientFlow(obj, initNonlinear(net, rng), { tEnd: 5, times: [0, 1, 5], method: "rk4", steps: 500 });
    expect(traj.status).toBe("ok");
    expect(traj.loss[2]).toBeLessThan(traj.loss[0] as number);
    expect(traj.loss[1]).toBeLessThanOrEqual(traj.loss[0] as number);
  });
});

describe("antisymmetric paired initialisation", () => {
  it("gives f₀ ≡ 0 exactly (0, not just small) for generated nets, both forward routes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (L, half, bias, seed) => {
          const rng = new Rng(seed);
          const widths = [3, ...Array.from({ length: L - 2 }, () => 3), 2 * half, 2];
          const net = new NonlinearNet(widths, { activation: "tanh", bias });
          const theta = initNonlinear(net, rng, { antisymmetric: true, biasScale: 0.5 });
          const X = rng.gaussianMatrix(5, 3);
          expect(Array.from(net.output(theta, X).data).every((v) => v === 0)).toBe(true);
          const obj = new NonlinearObjective(net, X, new Matrix(5, 2));
          expect(Array.from(obj.outputs(theta).data).every((v) => v === 0)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("gives exactly 0 at a width that takes the packed, cache-blocked matmul path (d0 = 150, m = 256, n = 80)", () => {
    const rng = new Rng(11);
    const net = new NonlinearNet([150, 256, 1], { activation: "softplus", bias: true });
    const theta = initNonlinear(net, rng, { antisymmetric: true, biasScale: 1 });
    const obj = new NonlinearObjective(net, rng.gaussianMatrix(80, 150), new Matrix(80, 1));
    expect(maxAbs(obj.outputs(theta).data)).toBe(0);
  });
});

describe("empirical NTK", () => {
  it("equals the Gram matrix of explicit per-example gradients (rel Frobenius 1e-12)", () => {
    // Independent route: ∇_θ f(x_s) from NonlinearObjective on the single sample (c = ½, y = f(x_s) − 1),
    // whose gradient is (f − y)∇f = ∇f; then explicit inner products. Both are sums of the same products in
    // different orders: round-off ~1e-15 relative.
    fc.assert(
      fc.property(
        netCaseArb({ maxDepth: 3, maxWidth: 5, maxSamples: 4 }).filter((c) => c.net.widths[c.net.depth] === 1),
        (nc) => {
          const theta = perturb(nc.theta);
          const K = empiricalNtk(nc.net, theta, nc.X);
          const n = nc.X.rows;
          const grads = Array.from({ length: n }, (_, s) => {
            const x = new Matrix(1, nc.X.cols, nc.X.data.slice(s * nc.X.cols, (s + 1) * nc.X.cols));
            const f = nc.net.output(theta, x).data[0]!;
            const obj = new NonlinearObjective(nc.net, x, new Matrix(1, 1, Float64Array.of(f - 1)));
            const g = new Float64Array(obj.dim);
            obj.valueAndGradient(theta, g);
            return g;
          });
          let err = 0;
          let norm = 0;
          for (let s = 0; s < n; s++)
            for (let t = 0; t < n; t++) {
              let dot = 0;
              for (let k = 0; k < grads[s]!.length; k++) dot += grads[s]![k]! * grads[t]![k]!;
              err += (K.get(s, t) - dot) ** 2;
              norm += dot * dot;
            }
          expect(Math.sqrt(err)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.sqrt(norm)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("linearisation", () => {
  it("a (leaky) ReLU net equals its masked linear map on the data pocket (rel 1e-13), offset 0 without biases", () => {
    fc.assert(
      fc.property(
        netCaseArb({ activations: [relu(), leakyRelu(0.125)] }),
        fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 6, maxLength: 6 }),
        (nc, ks) => {
          const theta = perturb(nc.theta);
          const x = Array.from(nc.X.data.subarray(0, nc.X.cols));
          const lin = linearisation(nc.net, theta, x);
          // A nearby input in the same pocket (same masks): x' = x + δ, |δ| ≤ 1e-6.
          const x2 = x.map((v, q) => v + 1e-6 * ((ks[q % 6] as number) / 8));
          const lin2 = linearisation(nc.net, theta, x2);
          fc.pre(lin.masks.every((m, h) => m.every((v, j) => v === lin2.masks[h]![j])));
          const f2 = nc.net.output(theta, new Matrix(1, x2.length, Float64Array.from(x2))).data;
          const scale = Math.max(1, maxAbs(lin.map.data) * maxAbs(x2), maxAbs(lin.offset));
          for (let r = 0; r < f2.length; r++) {
            let pred = lin.offset[r]!;
            for (let q = 0; q < x2.length; q++) pred += lin.map.get(r, q) * x2[q]!;
            expect(Math.abs(pred - f2[r]!) / scale).toBeLessThan(1e-13);
          }
          if (!nc.net.bias) expect(maxAbs(lin.offset) / scale).toBeLessThan(1e-13);
          for (const m of lin.masks) for (const v of m) expect([0.125, 1, 0]).toContain(v);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("input errors", () => {
  it("names the parameter and the fix", () => {
    expect(() => new NonlinearNet([3])).toThrow(ShapeError);
    expect(() => new NonlinearNet([3, 0, 1])).toThrow(/widths\[1\]/);
    expect(() => new NonlinearNet([3, 1], { alpha: 0 })).toThrow(/alpha = 0: must be a finite number > 0/);
    expect(() => new NonlinearNet([3, 1], { activation: "leaky-relu" as never })).toThrow(/leakyRelu\(slope\)/);
    expect(() => leakyRelu(1)).toThrow(DomainError);
    const net = new NonlinearNet([2, 3, 1]);
    expect(() => new NonlinearObjective(net, new Matrix(4, 3), new Matrix(4, 1))).toThrow(/d0 = 2 columns/);
    expect(() => new NonlinearObjective(net, new Matrix(4, 2), new Matrix(3, 1))).toThrow(/n = 4 rows/);
    expect(() => new NonlinearObjective(net, new Matrix(4, 2), new Matrix(4, 1), { c: 2 as never })).toThrow(
      /c = 2: must be 1 or 0.5/,
    );
    const bad = new Matrix(1, 2, Float64Array.of(Number.NaN, 0));
    expect(() => new NonlinearObjective(net, bad, new Matrix(1, 1))).toThrow(/X\.data\[0\] = NaN/);
    expect(() => initNonlinear(net, new Rng(1), { antisymmetric: true })).toThrow(/even/);
    expect(() => initNonlinear(net, new Rng(1), { scales: [1, 2, 3] })).toThrow(/one entry per weight matrix/);
    expect(() => empiricalNtk(new NonlinearNet([2, 2, 2]), new Float64Array(10), new Matrix(1, 2))).toThrow(
      /scalar output/,
    );
    expect(() => net.views(new Float64Array(3))).toThrow(/net\.dim = 9/);
    expect(() => net.pack([[[1, 2]]])).toThrow(/depth L = 2/);
  });
});

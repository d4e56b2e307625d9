import { describe, expect, it } from "vitest";
import { Matrix } from "../../../../src/core/matrix.js";
import { Rng } from "../../../../src/core/rng.js";
import { gradientDescent } from "../../../../src/dynamics/gradient-descent.js";
import { resolveActivation } from "../../../../src/model/nonlinear/activation.js";
import { activationConstants } from "../../../../src/model/nonlinear/activation-constants.js";
import { empiricalNtk } from "../../../../src/model/nonlinear/empirical-ntk.js";
import { gaussianExpectation } from "../../../../src/model/nonlinear/gaussian-quadrature.js";
import {
  affineDataKernel,
  deepReluEmpiricalNtk,
  deepReluFeatureCoefficients,
  HuTwoLayer,
  huFeatureCoefficients,
  huFeatures,
  huLayerNtk,
  huLinearObjective,
  initDeepRelu,
  reluNtk,
  trainedNtk,
} from "../../../../src/model/nonlinear/hu2020/index.js";

const maxAbs = (a: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s = Math.max(s, Math.abs(a[k] as number));
  return s;
};

/** Paper's formula f(x) = (1/√m)Σ_r v_r φ(w_rᵀx/√d), written out directly from (W, v). */
function paperForward(model: HuTwoLayer, W: Matrix, v: Float64Array, x: ArrayLike<number>): number {
  const { d, m } = model;
  let f = 0;
  for (let r = 0; r < m; r++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += W.get(r, j) * (x[j] as number);
    f += (v[r] as number) * model.net.activation.phi(z / Math.sqrt(d));
  }
  return f / Math.sqrt(m);
}

describe("HuTwoLayer: the paper's NTK-parameterised two-layer net", () => {
  const d = 5;
  const m = 6;
  const rng = new Rng(3);
  const model = new HuTwoLayer(d, m, "softplus");
  const theta0 = model.init(rng);
  const X = rng.gaussianMatrix(7, d);
  const Y = rng.gaussianMatrix(7, 1);

  it("f₀ ≡ 0 exactly (antisymmetric pairs; tolerance 0: the pairs cancel bit for bit)", () => {
    expect(maxAbs(model.net.output(theta0, X).data)).toBe(0);
  });

  it("forward pass equals the paper's formula at a generic θ (tolerance 1e-13: same sums, reordered)", () => {
    const theta = theta0.map((t, k) => t + 0.1 * Math.sin(k));
    const { W, v } = model.paperWeights(theta);
    const F = model.net.output(theta, X);
    for (let s = 0; s < X.rows; s++) {
      const ref = paperForward(model, W, v, X.data.subarray(s * d, (s + 1) * d));
      expect(Math.abs(F.data[s]! - ref)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref)));
    }
  });

  it("one GD step with learningRates(η) is the paper's step W ← W − η∂ℒ/∂W, v ← v − η∂ℒ/∂v (central differences in (W, v); tolerance 1e-7 absolute: FD error O(h²) with h = 1e-5)", () => {
    const theta = theta0.map((t, k) => t + 0.1 * Math.cos(k));
    const eta = 0.7;
    const paperLoss = (W: Matrix, v: Float64Array) => {
      let s = 0;
      for (let i = 0; i < X.rows; i++)
        s += (paperForward(model, W, v, X.data.subarray(i * d, (i + 1) * d)) - Y.data[i]!) ** 2;
      return s / (2 * X.rows);
    };
    const before = model.paperWeights(theta);
    for (const layers of ["first", "second", "both"] as const) {
      const after = model.paperWeights(
        gradientDescent(model.objective(X, Y, layers), theta, { lr: model.learningRates(eta), steps: 1, record: [1] })
          .theta,
      );
      const h = 1e-5;
      for (let k = 0; k < before.W.data.length; k++) {
        const Wp = before.W.clone();
        const Wm = before.W.clone();
        Wp.data[k]! += h;
        Wm.data[k]! -= h;
        const g = (paperLoss(Wp, before.v) - paperLoss(Wm, before.v)) / (2 * h);
        const expected = before.W.data[k]! - (layers === "second" ? 0 : eta * g);
        expect(Math.abs(after.W.data[k]! - expected)).toBeLessThan(1e-7);
      }
      for (let r = 0; r < m; r++) {
        const vp = before.v.slice();
        const vm = before.v.slice();
        vp[r]! += h;
        vm[r]! -= h;
        const g = (paperLoss(before.W, vp) - paperLoss(before.W, vm)) / (2 * h);
        const expected = before.v[r]! - (layers === "first" ? 0 : eta * g);
        expect(Math.abs(after.v[r]! - expected)).toBeLessThan(1e-7);
      }
    }
  });

  it("huLayerNtk matches lindyn's empiricalNtk: Θ_net = d·Θ₁ + Θ₂ (chain rule W₁ = W/√d; tolerance 1e-12 relative: round-off)", () => {
    const theta = theta0.map((t, k) => t + 0.05 * Math.sin(3 * k));
    const K = huLayerNtk(model, theta, X);
    const ref = empiricalNtk(model.net, theta, X);
    const scale = maxAbs(ref.data);
    for (let k = 0; k < ref.data.length; k++) {
      expect(Math.abs(d * K.first.data[k]! + K.second.data[k]! - ref.data[k]!)).toBeLessThan(1e-12 * scale);
    }
    expect(trainedNtk(K, "both").data[3]).toBeCloseTo(K.first.data[3]! + K.second.data[3]!, 14);
  });

  it("rejects odd widths and bad rates", () => {
    expect(() => new HuTwoLayer(3, 5, "relu")).toThrow(/even/);
    expect(() => model.learningRates(0)).toThrow(/eta/);
    // @ts-expect-error wrong layer choice on purpose
    expect(() => model.objective(X, Y, "third")).toThrow(/layers/);
  });
});

describe("ψ: Hu et al.'s linear model", () => {
  /**
   * Independent route to the coefficients: the infinite-width kernels as functions of the correlation ρ,
   * K₂(ρ) = E[φ(u)φ(u′)] and K₁(ρ) = E[φ′(u)φ′(u′)]·ρ, (u, u′) standard Gaussians with correlation ρ, by
   * nested Gauss–Hermite quadrature; their Taylor coefficients at 0 by central differences. ψ must satisfy
   * slope² = K′(0) and constant² = K(0) + ½K″(0)·s (s = tr(Σ²)/d²) — the note's general recipe.
   */
  function kernelTaylor(act: "softplus" | "gelu" | "tanh", which: "first" | "second") {
    const a = resolveActivation(act);
    const K = (rho: number) => {
      const c = Math.sqrt(1 - rho * rho);
      const opts = { hermiteNodes: 60 };
      return gaussianExpectation(
        (g1) =>
          gaussianExpectation(
            (g2) =>
              which === "second" ? a.phi(g1) * a.phi(rho * g1 + c * g2) : a.dphi(g1) * a.dphi(rho * g1 + c * g2) * rho,
            opts,
          ),
        opts,
      );
    };
    const h = 0.02;
    const [km, k0, kp] = [K(-h), K(0), K(h)];
    return { k0, k1: (kp - km) / (2 * h), k2: (kp - 2 * k0 + km) / (h * h) };
  }

  for (const act of ["softplus", "gelu", "tanh"] as const) {
    it(`${act}: slope² = K′(0) and constant² = K(0) + ½K″(0)·s for each trained layer set (tolerance 2e-4 absolute: central differences at h = 0.02 have error ~h²·K‴′/12)`, () => {
      const c = activationConstants(resolveActivation(act));
      const d = 30;
      const trSigma2 = 45; // an anisotropic Σ: s = 45/900
      const s = trSigma2 / (d * d);
      const t1 = kernelTaylor(act, "first");
      const t2 = kernelTaylor(act, "second");
      const parts = { first: [t1], second: [t2], both: [t1, t2] } as const;
      for (const layers of ["first", "second", "both"] as const) {
        const co = huFeatureCoefficients(c, layers, trSigma2, d);
        const slope2 = parts[layers].reduce((acc, t) => acc + t.k1, 0);
        const const2 = parts[layers].reduce((acc, t) => acc + t.k0 + 0.5 * t.k2 * s, 0);
        expect(Math.abs(co.slope ** 2 - slope2)).toBeLessThan(2e-4);
        expect(Math.abs(co.constant ** 2 - const2)).toBeLessThan(2e-4);
      }
    });
  }

  it("ReLU closed forms: both layers a = √2/2, b² = 1/(2π) + (3/2)(1/(2π))/d for Σ = I (tolerance 1e-12: quadrature constants)", () => {
    const c = activationConstants(resolveActivation("relu"));
    const co = huFeatureCoefficients(c, "both", 20, 20);
    expect(Math.abs(co.slope - Math.SQRT1_2)).toBeLessThan(1e-12);
    expect(Math.abs(co.constant ** 2 - (1 / (2 * Math.PI)) * (1 + 1.5 / 20))).toBeLessThan(1e-12);
  });

  it("the linear model trained by GD equals the closed-form kernel-GD recursion on the affine data kernel (f_t = (I − (I − ηK/n)^t)y; tolerance 1e-10 relative: round-off over 20 steps)", () => {
    const rng = new Rng(9);
    const n = 12;
    const d = 4;
    const X = rng.gaussianMatrix(n, d);
    const Y = rng.gaussianMatrix(n, 1);
    const co = huFeatureCoefficients(activationConstants(resolveActivation("gelu")), "both", d, d);
    const objective = huLinearObjective(huFeatures(X, co), Y);
    const eta = 1.5;
    const steps = 20;
    const beta = gradientDescent(objective, new Float64Array(d + 1), { lr: eta, steps, record: [steps] }).theta;
    const f = objective.net.output(beta, objective.X);
    // Independent route: the kernel a²xᵀx′/d + b² built entrywise, function-space GD f ← f − (η/n)K(f − y).
    const K = new Matrix(n, n);
    for (let s = 0; s < n; s++)
      for (let t = 0; t < n; t++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += X.get(s, j) * X.get(t, j);
        K.set(s, t, (co.slope ** 2 * dot) / d + co.constant ** 2);
      }
    const A = affineDataKernel(X, co);
    for (let k = 0; k < n * n; k++) expect(Math.abs(A.data[k]! - K.data[k]!)).toBeLessThan(1e-13 * maxAbs(K.data));
    let g = new Float64Array(n);
    for (let step = 0; step < steps; step++) {
      const next = g.slice();
      for (let s = 0; s < n; s++) {
        let acc = 0;
        for (let t = 0; t < n; t++) acc += K.get(s, t) * (g[t]! - Y.data[t]!);
        next[s] = g[s]! - (eta / n) * acc;
      }
      g = next;
    }
    for (let s = 0; s < n; s++) expect(Math.abs(f.data[s]! - g[s]!)).toBeLessThan(1e-10 * maxAbs(g));
  });

  // Tolerances: relative ‖f₃ − f^lin₃‖/‖f^lin₃‖ at d = 30, n = 120, m = 4000 measured 0.110 (first), 0.037 (second),
  // 0.037 (both). The first-layer kernel's error is larger: its diagonal carries E[φ′²] − ζ² (0.043 for softplus) against
  // off-diagonal entries of size ζ²/√d, and it has no ν² constant mode to dominate ‖Θ₁‖. A wrong ψ (slope ζ for both
  // layers, or no constant feature) misses by far more (negative.hu2020-* claims).
  const WIDE_TOL = { first: 0.2, second: 0.08, both: 0.08 } as const;
  for (const layers of ["first", "second", "both"] as const) {
    it(`a wide softplus network trained in ${layers} layer(s): its first 3 GD steps from f₀ ≡ 0 match the linear model's (tolerance ${WIDE_TOL[layers]} relative: the NTK-vs-affine-kernel error at d = 30, n = 120, m = 4000)`, () => {
      const rng = new Rng(21);
      const d = 30;
      const n = 120;
      const model = new HuTwoLayer(d, 4000, "softplus");
      const theta0 = model.init(rng);
      const X = rng.gaussianMatrix(n, d);
      const Y = rng.gaussianMatrix(n, 1);
      for (let s = 0; s < n; s++) Y.data[s]! += 1; // a mean, so the constant feature matters
      const eta = 0.5;
      const steps = 3;
      const net = gradientDescent(model.objective(X, Y, layers), theta0, {
        lr: model.learningRates(eta),
        steps,
        record: [steps],
      });
      const f = model.net.output(net.theta, X);
      const co = huFeatureCoefficients(activationConstants(resolveActivation("softplus")), layers, d, d);
      const objective = huLinearObjective(huFeatures(X, co), Y);
      const beta = gradientDescent(objective, new Float64Array(d + 1), { lr: eta, steps, record: [steps] }).theta;
      const fl = objective.net.output(beta, objective.X);
      let num = 0;
      let den = 0;
      for (let s = 0; s < n; s++) {
        num += (f.data[s]! - fl.data[s]!) ** 2;
        den += fl.data[s]! ** 2;
      }
      expect(Math.sqrt(num / den)).toBeLessThan(WIDE_TOL[layers]);
    });
  }
});

describe("deeper-net recipe (ReLU arc-cosine NTK)", () => {
  it("depth 2: reluNtk(ρ) = E[φ(u)φ(u′)] + ρE[φ′(u)φ′(u′)] (arc-cosine closed form, tolerance 1e-14; and nested Gauss–Hermite quadrature, tolerance 2e-2: a kinked integrand)", () => {
    for (const rho of [-0.6, -0.1, 0, 0.3, 0.8]) {
      const c = Math.sqrt(1 - rho * rho);
      const opts = { hermiteNodes: 60 };
      const relu = (x: number) => Math.max(0, x);
      const step = (x: number) => (x > 0 ? 1 : 0);
      const direct = gaussianExpectation(
        (g1) =>
          gaussianExpectation((g2) => {
            const u2 = rho * g1 + c * g2;
            return relu(g1) * relu(u2) + rho * step(g1) * step(u2);
          }, opts),
        opts,
      );
      // the closed form E[relu(u)relu(u′)] = (√(1−ρ²) + (π − arccos ρ)ρ)/(2π), E[1{u>0}1{u′>0}] = (π − arccos ρ)/(2π)
      const closed =
        (c + (Math.PI - Math.acos(rho)) * rho) / (2 * Math.PI) + (rho * (Math.PI - Math.acos(rho))) / (2 * Math.PI);
      expect(Math.abs(reluNtk(rho, 2) - closed)).toBeLessThan(1e-14);
      // rough independent route: Gauss–Hermite on an integrand with a moving kink/jump converges slowly (measured
      // errors 3e-4 … 7e-3 at 60×60 nodes); 2e-2 is far below the O(1) size of the kernel, so a wrong recursion fails
      expect(Math.abs(reluNtk(rho, 2) - direct)).toBeLessThan(2e-2);
    }
  });

  it("depth 2 reproduces the two-layer ψ of Hu et al. for ReLU, both layers (tolerance 1e-6: central differences at h = 1e-3)", () => {
    const c = activationConstants(resolveActivation("relu"));
    for (const [tr, d] of [
      [20, 20],
      [45, 30],
    ] as const) {
      const a = deepReluFeatureCoefficients(2, tr, d);
      const b = huFeatureCoefficients(c, "both", tr, d);
      expect(Math.abs(a.slope - b.slope)).toBeLessThan(1e-6);
      expect(Math.abs(a.constant - b.constant)).toBeLessThan(1e-6);
    }
  });

  it("deeper nets: K(1) follows the diagonal recursion Θʰ = Θ^{h−1}/2 + 2^{−h} (1, 1, 3/4, 1/2, …) and ψ's coefficients are finite and positive (tolerance 1e-12)", () => {
    let theta = 1;
    for (let L = 2; L <= 6; L++) {
      theta = theta / 2 + 2 ** -(L - 1);
      expect(Math.abs(reluNtk(1, L) - theta)).toBeLessThan(1e-12);
      const co = deepReluFeatureCoefficients(L, 20, 20);
      expect(co.slope).toBeGreaterThan(0);
      expect(co.constant).toBeGreaterThan(0);
    }
  });
});

describe("deepReluEmpiricalNtk", () => {
  it("depth 2 equals Θ₁ + Θ₂ of HuTwoLayer (relu) with the same weights (tolerance 1e-12 relative: round-off)", () => {
    const rng = new Rng(4);
    const model = new HuTwoLayer(6, 10, "relu");
    const theta = model.init(rng).map((t, k) => t + 0.1 * Math.sin(k));
    const X = rng.gaussianMatrix(5, 6);
    const { W, v } = model.paperWeights(theta);
    const deep = deepReluEmpiricalNtk({ W: [W], v }, X);
    const ref = trainedNtk(huLayerNtk(model, theta, X), "both");
    for (let k = 0; k < ref.data.length; k++) {
      expect(Math.abs(deep.data[k]! - ref.data[k]!)).toBeLessThan(1e-12 * maxAbs(ref.data));
    }
  });

  it("depth 3, width 3000: the empirical NTK matches the arc-cosine recursion reluNtk(ρ, 3) entrywise (tolerance 0.1 absolute against entries 0.2–0.75: Monte-Carlo error O(1/√m), measured worst 0.12, 0.077, 0.049, 0.015 at widths 500, 1500, 4000, 8000; a recursion without the variance halving is off by ≥ 0.25 on the diagonal)", () => {
    const rng = new Rng(8);
    const d = 12;
    const X = rng.gaussianMatrix(6, d);
    for (let s = 0; s < X.rows; s++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += X.get(s, j) ** 2;
      for (let j = 0; j < d; j++) X.set(s, j, (X.get(s, j) * Math.sqrt(d)) / Math.sqrt(norm)); // ‖x‖² = d
    }
    const K = deepReluEmpiricalNtk(initDeepRelu(rng, d, [3000, 3000]), X);
    let worst = 0;
    for (let s = 0; s < X.rows; s++)
      for (let t = 0; t < X.rows; t++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += X.get(s, j) * X.get(t, j);
        worst = Math.max(worst, Math.abs(K.get(s, t) - reluNtk(Math.max(-1, Math.min(1, dot / d)), 3)));
      }
    expect(worst).toBeLessThan(0.06);
  });
});

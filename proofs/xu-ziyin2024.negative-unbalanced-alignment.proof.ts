/**
 * Negative control (FALSE ON PURPOSE): "in the kernel regime (large q) the angle between the layers moves by
 * O(1/q) from every orthogonal initialisation (f₀ = 0)". The mechanism claims (xu-ziyin2024.mechanisms.*)
 * hold for balanced starts, ‖u₀‖²/η_u = ‖α₀‖²/η_w. With unbalanced rescaled norms the NTK is frozen (q large)
 * but the small layer is moved by a sizeable fraction of its own norm by the linear kernel dynamics:
 * cos∠(u, α)∞ ≈ 1/(‖ũ₀‖‖α̃₀‖) ≈ 2^k/(2q) for ‖α̃₀‖/‖ũ₀‖ = 2^k ≫ 1, so q·|Δcos| grows like 2^k. The
 * unrestricted statement is refuted, which is why lindyn's formalisation of the mechanisms fixes balanced
 * families.
 */
import fc from "fast-check";
import { propertyClaim } from "../src/claims/property-claim.js";
import { Rng } from "../src/core/rng.js";
import { FeatureLearningSolution } from "../src/symbolic/feature-learning/closed-form.js";
import { XU_ZIYIN_FORMALISATION, XU_ZIYIN_PAPER } from "./xu-ziyin2024.exact-solution.proof.js";

interface Case {
  readonly width: number;
  /** ‖α̃₀‖/‖ũ₀‖ = 2^imbalance. */
  readonly imbalance: number;
  readonly seed: number;
}

export default propertyClaim<Case>({
  id: "xu-ziyin2024.negative-unbalanced-alignment",
  title:
    "Negative control: in the kernel regime the layer angle moves by O(1/q) from any start (false when unbalanced)",
  source: { paper: XU_ZIYIN_PAPER, arxiv: "2401.07085", section: "§5, mechanisms absent in the kernel regime" },
  statement: {
    text:
      "FALSE ON PURPOSE: from an orthogonal start (u₀·α₀ = 0) with q ≥ 100, |Δ|cos∠(u, α)|| between t = 0 and t = ∞ " +
      "is at most 10/q, whatever the ratio of the rescaled layer norms.",
    latex: "q \\ge 100 \\Rightarrow q\\,\\big|\\Delta|\\cos\\angle(u,\\alpha)|\\big| \\le 10\\quad(\\text{false})",
  },
  formalisation:
    `${XU_ZIYIN_FORMALISATION} η_u = η_w = κ = A = a = 1, widths 2–32, seeded Gaussian directions made orthogonal ` +
    "(Gram–Schmidt), norms set so that q = 1000 and ‖α̃₀‖/‖ũ₀‖ = 2^(0…12); residual q·|Δ|cos∠|| against 10 (balanced " +
    "starts give ≈ 1, 2^k/2 at imbalance 2^k). Expected refuted, shrinking to the smallest imbalance that breaks " +
    "the bound (2^5).",
  expected: "refuted",
  tags: ["property", "negative-control", "mechanisms", "xu-ziyin2024"],
  defaults: { runs: 30 },
  arbitrary: fc.record({
    width: fc.integer({ min: 2, max: 32 }),
    imbalance: fc.integer({ min: 0, max: 12 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  property: (c) => {
    const rng = new Rng(c.seed);
    const x = rng.fillGaussian(new Float64Array(c.width));
    const y = rng.fillGaussian(new Float64Array(c.width));
    const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, t) => s + t * t, 0));
    // q = κAλ(S₀ + D₀)/(4|a|) = (‖ũ‖² + ‖α̃‖²)/2 at unit constants; choose ‖ũ‖ = r, ‖α̃‖ = r·2^imbalance with q = 1000.
    const ratio = 2 ** c.imbalance;
    const r = Math.sqrt((2 * 1000) / (1 + ratio * ratio));
    const nx = norm(x);
    const c1 = x.reduce((s, t, i) => s + t * (y[i] as number), 0) / (nx * nx);
    for (let i = 0; i < c.width; i++) y[i] = (y[i] as number) - c1 * (x[i] as number);
    const ny = norm(y);
    const sol = new FeatureLearningSolution({
      u0: x.map((v) => (v * r) / nx),
      alpha0: y.map((v) => (v * r * ratio) / ny),
    });
    const q = sol.asymptotes.q;
    const delta = Math.abs(Math.abs(sol.asymptotes.cosInf) - Math.abs(sol.at(0).cosAngle));
    return { residual: q * delta, tolerance: 10 };
  },
});

/**
 * Negative control: Arora, Cohen, Hazan's end-to-end dynamics need a balanced start. From an unbalanced one
 * the end-to-end map's velocity under the factorised flow is not −Σ_j (PPᵀ)^{(j−1)/N} ∇ℓ(P) (PᵀP)^{(N−j)/N}:
 * e.g. W_1 = a, W_2 = 0 (scalars) has P = 0, so the formula gives Ṗ = 0, while Ṗ = −W_2Ẇ_1 − Ẇ_2W_1 =
 * 2c·Σyx·a² ≠ 0. The verdict must be `refuted`, with a shrunk, readable counterexample.
 */
import { formatValue } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";
import { aroraVelocity, factorisedVelocity, relativeGap } from "./_shared/arora.js";

export default propertyClaim({
  id: "negative.arora-end-to-end-from-unbalanced-init",
  title: "Negative control: the Arora et al. end-to-end dynamics from an unbalanced start (false)",
  source: {
    paper:
      'Arora, Cohen, Hazan 2018, "On the Optimization of Deep Networks: Implicit Acceleration by Overparameterization"',
    arxiv: "1802.06509",
    section: "Thm 1, eq. (10), whose hypothesis is a balanced initialisation",
  },
  statement: {
    text: "FALSE ON PURPOSE: for ANY weights (balanced or not), the end-to-end map P = W_N⋯W_1 moves under the layers' gradient flow as Ṗ = −Σ_j (PPᵀ)^{(j−1)/N} ∇ℓ(P) (PᵀP)^{(N−j)/N}. (True only when W_{j+1}ᵀW_{j+1} = W_jW_jᵀ: arora2018.end-to-end.)",
    latex:
      "\\forall W:\\ \\dot P = -\\sum_{j=1}^{N} (PP^\\top)^{\\frac{j-1}{N}}\\,\\nabla\\ell(P)\\,(P^\\top P)^{\\frac{N-j}{N}}\\quad(\\text{false})",
  },
  formalisation:
    "Same two sides, residual and tolerance (relative 1e-8) as arora2018.end-to-end, at generated weights instead " +
    "of balanced ones: depth N = 2–4, hidden widths 1–3, input/output 1–2, integer-sample data with κ(Σxx) ≤ 100, " +
    "c = 1, γ = 0, weights on the k/8 grid of [−1, 1] (so the shrunk counterexample reads as fractions). Any " +
    "unbalanced start with ∇ℓ(P) ≠ 0 in a direction the imbalance touches gives an O(1) relative gap, so the " +
    "expected verdict is refuted.",
  expected: "refuted",
  tags: ["property", "identity", "end-to-end", "negative-control"],
  defaults: { runs: 60 },
  arbitrary: linearSettingArb({
    widths: {
      depth: { min: 2, max: 4 },
      hidden: { min: 1, max: 3 },
      input: { min: 1, max: 2 },
      output: { min: 1, max: 2 },
    },
    loss: { gamma: false },
    weights: { denominator: 8, min: -1, max: 1 },
  }),
  property: (s) => {
    const theta = s.theta();
    const left = factorisedVelocity(s.objective, theta);
    const right = aroraVelocity(s.objective, s.objective.endToEnd(theta));
    return {
      residual: relativeGap(left, right),
      tolerance: 1e-8,
      note: `factorised Ṗ = ${formatValue(left)}, formula ${formatValue(right)}`,
    };
  },
});

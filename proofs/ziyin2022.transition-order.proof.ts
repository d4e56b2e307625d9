/**
 * Ziyin, Li, Meng 2022, item 5 of the catalogue: the transition of the global minimum as the weight decay
 * grows is first-order for L ≥ 3 (P* jumps from P_c to 0 at γ_c and dℓ⋆/dḡ jumps by L·b_c²) and continuous
 * (second-order) for L = 2, located by a numeric scan and matched to the derived closed forms.
 */

import { propertyClaim } from "../src/claims/property-claim.js";
import { LinearNetObjective } from "../src/model/objective.js";
import { multiStartMinimise } from "./_ziyin/minimise.js";
import { Parts, relErr } from "./_ziyin/parts.js";
import { bruteForceMinimum } from "./_ziyin/scan.js";
import { formatSetting } from "./_ziyin/settings.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";
import { layerNormsSquared } from "./_ziyin/structure.js";
import { measureTransition, SLOPE_STEP, transitionSettings } from "./_ziyin/transition.js";

export default propertyClaim({
  id: "ziyin2022.transition-order",
  title: "The transition is first-order for L ≥ 3 (P* jumps by P_c, dℓ*/dḡ by L·b_c²) and second-order for L = 2",
  source: ziyinSource(
    "Eq. 1; the phase transition in the weight decay, one vs. several hidden layers (project note, items 3–4)",
  ),
  statement: {
    text:
      "As ḡ = (Πγ_i)^{1/L} grows, the global minimiser's end-to-end coefficient P* drops to 0 at γ_c. For L ≥ 3 the " +
      "drop is a jump of P_c = (L−2)|a|/((L−1)A) at γ_c = ((L−2)/A)^{(L−2)/L}(|a|/(L−1))^{(2L−2)/L}, and dℓ*/dḡ jumps by " +
      "L·b_c²; for L = 2, P* = (|a| − ḡ)₊/A is continuous at γ_c = |a| and so is dℓ*/dḡ. With stochastic neurons A → κA.",
    latex:
      "L\\ge 3:\\ \\Delta P^* = P_c = \\frac{(L-2)|a|}{(L-1)A},\\ \\Delta\\frac{d\\ell^*}{d\\bar\\gamma} = L b_c^2;\\qquad L = 2:\\ \\Delta P^* = 0,\\ \\Delta\\frac{d\\ell^*}{d\\bar\\gamma} = 0",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Our formalisation: generated scalar-input settings (L = 2–5, hidden widths 1–4, per-layer ` +
    "pattern ρ_i on k/16 in [1/16, 1/2] scaled as γ_i = tρ_i so the scan variable is ḡ = t·(Πρ_i)^{1/L}, half with σ_i² " +
    "on k/16 in [1/16, 1], integer-sample data with a ≠ 0; the chain is A → κA, κ = Π(1 + σ_i²/d_i)). Numeric route: " +
    "brute-force minimisation of ℓ(b) (4000-point grid plus golden section) on a doubling scan of ḡ, then bisection " +
    "of 'a non-zero b beats the origin' to relative width 1e-15; ΔP* across the bracket; dℓ*/dḡ from one-sided " +
    `second-order differences (step ${SLOPE_STEP}·γ_c) on each side. Derived route: symbolic deriveCriticalGamma(L) ` +
    "(issue 3, item 4). Parts: |γ_c,num − γ_c|/γ_c ≤ 1e-9 for L ≥ 3 (ℓ* − ℓ(0) is linear in ḡ there) and ≤ 1e-6 for " +
    "L = 2 (quadratic, so the brute-force bracket is only √u-sharp); |ΔP* − P_c| ≤ 1e-5·|a|/(κA); |Δ(dℓ*/dḡ) − L b_c²| ≤ " +
    "1e-6·L(|a|/(κA))^{2/L}. Unreduced check: on the full network (8 L-BFGS+Newton starts) at γ_i = ρ_i·t with ḡ = " +
    "γ_c(1 ∓ 1e-3), |P_net − P*_scan| ≤ 1e-6·|a|/(κA) below and the weights vanish (max‖W_i‖² ≤ 1e-10) above for L ≥ 3; " +
    "for L = 2 (continuous) P_net matches P*_scan on both sides.",
  expected: "verified",
  tags: ["property", "landscape", "phase-transition", "stochastic-neurons"],
  defaults: { runs: 10 },
  arbitrary: transitionSettings({ min: 2, max: 5 }),
  format: formatSetting,
  property: (s) => {
    const m = measureTransition(s);
    const parts = new Parts();
    const pScale = Math.abs(m.a) / m.A;
    const slopeScale = m.L * pScale ** (2 / m.L);
    parts.add("|γ_c,num − γ_c|/γ_c", relErr(m.numeric.gammaC, m.derived.gammaC), m.L >= 3 ? 1e-9 : 1e-6);
    parts.add("|ΔP*_num − P_c|/(|a|/κA)", Math.abs(m.numeric.jumpP - m.derived.Pc) / pScale, 1e-5);
    parts.add(
      "|Δ(dℓ*/dḡ)_num − L b_c²|/(L(|a|/κA)^{2/L})",
      Math.abs(m.numeric.slopeJump - m.derived.lossSlopeJump) / slopeScale,
      1e-6,
    );
    // The unreduced network on both sides of the transition.
    const rho = s.loss.gamma;
    const rhoBar = Math.exp(rho.reduce((t, r) => t + Math.log(r), 0) / rho.length);
    const Ey2 = s.moments.Ey2;
    for (const side of [-1, 1] as const) {
      const gbar = m.derived.gammaC * (1 + side * 1e-3);
      const gamma = rho.map((r) => (r * gbar) / rhoBar);
      const obj = new LinearNetObjective(s.net, s.moments, { gamma, noise: s.loss.noise });
      const best = multiStartMinimise(obj, { starts: 8 }).best;
      const scan = bruteForceMinimum(m.L, m.A, m.a, Ey2, gbar);
      const Pnet = Math.abs(obj.endToEnd(best.theta).get(0, 0));
      if (m.L >= 3 && side === 1) {
        parts.add("max‖W_i‖² of the network just above γ_c", Math.max(...layerNormsSquared(s.net, best.theta)), 1e-10);
      } else {
        parts.add(
          `|P_net − P*_scan|/(|a|/κA) at ḡ = γ_c(1 ${side < 0 ? "−" : "+"} 1e-3)`,
          Math.abs(Pnet - scan.P) / pScale,
          1e-6,
        );
      }
    }
    return parts.result(
      `L = ${m.L}, κA = ${m.A}, a = ${m.a}: γ_c num ${m.numeric.gammaC} vs ${m.derived.gammaC}, ΔP ${m.numeric.jumpP} vs ${m.derived.Pc}, Δslope ${m.numeric.slopeJump} vs ${m.derived.lossSlopeJump}`,
    );
  },
});

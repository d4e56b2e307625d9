/**
 * Negative control for Ziyin, Li, Meng 2022: "the L = 2 transition is first-order" is false. With one hidden
 * layer P* = (|a| − ḡ)₊/(κA) goes to zero continuously at γ_c = |a|; only deeper nets jump. Measured by the
 * same brute-force scan as ziyin2022.transition-order. The verdict must be `refuted`, with a readable
 * shrunk counterexample.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { formatSetting } from "./_ziyin/settings.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";
import { measureTransition, transitionSettings } from "./_ziyin/transition.js";

/** The smallest jump of P* (relative to |a|/(κA)) that the false statement asserts. */
const MIN_JUMP = 1e-3;

export default propertyClaim({
  id: "negative.ziyin2022-l2-transition-first-order",
  title: "Negative control: the L = 2 transition is first-order (false)",
  source: ziyinSource("Eq. 1; one hidden layer vs. more (project note, item 3)"),
  statement: {
    text:
      "FALSE ON PURPOSE: for L = 2 (one hidden layer) the global minimiser's P* jumps at the transition by at least " +
      `${MIN_JUMP}·|a|/(κA). True statement: P* = (|a| − ḡ)₊/(κA) is continuous at γ_c = |a| (second-order transition).`,
    latex: "L = 2:\\ \\Delta P^*(\\gamma_c) \\ge 10^{-3}\\,|a|/(\\kappa A) \\quad(\\text{false})",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Generated scalar-input settings with L = 2 (hidden width 1–4, per-layer γ pattern on k/16, half ` +
    "with noise, integer-sample data with a ≠ 0). The transition is located by the brute-force scan and bisection of " +
    "ziyin2022.transition-order and ΔP* measured across the bracket (relative width 1e-15). Residual: the shortfall " +
    `max(0, ${MIN_JUMP} − ΔP*·κA/|a|); tolerance 0. The measured jump is ≲ 1e-7, so every case is a counterexample: ` +
    "expected verdict refuted.",
  expected: "refuted",
  tags: ["property", "landscape", "phase-transition", "negative-control"],
  defaults: { runs: 10 },
  arbitrary: transitionSettings({ min: 2, max: 2 }),
  format: formatSetting,
  property: (s) => {
    const m = measureTransition(s);
    const jump = (m.numeric.jumpP * m.A) / Math.abs(m.a);
    return {
      residual: Math.max(0, MIN_JUMP - jump),
      tolerance: 0,
      note: `ΔP*·κA/|a| = ${jump} at γ_c,num = ${m.numeric.gammaC} (γ_c = |a| = ${Math.abs(m.a)}, κA = ${m.A})`,
    };
  },
});

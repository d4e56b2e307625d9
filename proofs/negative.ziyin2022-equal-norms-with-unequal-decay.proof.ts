/**
 * Negative control for Ziyin, Li, Meng 2022: "layers with different γ_i have equal norms at the minimum" is
 * false. What is equal across layers at every critical point is γ_i‖W_i‖² (ziyin2022.critical-point-balance),
 * so at a non-zero minimum ‖W_i‖² = ḡb²/γ_i differ whenever the γ_i do. Checked on the numerically found global
 * minimiser of the unreduced network. The verdict must be `refuted`, with a readable shrunk counterexample.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { multiStartMinimise } from "./_ziyin/minimise.js";
import { formatSetting, ziyinSettingArb } from "./_ziyin/settings.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";
import { layerNormsSquared } from "./_ziyin/structure.js";

/** Relative spread of the layer norms tolerated by the false statement (minimisers are accurate to ~1e-10). */
const TOL = 1e-6;

export default propertyClaim({
  id: "negative.ziyin2022-equal-norms-with-unequal-decay",
  title: "Negative control: layers with different γ_i have equal norms at the minimum (false)",
  source: ziyinSource("Eq. 1 with per-layer weight decay; balance at critical points (project note, item 1)"),
  statement: {
    text:
      "FALSE ON PURPOSE: with per-layer weight decays γ_i, the global minimiser has ‖W_1‖_F² = … = ‖W_L‖_F². True " +
      "statement: γ_i‖W_i‖_F² is equal across layers, so ‖W_i‖² = ḡb²/γ_i.",
    latex: "\\|W_1\\|_F^2 = \\dots = \\|W_L\\|_F^2 \\text{ at the minimum, for any } \\gamma_i \\quad(\\text{false})",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Generated settings as in ziyin2022.global-minimum (depth 2–4, hidden widths 1–4, input ` +
    "dim 1–3, scalar output, per-layer γ_i on k/16 in [1/16, 1/2], half with noise). The global minimiser is found " +
    "by 8 L-BFGS + Newton starts on the unreduced network; residual (max_i ‖W_i‖² − min_i ‖W_i‖²)/max_i ‖W_i‖² (0 at " +
    `the origin), tolerance ${TOL}. Any setting with a non-zero minimum and unequal γ_i is a counterexample: ` +
    "expected verdict refuted.",
  expected: "refuted",
  tags: ["property", "landscape", "global-minimum", "negative-control"],
  defaults: { runs: 20 },
  arbitrary: ziyinSettingArb({ depth: { min: 2, max: 4 } }),
  format: formatSetting,
  property: (s) => {
    const best = multiStartMinimise(s.objective, { starts: 8 }).best;
    const n = layerNormsSquared(s.net, best.theta);
    const max = Math.max(...n);
    const residual = max < 1e-12 ? 0 : (max - Math.min(...n)) / max;
    const products = n.map((x, i) => x * (s.loss.gamma[i] as number));
    return {
      residual,
      tolerance: TOL,
      note: `‖W_i‖² = [${n.join(", ")}] while γ_i‖W_i‖² = [${products.join(", ")}]`,
    };
  },
});

/**
 * Ziyin, Li, Meng 2022, item 7 of the catalogue (lindyn's extension of their scalar-output result): with
 * whitened inputs and vector outputs the global minimum decouples over the singular values s_k of Σyx; each
 * mode follows the scalar chain's optimum with A = 1, a = s_k (for L = 2: soft-thresholding (s_k − ḡ)₊), at
 * most min_i d_i modes being active.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { Matrix } from "../src/core/matrix.js";
import { whitenedVectorMinimum } from "../src/symbolic/derivations/whitened-vector.js";
import { multiStartMinimise } from "./_ziyin/minimise.js";
import { Parts, relErr } from "./_ziyin/parts.js";
import { formatSetting, ziyinSettingArb } from "./_ziyin/settings.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";
import { singularValues } from "./_ziyin/structure.js";

/** Random starts of the unreduced minimisation. */
const STARTS = 16;
const LOSS_TOL = 1e-8;
/** Singular values and the end-to-end map of the polished minimiser, relative to the largest s_k. */
const MAP_TOL = 1e-6;

export default propertyClaim({
  id: "ziyin2022.whitened-vector-output",
  title: "With whitened inputs the minimum decouples over the singular values of Σyx (L = 2: soft-thresholding)",
  source: ziyinSource("Eq. 1 extended to vector output with whitened input (lindyn's extension; project note, item 6)"),
  statement: {
    text:
      "For Σxx = I and Σyx = Σ_k s_k u_k v_kᵀ (no noise), the global minimiser has P* = Σ_k p_k u_k v_kᵀ where p_k is " +
      "the scalar chain's optimal end-to-end coefficient with A = 1, a = s_k and decay ḡ (for L = 2, p_k = (s_k − ḡ)₊), " +
      "the r = min_i d_i largest modes being the only candidates, and ℓ* = E‖y‖² + Σ_k (ℓ_k* − s_k²).",
    latex:
      "P^* = \\sum_k p_k(s_k)\\,u_k v_k^\\top,\\quad p_k = \\arg\\min_{p \\ge 0}\\ p^2 - 2 s_k p + L\\bar\\gamma p^{2/L}\\quad(L = 2:\\ p_k = (s_k - \\bar\\gamma)_+)",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Our formalisation (the vector-output statement is our extension of the paper's scalar ` +
    "result): generated settings with depth 2–5, hidden widths 1–4, input and output dims 1–3, Σxx = I, Σyx on the " +
    "k/4 grid of [−2, 2], E‖y‖² = ‖Σyx‖_F² + v (v on k/8 in [0, 1]), per-layer γ_i on k/32 in [1/32, 1/4], no noise. " +
    `Derived side: symbolic whitenedVectorMinimum (issue 3, item 6). Numeric side: ${STARTS} L-BFGS + Newton ` +
    `minimisations of the unreduced network. Parts: |ℓ_num − ℓ*|/ℓ* ≤ ${LOSS_TOL}; the sorted singular values of ` +
    `P̂ equal the derived p_k (≤ ${MAP_TOL}·s_max); ‖P̂ − P*‖_F ≤ ${MAP_TOL}·s_max unless the rank cut falls inside ` +
    `a tie of singular values (then P* is not unique); for L = 2 also σ_k(P̂) = (s_k − ḡ)₊ (≤ ${MAP_TOL}·s_max).`,
  expected: "verified",
  tags: ["property", "landscape", "global-minimum", "vector-output"],
  defaults: { runs: 12 },
  arbitrary: ziyinSettingArb({
    data: "whitened",
    output: { min: 1, max: 3 },
    noise: "none",
    gamma: { denominator: 32, min: 1 / 32, max: 1 / 4 },
  }),
  format: formatSetting,
  property: (s) => {
    const derived = whitenedVectorMinimum({
      Syx: s.moments.Syx,
      Ey2: s.moments.Ey2,
      widths: s.widths,
      gamma: s.loss.gamma,
    });
    const obj = s.objective;
    const best = multiStartMinimise(obj, { starts: STARTS }).best;
    const parts = new Parts();
    parts.add("|ℓ_num − ℓ*|/ℓ*", relErr(best.loss, derived.loss), LOSS_TOL);
    const P = obj.endToEnd(best.theta);
    const sv = singularValues(P);
    // Relative to s_max; with Σyx = 0 (nothing to learn) the scale is 1.
    const smax = Math.max(...derived.modes.map((m) => m.s)) || 1;
    const p = derived.modes.map((m) => m.P);
    let err = 0;
    sv.forEach((x, k) => {
      err = Math.max(err, Math.abs(x - (p[k] ?? 0)));
    });
    parts.add("max_k |σ_k(P̂) − p_k| / s_max", err / smax, MAP_TOL);
    const r = Math.min(...s.widths);
    const s_ = derived.modes.map((m) => m.s);
    const tieAtCut =
      r < s_.length && Math.abs((s_[r - 1] as number) - (s_[r] as number)) <= 1e-9 * smax && (p[r - 1] as number) > 0;
    if (!tieAtCut) {
      const Pstar = Matrix.fromRows(derived.P.map((row) => [...row]));
      let d = 0;
      for (let k = 0; k < P.data.length; k++) d += ((P.data[k] as number) - (Pstar.data[k] as number)) ** 2;
      parts.add("‖P̂ − P*‖_F / s_max", Math.sqrt(d) / smax, MAP_TOL);
    }
    if (s.net.depth === 2) {
      const soft = s_.map((x, k) => (k < r ? Math.max(x - derived.gbar, 0) : 0));
      let e2 = 0;
      sv.forEach((x, k) => {
        e2 = Math.max(e2, Math.abs(x - (soft[k] ?? 0)));
      });
      parts.add("max_k |σ_k(P̂) − (s_k − ḡ)₊| / s_max (L = 2)", e2 / smax, MAP_TOL);
    }
    return parts.result(
      `s = [${s_.join(", ")}], p* = [${p.join(", ")}], σ(P̂) = [${sv.join(", ")}], ℓ* = ${derived.loss}, ℓ_num = ${best.loss}`,
    );
  },
});

/**
 * Ziyin, Li, Meng 2022, item 2 of the catalogue: at every critical point, γ_i‖W_i‖_F² is the same in every
 * layer. Critical points (minima and saddles) are found numerically on the unreduced network: Newton's method
 * with the exact Hessian (which converges to nearby saddles as readily as to minima), started from random
 * points and from points along L-BFGS paths.
 */
import { propertyClaim } from "../src/claims/property-claim.js";
import { symmetricEigen } from "../src/core/eigen.js";
import { Rng } from "../src/core/rng.js";
import { dataScale, lbfgs, newtonPolish, randomStart } from "./_ziyin/minimise.js";
import { formatSetting, ziyinSettingArb } from "./_ziyin/settings.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";
import { layerNormsSquared } from "./_ziyin/structure.js";

/** A point counts as critical when ‖∇ℒ‖₂ is below this (the catalogue's threshold). */
const CRITICAL = 1e-10;
/** Newton searches per setting; every 4th starts at a random point, the others after 3, 10, 30 L-BFGS steps. */
const SEARCHES = 8;
/** Critical points with every ‖W_i‖ below this are the origin, where the statement holds trivially (all zero). */
const ORIGIN = 1e-6;
/** Round-off allowance, relative to max_i γ_i‖W_i‖². */
const ROUNDING = 1e-12;

export default propertyClaim({
  id: "ziyin2022.critical-point-balance",
  title: "At every critical point γ_i‖W_i‖² is equal across layers",
  source: ziyinSource("Eq. 1; the balance lemma behind the one-scalar reduction (project note, item 1)"),
  statement: {
    text:
      "At every critical point of ℒ (minimum or saddle), γ_i‖W_i‖_F² takes the same value in every layer i = 1..L, " +
      "for any widths, data, per-layer weight decay and stochastic neurons.",
    latex:
      "\\nabla\\mathcal L(\\theta) = 0 \\;\\Rightarrow\\; \\gamma_1\\|W_1\\|_F^2 = \\gamma_2\\|W_2\\|_F^2 = \\dots = \\gamma_L\\|W_L\\|_F^2",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Our formalisation: generated settings (depth 2–5, hidden widths 1–4, input and output ` +
    "dims 1–3, per-layer γ_i on k/16 in [1/16, 1/2], half with σ_i² on k/16 in [1/16, 1]). Critical points: " +
    `${SEARCHES} Newton searches (exact Hessian, pseudo-inverse step, ‖∇ℒ‖ as merit) per setting from random starts ` +
    `and from early L-BFGS iterates; every end point with ‖∇ℒ‖₂ < ${CRITICAL} counts (saddles included, Hessian ` +
    "index recorded); points with every ‖W_i‖ < 1e-6 are the origin (trivially balanced) and only counted. Residual " +
    "at the others: (max_i γ_i‖W_i‖² − min_i γ_i‖W_i‖²)/max_i γ_i‖W_i‖². Tolerance: the a-priori bound " +
    "‖∇ℒ‖·max_i‖W_i‖/max_i γ_i‖W_i‖² + 1e-12 (the exact identity ⟨W_i, ∂_iℒ⟩ − 2γ_i‖W_i‖² = the same for all i, plus " +
    "round-off), so the statement is tested at the precision each critical point is known to. A setting where no " +
    "search converged is undecided.",
  expected: "verified",
  tags: ["property", "landscape", "critical-points", "stochastic-neurons"],
  defaults: { runs: 8 },
  arbitrary: ziyinSettingArb({ output: { min: 1, max: 3 } }),
  format: formatSetting,
  property: (s) => {
    const obj = s.objective;
    const rng = new Rng(2022);
    const scale = dataScale(obj);
    let found = 0;
    let origins = 0;
    let saddles = 0;
    let worst = { ratio: -1, residual: 0, tolerance: ROUNDING, note: "only the origin was found" };
    for (let k = 0; k < SEARCHES; k++) {
      const start = randomStart(obj, rng, scale * (0.2 + 2.5 * rng.uniform()));
      const pre = lbfgs(obj, start, { maxIterations: [0, 3, 10, 30][k % 4] as number });
      const r = newtonPolish(obj, pre.theta, { mode: "critical", maxIterations: 25 });
      if (!(r.gradientNorm < CRITICAL)) continue;
      found++;
      const norms = layerNormsSquared(s.net, r.theta);
      const maxNorm = Math.sqrt(Math.max(...norms));
      if (maxNorm < ORIGIN) {
        origins++; // the origin (or a point indistinguishable from it) is trivially balanced
        continue;
      }
      const v = norms.map((n, i) => (s.loss.gamma[i] as number) * n);
      const vmax = Math.max(...v);
      const residual = (vmax - Math.min(...v)) / vmax;
      const tolerance = (r.gradientNorm * maxNorm) / vmax + ROUNDING;
      const values = symmetricEigen(obj.hessian(r.theta)).values;
      const lmax = Math.max(...Array.from(values, Math.abs));
      const index = Array.from(values).filter((x) => x < -1e-9 * lmax).length;
      if (index > 0) saddles++;
      const ratio = residual / tolerance;
      if (ratio > worst.ratio) {
        worst = {
          ratio,
          residual,
          tolerance,
          note: `critical point of Hessian index ${index} with ℒ = ${r.loss}, ‖∇ℒ‖ = ${r.gradientNorm}, γ_i‖W_i‖² = [${v.join(", ")}]`,
        };
      }
    }
    if (found === 0) return { inconclusive: `none of ${SEARCHES} Newton searches reached ‖∇ℒ‖ < ${CRITICAL}` };
    return {
      residual: worst.residual,
      tolerance: worst.tolerance,
      note: `${found} critical points (${origins} at the origin, ${saddles} saddles); worst: ${worst.note}`,
    };
  },
});

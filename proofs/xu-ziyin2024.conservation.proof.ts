/**
 * Xu & Ziyin 2024 (arXiv 2401.07085), lindyn's formalisation: without weight decay the gradient flow of
 * Model M2 conserves Q_sym = uuᵀ/η_u − ααᵀ/η_w, Q_anti = (uαᵀ − αuᵀ)/√(η_uη_w) and the product S·D, which is
 * why the width-d dynamics are one-dimensional.
 */
import { worstOf } from "../src/claims/case-result.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { m2Invariants } from "../src/model/m2/m2-invariants.js";
import {
  buildM2Case,
  integrateM2,
  type M2Case,
  m2CaseArb,
  relativeError,
  XU_ZIYIN_FORMALISATION,
  XU_ZIYIN_PAPER,
} from "./xu-ziyin2024.exact-solution.proof.js";

export default propertyClaim<M2Case>({
  id: "xu-ziyin2024.conservation",
  title: "Q_sym, Q_anti and S·D are conserved by the gradient flow of the one-hidden-layer net",
  source: { paper: XU_ZIYIN_PAPER, arxiv: "2401.07085", section: "§3, conserved quantities of the rescaled flow" },
  statement: {
    text: "Along the flow, uuᵀ/η_u − ααᵀ/η_w, (uαᵀ − αuᵀ)/√(η_uη_w) and S(t)D(t) stay equal to their initial values.",
    latex:
      "\\frac{d}{dt}\\Big(\\frac{uu^\\top}{\\eta_u} - \\frac{\\alpha\\alpha^\\top}{\\eta_w}\\Big) = 0,\\ \\frac{d}{dt}\\frac{u\\alpha^\\top - \\alpha u^\\top}{\\sqrt{\\eta_u\\eta_w}} = 0,\\ S(t)D(t) = S_0D_0",
  },
  formalisation:
    `${XU_ZIYIN_FORMALISATION} Settings as xu-ziyin2024.exact-solution with widths 1–16 (the invariants are d×d); ` +
    "DOPRI5 (rtol 1e-12) to t = 3/(λΩ); drift ‖Q(t) − Q(0)‖_F/‖Q(0)‖_F and |S D/(S₀D₀) − 1| ≤ 1e-9 (observed ~1e-11; " +
    "a flow that moved the invariants would drift by O(1)).",
  expected: "verified",
  tags: ["property", "invariant", "xu-ziyin2024"],
  defaults: { runs: 15 },
  arbitrary: m2CaseArb({ maxWidth: 16 }),
  property: (c) => {
    const { model, u, alpha, sol } = buildM2Case(c);
    const rate = sol.asymptotes.rate;
    const times = [0, 1 / rate, 3 / rate];
    const res = integrateM2(model, u, alpha, times);
    if (res.status !== "ok") return { inconclusive: `DOPRI5 stopped: ${res.status}` };
    const inv0 = m2Invariants(model, u, alpha);
    const parts: [string, { residual: number; tolerance: number }][] = [];
    res.states.forEach((y, k) => {
      const inv = m2Invariants(model, y.subarray(0, c.width), y.subarray(c.width));
      const t = (times[k] as number).toPrecision(3);
      parts.push([`Q_sym at t = ${t}`, { residual: relativeError(inv.qSym.data, inv0.qSym.data), tolerance: 1e-9 }]);
      parts.push([`Q_anti at t = ${t}`, { residual: relativeError(inv.qAnti.data, inv0.qAnti.data), tolerance: 1e-9 }]);
      parts.push([`S·D at t = ${t}`, { residual: Math.abs(inv.sdProduct / inv0.sdProduct - 1), tolerance: 1e-9 }]);
    });
    return worstOf(parts);
  },
});

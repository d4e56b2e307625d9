/**
 * Negative control for Ziyin, Li, Meng 2022: "the origin is a saddle for L = 3 at small γ" is false. The
 * intuition from one hidden layer (the origin is a saddle when the data are strong compared with the weight
 * decay) does not carry over: for L ≥ 3 the Hessian at the origin is 2·diag(γ_i) ≻ 0 however strong the data.
 * The verdict must be `refuted`, with a readable shrunk counterexample.
 */
import fc from "fast-check";
import { formatValue } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { symmetricEigen } from "../src/core/eigen.js";
import { LinearNet } from "../src/model/architecture.js";
import { Moments } from "../src/model/moments.js";
import { LinearNetObjective } from "../src/model/objective.js";
import { deriveCriticalGamma } from "../src/symbolic/derivations/critical-gamma.js";
import { gridArb } from "../src/testing/arbitraries/grid.js";
import { ZIYIN_CONVENTIONS, ziyinSource } from "./_ziyin/source.js";

interface Case {
  readonly widths: readonly number[];
  readonly a: number;
  readonly gamma: number;
}

/** L = 3, hidden widths 1–4, input dim 1–3, Σxx = I, Σxy = a·e₁ with a on k/4 in [1, 2], one γ on k/64 in [1/64, 1/16]. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    d0: fc.integer({ min: 1, max: 3 }),
    hidden: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    a: gridArb({ denominator: 4, min: 1, max: 2 }),
    gamma: gridArb({ denominator: 64, min: 1 / 64, max: 1 / 16 }),
  })
  .map(({ d0, hidden, a, gamma }) => ({ widths: [d0, ...hidden, 1], a, gamma }));

function format(c: Case): string {
  return `{ widths ${formatValue(c.widths)}, Σxx = I, Σxy = ${formatValue(c.a)}·e₁, E[y²] = ${formatValue(c.a * c.a + 1 / 4)}, γ = ${formatValue(c.gamma)} in every layer }`;
}

export default propertyClaim({
  id: "negative.ziyin2022-origin-saddle-l3",
  title: "Negative control: the origin is a saddle for L = 3 at small γ (false)",
  source: ziyinSource("Eq. 1; the origin for more than one hidden layer (project note, item 4)"),
  statement: {
    text:
      "FALSE ON PURPOSE: for L = 3 (two hidden layers) and weight decay γ well below γ_c, the exact Hessian at the " +
      "origin has a negative eigenvalue (the origin is a saddle). True statement: the Hessian is 2γI ≻ 0, a strict local minimum.",
    latex:
      "L = 3,\\ \\gamma \\ll \\gamma_c \\;\\Rightarrow\\; \\lambda_{\\min}\\nabla^2\\mathcal L(0) < 0 \\quad(\\text{false})",
  },
  formalisation:
    `${ZIYIN_CONVENTIONS} Generated cases: L = 3, hidden widths 1–4, input dim 1–3, Σxx = I, Σxy = a·e₁ (a on k/4 in ` +
    "[1, 2]), E[y²] = a² + 1/4, one γ on k/64 in [1/64, 1/16], always below γ_c = (a/2)^{4/3} ≥ 0.39 (checked in each " +
    "case). Residual max(λ_min(∇²ℒ(0)), 0) from the numeric core's exact Hessian; tolerance 0 (a saddle needs λ_min < 0). " +
    "Since λ_min = 2γ > 0 every case is a counterexample: expected verdict refuted.",
  expected: "refuted",
  tags: ["property", "landscape", "origin", "negative-control"],
  defaults: { runs: 20 },
  arbitrary: cases,
  format,
  property: (c) => {
    const net = new LinearNet(c.widths);
    const d0 = c.widths[0] as number;
    const Syx = [Array.from({ length: d0 }, (_, j) => (j === 0 ? c.a : 0))];
    const Sxx = Array.from({ length: d0 }, (_, i) => Array.from({ length: d0 }, (_, j) => (i === j ? 1 : 0)));
    const obj = new LinearNetObjective(net, Moments.of({ Sxx, Syx, Ey2: c.a * c.a + 1 / 4 }), { gamma: c.gamma });
    const cg = deriveCriticalGamma(3);
    const gammaC = cg.order === "none" ? Number.NaN : cg.values({ A: 1, a: c.a }).gammaC;
    if (!(c.gamma < gammaC)) return { inconclusive: `γ = ${c.gamma} is not below γ_c = ${gammaC}` };
    const lmin = symmetricEigen(obj.hessian(new Float64Array(obj.dim))).values[0] as number;
    return { residual: Math.max(lmin, 0), tolerance: 0, note: `λ_min(∇²ℒ(0)) = ${lmin} (γ_c = ${gammaC})` };
  },
});

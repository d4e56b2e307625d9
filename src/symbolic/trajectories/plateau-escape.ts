/**
 * Plateau-escape time of a deep balanced scalar chain from a small initialisation (lindyn's convention:
 * loss c = 1, unit rates, ḃ = −2b h(b), h(b) = A b^{2L−2} − |a| b^{L−2} + ḡ; see {@link deepChainTrajectory}):
 * the time for b to grow from b₀ to a fraction f of the non-zero minimum b* (the largest root of h), by
 * quadrature, next to its small-b₀ asymptotics, derived here in this convention:
 *
 * - L ≥ 3, ḡ = 0. Splitting 1/(2b(|a|b^{L−2} − Ab^{2L−2})) = 1/(2|a|b^{L−1}) + (A/(2a²))·b/(1 − Ab^L/|a|) gives
 *   exactly t = (b₀^{2−L} − b_f^{2−L})/(2(L−2)|a|) + (A/(2a²))∫_{b₀}^{b_f} β dβ/(1 − Aβ^L/|a|), hence
 *     t = 1/(2(L−2)|a| b₀^{L−2}) + C_L + O(b₀²),
 *     C_L = −b_f^{2−L}/(2(L−2)|a|) + (A/(2a²))∫_0^{b_f} β dβ/(1 − Aβ^L/|a|),
 *   the O(b₀²) term being −(A/(2a²))∫_0^{b₀}β/(1 − Aβ^L/|a|)dβ ≈ −A b₀²/(4a²). (With c = ½ every rate
 *   halves and the leading term reads 1/((L−2)|a|b₀^{L−2}), the form usually quoted; Saxe et al. 2014,
 *   arXiv 1312.6120, §3 discuss the 1/b₀^{L−2} scaling of deep nets from small initialisations.)
 * - L = 2, r = |a| − ḡ > 0. Exactly t = (1/(4r)) ln[b_f²(r − Ab₀²)/(b₀²(r − Ab_f²))], so
 *     t = (1/(2r)) ln(b_f/b₀) + (1/(4r)) ln(1/(1 − f²)) + O(b₀²).
 * - L ≥ 3 with ḡ > 0: the origin is a strict local minimum (result 4 of the paper note); from below the
 *   saddle root the flow never escapes (`escapes: false`), from above it the time is dominated by the
 *   saddle and no small-b₀ law applies (`leading` is undefined).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { requireNonNegative } from "../../core/validate.js";
import { Expr } from "../expr.js";
import type { TrajectoryFormula } from "./_internals/depth2-formulas.js";
import { integrate } from "./_internals/gauss-kronrod.js";
import { deepChainTrajectory } from "./deep-chain.js";

/** Parameters of {@link plateauEscapeTime}. */
export interface PlateauEscapeParams {
  readonly L: number;
  readonly A: number;
  readonly a: number;
  /** @defaultValue 0 */
  readonly gbar?: number;
  /** Small initial scale b₀ > 0. */
  readonly b0: number;
  /**
   * Target b_f = fraction·b* (so P reaches fraction^L of P*).
   * @defaultValue 0.5
   */
  readonly fraction?: number;
}

/** The escape time and its asymptotics. */
export interface PlateauEscape {
  /** False when b₀ lies in the origin's basin (the flow decays to 0). */
  readonly escapes: boolean;
  /** Exact time from b₀ to b_f (quadrature), `Infinity` when the flow does not escape. */
  readonly time: number;
  /** The non-zero minimum b*. */
  readonly bStar: number;
  /** The target b_f = fraction·b*. */
  readonly target: number;
  /** Leading small-b₀ term (undefined for L ≥ 3 with ḡ > 0). */
  readonly leading?: number;
  /** Leading term plus its O(1) constant: error O(b₀²). */
  readonly estimate?: number;
  /** The leading law. */
  readonly formula?: TrajectoryFormula;
}

function formulaOf(engine: string, source: string): TrajectoryFormula {
  const e = new Expr(engine);
  const lhs = { latex: "t_{\\mathrm{esc}}", text: "t_esc" };
  return {
    equations: [{ lhs, expr: e, latex: e.latex(), text: e.plainText() }],
    latex: `t_{\\mathrm{esc}} \\simeq ${e.latex()}`,
    text: `t_esc ≈ ${e.plainText()}`,
    source,
  };
}

const SOURCE = "lindyn derivation in the c = 1 convention (shared/papers/ziyin2022-exact-solutions.md, result 7)";

/**
 * Time for a balanced chain to escape the plateau near the origin (see the module documentation).
 * @throws DomainError when h has no positive root (no non-zero minimum), or b₀ is not below the target
 */
export function plateauEscapeTime(params: PlateauEscapeParams): PlateauEscape {
  const gbar = requireNonNegative("gbar", params.gbar ?? 0);
  const f = params.fraction ?? 0.5;
  if (!(f > 0 && f < 1)) {
    throw new DomainError(errorMessage("fraction", f, "must lie in (0, 1)", "Use e.g. 0.5 for half of b*."));
  }
  const chain = deepChainTrajectory({ L: params.L, A: params.A, a: params.a, gbar, b0: params.b0 });
  const { L, A, b0 } = params;
  const absA = Math.abs(params.a);
  const bStar = chain.roots[chain.roots.length - 1];
  if (bStar === undefined) {
    throw new DomainError(
      errorMessage(
        "gbar",
        gbar,
        "leaves no non-zero minimum (h has no positive root)",
        "Lower ḡ below the spinodal γ_sp.",
      ),
    );
  }
  const target = f * bStar;
  if (!(b0 < target)) {
    throw new DomainError(
      errorMessage("b0", b0, `must be below the target fraction·b* = ${target}`, "Start from a smaller b₀."),
    );
  }
  if (chain.direction !== 1) return { escapes: false, time: Number.POSITIVE_INFINITY, bStar, target };
  const time = chain.timeTo(target);
  if (L === 2) {
    const r = absA - gbar;
    const leading = Math.log(target / b0) / (2 * r);
    const estimate = leading + Math.log(1 / (1 - f * f)) / (4 * r);
    return {
      escapes: true,
      time,
      bStar,
      target,
      leading,
      estimate,
      formula: formulaOf("log(b_f/b0)/(2*(abs(a)-gbar))", SOURCE),
    };
  }
  if (gbar > 0) return { escapes: true, time, bStar, target };
  const leading = 1 / (2 * (L - 2) * absA * b0 ** (L - 2));
  const tail = integrate((b) => b / (1 - (A * b ** L) / absA), 0, target, { relTol: 1e-15 }).value;
  const CL = -(target ** (2 - L)) / (2 * (L - 2) * absA) + (A / (2 * absA * absA)) * tail;
  return {
    escapes: true,
    time,
    bStar,
    target,
    leading,
    estimate: leading + CL,
    formula: formulaOf("1/(2*(L-2)*abs(a)*b0^(L-2))", SOURCE),
  };
}

/**
 * Saxe, McClelland & Ganguli's exact mode solution (arXiv 1312.6120, §2, Eqs. 6–7): with whitened inputs and
 * a balanced, decoupled initialisation, the strength u of the mode of singular value s of Σ_yx follows
 * τu̇ = 2u(s − u) under the ½-convention loss (c = ½), so
 *
 *   u(t) = s / (1 + (s/u₀ − 1)e^{−2st/τ}),   t(u₀ → u_f) = (τ/(2s)) ln(u_f(s − u₀)/(u₀(s − u_f))).
 *
 * In lindyn's depth-2 scalar model this is `depth2Trajectory({ A: 1, a: s, gamma: 0, u0: √u₀, w0: √u₀,
 * half: true })` with u = P and τ = 1 (checked in the tests); τ is the inverse learning rate.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { requirePositive } from "../../core/validate.js";
import { Expr } from "../expr.js";
import type { TrajectoryFormula } from "./_internals/depth2-formulas.js";

/** Parameters of {@link saxeModeTrajectory}. */
export interface SaxeModeParams {
  /** Singular value s > 0 of the input–output correlation. */
  readonly s: number;
  /** Initial mode strength u₀ > 0. */
  readonly u0: number;
  /**
   * Time constant τ > 0 (inverse learning rate).
   * @defaultValue 1
   */
  readonly tau?: number;
}

/** The mode trajectory. */
export interface SaxeModeTrajectory {
  readonly params: Required<SaxeModeParams>;
  /** u(t), t ≥ 0 (`Infinity` gives s). */
  at(t: number): number;
  /** Time to go from u₀ to u_f (u_f strictly between u₀ and s). */
  learningTime(uf: number): number;
  readonly formula: TrajectoryFormula;
}

const SOURCE = "Saxe, McClelland & Ganguli, arXiv 1312.6120, §2 Eqs. 6–7 (½-convention loss, whitened input)";

/**
 * Saxe et al.'s logistic mode solution and its learning time.
 *
 * @example saxeModeTrajectory({ s: 1, u0: 0.01 }).learningTime(0.5) // = ln(99)/2 ≈ 2.2976
 * @throws DomainError for s, u₀ or τ not > 0
 */
export function saxeModeTrajectory(params: SaxeModeParams): SaxeModeTrajectory {
  const s = requirePositive("s", params.s, "s is a singular value of Σyx; pass a positive number.");
  const u0 = requirePositive("u0", params.u0, "The mode strength of a balanced initialisation is positive.");
  const tau = requirePositive("tau", params.tau ?? 1);
  const uExpr = new Expr("s/(1+(s/u0-1)*exp(-2*s*t/tau))");
  const tExpr = new Expr("tau/(2*s)*log(u_f*(s-u0)/(u0*(s-u_f)))");
  const formula: TrajectoryFormula = {
    equations: [
      { lhs: { latex: "u(t)", text: "u(t)" }, expr: uExpr, latex: uExpr.latex(), text: uExpr.plainText() },
      {
        lhs: { latex: "t(u_{0} \\to u_{f})", text: "t(u₀ → u_f)" },
        expr: tExpr,
        latex: tExpr.latex(),
        text: tExpr.plainText(),
      },
    ],
    latex: `\\begin{aligned} u(t) &= ${uExpr.latex()} \\\\ t(u_{0} \\to u_{f}) &= ${tExpr.latex()} \\end{aligned}`,
    text: `u(t) = ${uExpr.plainText()}\nt(u₀ → u_f) = ${tExpr.plainText()}`,
    source: SOURCE,
  };
  return {
    params: { s, u0, tau },
    formula,
    at(t: number): number {
      if (typeof t !== "number" || Number.isNaN(t) || t < 0) {
        throw new DomainError(errorMessage("t", t, "must be a time ≥ 0 (or Infinity)", "Pass a non-negative number."));
      }
      if (t === Number.POSITIVE_INFINITY) return s;
      // s/(1 + (s/u₀ − 1)e^{−2st/τ}) = s u₀ / (u₀ + (s − u₀)e^{−2st/τ}): no cancellation for u₀ on either side of s.
      return (s * u0) / (u0 + (s - u0) * Math.exp((-2 * s * t) / tau));
    },
    learningTime(uf: number): number {
      const lo = Math.min(u0, s);
      const hi = Math.max(u0, s);
      if (!(uf > lo && uf < hi) && uf !== u0) {
        throw new DomainError(
          errorMessage("uf", uf, `must lie between u₀ = ${u0} and s = ${s}`, "The mode only moves from u₀ towards s."),
        );
      }
      // ln(u_f(s − u₀)/(u₀(s − u_f))) = ln(u_f/u₀) + ln((s − u₀)/(s − u_f)), each with log1p where it helps.
      return (tau / (2 * s)) * (Math.log(uf / u0) + Math.log((s - u0) / (s - uf)));
    },
  };
}

/**
 * Xu & Ziyin 2024 (arXiv 2401.07085): the learning dynamics of a one-hidden-layer linear network on
 * one-dimensional data are exactly solvable at every finite width. lindyn's formalisation (Model M2, notes
 * in shared/papers/xu-ziyin2024-feature-learning.md): the closed form of `FeatureLearningSolution` equals the
 * gradient flow of the full 2d-dimensional state [u; α], integrated independently by DOPRI5, and satisfies
 * the flow when substituted back.
 *
 * This file also exports the M2 case arbitrary and the DOPRI5 route shared by the other xu-ziyin2024 proofs
 * (the loader only reads the default export).
 */
import fc from "fast-check";
import { type CaseResult, worstOf } from "../src/claims/case-result.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { Rng } from "../src/core/rng.js";
import { dopri5 } from "../src/dynamics/dopri5.js";
import type { IntegrationResult } from "../src/dynamics/integration-result.js";
import { m2InitGaussian } from "../src/model/m2/m2-init.js";
import { M2Model } from "../src/model/m2/m2-model.js";
import { m2Observables } from "../src/model/m2/m2-observables.js";
import { FeatureLearningSolution } from "../src/symbolic/feature-learning/closed-form.js";

/** The paper, for every xu-ziyin2024 claim. */
export const XU_ZIYIN_PAPER = 'Xu, Ziyin 2024, "Three Mechanisms of Feature Learning in a Linear Network" (ICLR 2025)';

/** The common formalisation sentence. */
export const XU_ZIYIN_FORMALISATION =
  "These claims verify lindyn's formalisation of the paper (the full text was not available): Model M2, " +
  "f(x) = κ Σ u_i w_iᵀx on data x = ξv, loss ½E[(f − y)²] (the paper's ½, not lindyn's default c = 1), gradient " +
  "flow u̇ = −η_u∂L/∂u, ẇ_i = −η_w∂L/∂w_i, A = E[ξ²], a = E[ξy].";

/** One generated M2 setting, built from integers so that counterexamples read well. */
export interface M2Case {
  /** Width d (1–64). */
  readonly width: number;
  /** η_u/η_w = 2^logRatio with λ = √(η_uη_w) = 1. */
  readonly logRatio: number;
  /** κ = 2^logKappa. */
  readonly logKappa: number;
  /** σ_u = σ_w = 2^logSigma. */
  readonly logSigma: number;
  /** A = E[ξ²] on the k/4 grid. */
  readonly A: number;
  /** a = E[ξy] on the ±k/4 grid. */
  readonly a: number;
  /** Seed of the Gaussian initialisation. */
  readonly seed: number;
}

/** Options of {@link m2CaseArb}. */
export interface M2CaseArbOptions {
  readonly maxWidth?: number;
  readonly logSigma?: { min: number; max: number };
}

/** Generated M2 settings: widths 1–64, rate ratios 2^±3, κ = 2^±2, σ = 2^(−3…1), A, a on k/4 grids, seeds. */
export function m2CaseArb(options: M2CaseArbOptions = {}): fc.Arbitrary<M2Case> {
  return fc
    .record({
      width: fc.integer({ min: 1, max: options.maxWidth ?? 64 }),
      logRatio: fc.integer({ min: -3, max: 3 }),
      logKappa: fc.integer({ min: -2, max: 2 }),
      logSigma: fc.integer({ min: options.logSigma?.min ?? -3, max: options.logSigma?.max ?? 1 }),
      A: fc.integer({ min: 1, max: 8 }).map((k) => k / 4),
      a: fc.integer({ min: 1, max: 8 }).chain((k) => fc.constantFrom(k / 4, -k / 4)),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((c) =>
      Object.assign(c, {
        [fc.toStringMethod]: () =>
          `d=${c.width}, η_u/η_w=2^${c.logRatio}, κ=2^${c.logKappa}, σ_u=σ_w=2^${c.logSigma}, A=${c.A}, a=${c.a}, seed=${c.seed}`,
      }),
    );
}

/** The model, the Gaussian initial state and the exact solution of a case. */
export function buildM2Case(c: M2Case): {
  model: M2Model;
  u: Float64Array;
  alpha: Float64Array;
  sol: FeatureLearningSolution;
} {
  const etaU = 2 ** (c.logRatio / 2);
  const etaW = 2 ** (-c.logRatio / 2);
  const kappa = 2 ** c.logKappa;
  const model = new M2Model({ width: c.width, kappa, etaU, etaW, A: c.A, a: c.a });
  const sigma = 2 ** c.logSigma;
  const { u, W } = m2InitGaussian(model, new Rng(c.seed), { sigmaU: sigma, sigmaW: sigma });
  const alpha = model.alphaOf(W);
  const sol = new FeatureLearningSolution({ u0: u, alpha0: alpha, etaU, etaW, kappa, A: c.A, a: c.a });
  return { model, u, alpha, sol };
}

/** DOPRI5 on the reduced 2d-dimensional flow [u; α] at rtol 1e-12 (global error ≈ 1e-11 relative here). */
export function integrateM2(
  model: M2Model,
  u: Float64Array,
  alpha: Float64Array,
  times: readonly number[],
): IntegrationResult {
  const y0 = model.packReduced(u, alpha);
  let scale = 0;
  for (const x of y0) scale = Math.max(scale, Math.abs(x));
  return dopri5(model.reducedRhs(), y0, {
    tEnd: times[times.length - 1] as number,
    times,
    rtol: 1e-12,
    atol: 1e-15 * Math.max(scale, 1e-300),
    maxSteps: 1_000_000,
  });
}

/** ‖x − ref‖/‖ref‖ (‖x − ref‖ when ref = 0). */
export function relativeError(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num += ((x[i] as number) - (ref[i] as number)) ** 2;
    den += (ref[i] as number) ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

/** Exact [u(t); α(t)] as one vector. */
export function exactState(sol: FeatureLearningSolution, t: number): Float64Array {
  const y = new Float64Array(2 * sol.width);
  sol.u(t, y.subarray(0, sol.width));
  sol.alpha(t, y.subarray(sol.width));
  return y;
}

const TOL = 1e-9;

/** Substitution residual: ‖dy/dt − F(y)‖/‖F(y)‖ with dy/dt of the closed form by a 5-point stencil. */
function substitutionResidual(model: M2Model, sol: FeatureLearningSolution, t: number): number {
  const h = 1e-3 / sol.asymptotes.rate;
  const ys = [-2, -1, 1, 2].map((k) => exactState(sol, t + k * h));
  const dy = new Float64Array(ys[0]?.length ?? 0);
  for (let i = 0; i < dy.length; i++) {
    dy[i] =
      ((ys[0]?.[i] as number) - 8 * (ys[1]?.[i] as number) + 8 * (ys[2]?.[i] as number) - (ys[3]?.[i] as number)) /
      (12 * h);
  }
  const f = new Float64Array(dy.length);
  model.reducedRhs()(t, exactState(sol, t), f);
  return relativeError(dy, f);
}

export default propertyClaim<M2Case>({
  id: "xu-ziyin2024.exact-solution",
  title: "The exact finite-width solution of a one-hidden-layer linear net on 1-D data equals the gradient flow",
  source: { paper: XU_ZIYIN_PAPER, arxiv: "2401.07085", section: "§3, exact solution at any finite width" },
  statement: {
    text:
      "For every width d, rates η_u, η_w, output scale κ and initialisation, u(t) = √η_u(s₀/√z + d₀√z)/2 and " +
      "α(t) = √η_w(s₀/√z − d₀√z)/2 with z(t) the solution of ż = (κ²Aλ²/2)(S₀ − D₀z²) − 2λκaz, z(0) = 1, " +
      "solve the gradient flow of ½E[(f − y)²].",
    latex:
      "u(t) = \\tfrac{\\sqrt{\\eta_u}}{2}\\Big(\\tfrac{s_0}{\\sqrt z} + d_0\\sqrt z\\Big),\\ \\alpha(t) = \\tfrac{\\sqrt{\\eta_w}}{2}\\Big(\\tfrac{s_0}{\\sqrt z} - d_0\\sqrt z\\Big),\\ " +
      "\\dot z = \\tfrac{\\kappa^2 A\\lambda^2}{2}(S_0 - D_0 z^2) - 2\\lambda\\kappa a z",
  },
  formalisation:
    `${XU_ZIYIN_FORMALISATION} Settings: widths 1–64, η_u/η_w = 2^(−3…3) (λ = 1), κ = 2^(−2…2), Gaussian ` +
    "σ_u = σ_w = 2^(−3…1) (from the alignment to the kernel side), A and a on k/4 grids, a of both signs. " +
    "Compared at t ∈ {0, 0.3, 1, 3}/(λΩ) with DOPRI5 on the full 2d-dimensional state (rtol 1e-12): relative " +
    "error of [u; α] ≤ 1e-9 (the issue's tolerance; the integrator's global error is ~1e-10 here), and the " +
    "substitution residual ‖dy/dt − F(y)‖/‖F(y)‖ of the closed form (5-point stencil, h = 1e-3/(λΩ): " +
    "truncation ~h⁴ ≈ 1e-12) ≤ 1e-7.",
  expected: "verified",
  tags: ["property", "closed-form", "gradient-flow", "xu-ziyin2024"],
  defaults: { runs: 10 },
  arbitrary: m2CaseArb(),
  property: (c): CaseResult => {
    const { model, u, alpha, sol } = buildM2Case(c);
    const rate = sol.asymptotes.rate;
    const times = [0, 0.3 / rate, 1 / rate, 3 / rate];
    const res = integrateM2(model, u, alpha, times);
    if (res.status !== "ok") return { inconclusive: `DOPRI5 stopped: ${res.status} ${res.message ?? ""}` };
    const parts: [string, CaseResult][] = [];
    times.forEach((t, k) => {
      const y = res.states[k] as Float64Array;
      parts.push([
        `[u; α] at t = ${t.toPrecision(3)}`,
        { residual: relativeError(exactState(sol, t), y), tolerance: TOL },
      ]);
      const num = m2Observables(model, y.subarray(0, c.width), y.subarray(c.width));
      parts.push([
        `K_f at t = ${t.toPrecision(3)}`,
        { residual: Math.abs(sol.at(t).ntk - num.ntk) / num.ntk, tolerance: TOL },
      ]);
      if (t > 0)
        parts.push([
          `substitution at t = ${t.toPrecision(3)}`,
          { residual: substitutionResidual(model, sol, t), tolerance: 1e-7 },
        ]);
    });
    return worstOf(parts);
  },
});

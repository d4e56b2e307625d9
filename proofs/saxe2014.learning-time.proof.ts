/**
 * Saxe, McClelland, Ganguli 2014: the time a decoupled mode of a two-layer linear network needs to grow from
 * u₀ to u_f is t = (τ/2s)·ln(u_f(s − u₀)/(u₀(s − u_f))) (½-loss convention). Checked against the time measured
 * on the full network flow; and in lindyn's default c = 1 convention, where the constant becomes τ/(4s).
 * Setting and derivation: ./_shared/saxe-modes.ts.
 */

import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { measureModeTimes, modeLearningTime, type SaxeCase, saxeCaseArb } from "./_shared/saxe-modes.js";

const SOURCE = {
  paper:
    'Saxe, McClelland, Ganguli 2014, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks"',
  arxiv: "1312.6120",
  section: "§1.2, learning time of a decoupled mode, t = (τ/2s)ln(u_f(s − u₀)/(u₀(s − u_f)))",
} as const;

/** Relative agreement required between formula and measurement (see the formalisations). */
const TOLERANCE = 1e-6;

const SETTING =
  "Generated settings (./_shared/saxe-modes.ts): 1–3 modes, target singular values s on the k/4 grid of [1/2, 3], " +
  "whitened inputs, Σyx = U diag(s) Vᵀ with random frames, widths [n, h, n] with h = n or n + 1, a balanced " +
  "start aligned with the target, W_1 = R diag(a)Vᵀ, W_2 = U diag(a)Rᵀ, with a on the k/16 grid of [1/16, 1/4] " +
  "(u₀ = a²), target level u_f = f·s with f on the k/8 grid of [1/4, 7/8], rate η = 1/τ on the k/4 grid of " +
  "[1/2, 2]. The full network (not the reduced mode equation) is integrated with DOPRI5 (rtol 1e-11, atol 1e-13); " +
  "the time at which u_α = U_αᵀW_2W_1V_α first reaches u_f is bracketed by the accepted steps and refined by " +
  "re-integration (Illinois regula falsi), so it carries only the integrator's error. Residual: max_α " +
  "|t_measured − t_formula| / t_formula. Tolerance 1e-6: the measured times agree to a few 1e-12 (worst seen 3.2e-12), while a " +
  "factor-2 error in the constant (the convention mismatch of negative.saxe-learning-time-with-c-1-convention-" +
  "mismatch) gives 0.5.";

function check(p: SaxeCase, c: 1 | 0.5, formula: (s: number, u0: number, uf: number, rate: number) => number) {
  const measured = measureModeTimes(p, c);
  if ("failure" in measured) return { inconclusive: measured.failure };
  let worst = 0;
  let where = "";
  p.s.forEach((s, k) => {
    const t = measured.times[k] as number;
    const expected = formula(s, (p.a[k] as number) ** 2, p.f * s, p.rate);
    if (Number.isNaN(t)) {
      worst = Number.POSITIVE_INFINITY;
      where = `mode ${k + 1} never reached u_f within the run`;
      return;
    }
    const r = Math.abs(t - expected) / expected;
    if (r > worst || where === "") {
      worst = Math.max(worst, r);
      where = `mode ${k + 1} (s = ${s}): measured t = ${formatResidual(t)}, formula ${formatResidual(expected)}`;
    }
  });
  // A level never reached is a failed prediction, reported with a finite residual so it counts as a failure.
  return { residual: Number.isFinite(worst) ? worst : 1e300, tolerance: TOLERANCE, note: where };
}

const halfConvention = propertyClaim({
  id: "saxe2014.learning-time",
  title: "Learning time of a decoupled mode: t = (τ/2s)ln(u_f(s − u₀)/(u₀(s − u_f))) on the full network flow",
  source: SOURCE,
  statement: {
    text: "In a two-layer linear network trained on ½E‖W_2W_1x − y‖² with whitened inputs and a decoupled balanced start, mode α (singular value s) grows from u₀ to u_f in time (τ/2s)·ln(u_f(s − u₀)/(u₀(s − u_f))).",
    latex: "t(u_0 \\to u_f) = \\frac{\\tau}{2s}\\ln\\frac{u_f(s - u_0)}{u_0(s - u_f)}",
  },
  formalisation: `Saxe et al.'s own convention: loss factor c = 1/2, τ = 1/η. ${SETTING}`,
  expected: "verified",
  tags: ["property", "closed-form", "gradient-flow", "learning-time"],
  defaults: { runs: 20 },
  arbitrary: saxeCaseArb(),
  property: (p) => check(p, 0.5, (s, u0, uf, rate) => modeLearningTime(s, u0, uf, 0.5, rate)),
});

const unitConvention = propertyClaim({
  id: "saxe2014.learning-time.c1",
  title: "The same learning time in lindyn's c = 1 convention: t = (τ/4s)ln(u_f(s − u₀)/(u₀(s − u_f)))",
  source: { ...SOURCE, section: "§1.2, learning time; converted to the c = 1 loss convention by lindyn" },
  statement: {
    text: "With the loss E‖W_2W_1x − y‖² (c = 1, lindyn's default) the gradient is twice Saxe et al.'s, so τu̇ = 4u(s − u) and the same mode grows from u₀ to u_f in (τ/4s)·ln(u_f(s − u₀)/(u₀(s − u_f))).",
    latex: "t(u_0 \\to u_f) = \\frac{\\tau}{4s}\\ln\\frac{u_f(s - u_0)}{u_0(s - u_f)}\\quad(c = 1)",
  },
  formalisation:
    "The conversion is ours: ȧ = 2cη·a(s − a²) gives τu̇ = 4c·u(s − u), so the constant is τ/(4cs) (./_shared/" +
    `saxe-modes.ts). Loss factor c = 1. ${SETTING}`,
  expected: "verified",
  tags: ["property", "closed-form", "gradient-flow", "learning-time", "conventions"],
  defaults: { runs: 20 },
  arbitrary: saxeCaseArb(),
  property: (p) => check(p, 1, (s, u0, uf, rate) => modeLearningTime(s, u0, uf, 1, rate)),
});

export default [halfConvention, unitConvention];

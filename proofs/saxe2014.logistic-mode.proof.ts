/**
 * Saxe, McClelland, Ganguli 2014: in a two-layer linear network with whitened inputs and a balanced,
 * aligned initialisation, every input–output mode follows the logistic curve
 * u(t) = s / (1 + (s/u₀ − 1)e^{−2st/τ}) independently of the others.
 */
import fc from "fast-check";
import { propertyClaim } from "../src/claims/property-claim.js";
import { Matrix } from "../src/core/matrix.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { LinearNet } from "../src/model/architecture.js";
import { Moments } from "../src/model/moments.js";
import { LinearNetObjective } from "../src/model/objective.js";
import { gridArb } from "../src/testing/arbitraries/grid.js";

/** Mode strengths s_α (k/4 in [1/4, 3]) and initial per-layer amplitudes a_α (k/8 in [1/8, 1/2], u₀ = a²). */
const modes = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.record({
    s: fc.array(gridArb({ denominator: 4, min: 1 / 4, max: 3 }), { minLength: n, maxLength: n }),
    a: fc.array(gridArb({ denominator: 8, min: 1 / 8, max: 1 / 2 }), { minLength: n, maxLength: n }),
  }),
);

/** Closed form with τ = 1 (unit rate) and the ½ loss convention. */
function logistic(s: number, u0: number, t: number): number {
  return s / (1 + (s / u0 - 1) * Math.exp(-2 * s * t));
}

export default propertyClaim({
  id: "saxe2014.logistic-mode",
  title: "Decoupled modes of a two-layer linear net follow the logistic learning curve",
  source: {
    paper:
      'Saxe, McClelland, Ganguli 2014, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks"',
    arxiv: "1312.6120",
    section: "§1.2, the exact solution of the decoupled mode dynamics τ u̇ = 2u(s − u)",
  },
  statement: {
    text: "With whitened inputs, Σyx = diag(s) and W1 = W2 = diag(√u₀) at t = 0, gradient flow on ½E‖W2W1x − y‖² keeps W2W1 diagonal with entries u_α(t) = s_α / (1 + (s_α/u₀α − 1)e^{−2s_α t}).",
    latex: "u_\\alpha(t) = \\frac{s_\\alpha}{1 + \\left(s_\\alpha/u_{0\\alpha} - 1\\right)e^{-2 s_\\alpha t/\\tau}}",
  },
  formalisation:
    "Our formalisation: widths [n, n, n] (n = 1–3 modes), Σxx = I, Σyx = diag(s), E‖y‖² = Σs², c = 1/2, γ = 0, unit " +
    "rate (τ = 1), W1 = W2 = diag(a) with u₀ = a². The network flow is integrated with DOPRI5 (rtol 1e-10, atol 1e-12) " +
    "to the time at which the slowest mode reaches 99% of s, and P(t) = W2W1 is compared with diag(u(t)) at 9 times: " +
    "residual max_t ‖P(t) − diag(u(t))‖_F / ‖s‖₂, tolerance 1e-7: about 40× the worst integrator error seen over 100 " +
    "cases (2.4e-9), while a wrong rate in the exponent (e^{−st}) gives residuals of order 0.1.",
  expected: "verified",
  tags: ["property", "closed-form", "gradient-flow"],
  defaults: { runs: 20 },
  arbitrary: modes,
  property: ({ s, a }) => {
    const n = s.length;
    const net = new LinearNet([n, n, n]);
    const moments = Moments.of({
      Sxx: Matrix.identity(n),
      Syx: Matrix.diagonal(s),
      Ey2: s.reduce((t, x) => t + x * x, 0),
    });
    const objective = new LinearNetObjective(net, moments, { c: 0.5 });
    const theta0 = net.pack([Matrix.diagonal(a), Matrix.diagonal(a)]);
    const u0 = a.map((x) => x * x);
    const tEnd = Math.max(...s.map((sa, k) => Math.log(99 * (sa / (u0[k] as number) - 1)) / (2 * sa)), 1);
    const times = Array.from({ length: 9 }, (_, k) => (k * tEnd) / 8);
    const trajectory = gradientFlow(objective, theta0, { tEnd, times, rtol: 1e-10, atol: 1e-12 });
    if (trajectory.status !== "ok")
      return { inconclusive: `DOPRI5 ended with ${trajectory.status}: ${trajectory.message ?? ""}` };
    const scale = Math.hypot(...s);
    let worst = 0;
    trajectory.thetas.forEach((theta, k) => {
      const P = objective.endToEnd(theta);
      const t = trajectory.times[k] as number;
      let err = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const expected = i === j ? logistic(s[i] as number, u0[i] as number, t) : 0;
          err += (P.get(i, j) - expected) ** 2;
        }
      }
      worst = Math.max(worst, Math.sqrt(err) / scale);
    });
    return { residual: worst, tolerance: 1e-7 };
  },
});

/**
 * Negative control: Saxe et al.'s learning time (τ/2s)ln(u_f(s − u₀)/(u₀(s − u_f))) is derived for the ½-loss
 * ½E‖y − ŷ‖²; applied verbatim to lindyn's default loss E‖y − ŷ‖² (c = 1) it is off by a factor 2, since the
 * gradient doubles and every time halves (./_shared/saxe-modes.ts). A mix-up the literature invites: papers
 * state "the squared loss" for either convention. The verdict must be `refuted`, with a readable case.
 */

import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { measureModeTimes, modeLearningTime, saxeCaseArb } from "./_shared/saxe-modes.js";

export default propertyClaim({
  id: "negative.saxe-learning-time-with-c-1-convention-mismatch",
  title: "Negative control: Saxe et al.'s ½-convention learning time applied to the c = 1 loss (false)",
  source: {
    paper:
      'Saxe, McClelland, Ganguli 2014, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks"',
    arxiv: "1312.6120",
    section: "§1.2, learning time t = (τ/2s)ln(u_f(s − u₀)/(u₀(s − u_f))), stated for the ½-loss",
  },
  statement: {
    text: "FALSE ON PURPOSE: with the loss E‖W_2W_1x − y‖² (c = 1) a decoupled mode grows from u₀ to u_f in (τ/2s)·ln(u_f(s − u₀)/(u₀(s − u_f))). (True: (τ/4s)·ln(…), see saxe2014.learning-time.c1.)",
    latex: "c = 1:\\ t(u_0 \\to u_f) = \\frac{\\tau}{2s}\\ln\\frac{u_f(s - u_0)}{u_0(s - u_f)}\\quad(\\text{false})",
  },
  formalisation:
    "Same settings, measurement and tolerance (relative 1e-6) as saxe2014.learning-time, but the network is " +
    "trained on the c = 1 loss while the ½-convention formula is kept. The measured time is exactly half the " +
    "formula's, so every case has residual 1/2 and the expected verdict is refuted; the shrunk case is a single " +
    "mode on the k/4, k/16, k/8 grids.",
  expected: "refuted",
  tags: ["property", "closed-form", "learning-time", "conventions", "negative-control"],
  defaults: { runs: 20 },
  arbitrary: saxeCaseArb(),
  property: (p) => {
    const measured = measureModeTimes(p, 1);
    if ("failure" in measured) return { inconclusive: measured.failure };
    let worst = 0;
    let where = "";
    p.s.forEach((s, k) => {
      const t = measured.times[k] as number;
      if (Number.isNaN(t)) return;
      const claimed = modeLearningTime(s, (p.a[k] as number) ** 2, p.f * s, 0.5, p.rate);
      const r = Math.abs(t - claimed) / claimed;
      if (r > worst || where === "") {
        worst = Math.max(worst, r);
        where = `mode ${k + 1} (s = ${s}): measured t = ${formatResidual(t)} with c = 1, ½-convention formula ${formatResidual(claimed)}`;
      }
    });
    if (where === "") return { inconclusive: "no mode reached u_f within the run" };
    return { residual: worst, tolerance: 1e-6, note: where };
  },
});

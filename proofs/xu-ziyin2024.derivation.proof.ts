/**
 * Xu & Ziyin 2024 (arXiv 2401.07085): the exact solution, derived symbolically. Every algebraic step of
 * lindyn's derivation (src/symbolic/feature-learning/derivation.ts) is an identity that the symbolic engine
 * expands to 0 (and confirms at random points): the Riccati equation for z, the solution z(t) by
 * substitution, z(0) = 1, the limit z∞ = z₊, the cancellation-free form used numerically, the D₀ = 0 case
 * and the orthogonal-initialisation law K∞/K0 = √(1 + 1/q²).
 */
import { defineClaim } from "../src/claims/claim.js";
import type { CheckResult } from "../src/claims/verdict.js";
import { deriveFeatureLearning } from "../src/symbolic/feature-learning/derivation.js";
import { XU_ZIYIN_FORMALISATION, XU_ZIYIN_PAPER } from "./xu-ziyin2024.exact-solution.proof.js";

export default defineClaim({
  id: "xu-ziyin2024.derivation",
  title: "The Riccati equation of the width-d dynamics and its closed-form solution, proved by substitution",
  source: { paper: XU_ZIYIN_PAPER, arxiv: "2401.07085", section: "§3, reduction to one dimension and exact solution" },
  statement: {
    text:
      "z = e^{2λ∫g} obeys ż = (κ²Aλ²/2)(S₀ − D₀z²) − 2λκaz; z(t) = (z₊ − z₋Re^{−λΩt})/(1 − Re^{−λΩt}) solves it with " +
      "z(0) = 1 and z(∞) = z₊; for orthogonal initialisation K∞/K0 = √(1 + 1/q²).",
    latex:
      "\\dot z = \\tfrac{\\kappa^2 A\\lambda^2}{2}(S_0 - D_0 z^2) - 2\\lambda\\kappa a z,\\quad z(t) = \\frac{z_+ - z_- R e^{-\\lambda\\Omega t}}{1 - R e^{-\\lambda\\Omega t}},\\quad \\frac{K_\\infty}{K_0} = \\sqrt{1 + q^{-2}}",
  },
  formalisation:
    `${XU_ZIYIN_FORMALISATION} The solution is checked in root coordinates (z₊ = p, z₋ = −r, S₀ = D₀pr, κa = κ²AλD₀(r − p)/4, ` +
    "Ω = κ²AλD₀(p + r)/2), a bijection for S₀, D₀ > 0; D₀ = 0 is a separate step; the chain rule dX/dt = −λΩX " +
    "for X = e^{−λΩt} is done by hand. Proved = every step's difference expands to 0 in the engine.",
  expected: "proved",
  tags: ["symbolic", "closed-form", "xu-ziyin2024"],
  defaults: { runs: 1 },
  check: (): CheckResult => {
    const d = deriveFeatureLearning();
    const entries = Object.entries(d.checks);
    const refuted = entries.find(([, c]) => c.status === "refuted");
    const evidence = Object.fromEntries(entries.map(([k, c]) => [k, c.status]));
    if (refuted !== undefined) {
      const [name, c] = refuted;
      return {
        status: "refuted",
        message: `step ${name} is false`,
        cases: entries.length,
        counterexample: {
          value: `${name} at ${JSON.stringify(c.counterexample ?? {})}`,
          residual: c.worstResidual,
          tolerance: c.tolerance,
          reason: `engine difference ${c.engineDifference}`,
          seed: c.seed,
          path: null,
          shrinks: 0,
          replay: null,
        },
        evidence,
      };
    }
    if (d.allProved) {
      return {
        status: "proved",
        message: `all ${entries.length} derivation steps expand to 0 in the engine`,
        cases: entries.length,
        evidence,
      };
    }
    return {
      status: "inconclusive",
      message: `some steps were only confirmed numerically: ${entries
        .filter(([, c]) => c.status !== "proved")
        .map(([k]) => k)
        .join(", ")}`,
      cases: entries.length,
      evidence,
    };
  },
});

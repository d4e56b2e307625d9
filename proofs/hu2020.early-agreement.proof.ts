/**
 * Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599), abstract and two-layer early-time theorem (as in the lindyn note): trained side by side by GD
 * from f₀ ≡ 0, a two-layer network and its linear model f^lin = βᵀψ(x) agree early (up to t ~ d·log d/η), and
 * separate later while the network keeps improving.
 */
import { defineClaim } from "../src/claims/claim.js";
import { formatResidual } from "../src/claims/format-value.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { compare, networkRun, reluBothCoefficients, sizeOfRun } from "./_hu2020/side-by-side.js";
import { HU2020 } from "./_hu2020/source.js";

/** Bound on max_{t ≤ d·ln d/η} ‖f_t − f^lin_t‖²/‖f_t‖² on test inputs (see formalisation). */
export const EARLY_TOL = 0.055;
/** The late relative difference must be at least this multiple of the early maximum. */
const SEPARATION = 3;
/** At the end, network test loss ≤ this fraction of the linear model's. */
const IMPROVEMENT = 0.6;

export default defineClaim({
  id: "hu2020.early-agreement",
  title:
    "A two-layer ReLU net and its linear model ψ agree early under GD from f₀ ≡ 0, then separate while the net keeps improving",
  source: {
    ...HU2020,
    section:
      "abstract; two-layer early-time agreement theorem (horizon t ≤ c·d·log d/η as recalled in lindyn note hu2020-early-time.md; theorem number not checked); synthetic-data experiments",
  },
  statement: {
    text:
      "Train f(x) = (1/√m)vᵀφ(Wx/√d) (both layers, f₀ ≡ 0) and f^lin(x) = βᵀψ(x), ψ(x) = [√2ζ·x/√d ; √(ν² + (3/2)E[φ″]²tr(Σ²)/d²)], " +
      "by full-batch GD with the same rate η on (1/2n)Σ(f − y)². Up to t ~ d·log d/η their test outputs agree; later the network " +
      "leaves the linear model and reaches a lower test loss.",
    latex:
      "\\frac{\\|f_t - f^{\\mathrm{lin}}_t\\|^2}{\\|f_t\\|^2} \\le \\varepsilon\\ (t \\le d\\log d/\\eta),\\qquad \\mathcal L_{\\mathrm{test}}(f_T) < \\mathcal L_{\\mathrm{test}}(f^{\\mathrm{lin}}_T)",
  },
  formalisation:
    "Our formalisation of the paper's statements at CI size. ReLU net, both layers trained, antisymmetric Gaussian init (f₀ ≡ 0 " +
    "exactly), paper GD realised by lindyn's per-parameter rates (η/d on W₁ = W/√d, η on v: HuTwoLayer). Data x ~ N(0, I_d) " +
    "(tr Σ² = d), target y = ⟨u, x⟩ + ⟨w, x⟩²/√2 with random unit u, w (a linear part, a mean and a quadratic part that only the " +
    "network can learn). Even runs (run 0 in CI): d = 16, n = 200 train / 200 test, m = 512, η = 4, early checkpoints " +
    "t = 1, 2, 3, 5, 8, 11 (d·ln d/η = 11.1), end T = 250; odd runs (from --runs 2 on): d = 32, n = 400/400, m = 1024, η = 2, " +
    "t = 1 … 55 = d·ln d/η, T = 500. " +
    `Measurements per run: (i) early agreement max_t ‖f_t − f^lin_t‖²/‖f_t‖² ≤ ${EARLY_TOL} on the test set (measured max 0.041, ` +
    "0.037, 0.036 at CI size for seeds 20221123, 1, 2 — largest at t = 1, where f₁ = (η/n)Θy exposes the kernel error directly — " +
    "and 0.026 at the large size; the residual is the finite-width Monte-Carlo error of the kernel plus its higher-order (ρ², ρ³…) " +
    "terms, O(1/√m + 1/d)-type, which the paper's asymptotics send to 0); (ii) separation: the relative difference at T is ≥ " +
    `${SEPARATION}× the early maximum (residual ${SEPARATION}·early/late ≤ 1); (iii) the network keeps improving: its test loss at T ` +
    `≤ ${IMPROVEMENT}× the linear model's (which has stalled at the best linear fit). Measured at CI size (3 seeds): late/early ` +
    "5.2–6.8, loss ratio 0.23–0.38; large size: 7.1 and 0.45. " +
    `The same bound ε = ${EARLY_TOL} refutes ψ with slope ζ (early maxima 0.074–0.096 at CI size: only ~2× the right ψ's at ` +
    "d = 16 — the note's 10–20× needs d = 50 and a smooth φ) and ψ without the constant feature (≈ 0.95): " +
    "negative.hu2020-slope-zeta, negative.hu2020-no-constant-feature.",
  expected: "verified",
  tags: ["nonlinear", "gradient-descent", "ntk", "hu2020"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const lines: string[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const size = sizeOfRun(r);
      const seed = ctx.seed + 104729 * r;
      const run = networkRun(seed, size);
      const label = `seed ${seed}, ${size.name}`;
      if (run.status !== "ok") {
        tally.undecided(label, `network GD ended with ${run.status}`);
        continue;
      }
      const c = compare(run, reluBothCoefficients(size.d));
      const k = size.early.length;
      const early = Math.max(...c.relDiff.slice(0, k));
      const late = c.relDiff[k] as number;
      const note =
        `relative test difference ${run.steps.map((t, j) => `t=${t}: ${formatResidual(c.relDiff[j] as number)}`).join(", ")}; ` +
        `test loss at T: net ${formatResidual(c.netLoss[k] as number)}, linear ${formatResidual(c.linLoss[k] as number)}`;
      lines.push(`${label}: ${note}`);
      tally.measure(`${label}: early agreement`, early, EARLY_TOL, note);
      tally.measure(`${label}: later separation`, (SEPARATION * early) / late, 1, note);
      tally.measure(
        `${label}: network improves on the linear model`,
        (c.netLoss[k] as number) / (c.linLoss[k] as number),
        IMPROVEMENT,
        note,
      );
    }
    return tally.result({ noun: "measurements", evidence: { runs: lines } });
  },
});

/**
 * Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599), abstract and two-layer early-time theorem (as in the lindyn note): trained side by side by GD
 * from f₀ ≡ 0, a two-layer network and its linear model f^lin = βᵀψ(x) agree early (up to t ~ d·log d/η), and
 * separate later while the network keeps improving. Also exports the side-by-side comparison for
 * first-layer-only and second-layer-only training (hu2020.early-agreement.first-layer / .second-layer).
 */
import type { Claim, ClaimContext } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import { formatResidual } from "../src/claims/format-value.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import type { HuTrainedLayers } from "../src/model/nonlinear/hu2020/index.js";
import {
  CI_SIZE,
  type Comparison,
  coefficientsFor,
  compare,
  earlyOnly,
  type NetworkRun,
  networkRun,
  PAPER_SIZE,
  plannedRuns,
} from "./_hu2020/side-by-side.js";
import { HU2020 } from "./_hu2020/source.js";

/** Bound on max_{t ≤ d·ln d/η} ‖f_t − f^lin_t‖²/‖f_t‖² on test inputs at CI size (see formalisation). */
export const EARLY_TOL = 0.055;
/** The same bound at paper size (softplus, d = 50, n = 1000, m = 2000; see formalisation). */
export const PAPER_EARLY_TOL = 0.01;
/** The early bound for a run's size. */
export function earlyTolerance(run: NetworkRun): number {
  return run.size.activation === "softplus" ? PAPER_EARLY_TOL : EARLY_TOL;
}
/** The late relative difference must be at least this multiple of the early maximum. */
const SEPARATION = 3;
/** At the end, network test loss ≤ this fraction of the linear model's. */
const IMPROVEMENT = 0.6;
/** Early bound of the first-layer-only and second-layer-only comparisons at CI size (see formalisation). */
export const LAYER_EARLY_TOL = 0.07;
/** The same at paper size (see formalisation). */
export const LAYER_PAPER_TOL = 0.025;

/** "t=1: 0.04, t=2: …" for the first `k` recorded steps. */
export function describeSteps(run: NetworkRun, relDiff: readonly number[], k = run.steps.length): string {
  return run.steps
    .slice(0, k)
    .map((t, j) => `t=${t}: ${formatResidual(relDiff[j] as number)}`)
    .join(", ");
}

/** The early maximum of a comparison (over `run.size.early`). */
export function earlyMax(run: NetworkRun, c: Comparison): number {
  return Math.max(...c.relDiff.slice(0, run.size.early.length));
}

const both = defineClaim({
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
    "negative.hu2020-slope-zeta, negative.hu2020-no-constant-feature. " +
    "--size paper: each run is the note's size — softplus (smooth φ), d = 50, n = 1000 train / 1000 test, m = 2000, η = 1 — with " +
    "early checkpoints t = 10, 30, 100, 195 (d·ln d/η = 195.6) and the bound " +
    `ε = ${PAPER_EARLY_TOL}: measured early maxima 3.5e-3, 3.3e-3, 3.2e-3 for seeds 20221123, 1, 2 (at t = 100; the note's NumPy ` +
    "run: 2.5e-3 at t = 300 on its data), so ε leaves ~3× room; the negative controls at this size miss by 18–23× (slope ζ: " +
    "0.079, 0.059, 0.064) and 280–310× (no constant feature: 0.97, 0.99, 0.98), the note's 10–20× and > 100×. " +
    "One GD step at this size costs ≈ 150 ms (2 loaded cores), so the early part takes ≈ 30 s per run; the note's separation at " +
    "t = 3000 … 10⁴ would take 8–25 min, beyond the ~1 min we allow a claim, so at --size paper (ii) and (iii) are measured on the " +
    "CI-size run of the same seed.",
  expected: "verified",
  tags: ["nonlinear", "gradient-descent", "ntk", "hu2020"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const lines: string[] = [];
    for (const { size, seed } of plannedRuns(ctx)) {
      const run = networkRun(seed, size);
      const label = `seed ${seed}, ${size.name}`;
      if (run.status !== "ok") {
        tally.undecided(label, `network GD ended with ${run.status}`);
        continue;
      }
      const c = compare(run, coefficientsFor(size));
      const early = earlyMax(run, c);
      const note = `relative test difference ${describeSteps(run, c.relDiff)}`;
      lines.push(`${label}: ${note}`);
      tally.measure(`${label}: early agreement`, early, earlyTolerance(run), note);
      // The late regime: at paper size it is out of reach in a claim's time, so it is measured at CI size.
      const lateRun = size.end === null ? networkRun(seed, CI_SIZE) : run;
      if (lateRun.status !== "ok") {
        tally.undecided(`seed ${seed}, ${lateRun.size.name}`, `network GD ended with ${lateRun.status}`);
        continue;
      }
      measureLate(tally, lateRun, lateRun === run ? c : compare(lateRun, coefficientsFor(lateRun.size)), lines);
    }
    return tally.result({ noun: "measurements", evidence: { runs: lines } });
  },
});

function measureLate(tally: ResidualTally, run: NetworkRun, c: Comparison, lines: string[]): void {
  const label = `seed ${run.seed}, ${run.size.name}`;
  const k = run.size.early.length;
  const early = earlyMax(run, c);
  const late = c.relDiff[k] as number;
  const note =
    `relative test difference ${describeSteps(run, c.relDiff)}; ` +
    `test loss at T: net ${formatResidual(c.netLoss[k] as number)}, linear ${formatResidual(c.linLoss[k] as number)}`;
  if (!lines.some((l) => l.startsWith(`${label}:`))) lines.push(`${label}: ${note}`);
  else
    lines.push(
      `${label}: test loss at T: net ${formatResidual(c.netLoss[k] as number)}, linear ${formatResidual(c.linLoss[k] as number)}`,
    );
  tally.measure(`${label}: later separation`, (SEPARATION * early) / late, 1, note);
  tally.measure(
    `${label}: network improves on the linear model`,
    (c.netLoss[k] as number) / (c.linLoss[k] as number),
    IMPROVEMENT,
    note,
  );
}

/** The first-layer-only / second-layer-only comparison of the family. */
function layerClaim(layers: Exclude<HuTrainedLayers, "both">): Claim {
  const other = layers === "first" ? "second" : "first";
  const psi = layers === "first" ? "ψ(x) = [ζ·x/√d ; |E[φ″]|·√tr(Σ²)/d]" : "ψ(x) = [ζ·x/√d ; √(ν² + ½E[φ″]²tr(Σ²)/d²)]";
  return defineClaim({
    id: `hu2020.early-agreement.${layers}-layer`,
    title: `Trained in the ${layers} layer only, a two-layer ReLU net and its linear model ψ agree early under GD from f₀ ≡ 0`,
    source: {
      ...HU2020,
      section: `two-layer analysis, the linear model for ${layers}-layer-only training (lindyn note hu2020-early-time.md, table of ψ)`,
    },
    statement: {
      text:
        `Train only the ${layers} layer of f(x) = (1/√m)vᵀφ(Wx/√d) from f₀ ≡ 0 and f^lin(x) = βᵀψ(x) with ${psi}, by full-batch ` +
        "GD with the same η on (1/2n)Σ(f − y)²; up to t ~ d·log d/η their test outputs agree.",
      latex: `\\max_{t \\le d\\log d/\\eta} \\frac{\\|f_t - f^{\\mathrm{lin}}_t\\|^2}{\\|f_t\\|^2} \\le \\varepsilon`,
    },
    formalisation:
      `Our formalisation, side by side with hu2020.early-agreement (same data, init, GD and sizes, early steps only; the ${other} ` +
      "layer's gradient is set to 0 so it never moves). Bound ε = " +
      `${LAYER_EARLY_TOL} at CI size (ReLU, d = 16, n = 200, m = 512, η = 4, t = 1 … 11): measured max ` +
      (layers === "first" ? "0.034, 0.051, 0.041" : "0.049, 0.044, 0.055") +
      " for seeds 20221123, 1, 2 (the finite-width kernel error, as for both layers). For contrast, reported as evidence " +
      `not checked: ψ without its constant feature misses by ${layers === "first" ? "0.21–0.31" : "0.68–1.0"}, and the ${other} ` +
      `layer's ψ by ${layers === "first" ? "0.8–48" : "0.30–0.89"}. ` +
      `--size paper: the note's size (softplus, d = 50, n = 1000/1000, m = 2000, η = 1, t = 10 … 195) with ε = ${LAYER_PAPER_TOL}: measured ` +
      (layers === "first"
        ? "2.2e-3 for seed 20221123 (without the constant feature 0.027, the second layer's ψ 155)"
        : "1.03e-2 for seed 20221123, growing with t (1.4e-3 at t = 10, 9.6e-3 at 100): the random-feature kernel's ρ² term, which ψ " +
          "lacks, starts to fit the quadratic part of the target (without the constant feature 0.99, the first layer's ψ 0.97)") +
      "; ≈ 30–60 s per run on 2 loaded cores.",
    expected: "verified",
    tags: ["nonlinear", "gradient-descent", "ntk", "hu2020"],
    defaults: { runs: 1 },
    check: (ctx: ClaimContext) => {
      const tally = new ResidualTally();
      const lines: string[] = [];
      for (const { size, seed } of plannedRuns(ctx)) {
        const run = networkRun(seed, earlyOnly(size), layers);
        const label = `seed ${seed}, ${run.size.name}, ${layers} layer only`;
        if (run.status !== "ok") {
          tally.undecided(label, `network GD ended with ${run.status}`);
          continue;
        }
        const c = compare(run, coefficientsFor(size, layers));
        const note =
          `relative test difference ${describeSteps(run, c.relDiff)}; for contrast, without the constant feature ` +
          `${formatResidual(earlyMax(run, compare(run, { slope: coefficientsFor(size, layers).slope, constant: 0 })))}, ` +
          `with the ${other} layer's ψ ${formatResidual(earlyMax(run, compare(run, coefficientsFor(size, other))))} (early maxima)`;
        lines.push(`${label}: ${note}`);
        tally.measure(
          `${label}: early agreement`,
          earlyMax(run, c),
          size === PAPER_SIZE ? LAYER_PAPER_TOL : LAYER_EARLY_TOL,
          note,
        );
      }
      return tally.result({ noun: "runs", evidence: { runs: lines } });
    },
  });
}

export default [both, layerClaim("first"), layerClaim("second")];

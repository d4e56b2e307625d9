/**
 * `lindyn derive feature-learning`: the exact finite-width solution of Xu & Ziyin's Model M2
 * (arXiv 2401.07085) from explicit initial vectors, evaluated at a time t: z, P, the NTK, the angle, the
 * weights, the limits. Registered under the `derive` command by {@link registerFeatureLearning}.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import { FeatureLearningSolution } from "../../symbolic/feature-learning/closed-form.js";
import { FEATURE_LEARNING_FORMULAS, FEATURE_LEARNING_NOTATION } from "../../symbolic/feature-learning/latex.js";
import { parseNumber, parseNumberList, UsageError } from "../_internals/parse.js";
import type { CliIo } from "../io.js";

/** Options of `lindyn derive feature-learning`. */
export interface FeatureLearningOptions {
  u0: number[];
  w0: number[];
  etaU: number;
  etaW: number;
  kappa: number;
  A: number;
  a: number;
  Ey2?: number;
  t: number;
  json?: boolean;
  latex?: boolean;
}

/** The JSON document of `lindyn derive feature-learning --json`. */
export interface FeatureLearningResult {
  /** Time (a number, or the string "Infinity" for --t inf). */
  t: number | string;
  z: number;
  P: number;
  /** f(ξv)/ξ = κP. */
  f: number;
  /** K_f = κ²Σ(η_uα_i² + η_wu_i²). */
  ntk: number;
  /** cos∠(u, α). */
  cosAngle: number;
  normU: number;
  normW: number;
  /** ½(κ²AP² − 2κaP + E[y²]). */
  loss: number;
  u: number[];
  /** The first-layer weights' components along the data direction v (α_i = w_i·v). */
  w: number[];
  limits: {
    zInf: number | string;
    PInf: number;
    fInf: number;
    ntkInf: number;
    ntkRatio: number | null;
    cosInf: number;
    rate: number;
    q: number | string;
  };
  invariants: { S0: number; D0: number; C: number; sdProduct: number };
  cases: { d0Zero: boolean; s0Zero: boolean; cZero: boolean; parallel: boolean; orthogonal: boolean };
  convention: string;
  source: string;
}

const HELP_AFTER = `
Model M2 (Xu & Ziyin, "Three Mechanisms of Feature Learning in a Linear Network", arXiv 2401.07085):
f(x) = κ Σ_i u_i (w_iᵀx) on one-dimensional data x = ξv, with A = E[ξ²] and a = E[ξy].
Loss here: L = ½E[(f − y)²] (the paper's ½ convention, not lindyn's default c = 1).
Gradient flow: du/dt = −η_u ∂L/∂u, dw_i/dt = −η_w ∂L/∂w_i; only α_i = w_i·v moves.

--w0 gives the components α_i(0) = w_i(0)·v (the orthogonal parts are frozen and do not enter).
--t accepts a time ≥ 0 or "inf" for the limit.
--json prints {t, z, P, f, ntk, cosAngle, normU, normW, loss, u, w, limits: {zInf, PInf, fInf, ntkInf,
ntkRatio, cosInf, rate, q}, invariants: {S0, D0, C, sdProduct}, cases, convention, source}, where w are the
components along v and ntk = κ²Σ(η_u α_i² + η_w u_i²). --latex prints the closed forms in LaTeX.

Example:
  lindyn derive feature-learning --u0 0.3,-0.2,0.1 --w0 0.1,0.4,-0.3 --eta-u 1 --eta-w 0.5 --kappa 1 --A 1 --a 1 --t 2 --json`;

function parseTime(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "inf" || trimmed === "infinity") return Number.POSITIVE_INFINITY;
  const t = parseNumber("--t", text);
  if (t < 0) throw new UsageError(`--t ${JSON.stringify(text)}: must be ≥ 0 (or inf). Example: --t 2`);
  return t;
}

function positive(flag: string) {
  return (text: string): number => {
    const v = parseNumber(flag, text);
    if (!(v > 0)) throw new UsageError(`${flag} ${JSON.stringify(text)}: must be > 0. Example: ${flag} 1`);
    return v;
  };
}

/**
 * Registers `feature-learning` under the `derive` command (owned by src/cli/commands/derive.ts):
 * `registerFeatureLearning(deriveCommand, io)`.
 */
export function registerFeatureLearning(deriveCommand: Command, io: CliIo): void {
  deriveCommand
    .command("feature-learning")
    .description(
      "Exact finite-width solution of Xu & Ziyin's one-hidden-layer linear net on 1-D data (L = ½E[(f − y)²]).",
    )
    .requiredOption("--u0 <list>", "second-layer weights u(0) (one per hidden unit)", (v) => parseNumberList("--u0", v))
    .requiredOption("--w0 <list>", "first-layer components along the data, α_i(0) = w_i(0)·v", (v) =>
      parseNumberList("--w0", v),
    )
    .option("--eta-u <number>", "second-layer rate η_u > 0", positive("--eta-u"), 1)
    .option("--eta-w <number>", "first-layer rate η_w > 0", positive("--eta-w"), 1)
    .option("--kappa <number>", "output scale κ > 0", positive("--kappa"), 1)
    .option("--A <number>", "A = E[ξ²] > 0", positive("--A"), 1)
    .option("--a <number>", "a = E[ξy]", (v) => parseNumber("--a", v), 1)
    .option("--Ey2 <number>", "E[y²] ≥ a²/A, for the loss value (default a²/A)", (v) => parseNumber("--Ey2", v))
    .option("--t <time>", "time ≥ 0, or inf", parseTime, 1)
    .option("--json", "print the result as JSON")
    .option("--latex", "also print the closed forms in LaTeX")
    .addHelpText("after", HELP_AFTER)
    .action((options: FeatureLearningOptions) => {
      const result = deriveFeatureLearningAt(options);
      if (options.json) {
        const doc = options.latex ? { ...result, formulas: FEATURE_LEARNING_FORMULAS } : result;
        io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
      } else {
        io.stdout(formatFeatureLearning(result));
        if (options.latex) io.stdout(formatFormulas());
      }
    });
}

const fin = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

/** Evaluates the exact solution for the CLI options (validation errors are LindynErrors: exit code 2). */
export function deriveFeatureLearningAt(options: FeatureLearningOptions): FeatureLearningResult {
  if (options.u0.length !== options.w0.length) {
    throw new UsageError(
      `--u0 has ${options.u0.length} entries but --w0 has ${options.w0.length}: give one of each per hidden unit. Example: --u0 0.3,-0.2 --w0 0.1,0.4`,
    );
  }
  const sol = new FeatureLearningSolution({
    u0: options.u0,
    alpha0: options.w0,
    etaU: options.etaU,
    etaW: options.etaW,
    kappa: options.kappa,
    A: options.A,
    a: options.a,
    ...(options.Ey2 === undefined ? {} : { Ey2: options.Ey2 }),
  });
  const s = sol.at(options.t);
  const lim = sol.asymptotes;
  return {
    t: fin(options.t),
    z: s.z,
    P: s.P,
    f: s.f,
    ntk: s.ntk,
    cosAngle: s.cosAngle,
    normU: s.normU,
    normW: s.normAlpha,
    loss: s.loss,
    u: Array.from(sol.u(options.t)),
    w: Array.from(sol.alpha(options.t)),
    limits: {
      zInf: fin(lim.zInf),
      PInf: lim.PInf,
      fInf: lim.fInf,
      ntkInf: lim.ntkInf,
      ntkRatio: lim.ntkRatio ?? null,
      cosInf: lim.cosInf,
      rate: lim.rate,
      q: fin(lim.q),
    },
    invariants: { S0: sol.S0, D0: sol.D0, C: sol.C, sdProduct: sol.sdProduct },
    cases: { ...sol.cases },
    convention: "L = ½E[(f − y)²]; du/dt = −η_u ∂L/∂u, dw_i/dt = −η_w ∂L/∂w_i",
    source: "Xu & Ziyin, arXiv 2401.07085 (lindyn's formalisation, exact solution of §3)",
  };
}

function g(x: number | string | null): string {
  if (typeof x !== "number") return String(x);
  return Number.isInteger(x) ? String(x) : x.toPrecision(10).replace(/\.?0+(e|$)/, "$1");
}

/** Plain-text rendering. */
export function formatFeatureLearning(r: FeatureLearningResult): string {
  const rows: [string, string][] = [
    ["t", g(r.t)],
    ["z", g(r.z)],
    ["P = Σ u_iα_i", g(r.P)],
    ["f/ξ = κP", g(r.f)],
    ["NTK K_f", g(r.ntk)],
    ["cos∠(u, w·v)", g(r.cosAngle)],
    ["‖u‖, ‖w·v‖", `${g(r.normU)}, ${g(r.normW)}`],
    ["loss ½E[(f − y)²]", g(r.loss)],
    ["u", r.u.map(g).join(", ")],
    ["w·v", r.w.map(g).join(", ")],
    ["z∞, P∞, f∞", `${g(r.limits.zInf)}, ${g(r.limits.PInf)}, ${g(r.limits.fInf)}`],
    ["K∞/K0", g(r.limits.ntkRatio)],
    ["cos∠ at ∞", g(r.limits.cosInf)],
    ["rate λΩ, q", `${g(r.limits.rate)}, ${g(r.limits.q)}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n")}\n${r.convention}\n`;
}

function formatFormulas(): string {
  const lines = [`Notation: ${FEATURE_LEARNING_NOTATION}`];
  for (const f of FEATURE_LEARNING_FORMULAS) lines.push(`% ${f.description}`, f.latex);
  return `${lines.join("\n")}\n`;
}

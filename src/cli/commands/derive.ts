/**
 * `lindyn derive <quantity>`: closed forms and exact landscapes from the symbolic derivations
 * (src/symbolic/derivations, src/symbolic/trajectories), as text, JSON (`--json`, full double precision) or
 * LaTeX (`--latex`). Quantities: `landscape`, `critical-gamma`, `global-minimum`, `trajectory`, and
 * `feature-learning` (registered from derive-feature-learning.ts). Bad or inconsistent parameters raise a
 * LindynError, which `runCli` prints as one line with exit code 2.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
// Types only at the top: the symbolic engine (nerdamer, ~0.1 s to load) is imported when a derive action
// runs, so that the other commands do not pay for it at start-up.
import type { CriticalGamma } from "../../symbolic/derivations/critical-gamma.js";
import type { Landscape } from "../../symbolic/derivations/landscape.js";
import type { NoisyGlobalMinimum } from "../../symbolic/derivations/noisy-global-minimum.js";
import type { DerivedFormula } from "../../symbolic/formula.js";
import {
  parseNumber,
  parseNumberList,
  parseNumberOrList,
  parseNumericJson,
  parseWidths,
  UsageError,
} from "../_internals/parse.js";
import type { CliIo } from "../io.js";
import { registerFeatureLearning } from "./derive-feature-learning.js";

/** Output format flags shared by every quantity. */
interface FormatOptions {
  json?: boolean;
  latex?: boolean;
}

const CONVENTION =
  "Depth L = number of weight matrices (Ziyin et al.'s D = L − 1 hidden layers); loss c·E(ŷ − y)² + Σ γ_i‖W_i‖², c = 1 unless --half.";

function depthOf(text: string): number {
  const v = parseNumber("--depth", text);
  if (!Number.isInteger(v) || v < 1 || v > 12) {
    throw new UsageError(`--depth ${JSON.stringify(text)}: must be an integer from 1 to 12. Example: --depth 3`);
  }
  return v;
}

function positive(flag: string) {
  return (text: string): number => {
    const v = parseNumber(flag, text);
    if (!(v > 0)) throw new UsageError(`${flag} ${JSON.stringify(text)}: must be > 0. Example: ${flag} 1`);
    return v;
  };
}

const num = (flag: string) => (text: string) => parseNumber(flag, text);

/** `{ text, latex }` of a formula, for JSON. */
function formulaJson(f: DerivedFormula): { text: string; latex: string } {
  return { text: f.equationText, latex: f.equationLatex };
}

function emit(io: CliIo, options: FormatOptions, json: () => unknown, text: () => string, latex: () => string[]): void {
  if (options.json) io.stdout(`${JSON.stringify(json(), null, 2)}\n`);
  else if (options.latex) io.stdout(`${latex().join("\n")}\n`);
  else io.stdout(text());
}

// ---------------------------------------------------------------------------------------------- landscape

/** Options of `lindyn derive landscape`. */
export interface LandscapeCliOptions extends FormatOptions {
  depth: number;
  A: number;
  a: number;
  Ey2?: number;
  gamma: number | number[];
}

/** The JSON document of `lindyn derive landscape --json`. */
export function landscapeJson(l: Landscape): Record<string, unknown> {
  return {
    depth: l.depth,
    A: l.A,
    a: l.a,
    Ey2: l.Ey2,
    gamma: l.gamma,
    gbar: l.gbar,
    criticalPoints: l.criticalPoints.map(({ b, P, loss, kind, weights }) => ({ b, P, loss, kind, weights })),
    globalMinimum: l.globalMinimum,
    originIsLocalMinimum: l.originIsLocalMinimum,
    gammaC: l.gammaC,
    gammaSp: l.gammaSp,
    phase: l.phase,
    formulas: {
      reducedLoss: formulaJson(l.formulas.reducedLoss),
      h: formulaJson(l.formulas.h),
      criticalPolynomial: formulaJson(l.formulas.criticalPolynomial),
    },
    convention: CONVENTION,
    source: "Ziyin, Li, Meng, arXiv 2202.04777 §§3–4 (scalar chain; critical points on the balanced set)",
  };
}

function landscapeText(l: Landscape): string {
  const lines = [
    `Scalar chain, depth L = ${l.depth}: ℓ(w) = A P² − 2aP + E[y²] + Σ γ_i w_i², P = w_L⋯w_1 (c = 1)`,
    `  ${l.formulas.reducedLoss.equationText}`,
    `  ${l.formulas.h.equationText}      (ℓ′(b) = 2Lb·h(b))`,
    `A = ${l.A}, a = ${l.a}, E[y²] = ${l.Ey2}, γ = [${l.gamma.join(", ")}], γ̄ = ${l.gbar}`,
    `γ_c = ${l.gammaC ?? "none (L = 1)"}, γ_sp = ${l.gammaSp ?? "none (L = 1)"}, phase: ${l.phase}`,
    `origin: ${l.originIsLocalMinimum ? "local minimum" : "not a local minimum"}`,
    "critical points:",
    ...l.criticalPoints.map((p) => `  b = ${p.b}, P = ${p.P}, loss = ${p.loss}  (${p.kind})`),
    `global minimum: b = ${l.globalMinimum.b}, P = ${l.globalMinimum.P}, loss = ${l.globalMinimum.loss}`,
    `  weights: [${l.globalMinimum.weights.join(", ")}]`,
  ];
  return `${lines.join("\n")}\n`;
}

function registerLandscape(derive: Command, io: CliIo): void {
  derive
    .command("landscape")
    .description("Critical points, global minimum, thresholds and phase of the scalar deep chain with weight decay.")
    .requiredOption("--depth <L>", "number of weight factors L (1–12)", depthOf)
    .option("--A <number>", "A = E[x²] > 0", positive("--A"), 1)
    .option("--a <number>", "a = E[xy]", num("--a"), 1)
    .option("--Ey2 <number>", "E[y²] ≥ a²/A (default a²/A)", num("--Ey2"))
    .requiredOption("--gamma <list>", "weight decay γ > 0: one value, or one per layer", (v) =>
      parseNumberOrList("--gamma", v),
    )
    .option("--json", "print JSON (full double precision)")
    .option("--latex", "print the formulas in LaTeX")
    .addHelpText(
      "after",
      `
${CONVENTION}
Critical points lie on the balanced set γ_i w_i² = γ̄ b² (γ̄ = (Πγ_i)^{1/L}); the non-zero ones are the positive
roots of h(b) = A b^{2L−2} − |a| b^{L−2} + γ̄, found by a certified polynomial root finder.
--json prints {depth, A, a, Ey2, gamma, gbar, criticalPoints: [{b, P, loss, kind, weights}], globalMinimum:
{b, P, loss, weights}, originIsLocalMinimum, gammaC, gammaSp, phase, formulas}; kind is minimum | saddle |
degenerate, phase is nonzero-global | metastable | origin-only.

Example:
  lindyn derive landscape --depth 3 --A 1 --a 1 --gamma 0.2 --Ey2 1 --json`,
    )
    .action(async (options: LandscapeCliOptions) => {
      const { landscape } = await import("../../symbolic/derivations/landscape.js");
      const { deriveCriticalGamma } = await import("../../symbolic/derivations/critical-gamma.js");
      const l = landscape({
        depth: options.depth,
        A: options.A,
        a: options.a,
        gamma: options.gamma,
        ...(options.Ey2 === undefined ? {} : { Ey2: options.Ey2 }),
      });
      emit(
        io,
        options,
        () => landscapeJson(l),
        () => landscapeText(l),
        () => {
          const out = [l.formulas.reducedLoss.equationLatex, l.formulas.h.equationLatex];
          const cg = deriveCriticalGamma(l.depth);
          if (cg.order !== "none") out.push(cg.gammaC.equationLatex, cg.gammaSp.equationLatex);
          return out;
        },
      );
    });
}

// ---------------------------------------------------------------------------------------------- critical-gamma

/** Options of `lindyn derive critical-gamma`. */
export interface CriticalGammaCliOptions extends FormatOptions {
  depth: number | "L";
  A?: number;
  a?: number;
}

/** The JSON document of `lindyn derive critical-gamma --json`. */
export function criticalGammaJson(cg: CriticalGamma, moments?: { A: number; a: number }): Record<string, unknown> {
  if (cg.order === "none") return { depth: cg.depth, order: "none", reason: cg.reason };
  const formulas = {
    gammaC: formulaJson(cg.gammaC),
    Pc: formulaJson(cg.Pc),
    bc: formulaJson(cg.bc),
    lossSlopeJump: formulaJson(cg.lossSlopeJump),
    gammaSp: formulaJson(cg.gammaSp),
    Psp: formulaJson(cg.Psp),
  };
  const values = moments === undefined ? {} : { A: moments.A, a: moments.a, ...cg.values(moments) };
  return {
    depth: cg.depth,
    order: cg.order,
    ...values,
    formulas,
    assumptions: cg.gammaC.assumptionsText,
    source: cg.gammaC.source,
  };
}

function registerCriticalGamma(derive: Command, io: CliIo): void {
  derive
    .command("critical-gamma")
    .description("Critical weight decay γ_c(L), the jump P_c, the jump of dℓ*/dγ̄, and the spinodal γ_sp(L).")
    .requiredOption("--depth <L>", "number of weight factors (1–12), or L for the general formula", (v: string) =>
      v.trim() === "L" ? "L" : depthOf(v),
    )
    .option("--A <number>", "A = E[x²] > 0 (with --a: also print the values)", positive("--A"))
    .option("--a <number>", "a = E[xy] (with --A: also print the values)", num("--a"))
    .option("--json", "print JSON (full double precision)")
    .option("--latex", "print the formulas in LaTeX")
    .addHelpText(
      "after",
      `
${CONVENTION}
L ≥ 3: first-order transition at γ̄ = γ_c, where the non-zero minimum P_c = (L−2)|a|/((L−1)A) and the origin have
equal loss; a non-zero minimum exists iff γ̄ < γ_sp. L = 2: continuous transition at γ̄ = |a|. L = 1: none.
Derived by elimination (both equations are linear in γ̄), in u = b^L, v = b².
--json prints {depth, order, gammaC, Pc, bc, lossSlopeJump, gammaSp, Psp (with --A and --a), formulas, assumptions, source}.

Examples:
  lindyn derive critical-gamma --depth 4 --latex
  lindyn derive critical-gamma --depth 4 --A 1 --a 1 --json
  lindyn derive critical-gamma --depth L`,
    )
    .action(async (options: CriticalGammaCliOptions) => {
      if ((options.A === undefined) !== (options.a === undefined)) {
        throw new UsageError(
          `critical-gamma: --A and --a go together (got only ${options.A === undefined ? "--a" : "--A"}). Example: --A 1 --a 1`,
        );
      }
      if (options.depth === "L" && options.A !== undefined) {
        throw new UsageError("critical-gamma: values need a concrete depth; use --depth 3 … 12 with --A and --a.");
      }
      const { deriveCriticalGamma } = await import("../../symbolic/derivations/critical-gamma.js");
      const cg = deriveCriticalGamma(options.depth);
      const moments = options.A === undefined ? undefined : { A: options.A, a: options.a as number };
      emit(
        io,
        options,
        () => criticalGammaJson(cg, moments),
        () => {
          if (cg.order === "none") return `L = 1: no transition. ${cg.reason}.\n`;
          const lines = [
            `Depth L = ${cg.depth}: ${cg.order === "first" ? "first-order" : "continuous"} transition`,
            ...[cg.gammaC, cg.Pc, cg.bc, cg.lossSlopeJump, cg.gammaSp, cg.Psp].map((f) => `  ${f.equationText}`),
            `assuming ${cg.gammaC.assumptionsText.join(", ")}`,
          ];
          if (moments !== undefined) {
            const v = cg.values(moments);
            lines.push(
              `A = ${moments.A}, a = ${moments.a}:`,
              `  γ_c = ${v.gammaC}`,
              `  P_c = ${v.Pc}`,
              `  b_c = ${v.bc}`,
              `  Δ(dℓ*/dγ̄) = ${v.lossSlopeJump}`,
              `  γ_sp = ${v.gammaSp}`,
              `  P_sp = ${v.Psp}`,
            );
          }
          return `${lines.join("\n")}\n`;
        },
        () =>
          cg.order === "none"
            ? [`% L = 1: no transition (${cg.reason})`]
            : [cg.gammaC, cg.Pc, cg.bc, cg.lossSlopeJump, cg.gammaSp, cg.Psp].map((f) => f.equationLatex),
      );
    });
}

// ---------------------------------------------------------------------------------------------- global-minimum

/** Options of `lindyn derive global-minimum`. */
export interface GlobalMinimumCliOptions extends FormatOptions {
  Sxx: number | number[] | number[][];
  Sxy: number[];
  Ey2: number;
  widths: number[];
  gamma: number | number[];
  noise: number | number[];
  half?: boolean;
}

/** The JSON document of `lindyn derive global-minimum --json`. */
export function globalMinimumJson(m: NoisyGlobalMinimum): Record<string, unknown> {
  return {
    loss: m.loss,
    beta: m.beta,
    b: m.b,
    layerNormsSquared: m.layerNormsSquared,
    weights: m.weights,
    noiseFactor: m.noiseFactor,
    gbar: m.gbar,
    criticalPoints: m.criticalPoints,
    formulas: {
      scalarEquationTerm: formulaJson(m.formulas.scalarEquationTerm),
      betaComponent: formulaJson(m.formulas.betaComponent),
      reducedLoss: formulaJson(m.formulas.reducedLoss),
    },
    source: "Ziyin, Li, Meng, arXiv 2202.04777 §5 (stochastic neurons: unit-mean noise of variance σ² per hidden unit)",
  };
}

function sxxMatrix(value: number | number[] | number[][], d0: number): number | number[][] {
  if (typeof value === "number") return value;
  if (Array.isArray(value[0])) return value as number[][];
  const flat = value as number[];
  if (d0 === 1 && flat.length === 1) return flat[0] as number;
  throw new UsageError(`--Sxx: must be a number (d0 = 1) or a JSON matrix such as '[[1,0.3],[0.3,0.5]]'.`);
}

function registerGlobalMinimum(derive: Command, io: CliIo): void {
  derive
    .command("global-minimum")
    .description(
      "Global minimum of a scalar-output deep linear net with stochastic neurons and per-layer weight decay.",
    )
    .requiredOption("--Sxx <json>", "E[xxᵀ]: a number or a JSON matrix", (v) => parseNumericJson("--Sxx", v))
    .requiredOption("--Sxy <list>", "E[xy]: comma list or JSON array, one entry per input", (v) =>
      parseNumberList("--Sxy", v),
    )
    .requiredOption("--Ey2 <number>", "E[y²] ≥ Sxyᵀ Sxx⁺ Sxy", num("--Ey2"))
    .requiredOption("--widths <list>", "d0, hidden widths…, 1 (scalar output)", (v) => parseWidths("--widths", v))
    .requiredOption("--gamma <list>", "weight decay > 0: one value or one per weight matrix", (v) =>
      parseNumberOrList("--gamma", v),
    )
    .option(
      "--noise <list>",
      "noise variance σ² on every hidden unit: one value or one per hidden layer",
      (v) => parseNumberOrList("--noise", v),
      0,
    )
    .option("--half", "use the ½ loss convention (c = ½) instead of c = 1")
    .option("--json", "print JSON (full double precision)")
    .option("--latex", "print the formulas in LaTeX")
    .addHelpText(
      "after",
      `
${CONVENTION}
Stochastic neurons: each hidden unit is multiplied by independent noise of mean 1 and variance σ².
The minimum over all weights is the minimum over β of F(β) = c(κ βᵀΣxxβ − 2Σxyᵀβ + E[y²]) + Lγ̄‖β‖^{2/L},
κ = Π(1 + σ_i²/d_i); its non-zero critical points solve Σ_k a_k² b^{2L−4}/(κλ_k b^{2L−2} + γ̄/c)² = 1.
--json prints {loss, beta, b, layerNormsSquared, weights, noiseFactor, gbar, criticalPoints, formulas, source};
weights are W_1 … W_L as rows.

Example:
  lindyn derive global-minimum --Sxx '[[1,0.3],[0.3,0.5]]' --Sxy '[0.8,0.4]' --Ey2 1 --widths 2,3,1 --gamma 0.05 --noise 0.5 --json`,
    )
    .action(async (options: GlobalMinimumCliOptions) => {
      const { noisyGlobalMinimum } = await import("../../symbolic/derivations/noisy-global-minimum.js");
      const d0 = options.widths[0] as number;
      const m = noisyGlobalMinimum({
        Sxx: sxxMatrix(options.Sxx, d0),
        Sxy: options.Sxy,
        Ey2: options.Ey2,
        widths: options.widths,
        gamma: options.gamma,
        noise: options.noise,
        c: options.half ? 0.5 : 1,
      });
      emit(
        io,
        options,
        () => globalMinimumJson(m),
        () =>
          `${[
            `Global minimum (widths ${options.widths.join(", ")}, κ = ${m.noiseFactor}, γ̄ = ${m.gbar}, c = ${options.half ? "½" : "1"})`,
            `  loss = ${m.loss}`,
            `  b = ${m.b}   (‖β*‖ = b^L)`,
            `  beta = [${m.beta.join(", ")}]`,
            `  ‖W_i‖² = [${m.layerNormsSquared.join(", ")}]`,
            ...m.weights.map((W, i) => `  W_${i + 1} = ${JSON.stringify(W)}`),
            "critical points of the reduced problem:",
            ...m.criticalPoints.map((p) => `  b = ${p.b}, F = ${p.loss} (${p.kind})`),
            `scalar equation: Σ_k ${m.formulas.scalarEquationTerm.equationText.replace("φ_k(b) = ", "")} = 1`,
          ].join("\n")}\n`,
        () => [
          `\\sum_{k} ${m.formulas.scalarEquationTerm.latex} = 1`,
          m.formulas.betaComponent.equationLatex,
          m.formulas.reducedLoss.equationLatex,
        ],
      );
    });
}

// ---------------------------------------------------------------------------------------------- trajectory

/** Options of `lindyn derive trajectory`. */
export interface TrajectoryCliOptions extends FormatOptions {
  depth: number;
  A: number;
  a: number;
  gamma: number;
  u0: number;
  w0: number;
  t: number[];
  half?: boolean;
}

function registerTrajectory(derive: Command, io: CliIo): void {
  derive
    .command("trajectory")
    .description("Exact gradient-flow trajectory of the scalar depth-2 net (balanced logistic, Riccati, Bessel).")
    .option("--depth <L>", "depth; only 2 has closed-form trajectories", depthOf, 2)
    .option("--A <number>", "A = E[x²] > 0", positive("--A"), 1)
    .option("--a <number>", "a = E[xy]", num("--a"), 1)
    .option("--gamma <number>", "weight decay γ ≥ 0 on both weights", num("--gamma"), 0)
    .requiredOption("--u0 <number>", "initial input weight u(0)", num("--u0"))
    .requiredOption("--w0 <number>", "initial output weight w(0)", num("--w0"))
    .requiredOption("--t <list>", "time(s) ≥ 0, comma-separated", (v) => parseNumberList("--t", v))
    .option("--half", "use the ½ loss convention on the data term (Saxe et al.)")
    .option("--json", "print JSON (full double precision)")
    .option("--latex", "print the closed form in LaTeX")
    .addHelpText(
      "after",
      `
${CONVENTION}
ℓ(u, w) = c(A P² − 2aP + E[y²]) + γ(u² + w²), P = uw, flow (u̇, ẇ) = −∇ℓ.
--json prints {t, u, w, P, method, kind} (an array of them for several --t values).

Example:
  lindyn derive trajectory --depth 2 --A 1 --a 1 --gamma 0.1 --u0 1 --w0 0.1 --t 0.5 --json`,
    )
    .action(async (options: TrajectoryCliOptions) => {
      if (options.depth !== 2) {
        throw new UsageError(
          `--depth ${options.depth}: closed-form trajectories exist for depth 2 only (deeper balanced chains have an implicit t(b)). Example: --depth 2`,
        );
      }
      if (options.gamma < 0) throw new UsageError(`--gamma ${options.gamma}: must be ≥ 0. Example: --gamma 0.1`);
      for (const t of options.t) {
        if (t < 0) throw new UsageError(`--t ${t}: must be ≥ 0. Example: --t 0.5`);
      }
      const { depth2Trajectory } = await import("../../symbolic/trajectories/index.js");
      const traj = depth2Trajectory({
        A: options.A,
        a: options.a,
        gamma: options.gamma,
        u0: options.u0,
        w0: options.w0,
        half: options.half === true,
      });
      const states = options.t.map((t) => {
        const s = traj.at(t);
        return {
          t: s.t,
          u: s.u,
          w: s.w,
          P: s.P,
          method: s.method,
          kind: traj.kind,
          ...(s.note ? { note: s.note } : {}),
        };
      });
      emit(
        io,
        options,
        () => (states.length === 1 ? states[0] : states),
        () =>
          `${[
            `Depth-2 trajectory (${traj.kind}, c = ${traj.c}):`,
            ...states.map((s) => `  t = ${s.t}: u = ${s.u}, w = ${s.w}, P = ${s.P} (${s.method})`),
            traj.formula.text,
          ].join("\n")}\n`,
        () => [traj.formula.latex],
      );
    });
}

/**
 * Registers `lindyn derive` and its quantities on `program`; returns the `derive` command (other files
 * register further quantities under it).
 */
export function registerDerive(program: Command, io: CliIo): Command {
  const derive = program
    .command("derive")
    .description("Closed forms: landscape, critical-gamma, global-minimum, trajectory, feature-learning.")
    .addHelpText(
      "after",
      `\n${CONVENTION}\nRun 'lindyn derive <quantity> --help' for each quantity's options and output.`,
    );
  registerLandscape(derive, io);
  registerCriticalGamma(derive, io);
  registerGlobalMinimum(derive, io);
  registerTrajectory(derive, io);
  registerFeatureLearning(derive, io);
  return derive;
}

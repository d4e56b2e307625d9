/**
 * `lindyn simulate`: gradient flow (DOPRI5 or RK4) or gradient descent of a deep linear network on given
 * or generated data moments, recording the loss, layer norms, imbalances and the end-to-end map.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import { Matrix } from "../../core/matrix.js";
import { Rng } from "../../core/rng.js";
import { gradientFlow } from "../../dynamics/gradient-flow.js";
import { endToEndObserver, imbalanceObserver, layerNormsObserver } from "../../dynamics/observers.js";
import type { Trajectory } from "../../dynamics/trajectory.js";
import { LinearNet } from "../../model/architecture.js";
import { spectrumMoments, teacherMoments, whitenedMoments } from "../../model/generators.js";
import { initBalanced, initFromWeights, initGaussian, initOrthogonal } from "../../model/init.js";
import { Moments } from "../../model/moments.js";
import { LinearNetObjective } from "../../model/objective.js";
import {
  parseChoice,
  parseMatrixList,
  parseNumber,
  parseNumberList,
  parseNumberOrList,
  parseNumericJson,
  parseSeed,
  parseWidths,
  UsageError,
} from "../_internals/parse.js";
import type { CliIo } from "../io.js";

/** Parsed options of `lindyn simulate` (see its `--help`). */
export interface SimulateOptions {
  widths: number[];
  Sxx?: number | number[] | number[][];
  Sxy?: number | number[] | number[][];
  Ey2?: number;
  data: string;
  gamma: number | number[];
  noise: number | number[];
  half?: boolean;
  init: string;
  initWeights?: number[][][];
  method: "dopri5" | "rk4" | "gd";
  lr?: number;
  rtol: number;
  atol: number;
  t: number;
  times?: number[];
  points: number;
  rates?: number | number[];
  seed: number;
  json?: boolean;
}

/** The JSON document printed by `lindyn simulate --json` (documented in `--help`). */
export interface SimulateResult {
  status: Trajectory["status"];
  message?: string;
  method: Trajectory["method"];
  seed: number;
  widths: number[];
  times: number[];
  loss: number[];
  /** `layerNormsSquared[k][i]` = ‖W_{i+1}‖_F² at `times[k]`. */
  layerNormsSquared: number[][];
  /** `imbalance[k][i]` = ‖Q_{i+1}‖_F at `times[k]`, Q_i = W_{i+1}ᵀW_{i+1}/η_{i+1} − W_iW_iᵀ/η_i. */
  imbalance: number[][];
  final: { t: number; weights: number[][][]; endToEnd: number[][]; loss: number };
  stats: Trajectory["stats"];
}

const HELP_AFTER = `
Data: give the moments (--Sxx, --Sxy, --Ey2; JSON or plain numbers for 1-d data; --Sxy is E[x yᵀ], so a
list of d0 numbers for scalar output), or a generator with --data:
  teacher              y = T x with a random teacher T (d_L × d0), whitened inputs (default)
  whitened:s1,s2,…     Σxx = I, E[y xᵀ] with singular values s1, s2, … in random frames
  spectrum:l1,l2,…     Σxx with eigenvalues l1, l2, … and a random linear teacher
Init:
  small:<scale>        Gaussian N(0, scale²) entries (default small:1e-3)
  gaussian:<scale>     the same, named for larger scales
  orthogonal:<scale>   scaled (semi-)orthogonal layers
  balanced:<scale>     exactly balanced, W_{i+1}ᵀW_{i+1} = W_iW_iᵀ, singular values = scale
  --init-weights <json> explicit W_1 … W_L (input side first), overrides --init
Methods: dopri5 (adaptive, --rtol/--atol), rk4 (fixed step --lr as the step size), gd (gradient descent
with learning rate --lr; times are rounded to whole steps).
Loss: c·E‖W_L⋯W_1 x − y‖² + Σ γ_i‖W_i‖² (c = 1, or ½ with --half), noise-averaged over unit-mean
stochastic neurons of variance --noise on every hidden unit. Gradient flow dW_i/dt = −η_i ∂L/∂W_i.

--json prints {status, method, seed, widths, times, loss, layerNormsSquared, imbalance, final: {t, weights,
endToEnd, loss}, stats} with imbalance[k][i] = ‖Q_i‖_F at times[k]. Exit code 0 when the run reached --t,
1 when the integrator stopped early (status max-steps, step-underflow, non-finite or diverged), 2 for bad
flags.

Example:
  lindyn simulate --widths 2,4,4,1 --Sxx '[[1,0],[0,0.5]]' --Sxy '[0.8,0.2]' --Ey2 1 --gamma 0.01 --t 20 --json`;

/** Registers `lindyn simulate` on `program`. */
export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command("simulate")
    .description("Integrate gradient flow (or run gradient descent) of a deep linear network and record observables.")
    .requiredOption("--widths <list>", "widths d0,d1,…,dL (input first)", (v) => parseWidths("--widths", v))
    .option("--Sxx <json>", "input second moment E[xxᵀ] (d0×d0 JSON, or a number for d0 = 1)", (v) =>
      parseNumericJson("--Sxx", v),
    )
    .option("--Sxy <json>", "cross moment E[x yᵀ] (d0×dL JSON; a list of d0 numbers for dL = 1)", (v) =>
      parseNumericJson("--Sxy", v),
    )
    .option("--Ey2 <number>", "E‖y‖²", (v) => parseNumber("--Ey2", v))
    .option(
      "--data <generator>",
      "data generator when no moments are given: teacher | whitened:… | spectrum:…",
      "teacher",
    )
    .option(
      "--gamma <values>",
      "weight decay γ: one value, or one per weight matrix",
      (v) => parseNumberOrList("--gamma", v),
      0,
    )
    .option(
      "--noise <values>",
      "variance σ² of the unit-mean noise on hidden units: one value, or one per hidden layer",
      (v) => parseNumberOrList("--noise", v),
      0,
    )
    .option("--half", "use the ½ convention (c = 1/2) for the data term")
    .option("--init <spec>", "initialisation: small:<s> | gaussian:<s> | orthogonal:<s> | balanced:<s>", "small:1e-3")
    .option("--init-weights <json>", "explicit weights W_1 … W_L as a JSON list of matrices, input side first", (v) =>
      parseMatrixList("--init-weights", v),
    )
    .option(
      "--method <name>",
      "dopri5 | rk4 | gd",
      (v) => parseChoice("--method", v, ["dopri5", "rk4", "gd"] as const),
      "dopri5",
    )
    .option("--lr <eta>", "learning rate (gd) or step size (rk4); default 1e-2", (v) => parseNumber("--lr", v))
    .option("--rtol <tol>", "relative tolerance (dopri5)", (v) => parseNumber("--rtol", v), 1e-8)
    .option("--atol <tol>", "absolute tolerance (dopri5)", (v) => parseNumber("--atol", v), 1e-10)
    .option("--t <T>", "end time", (v) => parseNumber("--t", v), 10)
    .option("--times <list>", "output times in [0, T] (default: --points evenly spaced)", (v) =>
      parseNumberList("--times", v),
    )
    .option(
      "--points <n>",
      "number of evenly spaced output times when --times is absent",
      (v) => parseSeed("--points", v),
      11,
    )
    .option("--rates <values>", "layer-wise rates η_i: one value or one per weight matrix", (v) =>
      parseNumberOrList("--rates", v),
    )
    .option("--seed <n>", "seed of every random choice (data generator, init)", (v) => parseSeed("--seed", v), 0)
    .option("--json", "print the result as JSON")
    .addHelpText("after", HELP_AFTER)
    .action((options: SimulateOptions) => {
      const result = simulate(options);
      io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatSimulation(result));
      if (result.status !== "ok") {
        io.stderr(
          `lindyn simulate: the run stopped early at t = ${result.final.t}: ${result.status}. ${result.message ?? ""}\n`,
        );
        io.exitCode = 1;
      }
    });
}

/** Runs the simulation described by `options` (validated here and by the model). */
export function simulate(options: SimulateOptions): SimulateResult {
  const net = new LinearNet(options.widths);
  const rng = new Rng(options.seed);
  const moments = buildMoments(options, net, rng);
  const objective = new LinearNetObjective(net, moments, {
    c: options.half ? 0.5 : 1,
    gamma: options.gamma,
    noise: net.depth > 1 ? options.noise : [],
  });
  const theta0 = options.initWeights ? initFromWeights(net, options.initWeights) : buildInit(options.init, net, rng);
  const layerRates = options.rates ?? 1;
  const times = options.times ?? evenlySpaced(options.t, options.points);
  const stepped = options.method !== "dopri5";
  const traj = gradientFlow(objective, theta0, {
    tEnd: options.t,
    times,
    method: options.method,
    rtol: options.rtol,
    atol: options.atol,
    ...(stepped ? { h: options.lr ?? 1e-2 } : {}),
    rates: typeof layerRates === "number" ? layerRates : { net, perLayer: layerRates },
    maxSteps: stepped ? undefined : 1_000_000,
    observers: [layerNormsObserver(net), imbalanceObserver(net, layerRates), endToEndObserver(net)],
  });
  const rows = (name: string) => (traj.observations[name] ?? []).map((v) => Array.from(v));
  const P = new Matrix(net.widths[net.depth] as number, net.widths[0] as number, objective.endToEnd(traj.theta).data);
  return {
    status: traj.status,
    ...(traj.message ? { message: traj.message } : {}),
    method: traj.method,
    seed: options.seed,
    widths: [...net.widths],
    times: Array.from(traj.times),
    loss: Array.from(traj.loss),
    layerNormsSquared: rows("layerNormsSquared"),
    imbalance: rows("imbalanceNorms"),
    final: {
      t: traj.t,
      weights: net.views(traj.theta).map((w) => w.toArray()),
      endToEnd: P.toArray(),
      loss: objective.value(traj.theta),
    },
    stats: traj.stats,
  };
}

function buildMoments(options: SimulateOptions, net: LinearNet, rng: Rng): Moments {
  const d0 = net.widths[0] as number;
  const dL = net.widths[net.depth] as number;
  const given = [options.Sxx, options.Sxy, options.Ey2].filter((v) => v !== undefined).length;
  if (given > 0 && given < 3) {
    throw new UsageError(
      "--Sxx, --Sxy and --Ey2 go together: give all three moments, or none and choose a generator with --data.",
    );
  }
  if (given === 3) {
    const Syx = transposeCross(options.Sxy as number | number[] | number[][], d0, dL);
    const moments = Moments.of({ Sxx: options.Sxx as number | number[][], Syx, Ey2: options.Ey2 as number });
    moments.assertFits(net);
    return moments;
  }
  const [kind, arg] = splitSpec(options.data);
  if (kind === "teacher" && arg === undefined) return teacherMoments(rng, { teacherWidths: [d0, dL] });
  if (kind === "whitened" && arg !== undefined) {
    return whitenedMoments(rng, {
      inputDim: d0,
      outputDim: dL,
      singularValues: parseNumberList("--data whitened:", arg),
    });
  }
  if (kind === "spectrum" && arg !== undefined) {
    return spectrumMoments(rng, { inputSpectrum: parseNumberList("--data spectrum:", arg), outputDim: dL });
  }
  throw new UsageError(
    `--data ${JSON.stringify(options.data)}: must be teacher, whitened:s1,s2,… or spectrum:l1,l2,…. Example: --data whitened:3,1`,
  );
}

/** `--Sxy` is E[x yᵀ] (d0 × dL); the model wants Σyx = E[y xᵀ] (dL × d0). */
function transposeCross(sxy: number | number[] | number[][], d0: number, dL: number): number | number[] | number[][] {
  if (typeof sxy === "number") return sxy;
  if (!Array.isArray(sxy[0])) {
    const v = sxy as number[];
    if (dL !== 1 && !(d0 === 1 && v.length === dL)) {
      throw new UsageError(
        `--Sxy: a flat list is E[xy] for scalar output, but the output width is ${dL}. Pass a d0×dL JSON matrix (${d0}×${dL}).`,
      );
    }
    return dL === 1 ? v : v.map((x) => [x]);
  }
  const m = sxy as number[][];
  const rows = m[0]?.length ?? 0;
  return Array.from({ length: rows }, (_, j) => m.map((row) => row[j] as number));
}

function buildInit(spec: string, net: LinearNet, rng: Rng): Float64Array {
  const [kind, arg] = splitSpec(spec);
  const scale = arg === undefined ? Number.NaN : Number(arg);
  if (!Number.isFinite(scale) || scale < 0) {
    throw new UsageError(
      `--init ${JSON.stringify(spec)}: must be small:<scale>, gaussian:<scale>, orthogonal:<scale> or balanced:<scale> with a scale ≥ 0. Example: --init small:1e-3`,
    );
  }
  switch (kind) {
    case "small":
    case "gaussian":
      return initGaussian(net, rng, scale);
    case "orthogonal":
      return initOrthogonal(net, rng, scale);
    case "balanced":
      return initBalanced(net, rng, scale);
    default:
      throw new UsageError(
        `--init ${JSON.stringify(spec)}: unknown kind ${JSON.stringify(kind)}; use small, gaussian, orthogonal or balanced. Example: --init balanced:0.5`,
      );
  }
}

function splitSpec(spec: string): [string, string | undefined] {
  const i = spec.indexOf(":");
  return i < 0 ? [spec, undefined] : [spec.slice(0, i), spec.slice(i + 1)];
}

function evenlySpaced(tEnd: number, points: number): number[] {
  if (points < 2) return [tEnd];
  return Array.from({ length: points }, (_, k) => (k === points - 1 ? tEnd : (tEnd * k) / (points - 1)));
}

/** A plain-text table of the run. */
export function formatSimulation(r: SimulateResult): string {
  const L = r.widths.length - 1;
  const head = [
    "t",
    "loss",
    ...Array.from({ length: L }, (_, i) => `‖W${i + 1}‖²`),
    ...Array.from({ length: L - 1 }, (_, i) => `‖Q${i + 1}‖`),
  ];
  const fmt = (x: number) =>
    Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(4) : x.toPrecision(6);
  const lines = r.times.map((t, k) =>
    [t, r.loss[k] as number, ...(r.layerNormsSquared[k] ?? []), ...(r.imbalance[k] ?? [])].map(fmt),
  );
  const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => (l[j] ?? "").length)));
  const row = (cells: string[]) => cells.map((c, j) => c.padStart(widths[j] as number)).join("  ");
  return [
    `widths [${r.widths.join(", ")}], ${r.method}, status ${r.status}, ${r.stats.evaluations} gradient evaluations`,
    row(head),
    ...lines.map(row),
    `final loss ${r.final.loss}`,
    "",
  ].join("\n");
}

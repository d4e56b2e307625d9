/**
 * `lindyn sweep three-layer-regimes`: the three-layer ReLU phase diagram of Zhou et al. 2022 (arXiv 2205.12101)
 * as a resumable sweep — per-layer slopes S_{W1}, S_{W2} per initialisation family and the trend along the γ₃
 * line (the task itself is src/sweep/tasks/three-layer-regimes.ts).
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import type { SweepSummary } from "../../sweep/run-sweep.js";
import {
  DEFAULT_THREE_LAYER_REGIMES,
  type Gamma3Trend,
  summarizeThreeLayerRegimes,
  type ThreeLayerCell,
  threeLayerRegimesTask,
} from "../../sweep/tasks/three-layer-regimes.js";
import { parseInteger, parseIntegerList, parseNumber, parseNumberList, UsageError } from "../_internals/parse.js";
import {
  formatSweepNumber,
  formatSweepRunLine,
  runSweepCommand,
  type SweepCommandOptions,
  withSweepOptions,
} from "../_internals/run-sweep-command.js";
import type { CliIo } from "../io.js";

/** The report of `lindyn sweep three-layer-regimes`. */
export interface ThreeLayerRegimesReport {
  run: SweepSummary | null;
  points: number;
  failed: number;
  cells: ThreeLayerCell[];
  trends: Gamma3Trend[];
}

/** Options of the subcommand (after parsing). */
export interface ThreeLayerRegimesOptions extends SweepCommandOptions {
  families: [number, number, number, number][];
  gamma3: number[];
  gamma2: number;
  widths: number[];
  seeds: number[];
  lossTol: number;
  maxSteps: number;
  summaryOnly?: boolean;
  json?: boolean;
}

/** `none`, or quadruples p₁,p₂,p₃,q separated by `;` (`0,1,0,1;0,0.5,0,0.5`). */
function parseFamilies(text: string): [number, number, number, number][] {
  if (text.trim() === "none") return [];
  return text.split(";").map((part) => {
    const v = parseNumberList("--families", part);
    if (v.length !== 4) {
      throw new UsageError(
        `--families ${JSON.stringify(text)}: each family is four numbers p1,p2,p3,q separated by ';', or 'none'. Example: --families '0,1,0,1;0,0.5,0,0.5'`,
      );
    }
    return v as [number, number, number, number];
  });
}

function parseGamma3(text: string): number[] {
  return text.trim() === "none" ? [] : parseNumberList("--gamma3", text);
}

/** Runs (or only summarises) the sweep. */
export async function runThreeLayerRegimes(
  options: ThreeLayerRegimesOptions,
  io: CliIo,
): Promise<ThreeLayerRegimesReport> {
  let run: SweepSummary | null = null;
  if (!options.summaryOnly) {
    const task = threeLayerRegimesTask({
      families: options.families,
      gamma3: options.gamma3,
      gamma2: options.gamma2,
      widths: options.widths,
      seeds: options.seeds,
      lossTol: options.lossTol,
      maxSteps: options.maxSteps,
    });
    run = await runSweepCommand(task, "three-layer-regimes", options, io);
  }
  const { cells, trends, points, failed } = summarizeThreeLayerRegimes(options.out);
  return { run, points, failed, cells, trends };
}

const num = formatSweepNumber;

/** The text report: one row per family, then the γ₃ trend. */
export function formatThreeLayerRegimes(report: ThreeLayerRegimesReport): string {
  const lines: string[] = [];
  if (report.run !== null) {
    lines.push(formatSweepRunLine("three-layer-regimes", report.run));
  }
  const header = [
    "family",
    "p1,p2,p3,q",
    "γ₂",
    "γ₃",
    "S_W1",
    "band W1",
    "S_W2",
    "band W2",
    "RD W1(m_max)",
    "RD W2(m_max)",
    "cond 0→end",
    "ms(m_max)",
  ];
  const rows = report.cells.map((c) => [
    c.label,
    c.pq.map((v) => num(v)).join(","),
    num(c.gamma2),
    num(c.gamma3),
    num(c.slopeW1),
    c.bandW1.join("|") || "—",
    num(c.slopeW2),
    c.bandW2.join("|") || "—",
    num(c.rdW1[c.rdW1.length - 1] ?? Number.NaN),
    num(c.rdW2[c.rdW2.length - 1] ?? Number.NaN),
    `${num(c.condensationInitial, 2)}→${num(c.condensationFinal, 2)}`,
    num(c.msPerPoint[c.msPerPoint.length - 1] ?? Number.NaN, 0),
  ]);
  const w = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] as string).length)));
  const fmt = (r: string[]) => r.map((x, k) => x.padStart(w[k] as number)).join("  ");
  lines.push(fmt(header), ...rows.map(fmt));
  const widths = [...new Set(report.cells.flatMap((c) => c.widths))].sort((a, b) => a - b);
  lines.push(
    `widths ${widths.join(", ")}; bands of the two-layer diagram: linear < −0.2, critical |s| < 0.15, condensed > 0.05; ` +
      "cond = first-layer clustered weight fraction (K = 8, ε = 5°) at the largest width, initial → final" +
      `${report.failed ? `; ${report.failed} points failed` : ""}`,
  );
  for (const t of report.trends) {
    const n = t.gamma3.length - 1;
    lines.push(
      `γ₃ line at γ₂ = ${num(t.gamma2)} (p = (0, ${num(0.5 + t.gamma2)}, 0), q = γ₃ − ${num(0.5 + t.gamma2)}): ` +
        `S_W1 rises in ${t.risingW1} of ${n} steps of γ₃ (dS/dγ₃ ≈ ${num(t.trendW1)}), S_W2 in ${t.risingW2} of ${n} (≈ ${num(t.trendW2)})`,
    );
  }
  lines.push(
    "γ₂, γ₃ are lindyn's formalisation (the paper's definitions were not readable): γ₃ = p₂ + p₃ + q = −log(β₂β₃/α)/log m, the " +
      "two-layer γ of the sub-network h₁ → W² → a/α; γ₂ = p₂ − ½. At γ₂ = 0: γ₃ = 1 is the NTK-like family, 1.5 mean-field-like, 2 condensed.",
  );
  const unconverged = report.cells.reduce((s, c) => s + c.unconverged, 0);
  if (unconverged > 0) lines.push(`${unconverged} runs stopped before the loss tolerance (see --max-steps)`);
  return `${lines.join("\n")}\n`;
}

const HELP = `
Three-layer ReLU net (Zhou et al. 2022, arXiv 2205.12101): x̃ = (x, 1) → W¹ (m×2) → ReLU → W² (m×(m+1), bias) →
ReLU → f = (1/α) aᵀh₂, W¹ ~ N(0, β₁²), W² ~ N(0, β₂²), a ~ N(0, β₃²), β_i = m^(−p_i), α = m^q, antisymmetric pairs
(f₀ ≡ 0), full-batch GD with step min(0.5/λ_max(Θ/n), 1 % relative change of W¹, W² or a) on the 4 points
x = (−0.5, −1/6, 1/6, 0.5), y = (−0.2, 0.3, 0.25, −0.1), loss (1/2n)Σ(f − y)², until R < --loss-tol. Each point
(family, m, seed) records sup_t RD of W¹ and of W² (incoming weights with bias) and the first-layer condensation
measure (fraction of the weight ‖(w_k, b_k)‖·‖W²_{:,k}‖ on the 8 heaviest 5° orientation clusters). Per family the
slopes S_W1, S_W2 of log RD vs log m are read in the two-layer bands (linear < −0.2, critical |s| < 0.15,
condensed > 0.05).

Families: --families (default the note's MF-like 0,1,0,1 and NTK-like 0,0.5,0,0.5) plus the γ₃ line --gamma3 at
--gamma2. γ₂ and γ₃ are lindyn's formalisation, NOT the paper's (its definitions were not readable): γ₃ is the
output-layer scaling exponent analogous to the two-layer γ = −log(β_out·β_in/α)/log m, for the sub-network
h₁ → W² → ReLU → a/α: γ₃ = p₂ + p₃ + q; γ₂ = p₂ − ½ (W²'s scale relative to 1/√m). The line is
p = (0, ½ + γ₂, 0), q = γ₃ − ½ − γ₂; at γ₂ = 0 γ₃ = 1 is the NTK-like family, 1.5 mean-field-like, 2 condensed.

Results: one JSON line per finished point in --out (resumed when the file exists). Shards: --shard 1/2 and
--shard 2/2, then lindyn merge --out all.jsonl a.jsonl b.jsonl and --summary-only --out all.jsonl.
Cost: O(n·m²) per GD step (n = 4), ~10³ steps per run; m = 2000 takes minutes per point on one core.
Exit code 0 when every point of the shard is in the file, 1 when some failed or remain, 2 for bad flags, 130
after Ctrl-C.`;

/** Adds `three-layer-regimes` under the `lindyn sweep` command. */
export function registerThreeLayerRegimes(sweep: Command, io: CliIo): void {
  const d = DEFAULT_THREE_LAYER_REGIMES;
  withSweepOptions(sweep.command("three-layer-regimes"), "three-layer-regimes.jsonl")
    .description(
      "Three-layer ReLU phase diagram (Zhou et al. 2022): per-layer slopes S_W1, S_W2 per family and along γ₃ ∈ 0.9…2.1, widths 64…2000.",
    )
    .option(
      "--families <list>",
      "families p1,p2,p3,q separated by ';' (β_i = m^−p_i, α = m^q), or 'none'",
      parseFamilies,
      d.families.map((f) => [...f] as [number, number, number, number]),
    )
    .option("--gamma3 <list>", "γ₃ values of the γ₃ line, or 'none'", parseGamma3, [...d.gamma3])
    .option("--gamma2 <x>", "γ₂ of the γ₃ line", (v) => parseNumber("--gamma2", v), d.gamma2)
    .option("--widths <list>", "even widths m", (v) => parseIntegerList("--widths", v, 2), [...d.widths])
    .option("--seeds <list>", "seeds", (v) => parseIntegerList("--seeds", v, 0), [...d.seeds])
    .option("--loss-tol <x>", "stop at loss < x", (v) => parseNumber("--loss-tol", v), d.lossTol)
    .option("--max-steps <n>", "step cap per run", (v) => parseInteger("--max-steps", v, 1), d.maxSteps)
    .addHelpText("after", HELP)
    .action(async (options: ThreeLayerRegimesOptions) => {
      const report = await runThreeLayerRegimes(options, io);
      io.stdout(
        options.json
          ? `${JSON.stringify(report, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2)}\n`
          : formatThreeLayerRegimes(report),
      );
    });
}

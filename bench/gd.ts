/**
 * Benchmark section: 10⁴ steps of gradient descent on a deep linear network (depth 3, width 32, 32-dim
 * data), lindyn's `gradientDescent` against a NumPy loop `θ ← θ − η∇ℒ(θ)`, on identical problems (moments
 * and θ₀ passed to Python as JSON, see `bench/problem.ts`). Both make 10⁴ + 1 gradient evaluations.
 *
 * @packageDocumentation
 */
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import {
  agreement,
  formatSeconds,
  headlineSeconds,
  relativeVectorDifference,
  runPeer,
  type Timing,
  type TimingOptions,
  timeIt,
} from "./harness.js";
import { linearProblem } from "./problem.js";
import type { BenchContext, BenchRow, BenchSection, SectionResult } from "./section.js";

const STEPS = 10_000;
/** Learning rate: well inside the stability limit 2/λ_max(Hessian) along this run. */
const LR = 0.02;

interface PeerAnswer {
  numpy: string;
  gd: Timing;
  gradient: Timing;
  evaluations: number;
  loss0: number;
  lossFinal: number;
  thetaFinal: number[];
}

export const gdSection: BenchSection = {
  id: "gd",
  title: `Gradient descent, ${STEPS} steps at lr ${LR} (time per run)`,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const depth = 3;
    const width = 32;
    const problem = linearProblem(depth, width, 2000 + width);
    const timing: TimingOptions = ctx.quick
      ? { minSampleSeconds: 0, samples: 3, warmupSeconds: 0, maxSeconds: 20 }
      : { minSampleSeconds: 0, samples: 5, warmupSeconds: 0.5, maxSeconds: 60 };
    ctx.log(`gd: lindyn ${problem.label}`);
    const options = { lr: LR, steps: STEPS, record: STEPS };
    let run = gradientDescent(problem.objective, problem.theta0, options);
    const t = timeIt(() => {
      run = gradientDescent(problem.objective, problem.theta0, options);
    }, timing);
    const grad = new Float64Array(problem.net.dim);
    const tg = timeIt(() => problem.objective.valueAndGradient(problem.theta0, grad), { maxSeconds: 5 });
    const mineSeconds = headlineSeconds(ctx, t);
    const mineGrad = headlineSeconds(ctx, tg);
    const lossFinal = run.loss[run.loss.length - 1];
    const notes: string[] = [];
    if (run.status !== "ok") notes.push(`lindyn status: ${run.status} ${run.message ?? ""}`);
    const base = {
      case: problem.label,
      unit: "ms",
      higherIsBetter: false,
      lindyn: {
        value: mineSeconds * 1e3,
        details: {
          ...t,
          evaluations: run.stats.evaluations,
          gradientWallSeconds: tg.medianSeconds,
          gradientCpuSeconds: tg.cpuMedianSeconds,
          lossFinal,
        },
      },
    };
    const extraL = { "lindyn grad": formatSeconds(mineGrad) };
    ctx.log(`gd: NumPy peer ${problem.label}`);
    const peer = runPeer<PeerAnswer>(ctx, "gd.py", `gd-${depth}-${width}`, {
      ...problem.spec,
      lr: LR,
      steps: STEPS,
      timing,
    });
    const rows: BenchRow[] = [];
    if (!peer.ok) {
      rows.push({ ...base, peerSkipped: peer.reason, extra: extraL });
    } else {
      const p = peer.result;
      const peerSeconds = headlineSeconds(ctx, p.gd);
      const peerGrad = headlineSeconds(ctx, p.gradient);
      rows.push({
        ...base,
        peer: {
          value: peerSeconds * 1e3,
          details: {
            ...p.gd,
            evaluations: p.evaluations,
            gradientWallSeconds: p.gradient.medianSeconds,
            gradientCpuSeconds: p.gradient.cpuMedianSeconds,
          },
        },
        ratio: peerSeconds / mineSeconds,
        checks: [
          agreement(
            "loss(0)",
            run.loss[0],
            p.loss0,
            1e-12,
            "same θ₀ and moments; the gradient codes differ only in rounding",
          ),
          agreement(
            "loss(10⁴)",
            lossFinal,
            p.lossFinal,
            1e-9,
            "same iteration; rounding differences (~1e-16 per step) stay small on a convergent run",
          ),
          agreement(
            "θ(10⁴)",
            relativeVectorDifference(run.theta, p.thetaFinal),
            0,
            1e-8,
            "‖θ_lindyn − θ_numpy‖/‖θ_numpy‖ after 10⁴ identical updates up to rounding",
            1,
          ),
        ],
        extra: {
          ...extraL,
          "peer grad": formatSeconds(peerGrad),
          "grad speed": `${(peerGrad / mineGrad).toPrecision(3)}×`,
        },
      });
    }
    notes.push(
      `Both sides: ${STEPS} updates + 1 final evaluation = ${STEPS + 1} gradient evaluations; lindyn/peer speed = peer time / lindyn time.`,
      `peer: plain Python loop over NumPy (theta -= lr * grad), ${ctx.peerThreads} BLAS thread(s).`,
    );
    return { rows, notes };
  },
};

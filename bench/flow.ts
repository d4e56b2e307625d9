/**
 * Benchmark section: gradient flow `dθ/dt = −∇ℒ(θ)` of a deep linear network to t = 20 at rtol 1e-8,
 * lindyn's `gradientFlow` (DOPRI5) against SciPy's `solve_ivp(method="RK45")` (also Dormand–Prince 5(4))
 * with a NumPy gradient, on identical problems (moments and θ₀ passed to Python as JSON, see
 * `bench/problem.ts`).
 *
 * Reported: wall time of one whole integration (median of repeats) on each side, the speed ratio, the
 * number of gradient evaluations each integrator used, the cost of ONE gradient evaluation on each side
 * (the per-call overhead that dominates at small widths), and agreement of the final loss and θ.
 *
 * @packageDocumentation
 */
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
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

const T_END = 20;
const RTOL = 1e-8;
/** lindyn's default atol; passed to SciPy too (its own default, 1e-6, would be far looser). */
const ATOL = 1e-10;

interface PeerAnswer {
  numpy: string;
  scipy: string;
  flow: Timing;
  gradient: Timing;
  status: number;
  message: string;
  nfev: number;
  loss0: number;
  lossFinal: number;
  thetaFinal: number[];
}

export const flowSection: BenchSection = {
  id: "flow",
  title: `Gradient flow to t = ${T_END}, DOPRI5 rtol ${RTOL} atol ${ATOL} (time per integration)`,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const configs: [number, number][] = ctx.quick
      ? [
          [3, 4],
          [4, 16],
        ]
      : [
          [3, 4],
          [4, 16],
          [4, 256],
        ];
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    for (const [depth, width] of configs) {
      const problem = linearProblem(depth, width, 1000 + 10 * depth + width);
      const big = width >= 128;
      // A width-256 integration takes minutes: one cold run per side (JIT warm-up is negligible there).
      const timing: TimingOptions = big
        ? { minSampleSeconds: 0, samples: 1, warmupSeconds: 0, maxSeconds: 0 }
        : ctx.quick
          ? { minSampleSeconds: 0.05, samples: 5, warmupSeconds: 0.2, maxSeconds: 10 }
          : { minSampleSeconds: 0.2, samples: 7, warmupSeconds: 0.5, maxSeconds: 30 };
      ctx.log(`flow: lindyn ${problem.label}`);
      const options = { tEnd: T_END, rtol: RTOL, atol: ATOL };
      let traj: ReturnType<typeof gradientFlow> | undefined;
      const t = timeIt(() => {
        traj = gradientFlow(problem.objective, problem.theta0, options);
      }, timing);
      if (traj === undefined) throw new Error("timeIt did not run the integration");
      const grad = new Float64Array(problem.net.dim);
      const tg = timeIt(() => problem.objective.valueAndGradient(problem.theta0, grad), {
        minSampleSeconds: 0.05,
        samples: 7,
        warmupSeconds: 0.2,
        maxSeconds: 5,
      });
      const mineSeconds = headlineSeconds(ctx, t);
      const mineGrad = headlineSeconds(ctx, tg);
      const lossFinal = traj.loss[traj.loss.length - 1];
      const lossStart = traj.loss[0];
      const base = {
        case: problem.label,
        unit: "ms",
        higherIsBetter: false,
        lindyn: {
          value: mineSeconds * 1e3,
          details: {
            ...t,
            status: traj.status,
            evaluations: traj.stats.evaluations,
            accepted: traj.stats.accepted,
            rejected: traj.stats.rejected,
            gradientWallSeconds: tg.medianSeconds,
            gradientCpuSeconds: tg.cpuMedianSeconds,
            loss0: lossStart,
            lossFinal,
          },
        },
      };
      if (traj.status !== "ok") notes.push(`lindyn status for ${problem.label}: ${traj.status} ${traj.message ?? ""}`);
      ctx.log(`flow: SciPy peer ${problem.label}`);
      const peer = runPeer<PeerAnswer>(ctx, "flow.py", `flow-${depth}-${width}`, {
        ...problem.spec,
        tEnd: T_END,
        rtol: RTOL,
        atol: ATOL,
        timing,
      });
      const extraL = {
        "lindyn evals": String(traj.stats.evaluations),
        "lindyn grad": formatSeconds(mineGrad),
      };
      if (!peer.ok) {
        rows.push({ ...base, peerSkipped: peer.reason, extra: extraL });
        continue;
      }
      const p = peer.result;
      const peerSeconds = headlineSeconds(ctx, p.flow);
      const peerGrad = headlineSeconds(ctx, p.gradient);
      if (p.status !== 0) notes.push(`SciPy status for ${problem.label}: ${p.status} ${p.message}`);
      rows.push({
        ...base,
        peer: {
          value: peerSeconds * 1e3,
          details: {
            ...p.flow,
            nfev: p.nfev,
            gradientWallSeconds: p.gradient.medianSeconds,
            gradientCpuSeconds: p.gradient.cpuMedianSeconds,
            lossFinal: p.lossFinal,
          },
        },
        ratio: peerSeconds / mineSeconds,
        checks: [
          agreement(
            "loss(0)",
            lossStart,
            p.loss0,
            1e-12,
            "same θ₀ and moments; the two gradient codes differ only in rounding",
          ),
          agreement(
            "loss(T)",
            lossFinal,
            p.lossFinal,
            1e-6,
            "two different step sequences at rtol 1e-8: global errors up to ~1e2·rtol",
          ),
          {
            ...agreement(
              "θ(T)",
              relativeVectorDifference(traj.theta, p.thetaFinal),
              0,
              1e-5,
              "‖θ_lindyn − θ_scipy‖/‖θ_scipy‖; rtol 1e-8 per step, error accumulates along flat directions",
              1,
            ),
          },
        ],
        extra: {
          ...extraL,
          "peer evals": String(p.nfev),
          "peer grad": formatSeconds(peerGrad),
          "grad speed": `${(peerGrad / mineGrad).toPrecision(3)}×`,
        },
      });
    }
    notes.push(
      "lindyn/peer speed = peer time / lindyn time for one whole integration (> 1: lindyn faster); 'grad speed' is the same ratio for ONE loss+gradient evaluation.",
      `peer: solve_ivp(RK45, rtol=${RTOL}, atol=${ATOL}, t_eval=[${T_END}]) with a NumPy gradient (prefix products + backprop, as lindyn's end-to-end route); ${ctx.peerThreads} BLAS thread(s).`,
      "Each integrator chooses its own step sequence, so the evaluation counts are reported for both; 'grad speed' compares the per-call cost independently of them.",
    );
    return { rows, notes };
  },
};

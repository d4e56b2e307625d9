/**
 * Benchmark section: one point of the `two-layer-regimes` sweep (Luo et al. 2021, arXiv 2007.07497) — the
 * normalised two-layer ReLU model at (γ, γ′) = (1.5, 0) (condensed), trained to R < 1e-7 with the adaptive
 * step — at widths 250, 1000, 4000: lindyn's `trainNormalisedTwoLayer` against a NumPy peer
 * (`bench/peers/two_layer_point.py`) from the same initial draw. Reports time per point and memory: lindyn's
 * live ArrayBuffer growth over one run and the process's peak RSS; the peer's tracemalloc peak and ru_maxrss.
 *
 * @packageDocumentation
 */

import { LUO_1D_DATA } from "../src/model/nonlinear/phase-diagram/luo-data.js";
import { kappasAtWidth } from "../src/model/nonlinear/phase-diagram/normalised-coordinates.js";
import {
  antisymmetricNormalisedInit,
  type NormalisedTwoLayerResult,
  trainNormalisedTwoLayer,
} from "../src/model/nonlinear/phase-diagram/normalised-two-layer.js";
import { agreement, headlineSeconds, runPeer, type Timing, type TimingOptions, timeIt } from "./harness.js";
import type { BenchContext, BenchRow, BenchSection, SectionResult } from "./section.js";

const GAMMA = 1.5;
const GAMMA_PRIME = 0;
const LOSS_TOL = 1e-7;

interface PeerAnswer {
  numpy: string;
  timing: Timing;
  result: { rdW: number; steps: number; finalLoss: number };
  tracemallocPeakBytes: number;
  maxRssBytes: number;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
}

export const twoLayerPointSection: BenchSection = {
  id: "two-layer-point",
  title: `two-layer-regimes sweep point (γ, γ′) = (${GAMMA}, ${GAMMA_PRIME}), GD to R < ${LOSS_TOL} (time per point)`,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const widths = ctx.quick ? [250, 1000] : [250, 1000, 4000];
    const timing: TimingOptions = ctx.quick
      ? { minSampleSeconds: 0, samples: 1, warmupSeconds: 0, maxSeconds: 20 }
      : { minSampleSeconds: 0, samples: 3, warmupSeconds: 0, maxSeconds: 60 };
    const rows: BenchRow[] = [];
    for (const m of widths) {
      const { kappa, kappaPrime } = kappasAtWidth(GAMMA, GAMMA_PRIME, m);
      const init = antisymmetricNormalisedInit(m, 1);
      const options = { kappa, kappaPrime, width: m, init, lossTol: LOSS_TOL };
      ctx.log(`two-layer-point: lindyn m = ${m}`);
      const before = process.memoryUsage();
      let run: NormalisedTwoLayerResult = trainNormalisedTwoLayer(options);
      const after = process.memoryUsage();
      const t = timeIt(() => {
        run = trainNormalisedTwoLayer(options);
      }, timing);
      const maxRss = process.resourceUsage().maxRSS * 1024;
      const seconds = headlineSeconds(ctx, t);
      const base = {
        case: `m = ${m}`,
        unit: "ms",
        higherIsBetter: false,
        lindyn: {
          value: seconds * 1e3,
          details: {
            ...t,
            steps: run.steps,
            rdW: run.rdW,
            finalLoss: run.finalLoss,
            arrayBufferGrowthBytes: after.arrayBuffers - before.arrayBuffers,
            heapGrowthBytes: after.heapUsed - before.heapUsed,
            maxRssBytes: maxRss,
          },
        },
      };
      const extra: Record<string, string> = {
        steps: String(run.steps),
        "lindyn buffers": mib(after.arrayBuffers - before.arrayBuffers),
        "lindyn maxRSS": mib(maxRss),
      };
      ctx.log(`two-layer-point: NumPy peer m = ${m}`);
      const peer = runPeer<PeerAnswer>(ctx, "two_layer_point.py", `two-layer-point-${m}`, {
        kappa,
        kappaPrime,
        a0: Array.from(init.a),
        w0: Array.from(init.w),
        x: Array.from(LUO_1D_DATA.x),
        y: Array.from(LUO_1D_DATA.y),
        lossTol: LOSS_TOL,
        maxSteps: 1_000_000,
        timing,
      });
      if (!peer.ok) {
        rows.push({ ...base, peerSkipped: peer.reason, extra });
        continue;
      }
      const p = peer.result;
      const peerSeconds = headlineSeconds(ctx, p.timing);
      rows.push({
        ...base,
        peer: {
          value: peerSeconds * 1e3,
          details: {
            ...p.timing,
            ...p.result,
            tracemallocPeakBytes: p.tracemallocPeakBytes,
            maxRssBytes: p.maxRssBytes,
          },
        },
        ratio: peerSeconds / seconds,
        checks: [
          agreement(
            "sup RD(w)",
            run.rdW,
            p.result.rdW,
            1e-8,
            "same draw and same adaptive rule; the two codes differ only in rounding (summation order)",
          ),
          agreement("steps", run.steps, p.result.steps, 0, "the stopping step must be the same"),
        ],
        extra: { ...extra, "peer tracemalloc": mib(p.tracemallocPeakBytes), "peer maxRSS": mib(p.maxRssBytes) },
      });
    }
    return {
      rows,
      notes: [
        "One sweep point = one (γ, γ′, m, seed) run of `lindyn sweep two-layer-regimes`; the engine is O(n·m) per step with n = 4.",
        "lindyn buffers: growth of process.memoryUsage().arrayBuffers over one run (the engine's n·m buffers plus the returned copies); maxRSS: process.resourceUsage() peak of the whole bench process.",
        "peer: vectorised NumPy, eigvalsh of the 4×4 kernel per step; tracemalloc peak of one run, ru_maxrss of the Python process.",
      ],
    };
  },
};

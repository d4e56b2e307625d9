/**
 * Benchmark section: one point of the `three-layer-regimes` sweep (Zhou et al. 2022, arXiv 2205.12101) — the
 * three-layer ReLU net under the note's MF-like family (β = (1, 1/m, 1), α = m), adaptive full-batch GD — at
 * widths 500, 1000, 2000: lindyn's `trainThreeLayer` against a NumPy peer (`bench/peers/three_layer_point.py`)
 * from the same initial weights (written as raw float64 for the peer). Each side runs a fixed number of GD steps
 * (the loss tolerance is set below reach), so the headline is time per GD step; the final sup RD of W¹ and W² must
 * agree. Memory: lindyn's live ArrayBuffer growth over one run and the process's peak RSS; the peer's
 * tracemalloc peak and ru_maxrss.
 *
 * @packageDocumentation
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  initThreeLayer,
  type ThreeLayerResult,
  trainThreeLayer,
  ZHOU_1D_DATA,
} from "../src/model/nonlinear/three-layer/three-layer-relu.js";
import { agreement, headlineSeconds, runPeer, type Timing, type TimingOptions, timeIt } from "./harness.js";
import type { BenchContext, BenchRow, BenchSection, SectionResult } from "./section.js";

/** Unreachable tolerance: both sides run exactly `steps` GD steps. */
const LOSS_TOL = 1e-300;
const SEED = 1;

interface PeerAnswer {
  numpy: string;
  timing: Timing;
  result: { rdW1: number; rdW2: number; rdA: number; steps: number; finalLoss: number; status: string };
  tracemallocPeakBytes: number;
  maxRssBytes: number;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * Bytes of the Float64Arrays one trainThreeLayer run allocates (counted from its source): W¹, W², a three times
 * (initial draw, working copy, gradient) and the n×m activation/back-propagation buffers, n×n kernel, n-vectors.
 */
function engineBytes(m: number, n: number): number {
  return 8 * (3 * m * (m + 1) + 3 * 2 * m + 3 * m + 6 * n * m + n * n + 3 * n);
}

/** GD steps per width: enough to leave the initial transient, small enough that m = 2000 stays ~10 s. */
function stepsAt(m: number): number {
  return m <= 500 ? 200 : m <= 1000 ? 100 : 40;
}

export const threeLayerPointSection: BenchSection = {
  id: "three-layer-point",
  title: "three-layer-regimes sweep point (MF-like p = (0, 1, 0), q = 1), adaptive GD (time per GD step)",
  async run(ctx: BenchContext): Promise<SectionResult> {
    const widths = ctx.quick ? [500, 1000] : [500, 1000, 2000];
    const timing: TimingOptions = ctx.quick
      ? { minSampleSeconds: 0, samples: 1, warmupSeconds: 0, maxSeconds: 20 }
      : { minSampleSeconds: 0, samples: 3, warmupSeconds: 0, maxSeconds: 60 };
    const rows: BenchRow[] = [];
    for (const m of widths) {
      const steps = stepsAt(m);
      const betas: [number, number, number] = [1, 1 / m, 1];
      const alpha = m;
      const options = { width: m, betas, alpha, seed: SEED, lossTol: LOSS_TOL, maxSteps: steps };
      ctx.log(`three-layer-point: lindyn m = ${m} (${steps} steps)`);
      const before = process.memoryUsage();
      let run: ThreeLayerResult = trainThreeLayer(options);
      const after = process.memoryUsage();
      const t = timeIt(() => {
        run = trainThreeLayer(options);
      }, timing);
      const maxRss = process.resourceUsage().maxRSS * 1024;
      const perStep = headlineSeconds(ctx, t) / run.steps;
      const growth = after.arrayBuffers - before.arrayBuffers;
      const arrays = engineBytes(m, ZHOU_1D_DATA.x.length);
      const base = {
        case: `m = ${m}`,
        unit: "ms/step",
        higherIsBetter: false,
        lindyn: {
          value: perStep * 1e3,
          details: {
            ...t,
            steps: run.steps,
            rdW1: run.rdW1,
            rdW2: run.rdW2,
            finalLoss: run.finalLoss,
            arrayBufferGrowthBytes: growth,
            engineArrayBytes: arrays,
            heapGrowthBytes: after.heapUsed - before.heapUsed,
            maxRssBytes: maxRss,
          },
        },
      };
      const extra: Record<string, string> = {
        steps: String(run.steps),
        "lindyn arrays": mib(arrays),
        "lindyn buffers": mib(growth),
        "lindyn maxRSS": mib(maxRss),
      };
      // Same initial weights for the peer: the draw trainThreeLayer makes internally, as raw float64.
      const init = initThreeLayer(m, betas, SEED);
      const weightsFile = join(ctx.scratchDir, `three-layer-point-${m}.f64`);
      const all = new Float64Array(init.w1.length + init.w2.length + init.a.length);
      all.set(init.w1, 0);
      all.set(init.w2, init.w1.length);
      all.set(init.a, init.w1.length + init.w2.length);
      writeFileSync(weightsFile, new Uint8Array(all.buffer));
      ctx.log(`three-layer-point: NumPy peer m = ${m}`);
      const peer = runPeer<PeerAnswer>(ctx, "three_layer_point.py", `three-layer-point-${m}`, {
        width: m,
        alpha,
        weightsFile,
        x: Array.from(ZHOU_1D_DATA.x),
        y: Array.from(ZHOU_1D_DATA.y),
        lossTol: LOSS_TOL,
        maxSteps: steps,
        timing,
      });
      if (!peer.ok) {
        rows.push({ ...base, peerSkipped: peer.reason, extra });
        continue;
      }
      const p = peer.result;
      const peerPerStep = headlineSeconds(ctx, p.timing) / p.result.steps;
      const why =
        "same initial weights, same adaptive rule; λ_max by power iteration (tol 1e-12) vs eigvalsh and summation order differ only by rounding, no ReLU pattern flips";
      rows.push({
        ...base,
        peer: {
          value: peerPerStep * 1e3,
          details: {
            ...p.timing,
            rdW1: p.result.rdW1,
            rdW2: p.result.rdW2,
            steps: p.result.steps,
            finalLoss: p.result.finalLoss,
            tracemallocPeakBytes: p.tracemallocPeakBytes,
            maxRssBytes: p.maxRssBytes,
          },
        },
        ratio: peerPerStep / perStep,
        checks: [
          agreement("final sup RD(W¹)", run.rdW1, p.result.rdW1, 1e-8, why),
          agreement("final sup RD(W²)", run.rdW2, p.result.rdW2, 1e-8, why),
          agreement("steps", run.steps, p.result.steps, 0, "both run the fixed step count"),
        ],
        extra: { ...extra, "peer tracemalloc": mib(p.tracemallocPeakBytes), "peer maxRSS": mib(p.maxRssBytes) },
      });
    }
    return {
      rows,
      notes: [
        "One sweep point = one (family, m, seed) run of `lindyn sweep three-layer-regimes`; a GD step is O(n·m²) with n = 4 (the m×(m+1) matrix W² is read three times: forward, back-propagation, gradient).",
        "Fixed step counts (200, 100, 40 at m = 500, 1000, 2000); a converged sweep point takes ~10³ steps, so time per point ≈ 10³ × ms/step.",
        "lindyn arrays: bytes of the Float64Arrays one run allocates, counted from the engine's source (W² three times: initial draw, working copy, gradient); lindyn buffers: measured growth of process.memoryUsage().arrayBuffers over one run (GC of earlier runs' arrays makes it noisy, even smaller than the arrays); maxRSS: process.resourceUsage() peak of the whole bench process.",
        "peer: vectorised NumPy (BLAS matmul, eigvalsh of the 4×4 kernel); tracemalloc peak of one run, ru_maxrss of the Python process.",
      ],
    };
  },
};

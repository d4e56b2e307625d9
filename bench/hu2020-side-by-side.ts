/**
 * Benchmark section: one paper-scale side-by-side run of Hu et al. 2020 (arXiv 2006.14599; lindyn note
 * hu2020-early-time.md) — a two-layer softplus net (d = 50, n = 1000, m = 2000, both layers, η = 1, f₀ ≡ 0) and
 * its linear model ψ, both trained by full-batch GD for the same number of steps — against a NumPy peer
 * (`bench/peers/hu2020_side_by_side.py`) given the same data and initial weights as JSON. Reports time per GD
 * step (network and linear model together) and peak memory on both sides, and checks that they agree on the
 * final test losses.
 *
 * @packageDocumentation
 */

import { coefficientsFor, PAPER_SIZE, sideBySideData } from "../proofs/_hu2020/side-by-side.js";
import type { Matrix } from "../src/core/matrix.js";
import { Rng } from "../src/core/rng.js";
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import { HuTwoLayer, huFeatures, huLinearObjective } from "../src/model/nonlinear/hu2020/index.js";
import { agreement, headlineSeconds, runPeer, type Timing, type TimingOptions, timeIt } from "./harness.js";
import type { BenchContext, BenchSection, SectionResult } from "./section.js";

const SEED = 20221123;

interface PeerAnswer {
  numpy: string;
  timing: Timing;
  result: { netTestLoss: number; linTestLoss: number; relDiff: number };
  tracemallocPeakBytes: number;
  maxRssBytes: number;
}

interface SideBySideResult {
  netTestLoss: number;
  linTestLoss: number;
  relDiff: number;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function testLoss(F: Matrix, Y: Matrix): number {
  let s = 0;
  for (let k = 0; k < F.data.length; k++) s += ((F.data[k] as number) - (Y.data[k] as number)) ** 2;
  return s / (2 * F.data.length);
}

export const hu2020SideBySideSection: BenchSection = {
  id: "hu2020-side-by-side",
  title: `Hu et al. 2020 side by side at paper size (${PAPER_SIZE.name}): time per GD step, peak memory`,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const size = PAPER_SIZE;
    const steps = ctx.quick ? 10 : 100;
    const timing: TimingOptions = ctx.quick
      ? { minSampleSeconds: 0, samples: 1, warmupSeconds: 0, maxSeconds: 30 }
      : { minSampleSeconds: 0, samples: 3, warmupSeconds: 0, maxSeconds: 60 };
    const rng = new Rng(SEED);
    const { X, Y, Xtest, Ytest } = sideBySideData(rng, size);
    const model = new HuTwoLayer(size.d, size.m, size.activation);
    const theta0 = model.init(rng);
    const coefficients = coefficientsFor(size);
    const rates = model.learningRates(size.eta);
    const netObjective = model.objective(X, Y, "both");
    const linObjective = huLinearObjective(huFeatures(X, coefficients), Y);
    const Ptest = huFeatures(Xtest, coefficients);

    const sideBySide = (): SideBySideResult => {
      const net = gradientDescent(netObjective, theta0, { lr: rates, steps, record: [steps] });
      const lin = gradientDescent(linObjective, new Float64Array(size.d + 1), {
        lr: size.eta,
        steps,
        record: [steps],
      });
      const fn = model.net.output(net.thetas[0] as Float64Array, Xtest);
      const fl = linObjective.net.output(lin.thetas[0] as Float64Array, Ptest);
      let num = 0;
      let den = 0;
      for (let k = 0; k < fn.data.length; k++) {
        num += ((fn.data[k] as number) - (fl.data[k] as number)) ** 2;
        den += (fn.data[k] as number) ** 2;
      }
      return { netTestLoss: testLoss(fn, Ytest), linTestLoss: testLoss(fl, Ytest), relDiff: num / den };
    };

    ctx.log(`hu2020-side-by-side: lindyn, ${steps} GD steps`);
    const before = process.memoryUsage();
    let result = sideBySide();
    const after = process.memoryUsage();
    const t = timeIt(() => {
      result = sideBySide();
    }, timing);
    const rss = process.memoryUsage().rss;
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const perStep = headlineSeconds(ctx, t) / steps;
    const base = {
      case: `${size.name}, ${steps} steps`,
      unit: "ms/step",
      higherIsBetter: false,
      lindyn: {
        value: perStep * 1e3,
        details: {
          ...t,
          steps,
          ...result,
          arrayBufferGrowthBytes: after.arrayBuffers - before.arrayBuffers,
          rssBytes: rss,
          maxRssBytes: maxRss,
        },
      },
    };
    const extra: Record<string, string> = {
      "lindyn rss": mib(rss),
      "lindyn maxRSS": mib(maxRss),
    };
    ctx.log(`hu2020-side-by-side: NumPy peer, ${steps} GD steps`);
    const peer = runPeer<PeerAnswer>(ctx, "hu2020_side_by_side.py", "hu2020-side-by-side", {
      d: size.d,
      m: size.m,
      eta: size.eta,
      steps,
      slope: coefficients.slope,
      constant: coefficients.constant,
      X: Array.from(X.data),
      Y: Array.from(Y.data),
      Xtest: Array.from(Xtest.data),
      Ytest: Array.from(Ytest.data),
      theta0: Array.from(theta0),
      timing,
    });
    if (!peer.ok) return { rows: [{ ...base, peerSkipped: peer.reason, extra }], notes: notes() };
    const p = peer.result;
    const peerPerStep = headlineSeconds(ctx, p.timing) / steps;
    const why =
      "same data, same initial weights, same GD; the codes differ only in rounding (summation order, exp/log1p), amplified mildly over the steps";
    return {
      rows: [
        {
          ...base,
          peer: {
            value: peerPerStep * 1e3,
            details: {
              ...p.timing,
              ...p.result,
              tracemallocPeakBytes: p.tracemallocPeakBytes,
              maxRssBytes: p.maxRssBytes,
            },
          },
          ratio: peerPerStep / perStep,
          checks: [
            agreement("network test loss at the last step", result.netTestLoss, p.result.netTestLoss, 1e-9, why),
            agreement("linear-model test loss at the last step", result.linTestLoss, p.result.linTestLoss, 1e-9, why),
            agreement(
              "‖f − f^lin‖²/‖f‖² at the last step",
              result.relDiff,
              p.result.relDiff,
              1e-6,
              `${why}; a small difference of two close outputs`,
            ),
          ],
          extra: { ...extra, "peer tracemalloc": mib(p.tracemallocPeakBytes), "peer maxRSS": mib(p.maxRssBytes) },
        },
      ],
      notes: notes(),
    };
  },
};

function notes(): string[] {
  return [
    "One side-by-side run = the network's GD (both layers, paper rates) and the linear model's GD (d + 1 parameters), then both evaluated on 1000 test inputs; time per step = run time / steps.",
    "lindyn: single-threaded Float64Array kernels; rss after the runs and the process's peak (resourceUsage().maxRSS, includes the whole bench process).",
    "peer: NumPy with BLAS threads pinned by --peer-threads; tracemalloc peak of one run and ru_maxrss of the Python process (includes the JSON input).",
  ];
}

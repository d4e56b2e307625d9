/**
 * Benchmark section: dense symmetric eigendecomposition, thin SVD and Cholesky, lindyn against NumPy
 * (`np.linalg.eigh`, `np.linalg.svd(full_matrices=False)`, `np.linalg.cholesky`, i.e. LAPACK
 * dsyevd/dgesdd/dpotrf) at n = 4, 16, 64, 256, on identical matrices passed to Python as JSON.
 *
 * Agreement: eigenvalues and singular values must match to 1e-12·n relative to the largest (both sides are
 * backward stable, errors O(n·u·‖A‖)); the Cholesky factor (unique) to 1e-12·n relative Frobenius.
 *
 * @packageDocumentation
 */
import { symmetricEigen } from "../src/core/eigen.js";
import { matmulNTInto } from "../src/core/matmul.js";
import { Matrix } from "../src/core/matrix.js";
import { Rng } from "../src/core/rng.js";
import { cholesky } from "../src/core/spd.js";
import { svd } from "../src/core/svd.js";
import {
  agreement,
  formatSeconds,
  headlineSeconds,
  runPeer,
  type Timing,
  type TimingOptions,
  timeIt,
} from "./harness.js";
import type { BenchContext, BenchRow, BenchSection, SectionResult } from "./section.js";

interface PeerCase extends Timing {
  op: "eigh" | "svd" | "cholesky";
  n: number;
  /** eigenvalues ascending / singular values descending / Cholesky factor row-major. */
  values: number[];
}
interface PeerAnswer {
  numpy: string;
  cases: PeerCase[];
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

export const linalgSection: BenchSection = {
  id: "linalg",
  title: "Dense linear algebra: symmetric eigen, thin SVD, Cholesky (time per call)",
  async run(ctx: BenchContext): Promise<SectionResult> {
    const sizes = ctx.quick ? [4, 16, 64] : [4, 16, 64, 256];
    const timing: TimingOptions = ctx.quick
      ? { minSampleSeconds: 0.02, samples: 5, warmupSeconds: 0.1, maxSeconds: 5 }
      : { minSampleSeconds: 0.05, samples: 7, warmupSeconds: 0.2, maxSeconds: 15 };
    const rng = new Rng(4242);
    const inputs = sizes.map((n) => {
      const g = rng.gaussianMatrix(n, n);
      const sym = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym.data[i * n + j] = (g.get(i, j) + g.get(j, i)) / 2;
      const spd = new Matrix(n, n);
      matmulNTInto(spd, g, g);
      for (let i = 0; i < n; i++) spd.data[i * n + i] += n;
      return { n, sym, general: g, spd };
    });
    type Op = "eigh" | "svd" | "cholesky";
    const mine: { op: Op; n: number; seconds: number; values: Float64Array }[] = [];
    for (const { n, sym, general, spd } of inputs) {
      ctx.log(`linalg: lindyn n = ${n}`);
      const te = timeIt(() => symmetricEigen(sym), timing);
      mine.push({ op: "eigh", n, seconds: headlineSeconds(ctx, te), values: symmetricEigen(sym).values });
      const ts = timeIt(() => svd(general), timing);
      mine.push({ op: "svd", n, seconds: headlineSeconds(ctx, ts), values: svd(general).s });
      const tc = timeIt(() => cholesky(spd), timing);
      mine.push({ op: "cholesky", n, seconds: headlineSeconds(ctx, tc), values: cholesky(spd).data });
    }
    ctx.log("linalg: NumPy peer");
    const peer = runPeer<PeerAnswer>(ctx, "linalg.py", "linalg", {
      timing,
      cases: inputs.map(({ n, sym, general, spd }) => ({
        n,
        sym: Array.from(sym.data),
        general: Array.from(general.data),
        spd: Array.from(spd.data),
      })),
    });
    const label: Record<Op, string> = { eigh: "symmetricEigen", svd: "svd", cholesky: "cholesky" };
    const rows: BenchRow[] = mine.map((m) => {
      const base = {
        case: `${label[m.op]} n = ${m.n}`,
        unit: "µs",
        higherIsBetter: false,
        lindyn: { value: m.seconds * 1e6 },
        extra: { "lindyn time": formatSeconds(m.seconds) },
      };
      if (!peer.ok) return { ...base, peerSkipped: peer.reason };
      const p = peer.result.cases.find((c) => c.op === m.op && c.n === m.n);
      if (p === undefined) return { ...base, peerSkipped: "no peer result" };
      const peerSeconds = headlineSeconds(ctx, p);
      const what = m.op === "cholesky" ? "L" : m.op === "svd" ? "singular values" : "eigenvalues";
      return {
        ...base,
        peer: { value: peerSeconds * 1e6 },
        ratio: peerSeconds / m.seconds,
        checks: [
          agreement(
            what,
            maxRelDiff(m.values, p.values),
            0,
            1e-12 * m.n,
            "both backward stable: differences O(n·u) relative to the largest entry",
            1,
          ),
        ],
        extra: { ...base.extra, "peer time": formatSeconds(peerSeconds) },
      };
    });
    const notes = [
      "lindyn: symmetricEigen (Householder tridiagonalisation + implicit QL, vectors accumulated), svd (one-sided Jacobi, U and V), cholesky (row Cholesky–Banachiewicz, with symmetry check).",
      peer.ok
        ? `peer: NumPy ${peer.result.numpy} np.linalg.eigh / svd(full_matrices=False) / cholesky (LAPACK), ${ctx.peerThreads} BLAS thread(s).`
        : `peer skipped: ${peer.reason}`,
    ];
    return { rows, notes };
  },
};

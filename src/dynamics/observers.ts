/**
 * Observers: named, fixed-size quantities recorded along a trajectory at its output times (loss is always
 * recorded; these add layer norms, the end-to-end map, imbalances…).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import type { LinearNet } from "../model/architecture.js";
import { imbalanceKernel } from "./_internals/imbalance-kernel.js";

/** A quantity recorded at every output time of a trajectory. */
export interface Observer {
  /** Key under which the values appear in `Trajectory.observations` (unique per run). */
  readonly name: string;
  /** Number of values recorded per time. */
  readonly size: number;
  /**
   * Writes the `size` values for state θ at time `t` into `out` (a fresh buffer per time: it is kept).
   * Must not modify θ.
   */
  record(t: number, theta: Float64Array, out: Float64Array): void;
}

function layerEnd(net: LinearNet, i: number): number {
  return i + 1 < net.depth ? (net.offsets[i + 1] as number) : net.dim;
}

/** `‖W_i‖_F²` for `i = 1..L` (size L), under the name `layerNormsSquared`. */
export function layerNormsObserver(net: LinearNet): Observer {
  return {
    name: "layerNormsSquared",
    size: net.depth,
    record(_t, theta, out) {
      for (let i = 0; i < net.depth; i++) {
        let s = 0;
        for (let k = net.offsets[i] as number; k < layerEnd(net, i); k++) s += (theta[k] as number) ** 2;
        out[i] = s;
      }
    },
  };
}

/**
 * The end-to-end map `P = W_L⋯W_1` (d_L × d_0, row-major; size d_L·d_0), under the name `endToEnd`.
 * Scratch buffers are allocated once, here.
 */
export function endToEndObserver(net: LinearNet): Observer {
  const d0 = net.widths[0] as number;
  const maxRows = Math.max(...net.widths);
  let a = new Float64Array(maxRows * d0);
  let b = new Float64Array(maxRows * d0);
  return {
    name: "endToEnd",
    size: (net.widths[net.depth] as number) * d0,
    record(_t, theta, out) {
      // a ← W_1 (d1 × d0), then a ← W_{k+1}·a.
      const d1 = net.widths[1] as number;
      for (let k = 0; k < d1 * d0; k++) a[k] = theta[k] as number;
      for (let i = 1; i < net.depth; i++) {
        const rows = net.widths[i + 1] as number;
        const inner = net.widths[i] as number;
        const off = net.offsets[i] as number;
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < d0; c++) {
            let s = 0;
            for (let p = 0; p < inner; p++) s += (theta[off + r * inner + p] as number) * (a[p * d0 + c] as number);
            b[r * d0 + c] = s;
          }
        }
        const tmp = a;
        a = b;
        b = tmp;
      }
      out.set(a.subarray(0, out.length));
    },
  };
}

/**
 * `‖Q_i‖_F` for `i = 1..L−1` (size L−1), under the name `imbalanceNorms`, with `Q_i = W_{i+1}ᵀW_{i+1} −
 * W_iW_iᵀ` (rate-weighted `W_{i+1}ᵀW_{i+1}/η_{i+1} − W_iW_iᵀ/η_i` when `rates` are given; see
 * `invariants.ts`).
 *
 * @param rates - per-layer rates η_1..η_L, or one number; default 1
 */
export function imbalanceObserver(net: LinearNet, rates: number | readonly number[] = 1): Observer {
  const etas = typeof rates === "number" ? Array.from({ length: net.depth }, () => rates) : [...rates];
  if (etas.length !== net.depth) {
    throw new ShapeError(
      errorMessage("rates", rates, `must have L = ${net.depth} entries`, "Pass one rate per layer."),
    );
  }
  etas.forEach((e, k) => {
    if (!(Number.isFinite(e) && e > 0))
      throw new DomainError(errorMessage(`rates[${k}]`, e, "must be > 0", "Use e.g. 1."));
  });
  const maxW = Math.max(...net.widths);
  const q = new Float64Array(maxW * maxW);
  return {
    name: "imbalanceNorms",
    size: Math.max(0, net.depth - 1),
    record(_t, theta, out) {
      for (let i = 1; i < net.depth; i++) {
        const d = net.widths[i] as number;
        imbalanceKernel(q, net, theta, i, 1 / (etas[i - 1] as number), 1 / (etas[i] as number));
        let s = 0;
        for (let k = 0; k < d * d; k++) s += (q[k] as number) ** 2;
        out[i - 1] = Math.sqrt(s);
      }
    },
  };
}

/**
 * The full imbalance matrix `Q_i` (1-based `i = 1..L−1`; d_i × d_i row-major), under the name
 * `imbalance[i]` (e.g. `imbalance1`). Rate-weighted when `rates` are given.
 */
export function imbalanceMatrixObserver(net: LinearNet, i: number, rates: number | readonly number[] = 1): Observer {
  if (!Number.isInteger(i) || i < 1 || i > net.depth - 1) {
    throw new ShapeError(
      errorMessage("i", i, `must be an integer in 1..${net.depth - 1}`, "Q_i sits between W_i and W_{i+1}."),
    );
  }
  const etas = typeof rates === "number" ? Array.from({ length: net.depth }, () => rates) : [...rates];
  if (etas.length !== net.depth) {
    throw new ShapeError(
      errorMessage("rates", rates, `must have L = ${net.depth} entries`, "Pass one rate per layer."),
    );
  }
  const d = net.widths[i] as number;
  return {
    name: `imbalance${i}`,
    size: d * d,
    record(_t, theta, out) {
      imbalanceKernel(out, net, theta, i, 1 / (etas[i - 1] as number), 1 / (etas[i] as number));
    },
  };
}

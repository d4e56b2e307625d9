/**
 * A clustering measure of input-weight orientations, for the condensation statement of Zhou et al. 2022
 * (arXiv 2205.12101, abstract: "in the condensed regime, weights condense on a few isolated orientations";
 * lindyn note zhou2022-phase-diagram.md, "Condensation proxy").
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { requireInteger, requirePositive } from "../../../core/validate.js";
import type { ThreeLayerState } from "./three-layer-relu.js";

/** Options of {@link clusteredMassFraction}. @see {@link firstLayerCondensation} */
export interface CondensationOptions {
  /** Number K of clusters. @defaultValue 8 (= 2n for the note's n = 4 points) */
  readonly clusters?: number;
  /** Half-width ε of a cluster, in radians. @defaultValue 5° = π/36 */
  readonly epsilon?: number;
}

/**
 * Fraction of the total weight Σu_k carried by the K heaviest orientation clusters, chosen greedily: repeat K
 * times — pick the centre angle (one of the remaining neurons' angles) whose circular window of half-width ε
 * holds the most remaining weight, add that weight, remove those neurons. 1 = all mass on ≤ K orientations;
 * angles uniform on the circle give ≈ min(1, K·2ε/2π) (0.22 at the defaults).
 * @throws DomainError for mismatched lengths, negative weights or zero total weight
 */
export function clusteredMassFraction(
  angles: Float64Array,
  weights: Float64Array,
  options: CondensationOptions = {},
): number {
  const K = requireInteger("clusters", options.clusters ?? 8, 1);
  const eps = requirePositive("epsilon", options.epsilon ?? Math.PI / 36);
  const m = angles.length;
  if (weights.length !== m || m === 0) {
    throw new DomainError(
      errorMessage("weights", weights.length, `must have length ${m} ≥ 1`, "Pass one weight per angle."),
    );
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new DomainError(errorMessage(`weights[${i}]`, w, "must be finite and ≥ 0", "Use magnitudes."));
    }
    total += w;
  }
  if (!(total > 0)) {
    throw new DomainError(errorMessage("weights", total, "must have a positive sum", "Some neuron must carry weight."));
  }
  const taken = new Uint8Array(m);
  let captured = 0;
  for (let c = 0; c < K; c++) {
    let best = 0;
    let bestCentre = -1;
    for (let i = 0; i < m; i++) {
      if (taken[i]) continue;
      let mass = 0;
      for (let j = 0; j < m; j++) {
        if (!taken[j] && circularDistance(angles[i] as number, angles[j] as number) <= eps)
          mass += weights[j] as number;
      }
      if (mass > best) {
        best = mass;
        bestCentre = i;
      }
    }
    if (bestCentre < 0) break;
    const centre = angles[bestCentre] as number;
    for (let j = 0; j < m; j++) {
      if (!taken[j] && circularDistance(centre, angles[j] as number) <= eps) taken[j] = 1;
    }
    captured += best;
  }
  return captured / total;
}

function circularDistance(p: number, q: number): number {
  const d = Math.abs(p - q) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

/**
 * Condensation of the FIRST layer of a three-layer state: angles of (w_k, b_k) ∈ R², each neuron weighted by
 * its importance u_k = ‖(w_k, b_k)‖·‖W²_{:,k}‖ (input norm times outgoing norm, so neurons that do not
 * matter do not count), then {@link clusteredMassFraction}.
 */
export function firstLayerCondensation(state: ThreeLayerState, options: CondensationOptions = {}): number {
  const m = state.a.length;
  const angles = new Float64Array(m);
  const weights = new Float64Array(m);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      const v = state.w2[j * (m + 1) + k] as number;
      out[k] = (out[k] as number) + v * v;
    }
  }
  for (let k = 0; k < m; k++) {
    const w = state.w1[2 * k] as number;
    const b = state.w1[2 * k + 1] as number;
    angles[k] = Math.atan2(b, w);
    weights[k] = Math.hypot(w, b) * Math.sqrt(out[k] as number);
  }
  return clusteredMassFraction(angles, weights, options);
}

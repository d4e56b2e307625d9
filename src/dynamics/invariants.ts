/**
 * Conserved (or exactly decaying) quantities of gradient flow on deep linear networks: the layer imbalance
 * `Q_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ`, its diagonal (per-unit balance), layer gradient alignments, and the
 * exact law of their evolution with layer-wise rates and weight decay.
 *
 * ## Derivation (the law {@link expectedImbalance} encodes)
 * Loss `ℒ = c·E(θ) + Σ_k γ_k‖W_k‖_F²` (DESIGN.md: `c` multiplies the data term only; weight decay has no
 * factor) and flow `Ẇ_k = −η_k(c·G_k + 2γ_kW_k)`, `G_k = ∂E/∂W_k`.
 *
 * 1. *Rescaling symmetry.* For invertible `A`, `(W_k, W_{k+1}) ↦ (A W_k, W_{k+1}A⁻¹)` leaves the network
 *    function, hence `E`, unchanged when hidden layer `k` carries no stochastic neurons. Differentiating at
 *    `A = I` in direction `B` gives `⟨G_k, BW_k⟩ = ⟨G_{k+1}, W_{k+1}B⟩` for all `B`, i.e.
 *    **`G_kW_kᵀ = W_{k+1}ᵀG_{k+1}`** (Du, Hu, Lee 2018, arXiv 1806.00900, Thm 2.1; Arora, Cohen, Hazan
 *    2018, arXiv 1802.06509, Thm 1). With noise of variance σ_k² > 0 on hidden layer `k` only diagonal `A`
 *    commute with the noise, so only the diagonal identity `diag(G_kW_kᵀ) = diag(W_{k+1}ᵀG_{k+1})` holds.
 *    Noise on *other* hidden layers does not matter for `Q_k`.
 * 2. *Evolution.* With `M = c(G_kW_kᵀ + W_kG_kᵀ)`:
 *    `d/dt (W_kW_kᵀ)/η_k = −M − 4γ_k W_kW_kᵀ` and `d/dt (W_{k+1}ᵀW_{k+1})/η_{k+1} = −M − 4γ_{k+1}W_{k+1}ᵀW_{k+1}`.
 *    So the **rate-weighted imbalance** `Q̃_k = W_{k+1}ᵀW_{k+1}/η_{k+1} − W_kW_kᵀ/η_k` obeys
 *    `dQ̃_k/dt = −4(η_{k+1}γ_{k+1}·W_{k+1}ᵀW_{k+1}/η_{k+1} − η_kγ_k·W_kW_kᵀ/η_k)`.
 * 3. *Closed law.* If `λ := η_kγ_k = η_{k+1}γ_{k+1}` (in particular γ = 0, or equal rates and equal
 *    decay), then `dQ̃_k/dt = −4λQ̃_k`, so **`Q̃_k(t) = e^{−4λt}Q̃_k(0)`**; with equal rates η this is
 *    `Q_k(t) = e^{−4ηγt}Q_k(0)`, and at γ = 0 `Q_k` is conserved. The factor `c` cancels: it is
 *    `e^{−4γt}` for **both** `c = 1` and `c = 1/2`, because `c` scales only the data term. (DESIGN.md's
 *    "with the ½ convention it is e^{−2γt}" holds only if weight decay is halved too, `½γ‖W‖²`, which
 *    lindyn's LossConfig does not do.) If `η_kγ_k ≠ η_{k+1}γ_{k+1}` the right-hand side is not a function of
 *    `Q̃_k` alone (and `Q̃_k` is the only combination `aW_{k+1}ᵀW_{k+1} − bW_kW_kᵀ` in which the data term
 *    `M` cancels): there is no closed law and {@link expectedImbalance} throws {@link NoClosedLawError}.
 * 4. *Equal growth.* Taking traces in 1: `⟨W_k, G_k⟩ = ⟨W_{k+1}, G_{k+1}⟩` for all k (with or without noise),
 *    so `d/dt‖W_k‖²/η_k = −2c⟨W_k, G_k⟩ − 4γ_k‖W_k‖²` has the same data part in every layer (Basu et al.
 *    2019, arXiv 1904.10689, "layers grow at the same rate").
 *
 * Sign convention: `Q_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ` as in the contract (Ziyin et al.'s note uses the
 * negative); its diagonal entry j is ‖outgoing column j of W_{i+1}‖² − ‖incoming row j of W_i‖² (the
 * negative of Du et al.'s per-unit `‖incoming‖² − ‖outgoing‖²`). Indices `i` are 1-based, `i = 1..L−1`,
 * as in the formula (so `Q_1` is between `W_1` and `W_2`).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import { Matrix } from "../core/matrix.js";
import type { LinearNet } from "../model/architecture.js";
import type { LossConfig } from "../model/loss-config.js";
import { imbalanceKernel } from "./_internals/imbalance-kernel.js";

/** Thrown when the requested evolution law does not exist in closed form for the given settings. */
export class NoClosedLawError extends DomainError {
  override name = "NoClosedLawError";
}

/** Per-layer rates η_1..η_L for the rate-weighted imbalance. */
export interface ImbalanceOptions {
  /**
   * Layer rates η (one number, or one per weight matrix). With rates the imbalance returned is the
   * rate-weighted `W_{i+1}ᵀW_{i+1}/η_{i+1} − W_iW_iᵀ/η_i`, the quantity whose law is closed.
   * @defaultValue 1
   */
  rates?: number | readonly number[];
}

function layerRates(net: LinearNet, rates: number | readonly number[] | undefined): number[] {
  const L = net.depth;
  const etas = rates === undefined ? 1 : rates;
  const out = typeof etas === "number" ? Array.from({ length: L }, () => etas) : [...etas];
  if (out.length !== L) {
    throw new ShapeError(
      errorMessage("rates", etas, `must have one rate per weight matrix (L = ${L})`, "Pass L rates or one number."),
    );
  }
  out.forEach((e, k) => {
    if (typeof e !== "number" || !Number.isFinite(e) || !(e > 0)) {
      throw new DomainError(errorMessage(`rates[${k}]`, e, "must be a finite positive rate", "Use e.g. 1."));
    }
  });
  return out;
}

function checkLayerIndex(net: LinearNet, i: number): void {
  if (!Number.isInteger(i) || i < 1 || i > net.depth - 1) {
    throw new ShapeError(
      errorMessage(
        "i",
        i,
        `must be an integer in 1..L−1 = 1..${net.depth - 1} (Q_i sits between W_i and W_{i+1}; 1-based)`,
        net.depth < 2
          ? "A net of depth 1 has no imbalance: add a hidden layer."
          : "Use i = 1 for the first hidden layer.",
      ),
    );
  }
}

/**
 * The imbalance `Q_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ` (d_i × d_i), `i = 1..L−1` (1-based). With `rates`, the
 * rate-weighted `W_{i+1}ᵀW_{i+1}/η_{i+1} − W_iW_iᵀ/η_i`. Conserved by gradient flow at γ = 0 (see the module
 * documentation for the derivation and the law with weight decay).
 *
 * @throws ShapeError for `i` outside 1..L−1 or a θ of the wrong length
 */
export function imbalance(net: LinearNet, theta: Float64Array, i: number, options: ImbalanceOptions = {}): Matrix {
  net.assertTheta("theta", theta);
  checkLayerIndex(net, i);
  const etas = layerRates(net, options.rates);
  const d = net.widths[i] as number;
  const q = new Matrix(d, d);
  imbalanceKernel(q.data, net, theta, i, 1 / (etas[i - 1] as number), 1 / (etas[i] as number));
  return q;
}

/** All imbalances `[Q_1, …, Q_{L−1}]` (entry k is `Q_{k+1}`); see {@link imbalance}. */
export function imbalances(net: LinearNet, theta: Float64Array, options: ImbalanceOptions = {}): Matrix[] {
  const out: Matrix[] = [];
  for (let i = 1; i < net.depth; i++) out.push(imbalance(net, theta, i, options));
  return out;
}

/**
 * Per-unit balance of hidden layer `i` (1-based, `1..L−1`): `diag(Q_i)`, i.e. for unit j
 * `‖W_{i+1}[:, j]‖²/η_{i+1} − ‖W_i[j, :]‖²/η_i` (outgoing minus incoming; Du, Hu, Lee 2018, arXiv
 * 1806.00900, Thm 2.1 use the negative). Obeys the same law as `Q_i` and keeps it with stochastic neurons
 * on layer i, where the off-diagonal part of `Q_i` does not.
 */
export function perUnitBalance(
  net: LinearNet,
  theta: Float64Array,
  i: number,
  options: ImbalanceOptions = {},
): Float64Array {
  net.assertTheta("theta", theta);
  checkLayerIndex(net, i);
  const etas = layerRates(net, options.rates);
  const out = new Float64Array(net.widths[i] as number);
  imbalanceKernel(out, net, theta, i, 1 / (etas[i - 1] as number), 1 / (etas[i] as number), true);
  return out;
}

/**
 * `⟨W_i, (∇ℒ)_i⟩` for each layer `i = 1..L` (entry i−1), from θ and a gradient buffer. Under gradient flow
 * `d/dt‖W_i‖_F² = −2η_i⟨W_i, (∇ℒ)_i⟩`; without weight decay these are equal across layers (module
 * documentation, item 4; Basu et al. 2019, arXiv 1904.10689), and with decay `⟨W_i, (∇ℒ)_i⟩ − 2γ_i‖W_i‖²`
 * are.
 */
export function layerGradientAlignment(net: LinearNet, theta: Float64Array, grad: Float64Array): Float64Array {
  net.assertTheta("theta", theta);
  net.assertTheta("grad", grad);
  const L = net.depth;
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) {
    const start = net.offsets[i] as number;
    const end = i + 1 < L ? (net.offsets[i + 1] as number) : net.dim;
    let s = 0;
    for (let k = start; k < end; k++) s += (theta[k] as number) * (grad[k] as number);
    out[i] = s;
  }
  return out;
}

/** Settings of the two layers `W_i`, `W_{i+1}` around the imbalance `Q_i`. */
export interface ImbalanceLawOptions {
  /**
   * Weight decay `γ` on `[W_i, W_{i+1}]` (one number for both).
   * @defaultValue 0
   */
  gamma?: number | readonly [number, number];
  /**
   * Gradient-flow rates `η` of `[W_i, W_{i+1}]` (one number for both). When they differ, `Q0` must be the
   * rate-weighted imbalance (`imbalance(net, θ, i, { rates })`).
   * @defaultValue 1
   */
  rates?: number | readonly [number, number];
  /**
   * Variance σ_i² of the stochastic neurons on hidden layer i (the one between `W_i` and `W_{i+1}`). When
   * positive, only the diagonal (per-unit balance) has the closed law: a `Matrix` `Q0` is refused.
   * @defaultValue 0
   */
  noise?: number;
}

function pair(
  name: string,
  v: number | readonly [number, number] | undefined,
  fallback: number,
  positive: boolean,
): [number, number] {
  const p: readonly number[] = v === undefined ? [fallback, fallback] : typeof v === "number" ? [v, v] : v;
  if (p.length !== 2) {
    throw new ShapeError(
      errorMessage(name, v, "must be one number or a pair [for W_i, for W_{i+1}]", "Pass e.g. 0.1 or [0.1, 0.1]."),
    );
  }
  p.forEach((x, k) => {
    if (typeof x !== "number" || !Number.isFinite(x) || (positive ? !(x > 0) : x < 0)) {
      throw new DomainError(
        errorMessage(
          `${name}[${k}]`,
          x,
          positive ? "must be finite and > 0" : "must be finite and ≥ 0",
          "Check the layer settings.",
        ),
      );
    }
  });
  return [p[0] as number, p[1] as number];
}

/**
 * The exact decay exponent λ of the imbalance law `Q̃_i(t) = e^{−4λt}Q̃_i(0)`, λ = η_iγ_i = η_{i+1}γ_{i+1}
 * (module documentation, items 2–3). Equality is tested with relative tolerance 1e-12.
 *
 * @throws NoClosedLawError when `η_iγ_i ≠ η_{i+1}γ_{i+1}`: no closed law for the imbalance exists then
 */
export function imbalanceDecayRate(options: Pick<ImbalanceLawOptions, "gamma" | "rates"> = {}): number {
  const [g1, g2] = pair("gamma", options.gamma, 0, false);
  const [e1, e2] = pair("rates", options.rates, 1, true);
  const l1 = e1 * g1;
  const l2 = e2 * g2;
  if (Math.abs(l1 - l2) > 1e-12 * Math.max(l1, l2)) {
    throw new NoClosedLawError(
      errorMessage(
        "rates·gamma",
        [l1, l2],
        "η_iγ_i must equal η_{i+1}γ_{i+1} for the imbalance to obey a closed law: otherwise dQ̃/dt = −4(λ_{i+1}W_{i+1}ᵀW_{i+1}/η_{i+1} − λ_iW_iW_iᵀ/η_i) is not a function of Q̃",
        "Use equal η·γ on the two layers, γ = 0, or compare against the integrated trajectory instead of a closed form.",
      ),
    );
  }
  return (l1 + l2) / 2;
}

/**
 * The imbalance at time `t` predicted by the exact law `Q̃(t) = e^{−4λt}Q̃(0)` (λ from
 * {@link imbalanceDecayRate}); independent of the loss factor `c` (module documentation, item 3). Pass a
 * `Matrix` for the full `Q_i`, or a `Float64Array` for its diagonal (per-unit balance).
 *
 * @throws NoClosedLawError for unequal `η_iγ_i`, or a `Matrix` with `noise > 0` (only the diagonal law holds)
 */
export function expectedImbalance<T extends Matrix | Float64Array>(
  q0: T,
  t: number,
  options: ImbalanceLawOptions = {},
): T {
  if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
    throw new DomainError(errorMessage("t", t, "must be a finite time ≥ 0", "The law runs forward from Q0 at t = 0."));
  }
  const noise = options.noise ?? 0;
  if (typeof noise !== "number" || !Number.isFinite(noise) || noise < 0) {
    throw new DomainError(
      errorMessage("noise", noise, "must be a finite variance ≥ 0", "Use 0 for deterministic units."),
    );
  }
  if (noise > 0 && q0 instanceof Matrix) {
    throw new NoClosedLawError(
      errorMessage(
        "noise",
        noise,
        "must be 0 for the matrix law: stochastic neurons on this hidden layer break the off-diagonal conservation",
        "Pass the diagonal (perUnitBalance) instead, which keeps the law.",
      ),
    );
  }
  const factor = Math.exp(-4 * imbalanceDecayRate(options) * t);
  if (q0 instanceof Matrix) {
    const out = q0.clone();
    for (let k = 0; k < out.data.length; k++) out.data[k] = (out.data[k] as number) * factor;
    return out as T;
  }
  const out = (q0 as Float64Array).slice();
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) * factor;
  return out as T;
}

/**
 * The {@link ImbalanceLawOptions} of `Q_i` (1-based `i = 1..L−1`) read off a loss configuration (e.g.
 * `objective.config`) and per-layer rates: `gamma = [γ_i, γ_{i+1}]`, `rates = [η_i, η_{i+1}]`,
 * `noise = σ_i²` of hidden layer i.
 *
 * @param rates - η_1..η_L or one number; default 1
 */
export function imbalanceLawOptions(
  config: LossConfig,
  i: number,
  rates: number | readonly number[] = 1,
): ImbalanceLawOptions {
  const L = config.gamma.length;
  if (!Number.isInteger(i) || i < 1 || i > L - 1) {
    throw new ShapeError(
      errorMessage("i", i, `must be an integer in 1..L−1 = 1..${L - 1}`, "Q_i sits between W_i and W_{i+1}."),
    );
  }
  const etas = typeof rates === "number" ? Array.from({ length: L }, () => rates) : [...rates];
  if (etas.length !== L) {
    throw new ShapeError(
      errorMessage("rates", rates, `must have one rate per weight matrix (L = ${L})`, "Pass L rates or one number."),
    );
  }
  return {
    gamma: [config.gamma[i - 1] as number, config.gamma[i] as number],
    rates: [etas[i - 1] as number, etas[i] as number],
    noise: config.noise[i - 1] as number,
  };
}

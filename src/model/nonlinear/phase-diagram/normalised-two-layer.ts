/**
 * Full-batch gradient descent on the NORMALISED two-layer ReLU model of Luo, Xu, Ma, Zhang 2021
 * (arXiv 2007.07497, normalised model): f(x) = κ Σ_k ā_k σ(w̄_kᵀ(x, 1)) on 1-D data with the bias folded in, loss
 * R = (1/2n) Σ_s (f(x_s) − y_s)², and the preconditioned steps
 *   ā ← ā − h·(1/κ′)·∇_ā R,   w̄ ← w̄ − h·κ′·∇_w̄ R,
 * i.e. the Euler discretisation of the normalised flow dā/dt̄ = −(1/κ′)∇_ā R, dw̄/dt̄ = −κ′∇_w̄ R. Width
 * enters only through κ, κ′ and the number m of neurons, so {@link trainNormalisedTwoLayer} is the engine of
 * the two-layer phase diagram (κ = m^{−γ}, κ′ = m^{−γ′}).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../../core/errors.js";
import { Rng } from "../../../core/rng.js";
import { requireFinite, requireInteger, requirePositive } from "../../../core/validate.js";
import { LUO_1D_DATA, type OneDimensionalData } from "./luo-data.js";

/** Options of {@link trainNormalisedTwoLayer}. */
export interface NormalisedTwoLayerOptions {
  /** κ = β₁β₂/α > 0. */
  readonly kappa: number;
  /** κ′ = β₁/β₂ > 0. */
  readonly kappaPrime: number;
  /** Number of hidden neurons m (even: antisymmetric pairs). */
  readonly width: number;
  /** Seed of the N(0, 1) draws of ā and w̄ (ignored when `init` is given). @defaultValue 1 */
  readonly seed?: number;
  /** Training data. @defaultValue {@link LUO_1D_DATA} */
  readonly data?: OneDimensionalData;
  /**
   * Explicit initial state: ā (length m) and w̄ (length 2m, rows (slope, bias) per neuron).
   * @defaultValue antisymmetric pairs: ā_{2j+1} = −ā_{2j}, w̄_{2j+1} = w̄_{2j}, entries N(0, 1), so f₀ ≡ 0
   */
  readonly init?: { readonly a: Float64Array; readonly w: Float64Array };
  /**
   * The step h. `"adaptive"`: h = min(safety/λ_max(Θ/n), the step that moves ā or w̄ by `maxRelativeChange`
   * of its norm), Θ the n×n tangent kernel of the preconditioned flow (lindyn note, "Reproduction at CPU
   * scale"). A number: that fixed normalised step.
   * @defaultValue "adaptive"
   */
  readonly step?: "adaptive" | number;
  /** The factor of 1/λ_max(Θ/n) in the adaptive step. @defaultValue 0.5 */
  readonly safety?: number;
  /** Largest relative change of ā or w̄ per adaptive step. @defaultValue 0.01 */
  readonly maxRelativeChange?: number;
  /** Stop when R < lossTol. @defaultValue 1e-7 */
  readonly lossTol?: number;
  /** Largest number of steps. @defaultValue 1_000_000 */
  readonly maxSteps?: number;
  /** Steps at which to copy the state (fixed-step comparisons). @defaultValue none */
  readonly record?: readonly number[];
}

/** A recorded state. */
export interface NormalisedState {
  readonly step: number;
  /** Normalised time t̄ (sum of the steps so far). */
  readonly time: number;
  readonly a: Float64Array;
  readonly w: Float64Array;
  readonly loss: number;
}

/** What {@link trainNormalisedTwoLayer} returns. */
export interface NormalisedTwoLayerResult {
  /**
   * `converged`: R < lossTol; `max-steps`: stopped by maxSteps; `non-finite`: NaN/∞ appeared; `stationary`:
   * the gradient is exactly zero (e.g. every neuron inactive on every sample), so GD cannot move.
   */
  readonly status: "converged" | "max-steps" | "non-finite" | "stationary";
  readonly steps: number;
  /** Normalised time t̄ elapsed. */
  readonly time: number;
  readonly initialLoss: number;
  readonly finalLoss: number;
  /** sup_t ‖w̄(t) − w̄(0)‖/‖w̄(0)‖ over the iterates: RD of the input weights with bias (= RD of the raw w). */
  readonly rdW: number;
  /** sup_t ‖ā(t) − ā(0)‖/‖ā(0)‖. */
  readonly rdA: number;
  /** Initial and final ā, w̄ (copies). */
  readonly a0: Float64Array;
  readonly w0: Float64Array;
  readonly a: Float64Array;
  readonly w: Float64Array;
  readonly recorded: NormalisedState[];
}

/** Largest eigenvalue of a symmetric n×n matrix (row-major, overwritten) by cyclic Jacobi sweeps. */
function jacobiLambdaMax(A: Float64Array, n: number): number {
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += A[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const app = A[p * n + p]!;
        const aqq = A[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!;
          const akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!;
          const aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  let lmax = -Infinity;
  for (let i = 0; i < n; i++) lmax = Math.max(lmax, A[i * n + i]!);
  return lmax;
}

/**
 * ā_k, w̄_k ~ N(0, 1) (w̄_k ∈ ℝ² = (slope, bias)) in antisymmetric pairs: neuron 2j+1 copies w̄_{2j} and
 * negates ā_{2j}, so f₀ ≡ 0 exactly (pairs are summed first in the forward pass).
 * @throws ShapeError for an odd width
 */
export function antisymmetricNormalisedInit(width: number, seed: number): { a: Float64Array; w: Float64Array } {
  requireInteger("width", width, 2);
  if (width % 2 !== 0) {
    throw new ShapeError(errorMessage("width", width, "must be even (antisymmetric pairs)", "Use e.g. 2·⌈m/2⌉."));
  }
  const rng = new Rng(seed);
  const a = new Float64Array(width);
  const w = new Float64Array(2 * width);
  for (let k = 0; k < width; k += 2) {
    a[k] = rng.gaussian();
    a[k + 1] = -a[k]!;
    w[2 * k] = rng.gaussian();
    w[2 * k + 1] = rng.gaussian();
    w[2 * k + 2] = w[2 * k]!;
    w[2 * k + 3] = w[2 * k + 1]!;
  }
  return { a, w };
}

/**
 * Trains the normalised two-layer ReLU model by full-batch GD (see the module comment) and measures
 * RD(w̄) = sup_t ‖w̄(t) − w̄(0)‖/‖w̄(0)‖ (Luo et al. 2021, arXiv 2007.07497: the relative distance of the
 * input weights, bias included; invariant under w = β₂w̄). Hot loop allocation-free (buffers of n·m).
 * @throws DomainError/ShapeError for invalid options
 */
export function trainNormalisedTwoLayer(options: NormalisedTwoLayerOptions): NormalisedTwoLayerResult {
  const kappa = requirePositive("kappa", options.kappa);
  const kp = requirePositive("kappaPrime", options.kappaPrime);
  const m = requireInteger("width", options.width, 2);
  const data = options.data ?? LUO_1D_DATA;
  const n = data.x.length;
  if (n < 1 || data.y.length !== n) {
    throw new ShapeError(
      errorMessage("data", `${n} x, ${data.y.length} y`, "must be n ≥ 1 pairs", "Pass x, y of equal length."),
    );
  }
  const safety = requirePositive("safety", options.safety ?? 0.5);
  const maxRel = requirePositive("maxRelativeChange", options.maxRelativeChange ?? 0.01);
  const lossTol = requirePositive("lossTol", options.lossTol ?? 1e-7);
  const maxSteps = requireInteger("maxSteps", options.maxSteps ?? 1_000_000, 0);
  const stepSpec = options.step ?? "adaptive";
  if (stepSpec !== "adaptive") requirePositive("step", stepSpec);
  const init = options.init ?? antisymmetricNormalisedInit(m, options.seed ?? 1);
  if (init.a.length !== m || init.w.length !== 2 * m) {
    throw new ShapeError(
      errorMessage(
        "init",
        `a: ${init.a.length}, w: ${init.w.length}`,
        `must have lengths m = ${m} and 2m`,
        "Fix init.",
      ),
    );
  }
  for (const v of [...init.a, ...init.w]) requireFinite("init entry", v);
  const a = init.a.slice();
  const w = init.w.slice();
  const a0 = init.a.slice();
  const w0 = init.w.slice();
  let na0 = 0;
  let nw0 = 0;
  for (const v of a0) na0 += v * v;
  for (const v of w0) nw0 += v * v;
  na0 = Math.sqrt(na0);
  nw0 = Math.sqrt(nw0);
  if (!(na0 > 0) || !(nw0 > 0)) {
    throw new DomainError(
      errorMessage("init", "zero ā or w̄", "must be non-zero (RD divides by it)", "Use another seed."),
    );
  }
  const act = new Float64Array(n * m);
  const ind = new Uint8Array(n * m);
  const r = new Float64Array(n);
  const ga = new Float64Array(m);
  const gw = new Float64Array(2 * m);
  const K = new Float64Array(n * n);
  const x = data.x;
  const y = data.y;
  const wanted = new Set(options.record ?? []);
  const recorded: NormalisedState[] = [];
  let rdW = 0;
  let rdA = 0;
  let time = 0;
  let initialLoss = Number.NaN;
  let loss = Number.NaN;
  let steps = 0;
  let status: NormalisedTwoLayerResult["status"] = "max-steps";
  for (;;) {
    // Forward pass (pairs summed first, so antisymmetric pairs cancel exactly).
    loss = 0;
    for (let s = 0; s < n; s++) {
      const xs = x[s]!;
      const o = s * m;
      let f = 0;
      for (let k = 0; k < m; k++) {
        const z = w[2 * k]! * xs + w[2 * k + 1]!;
        const pos = z > 0;
        act[o + k] = pos ? z : 0;
        ind[o + k] = pos ? 1 : 0;
      }
      for (let k = 0; k + 1 < m; k += 2) f += a[k]! * act[o + k]! + a[k + 1]! * act[o + k + 1]!;
      if (m % 2 === 1) f += a[m - 1]! * act[o + m - 1]!;
      const res = kappa * f - y[s]!;
      r[s] = res;
      loss += res * res;
    }
    loss /= 2 * n;
    if (steps === 0) initialLoss = loss;
    if (wanted.has(steps)) recorded.push({ step: steps, time, a: a.slice(), w: w.slice(), loss });
    if (!Number.isFinite(loss)) {
      status = "non-finite";
      break;
    }
    if (loss < lossTol) {
      status = "converged";
      break;
    }
    if (steps >= maxSteps) break;
    // Gradients of R with respect to ā and w̄.
    const c = kappa / n;
    let nga = 0;
    let ngw = 0;
    let na = 0;
    let nw = 0;
    for (let k = 0; k < m; k++) {
      let sa = 0;
      let s0 = 0;
      let s1 = 0;
      for (let s = 0; s < n; s++) {
        const idx = s * m + k;
        sa += r[s]! * act[idx]!;
        if (ind[idx] === 1) {
          s0 += r[s]! * x[s]!;
          s1 += r[s]!;
        }
      }
      const ak = a[k]!;
      ga[k] = c * sa;
      gw[2 * k] = c * ak * s0;
      gw[2 * k + 1] = c * ak * s1;
      nga += ga[k]! ** 2;
      ngw += gw[2 * k]! ** 2 + gw[2 * k + 1]! ** 2;
      na += ak * ak;
      nw += w[2 * k]! ** 2 + w[2 * k + 1]! ** 2;
    }
    if (nga === 0 && ngw === 0) {
      status = "stationary";
      break;
    }
    let h: number;
    if (stepSpec === "adaptive") {
      // Θ_ss′ = κ²[(1/κ′)Σ_k σ_sk σ_s′k + κ′Σ_k ā_k² 1_sk 1_s′k (x_s x_s′ + 1)]; step ≤ safety/λ_max(Θ/n).
      for (let s = 0; s < n; s++) {
        for (let q = s; q < n; q++) {
          let kaa = 0;
          let kww = 0;
          const os = s * m;
          const oq = q * m;
          for (let k = 0; k < m; k++) {
            kaa += act[os + k]! * act[oq + k]!;
            if (ind[os + k] === 1 && ind[oq + k] === 1) kww += a[k]! * a[k]!;
          }
          const v = ((kappa * kappa) / n) * (kaa / kp + kp * kww * (x[s]! * x[q]! + 1));
          K[s * n + q] = v;
          K[q * n + s] = v;
        }
      }
      const lmax = jacobiLambdaMax(K, n);
      h = lmax > 0 ? safety / lmax : Number.POSITIVE_INFINITY;
      const stepA = (kp * maxRel * Math.sqrt(na)) / Math.sqrt(nga);
      const stepW = (maxRel * Math.sqrt(nw)) / (kp * Math.sqrt(ngw));
      if (nga > 0) h = Math.min(h, stepA);
      if (ngw > 0) h = Math.min(h, stepW);
      if (!Number.isFinite(h) || !(h > 0)) {
        status = "non-finite";
        break;
      }
    } else {
      h = stepSpec;
    }
    const ha = h / kp;
    const hw = h * kp;
    let da = 0;
    let dw = 0;
    for (let k = 0; k < m; k++) {
      a[k] = a[k]! - ha * ga[k]!;
      w[2 * k] = w[2 * k]! - hw * gw[2 * k]!;
      w[2 * k + 1] = w[2 * k + 1]! - hw * gw[2 * k + 1]!;
      da += (a[k]! - a0[k]!) ** 2;
      dw += (w[2 * k]! - w0[2 * k]!) ** 2 + (w[2 * k + 1]! - w0[2 * k + 1]!) ** 2;
    }
    rdA = Math.max(rdA, Math.sqrt(da) / na0);
    rdW = Math.max(rdW, Math.sqrt(dw) / nw0);
    time += h;
    steps++;
  }
  return { status, steps, time, initialLoss, finalLoss: loss, rdW, rdA, a0, w0, a: a.slice(), w: w.slice(), recorded };
}

/**
 * Full-batch gradient descent on the three-layer ReLU net of Zhou, Zhou, Luo, Zhang, Xu 2022 (arXiv 2205.12101,
 * "three-layer" setting; lindyn note zhou2022-phase-diagram.md, section "Three layers"):
 *   x̃ = (x, 1),  h₁ = σ(W¹x̃)  (W¹ ∈ R^{m×2}),  h₂ = σ(W²(h₁, 1))  (W² ∈ R^{m×(m+1)}),  f(x) = (1/α) aᵀh₂,
 * with σ = ReLU, W¹ ~ N(0, β₁²), W² ~ N(0, β₂²), a ~ N(0, β₃²), β_i = m^{−p_i}, α = m^q, and antisymmetric
 * pairs (rows 2j, 2j+1 of W² equal, a_{2j+1} = −a_{2j}) so that f₀ ≡ 0. Loss R = (1/2n)Σ_s (f(x_s) − y_s)².
 *
 * A dedicated kernel (not the generic NonlinearNet) because the tangent kernel of the W² block factorises,
 * Θ_st(W²) = (δ₂ˢ·δ₂ᵗ)((h₁ˢ, 1)·(h₁ᵗ, 1)), so the adaptive step costs no per-sample gradient storage.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { Rng } from "../../../core/rng.js";
import { requireFinite, requireInteger, requirePositive } from "../../../core/validate.js";

/** One-dimensional samples (x_s, y_s), s = 1..n (the bias enters as the constant input 1). */
export interface ThreeLayerData {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** x = (−0.5, −1/6, 1/6, 0.5), y = (−0.2, 0.3, 0.25, −0.1) (lindyn note zhou2022-phase-diagram.md, "Reproduction at CPU scale"). */
export const ZHOU_1D_DATA: ThreeLayerData = Object.freeze({
  x: Float64Array.from([-0.5, -1 / 6, 1 / 6, 0.5]),
  y: Float64Array.from([-0.2, 0.3, 0.25, -0.1]),
});

/** Initial state of the three-layer net (row-major, rows = neurons). */
export interface ThreeLayerState {
  /** W¹, m×2: row k = (w_k, b_k). */
  readonly w1: Float64Array;
  /** W², m×(m+1): row j = (W²_{j,1..m}, bias_j). */
  readonly w2: Float64Array;
  /** a, length m. */
  readonly a: Float64Array;
}

/** Options of {@link trainThreeLayer}. */
export interface ThreeLayerOptions {
  /** Hidden width m of both hidden layers (even: antisymmetric pairs). */
  readonly width: number;
  /** Initial scales (β₁, β₂, β₃) of W¹, W², a. */
  readonly betas: readonly [number, number, number];
  /** Output scale α > 0 (f = (1/α)aᵀh₂). */
  readonly alpha: number;
  /** Seed of the Gaussian draws. @defaultValue 1 */
  readonly seed?: number;
  /** Training data. @defaultValue {@link ZHOU_1D_DATA} */
  readonly data?: ThreeLayerData;
  /** Factor of 1/λ_max(Θ/n) in the adaptive step. @defaultValue 0.5 */
  readonly safety?: number;
  /** Largest relative change of any block (W¹, W², a) per step. @defaultValue 0.01 */
  readonly maxRelativeChange?: number;
  /** Stop when R < lossTol. @defaultValue 1e-6 */
  readonly lossTol?: number;
  /** Largest number of steps. @defaultValue 200_000 */
  readonly maxSteps?: number;
}

/** What {@link trainThreeLayer} returns. */
export interface ThreeLayerResult {
  /** `converged`: R < lossTol; `max-steps`; `non-finite`; `stationary`: zero gradient (GD cannot move). */
  readonly status: "converged" | "max-steps" | "non-finite" | "stationary";
  readonly steps: number;
  readonly initialLoss: number;
  readonly finalLoss: number;
  /** sup_t ‖W¹(t) − W¹(0)‖/‖W¹(0)‖ (incoming weights and bias of layer 1). */
  readonly rdW1: number;
  /** sup_t ‖W²(t) − W²(0)‖/‖W²(0)‖ (incoming weights and bias of layer 2). */
  readonly rdW2: number;
  /** sup_t ‖a(t) − a(0)‖/‖a(0)‖. */
  readonly rdA: number;
  readonly initial: ThreeLayerState;
  readonly final: ThreeLayerState;
}

/**
 * Antisymmetric Gaussian initialisation: W¹ iid N(0, β₁²); W² rows 2j iid N(0, β₂²), row 2j+1 = row 2j;
 * a_{2j} ~ N(0, β₃²), a_{2j+1} = −a_{2j}. Hence h₂ has equal entries 2j, 2j+1 and f₀ ≡ 0.
 * @throws DomainError for an odd or non-integer width or non-positive scales
 */
export function initThreeLayer(width: number, betas: readonly [number, number, number], seed = 1): ThreeLayerState {
  requireInteger("width", width, 2);
  if (width % 2 !== 0) {
    throw new DomainError(errorMessage("width", width, "must be even (antisymmetric pairs)", "Use an even width."));
  }
  for (let i = 0; i < 3; i++) requirePositive(`betas[${i}]`, betas[i] as number);
  const m = width;
  const rng = new Rng(seed);
  const w1 = new Float64Array(2 * m);
  for (let i = 0; i < w1.length; i++) w1[i] = betas[0] * rng.gaussian();
  const w2 = new Float64Array(m * (m + 1));
  const a = new Float64Array(m);
  for (let j = 0; j < m; j += 2) {
    for (let k = 0; k <= m; k++) {
      const v = betas[1] * rng.gaussian();
      w2[j * (m + 1) + k] = v;
      w2[(j + 1) * (m + 1) + k] = v;
    }
    const v = betas[2] * rng.gaussian();
    a[j] = v;
    a[j + 1] = -v;
  }
  return { w1, w2, a };
}

/** Largest eigenvalue of a small symmetric PSD matrix (row-major n×n) by power iteration. */
function lambdaMax(T: Float64Array, n: number, v: Float64Array, u: Float64Array): number {
  v.fill(1);
  let lam = 0;
  for (let it = 0; it < 100; it++) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (T[i * n + j] as number) * (v[j] as number);
      u[i] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    for (let i = 0; i < n; i++) v[i] = (u[i] as number) / norm;
    if (Math.abs(norm - lam) <= 1e-12 * norm) return norm;
    lam = norm;
  }
  return lam;
}

/**
 * Trains the three-layer net by full-batch GD with the adaptive step h = min(safety/λ_max(Θ/n), the step that
 * moves some block (W¹, W², a) by `maxRelativeChange` of its norm) — the note's rule, Θ the n×n empirical tangent
 * kernel — and tracks sup_t RD of each layer's incoming weights (bias included).
 * @throws DomainError for invalid options
 */
export function trainThreeLayer(options: ThreeLayerOptions): ThreeLayerResult {
  const m = options.width;
  const alpha = requirePositive("alpha", options.alpha);
  const data = options.data ?? ZHOU_1D_DATA;
  const n = data.x.length;
  if (n < 1 || data.y.length !== n) {
    throw new DomainError(errorMessage("data", n, "needs n ≥ 1 and as many y as x", "Pass matching arrays."));
  }
  const safety = requirePositive("safety", options.safety ?? 0.5);
  const maxRel = requirePositive("maxRelativeChange", options.maxRelativeChange ?? 0.01);
  const lossTol = requirePositive("lossTol", options.lossTol ?? 1e-6);
  const maxSteps = requireInteger("maxSteps", options.maxSteps ?? 200_000, 1);
  const init = initThreeLayer(m, options.betas, options.seed ?? 1);
  const w1 = Float64Array.from(init.w1);
  const w2 = Float64Array.from(init.w2);
  const a = Float64Array.from(init.a);
  const m1 = m + 1;
  const n1sq = sq(init.w1);
  const n2sq = sq(init.w2);
  const nasq = sq(init.a);
  // per-sample activations and back-propagated signals
  const z1 = new Float64Array(n * m);
  const h1 = new Float64Array(n * m);
  const z2 = new Float64Array(n * m);
  const h2 = new Float64Array(n * m);
  const d2 = new Float64Array(n * m);
  const d1 = new Float64Array(n * m);
  const r = new Float64Array(n);
  const theta = new Float64Array(n * n);
  const pv = new Float64Array(n);
  const pu = new Float64Array(n);
  const g1 = new Float64Array(2 * m);
  const g2 = new Float64Array(m * m1);
  const ga = new Float64Array(m);
  let rd1 = 0;
  let rd2 = 0;
  let rda = 0;
  let initialLoss = Number.NaN;
  let loss = Number.NaN;
  let status: ThreeLayerResult["status"] = "max-steps";
  let step = 0;
  for (; ; step++) {
    // forward
    loss = 0;
    for (let s = 0; s < n; s++) {
      const xs = data.x[s] as number;
      const o = s * m;
      for (let k = 0; k < m; k++) {
        const z = (w1[2 * k] as number) * xs + (w1[2 * k + 1] as number);
        z1[o + k] = z;
        h1[o + k] = Math.max(z, 0);
      }
      let f = 0;
      for (let j = 0; j < m; j++) {
        const row = j * m1;
        let z = w2[row + m] as number;
        for (let k = 0; k < m; k++) z += (w2[row + k] as number) * (h1[o + k] as number);
        z2[o + j] = z;
        const h = Math.max(z, 0);
        h2[o + j] = h;
        f += (a[j] as number) * h;
      }
      const res = f / alpha - (data.y[s] as number);
      r[s] = res;
      loss += res * res;
    }
    loss /= 2 * n;
    if (step === 0) initialLoss = loss;
    if (!Number.isFinite(loss)) {
      status = "non-finite";
      break;
    }
    if (loss < lossTol) {
      status = "converged";
      break;
    }
    if (step >= maxSteps) break;
    // backward: δ₂_j = a_j/α·1[z₂>0], δ₁_k = Σ_j δ₂_j W²_{jk}·1[z₁>0]
    for (let s = 0; s < n; s++) {
      const o = s * m;
      for (let j = 0; j < m; j++) d2[o + j] = (z2[o + j] as number) > 0 ? (a[j] as number) / alpha : 0;
      d1.fill(0, o, o + m);
      for (let j = 0; j < m; j++) {
        const dj = d2[o + j] as number;
        if (dj === 0) continue;
        const row = j * m1;
        for (let k = 0; k < m; k++) d1[o + k] = (d1[o + k] as number) + dj * (w2[row + k] as number);
      }
      for (let k = 0; k < m; k++) if (!((z1[o + k] as number) > 0)) d1[o + k] = 0;
    }
    // tangent kernel Θ_st = Σ_blocks g_s·g_t, factorised per block
    for (let s = 0; s < n; s++) {
      for (let t = s; t < n; t++) {
        let dd1 = 0;
        let dd2 = 0;
        let hh1 = 1;
        let hh2 = 0;
        const os = s * m;
        const ot = t * m;
        for (let k = 0; k < m; k++) {
          dd1 += (d1[os + k] as number) * (d1[ot + k] as number);
          dd2 += (d2[os + k] as number) * (d2[ot + k] as number);
          hh1 += (h1[os + k] as number) * (h1[ot + k] as number);
          hh2 += (h2[os + k] as number) * (h2[ot + k] as number);
        }
        const xst = (data.x[s] as number) * (data.x[t] as number) + 1;
        const v = (dd1 * xst + dd2 * hh1 + hh2 / (alpha * alpha)) / n;
        theta[s * n + t] = v;
        theta[t * n + s] = v;
      }
    }
    const lam = lambdaMax(theta, n, pv, pu);
    // gradient of R = (1/n) Σ_s r_s ∂f_s/∂θ
    g1.fill(0);
    g2.fill(0);
    ga.fill(0);
    for (let s = 0; s < n; s++) {
      const c = (r[s] as number) / n;
      const o = s * m;
      const xs = data.x[s] as number;
      for (let k = 0; k < m; k++) {
        const d = c * (d1[o + k] as number);
        g1[2 * k] = (g1[2 * k] as number) + d * xs;
        g1[2 * k + 1] = (g1[2 * k + 1] as number) + d;
        ga[k] = (ga[k] as number) + (c * (h2[o + k] as number)) / alpha;
      }
      for (let j = 0; j < m; j++) {
        const dj = c * (d2[o + j] as number);
        if (dj === 0) continue;
        const row = j * m1;
        for (let k = 0; k < m; k++) g2[row + k] = (g2[row + k] as number) + dj * (h1[o + k] as number);
        g2[row + m] = (g2[row + m] as number) + dj;
      }
    }
    const gn1 = Math.sqrt(sq(g1));
    const gn2 = Math.sqrt(sq(g2));
    const gna = Math.sqrt(sq(ga));
    if (gn1 === 0 && gn2 === 0 && gna === 0) {
      status = "stationary";
      break;
    }
    let h = lam > 0 ? safety / lam : Number.POSITIVE_INFINITY;
    if (gn1 > 0) h = Math.min(h, (maxRel * Math.sqrt(sq(w1))) / gn1);
    if (gn2 > 0) h = Math.min(h, (maxRel * Math.sqrt(sq(w2))) / gn2);
    if (gna > 0) h = Math.min(h, (maxRel * Math.sqrt(sq(a))) / gna);
    if (!Number.isFinite(h) || !(h > 0)) {
      status = "stationary";
      break;
    }
    rd1 = Math.max(rd1, Math.sqrt(updateAndDistance(w1, g1, h, init.w1) / n1sq));
    rd2 = Math.max(rd2, Math.sqrt(updateAndDistance(w2, g2, h, init.w2) / n2sq));
    rda = Math.max(rda, Math.sqrt(updateAndDistance(a, ga, h, init.a) / nasq));
  }
  requireFinite("initialLoss", initialLoss);
  return {
    status,
    steps: step,
    initialLoss,
    finalLoss: loss,
    rdW1: rd1,
    rdW2: rd2,
    rdA: rda,
    initial: init,
    final: { w1, w2, a },
  };
}

function sq(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return s;
}

/** v ← v − h·g in place; returns ‖v − v₀‖² after the update. */
function updateAndDistance(v: Float64Array, g: Float64Array, h: number, v0: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const nv = (v[i] as number) - h * (g[i] as number);
    v[i] = nv;
    const d = nv - (v0[i] as number);
    s += d * d;
  }
  return s;
}

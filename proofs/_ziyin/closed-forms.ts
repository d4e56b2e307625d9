/**
 * STOP-GAP closed forms of Ziyin, Li, Meng 2022 (arXiv 2202.04777), typed in from the project note
 * `shared/papers/ziyin2022-exact-solutions.md` (§§2–6 of the note) while the derived versions are being built
 * in `src/symbolic/derivations/` (issue 3). Each function names the symbolic export that should replace it;
 * the claims compare these values with brute-force numerics of the unreduced network, so a typo here shows
 * up as a refuted claim, never as a silent pass.
 *
 * Conventions: depth L = number of weight matrices (the paper's D = L − 1 hidden layers); loss
 * c·E(ŷ − y)² + Σγ_i‖W_i‖² with c = 1 unless given; stochastic neurons with E[ε] = 1, Var[ε] = σ_i².
 *
 * @packageDocumentation
 */
import { symmetricEigen } from "../../src/core/eigen.js";
import { Matrix } from "../../src/core/matrix.js";

/** Geometric mean ḡ = (Π γ_i)^{1/L} (0 when some γ_i = 0). */
export function geometricMeanDecay(gamma: readonly number[]): number {
  if (gamma.some((g) => g === 0)) return 0;
  let s = 0;
  for (const g of gamma) s += Math.log(g);
  return Math.exp(s / gamma.length);
}

/** The noise factor Π_i (1 + σ_i²/d_i) over hidden layers i = 1..L−1 (note §5). */
export function noiseFactor(widths: readonly number[], noise: readonly number[]): number {
  let c = 1;
  noise.forEach((s2, k) => {
    c *= 1 + s2 / (widths[k + 1] as number);
  });
  return c;
}

/**
 * The scalar chain's reduced loss ℓ(b) = A b^{2L} − 2|a| b^L + E[y²] + L ḡ b² (note §2).
 * Stop-gap for `deriveReducedLoss(L).reducedLoss.evaluate` (src/symbolic/derivations/reduced-loss.ts).
 */
export function reducedLoss(L: number, A: number, a: number, Ey2: number, gbar: number, b: number): number {
  return A * b ** (2 * L) - 2 * Math.abs(a) * b ** L + Ey2 + L * gbar * b * b;
}

/** h(b) = A b^{2L−2} − |a| b^{L−2} + ḡ, with ℓ′(b) = 2Lb·h(b) (note §2). Stop-gap for `deriveReducedLoss(L).h`. */
export function hOf(L: number, A: number, a: number, gbar: number, b: number): number {
  return A * b ** (2 * L - 2) - Math.abs(a) * b ** (L - 2) + gbar;
}

/**
 * Critical-point values b > 0 of the scalar chain (positive roots of h), ascending. L = 2: b² = (|a| − ḡ)/A.
 * L ≥ 3: h falls then rises with its minimum at b_m^L = (L−2)|a|/((2L−2)A) (Descartes: 0 or 2 positive
 * roots); each root is bracketed and bisected to round-off.
 * Stop-gap for the positive roots of `criticalPolynomial` (issue 3, item 3).
 */
export function scalarCriticalPoints(L: number, A: number, a: number, gbar: number): number[] {
  const abs = Math.abs(a);
  if (L === 2) return abs > gbar ? [Math.sqrt((abs - gbar) / A)] : [];
  if (L === 1) return [];
  const bm = (((L - 2) * abs) / ((2 * L - 2) * A)) ** (1 / L);
  if (!(hOf(L, A, a, gbar, bm) < 0)) return [];
  const h = (b: number) => hOf(L, A, a, gbar, b);
  let hi = bm * 2;
  while (h(hi) < 0) hi *= 2;
  return [bisect(h, 0, bm), bisect(h, bm, hi)];
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm < 0 === flo < 0) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

/**
 * γ_c(L) = ((L−2)/A)^{(L−2)/L} · (|a|/(L−1))^{(2L−2)/L} for L ≥ 3, |a| for L = 2 (note §§3–4; arXiv 2202.04777
 * §4). Stop-gap for the critical-gamma derivation (issue 3, item 4).
 */
export function criticalDecay(L: number, A: number, a: number): number {
  const abs = Math.abs(a);
  if (L === 2) return abs;
  return ((L - 2) / A) ** ((L - 2) / L) * (abs / (L - 1)) ** ((2 * L - 2) / L);
}

/** b_c at the transition: b_c^{L−2} = (L−1)γ_c/|a| (note §4). Stop-gap for issue 3, item 4. */
export function criticalB(L: number, A: number, a: number): number {
  if (L === 2) return 0;
  return (((L - 1) * criticalDecay(L, A, a)) / Math.abs(a)) ** (1 / (L - 2));
}

/** The jump of P* at γ_c: P_c = (L−2)|a|/((L−1)A) (note §4). Stop-gap for issue 3, item 4. */
export function criticalJump(L: number, A: number, a: number): number {
  return ((L - 2) * Math.abs(a)) / ((L - 1) * A);
}

/** γ_sp = (L|a|/(2(L−1))) · ((L−2)|a|/(2(L−1)A))^{(L−2)/L} (note §4). Stop-gap for issue 3, item 4. */
export function spinodalDecay(L: number, A: number, a: number): number {
  const abs = Math.abs(a);
  if (L === 2) return abs;
  return ((L * abs) / (2 * (L - 1))) * (((L - 2) * abs) / (2 * (L - 1) * A)) ** ((L - 2) / L);
}

/** The scalar chain's global minimum: b*, P* = sign(a)·b*^L and ℓ*. */
export interface ScalarMinimum {
  readonly b: number;
  readonly P: number;
  readonly loss: number;
}

/** Global minimum of the scalar chain over b ≥ 0 (origin or the larger root of h). Stop-gap for issue 3, item 3. */
export function scalarGlobalMinimum(L: number, A: number, a: number, Ey2: number, gbar: number): ScalarMinimum {
  let best: ScalarMinimum = { b: 0, P: 0, loss: Ey2 };
  for (const b of scalarCriticalPoints(L, A, a, gbar)) {
    const loss = reducedLoss(L, A, a, Ey2, gbar, b);
    if (loss < best.loss) best = { b, P: Math.sign(a) * b ** L, loss };
  }
  return best;
}

/** The global minimum of a scalar-output network over all weights (note §5). */
export interface NetworkMinimum {
  /** Per-layer scale b (‖β*‖ = b^L); 0 when the origin is the global minimum. */
  readonly b: number;
  /** The optimal end-to-end vector β* (length d0). */
  readonly beta: Float64Array;
  /** The minimal loss. */
  readonly loss: number;
  /** ‖W_i‖_F² at the minimum: ḡ b²/γ_i (= b² with equal γ). */
  readonly layerNormsSquared: readonly number[];
  /** The optimal weights W_1..W_L (rank one, |r_ij| = 1/√d_i). */
  readonly weights: readonly Matrix[];
}

/**
 * Global minimum of ℒ = c_loss·(E(ŷ − y)²) + Σγ_i‖W_i‖² for scalar output, inputs with moments (Σxx, Σxy, E[y²]),
 * widths [d0, d1, …, d_{L−1}, 1], stochastic-neuron variances σ_i², all γ_i > 0 (note §5):
 * min over β of F(β) = c_loss(κ βᵀΣxxβ − 2Σxyᵀβ + E[y²]) + Lḡ‖β‖^{2/L}, κ = Π(1 + σ_i²/d_i). Its non-zero
 * critical points solve Σ_k a_k² b^{2L−4} / (κλ_k b^{2L−2} + ḡ/c_loss)² = 1 in the eigenbasis of Σxx; each root
 * is bracketed on a log grid and bisected, and the root with the lowest F (or the origin) is returned, with
 * the optimal network W₁ = s₁ r₁ β̂ᵀ, W_i = s_i r_i r_{i−1}ᵀ, W_L = s_L r_{L−1}ᵀ, s_i = b √(ḡ/γ_i), r_i = 1/√d_i.
 * Stop-gap for the issue-3 item-5 derivation (global-minimum with noise and per-layer γ).
 */
export function networkGlobalMinimum(
  widths: readonly number[],
  Sxx: Matrix,
  Syx: Matrix,
  Ey2: number,
  gamma: readonly number[],
  noise: readonly number[],
  cLoss = 1,
): NetworkMinimum {
  const L = widths.length - 1;
  const d0 = widths[0] as number;
  const gbar = geometricMeanDecay(gamma) / cLoss;
  const kappa = noiseFactor(widths, noise);
  const { values, vectors } = symmetricEigen(Sxx);
  const lam = Array.from(values, (v) => kappa * v);
  const ak: number[] = [];
  for (let k = 0; k < d0; k++) {
    let s = 0;
    for (let j = 0; j < d0; j++) s += vectors.get(j, k) * Syx.get(0, j);
    ak.push(s);
  }
  const betaOf = (b: number): number[] =>
    ak.map((a, k) => (a * b ** (2 * L - 2)) / ((lam[k] as number) * b ** (2 * L - 2) + gbar));
  const Fof = (betaEig: number[]): number => {
    let quad = 0;
    let lin = 0;
    let n2 = 0;
    betaEig.forEach((x, k) => {
      quad += (lam[k] as number) * x * x;
      lin += (ak[k] as number) * x;
      n2 += x * x;
    });
    return cLoss * (quad - 2 * lin + Ey2) + L * gbar * cLoss * n2 ** (1 / L);
  };
  // g(b) = Σ a_k² b^{2L−4}/(λ_k b^{2L−2} + ḡ)² − 1, scanned on a log grid around the data scale.
  const g = (b: number) => {
    let s = 0;
    ak.forEach((a, k) => {
      s += (a * a * b ** (2 * L - 4)) / ((lam[k] as number) * b ** (2 * L - 2) + gbar) ** 2;
    });
    return s - 1;
  };
  let aNorm = 0;
  for (const a of ak) aNorm += a * a;
  aNorm = Math.sqrt(aNorm);
  let bestB = 0;
  let bestLoss = cLoss * Ey2;
  // Every root lies in [(ḡ/‖a‖)^{1/(L−2)}, (‖a‖/λ_min)^{1/L}] (outside it one term of g dominates and g < 0).
  const lmin = Math.max(Math.min(...lam), 1e-300);
  const hi = 2 * (aNorm / lmin) ** (1 / L);
  const lo = L === 2 ? 1e-12 * hi : 0.5 * (gbar / aNorm) ** (1 / (L - 2));
  const grid = 4000;
  let bPrev = lo;
  let gPrev = g(lo);
  for (let k = 1; aNorm > 0 && k <= grid; k++) {
    const b = lo * (hi / lo) ** (k / grid);
    const gb = g(b);
    if (gb === 0 || gb < 0 !== gPrev < 0) {
      const root = gb === 0 ? b : bisect(g, bPrev, b);
      const loss = Fof(betaOf(root));
      if (loss < bestLoss) {
        bestLoss = loss;
        bestB = root;
      }
    }
    bPrev = b;
    gPrev = gb;
  }
  const betaEig = bestB === 0 ? ak.map(() => 0) : betaOf(bestB);
  const beta = new Float64Array(d0);
  for (let j = 0; j < d0; j++) {
    let s = 0;
    for (let k = 0; k < d0; k++) s += vectors.get(j, k) * (betaEig[k] as number);
    beta[j] = s;
  }
  const gTrue = geometricMeanDecay(gamma);
  const layerNormsSquared = gamma.map((gi) => (gTrue * bestB * bestB) / gi);
  const weights = optimalWeights(widths, beta, layerNormsSquared.map(Math.sqrt));
  return { b: bestB, beta, loss: bestLoss, layerNormsSquared, weights };
}

/** W₁ = s₁ r₁ β̂ᵀ, W_i = s_i r_i r_{i−1}ᵀ, W_L = s_L r_{L−1}ᵀ with r_i = (1, …, 1)/√d_i (scalar output). */
function optimalWeights(widths: readonly number[], beta: Float64Array, s: readonly number[]): Matrix[] {
  const L = widths.length - 1;
  let bn = 0;
  for (const x of beta) bn += x * x;
  bn = Math.sqrt(bn);
  const out: Matrix[] = [];
  for (let i = 1; i <= L; i++) {
    const rows = widths[i] as number;
    const cols = widths[i - 1] as number;
    const W = new Matrix(rows, cols);
    const si = s[i - 1] as number;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const left = 1 / Math.sqrt(rows);
        const right = i === 1 ? (bn === 0 ? 0 : (beta[c] as number) / bn) : 1 / Math.sqrt(cols);
        W.set(r, c, si * left * right);
      }
    }
    out.push(W);
  }
  return out;
}

/**
 * Whitened inputs (Σxx = I), vector output: the optimum decouples over the singular values s_k of Σyx, each
 * following the scalar chain with A = 1, a = s_k (note §6, our extension). With the narrowest layer r =
 * min(d_0, …, d_L) only the r modes with the largest gain can be active; the gain of a mode is
 * ℓ_chain(0) − ℓ_chain* which grows with s_k, so the top r are kept. Returns the per-mode P_k* (descending
 * s_k) and the minimal loss. Stop-gap for the issue-3 item-6 derivation.
 */
export function whitenedVectorMinimum(
  widths: readonly number[],
  singularValues: readonly number[],
  Ey2: number,
  gbar: number,
): { readonly P: number[]; readonly loss: number } {
  const L = widths.length - 1;
  const r = Math.min(...widths);
  let loss = Ey2;
  const P = singularValues.map((s, k) => {
    if (k >= r) return 0;
    const m = scalarGlobalMinimum(L, 1, s, 0, gbar);
    loss += m.loss;
    return m.P;
  });
  return { P, loss };
}

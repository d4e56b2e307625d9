import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { LinearNet } from "../../src/model/architecture.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { maxAbs, type Problem, problemArb } from "./_problems.js";

/*
 * Finite-difference tolerances. Central differences with h_j = 1e-5·max(1, |θ_j|) have truncation error
 * h²/6·|∂³ℒ| and round-off ~ε·|ℒ|/h. ℒ is a polynomial of degree ≤ 2L ≤ 10 in θ with |θ_j| ≤ 1 and data
 * |x|, |y| ≤ 2, so |∂³ℒ| ≲ (2L)³·scale ≈ 1e3·scale and the truncation term is ≲ 2e-8·scale; the round-off
 * term is ≈ 2e-11·scale. We therefore allow 1e-6 relative to scale = max(‖∇ℒ‖_∞, |ℒ|) (entries of θ are O(1)
 * so both have the same units in practice). Observed worst case over 400 random problems: 5e-11.
 * For the Hessian (differences of the gradient) the same reasoning applies with
 * scale = max(‖H‖_max, ‖∇ℒ‖_∞, |ℒ|); observed worst 4e-11.
 */
const FD_REL_TOL = 1e-6;

function fdStep(theta: Float64Array, j: number): number {
  return 1e-5 * Math.max(1, Math.abs(theta[j] as number));
}

function objectiveOf(p: Problem, route?: "end-to-end" | "second-moment"): LinearNetObjective {
  return new LinearNetObjective(p.net, p.moments, p.loss, route === undefined ? {} : { route });
}

/** Raw Hessian from Hessian-vector products with unit vectors (not symmetrised). */
function rawHessian(obj: LinearNetObjective, theta: Float64Array): Float64Array {
  const n = obj.dim;
  const H = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    obj.hessianVectorProduct(theta, e, col);
    e[j] = 0;
    for (let i = 0; i < n; i++) H[i * n + j] = col[i] as number;
  }
  return H;
}

/** The end-to-end map computed by plain triple loops from the views. */
function naiveProduct(net: LinearNet, theta: Float64Array): number[][] {
  const W = net.views(theta);
  let P = (W[0] as Matrix).toArray();
  for (let i = 1; i < W.length; i++) {
    const Wi = W[i] as Matrix;
    const next: number[][] = [];
    for (let a = 0; a < Wi.rows; a++) {
      const row: number[] = [];
      for (let b = 0; b < (P[0] as number[]).length; b++) {
        let s = 0;
        for (let k = 0; k < Wi.cols; k++) s += Wi.get(a, k) * ((P[k] as number[])[b] as number);
        row.push(s);
      }
      next.push(row);
    }
    P = next;
  }
  return P;
}

describe("LinearNetObjective: gradient and Hessian against finite differences", () => {
  for (const noise of [false, true]) {
    const label = noise ? "with stochastic neurons" : "without noise";
    it(`gradient = central differences of the value to ${FD_REL_TOL} relative (${label}; depths 1–5, widths 1–6, random data, γ, c)`, () => {
      fc.assert(
        fc.property(problemArb({ noise }), (p) => {
          const obj = objectiveOf(p);
          const n = obj.dim;
          const g = new Float64Array(n);
          const v = obj.valueAndGradient(p.theta, g);
          const scale = Math.max(maxAbs(g), Math.abs(v), 1e-300);
          let worst = 0;
          for (let j = 0; j < n; j++) {
            const h = fdStep(p.theta, j);
            const tp = p.theta.slice();
            const tm = p.theta.slice();
            tp[j] = (tp[j] as number) + h;
            tm[j] = (tm[j] as number) - h;
            const fd = (obj.value(tp) - obj.value(tm)) / ((tp[j] as number) - (tm[j] as number));
            worst = Math.max(worst, Math.abs(fd - (g[j] as number)));
          }
          expect(worst).toBeLessThanOrEqual(FD_REL_TOL * scale);
        }),
      );
    });

    it(`Hessian = central differences of the gradient to ${FD_REL_TOL} relative, and symmetric to 1e-13 (${label})`, () => {
      fc.assert(
        fc.property(problemArb({ noise }), (p) => {
          const obj = objectiveOf(p);
          const n = obj.dim;
          const g = new Float64Array(n);
          const v = obj.valueAndGradient(p.theta, g);
          const H = rawHessian(obj, p.theta);
          const hmax = maxAbs(H);
          const scale = Math.max(hmax, maxAbs(g), Math.abs(v), 1e-300);
          const gp = new Float64Array(n);
          const gm = new Float64Array(n);
          let worstFd = 0;
          for (let j = 0; j < n; j++) {
            const h = fdStep(p.theta, j);
            const tp = p.theta.slice();
            const tm = p.theta.slice();
            tp[j] = (tp[j] as number) + h;
            tm[j] = (tm[j] as number) - h;
            obj.valueAndGradient(tp, gp);
            obj.valueAndGradient(tm, gm);
            const step = (tp[j] as number) - (tm[j] as number);
            for (let i = 0; i < n; i++) {
              const fd = ((gp[i] as number) - (gm[i] as number)) / step;
              worstFd = Math.max(worstFd, Math.abs(fd - (H[i * n + j] as number)));
            }
          }
          expect(worstFd).toBeLessThanOrEqual(FD_REL_TOL * scale);
          // The exact Hessian is symmetric; the raw HVP columns differ from their transposes only by the
          // round-off of different summation orders (~dim·ε·‖H‖, observed 3e-16 relative).
          let asym = 0;
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++)
              asym = Math.max(asym, Math.abs((H[i * n + j] as number) - (H[j * n + i] as number)));
          expect(asym).toBeLessThanOrEqual(1e-13 * hmax);
          // hessian() returns the symmetrised raw matrix: exactly symmetric and within round-off of the raw one.
          const Hs = obj.hessian(p.theta);
          let exactSym = true;
          let dev = 0;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              if (Hs.get(i, j) !== Hs.get(j, i)) exactSym = false;
              dev = Math.max(dev, Math.abs(Hs.get(i, j) - (H[i * n + j] as number)));
            }
          expect(exactSym).toBe(true);
          expect(dev).toBeLessThanOrEqual(1e-13 * hmax);
        }),
        { numRuns: 40 },
      );
    });
  }

  it("hessianVectorProduct(v) = hessian·v (1e-12 relative: round-off of the linear combination) and = central differences of ∇ℒ along v (1e-6)", () => {
    fc.assert(
      fc.property(problemArb({ noise: true }), fc.integer(), (p, seed) => {
        const obj = objectiveOf(p);
        const n = obj.dim;
        const v = new Rng(seed).fillGaussian(new Float64Array(n));
        const hv = obj.hessianVectorProduct(p.theta, v, new Float64Array(n));
        const H = obj.hessian(p.theta);
        const Hv = new Float64Array(n);
        let rowScale = 0;
        for (let i = 0; i < n; i++) {
          let s = 0;
          let a = 0;
          for (let j = 0; j < n; j++) {
            s += H.get(i, j) * (v[j] as number);
            a += Math.abs(H.get(i, j) * (v[j] as number));
          }
          Hv[i] = s;
          rowScale = Math.max(rowScale, a);
        }
        for (let i = 0; i < n; i++)
          expect(Math.abs((hv[i] as number) - (Hv[i] as number))).toBeLessThanOrEqual(1e-12 * rowScale + 1e-300);
        // Directional central difference of the gradient, h = 1e-5/‖v‖_∞.
        const h = 1e-5 / Math.max(maxAbs(v), 1e-300);
        const tp = p.theta.map((t, k) => t + h * (v[k] as number));
        const tm = p.theta.map((t, k) => t - h * (v[k] as number));
        const gp = new Float64Array(n);
        const gm = new Float64Array(n);
        const fp = obj.valueAndGradient(tp, gp);
        obj.valueAndGradient(tm, gm);
        const scale = Math.max(maxAbs(hv), maxAbs(gp), Math.abs(fp), 1e-300) * Math.max(1, maxAbs(v));
        for (let i = 0; i < n; i++)
          expect(Math.abs(((gp[i] as number) - (gm[i] as number)) / (2 * h) - (hv[i] as number))).toBeLessThanOrEqual(
            FD_REL_TOL * scale,
          );
      }),
      { numRuns: 30 },
    );
  });

  it("the end-to-end and second-moment routes agree without noise (value and gradient to 1e-13: round-off of two multiplication orders)", () => {
    fc.assert(
      fc.property(problemArb({ noise: false }), (p) => {
        const a = objectiveOf(p, "end-to-end");
        const b = objectiveOf(p, "second-moment");
        expect(a.route).toBe("end-to-end");
        const ga = new Float64Array(a.dim);
        const gb = new Float64Array(a.dim);
        const va = a.valueAndGradient(p.theta, ga);
        const vb = b.valueAndGradient(p.theta, gb);
        // The value is Ey2 − 2⟨P,Σyx⟩ + ⟨PΣxx,P⟩: cancellation makes Ey2 (or |ℒ|) the round-off scale.
        expect(Math.abs(va - vb)).toBeLessThanOrEqual(1e-13 * Math.max(Math.abs(va), p.moments.Ey2, 1e-300));
        const gs = Math.max(maxAbs(ga), 1e-300);
        for (let k = 0; k < a.dim; k++)
          expect(Math.abs((ga[k] as number) - (gb[k] as number))).toBeLessThanOrEqual(1e-13 * gs);
      }),
    );
  });
});

describe("LinearNetObjective: value against independent routes", () => {
  it("without noise, ℒ = c·mean_k ‖Px_k − y_k‖² + Σγ_i‖W_i‖² over the samples the moments came from (1e-12 relative to the mean of ‖Px‖² + ‖y‖²)", () => {
    fc.assert(
      fc.property(problemArb({ noise: false }), (p) => {
        const obj = objectiveOf(p);
        const P = naiveProduct(p.net, p.theta);
        const n = p.X.rows;
        let sum = 0;
        let scale = 0;
        for (let k = 0; k < n; k++) {
          for (let a = 0; a < p.Y.cols; a++) {
            let f = 0;
            for (let b = 0; b < p.X.cols; b++) f += ((P[a] as number[])[b] as number) * p.X.get(k, b);
            sum += (f - p.Y.get(k, a)) ** 2;
            scale += f * f + p.Y.get(k, a) ** 2;
          }
        }
        let reg = 0;
        p.net.views(p.theta).forEach((W, i) => {
          for (const w of W.data) reg += (p.loss.gamma[i] as number) * w * w;
        });
        const expected = (p.loss.c * sum) / n + reg;
        expect(Math.abs(obj.value(p.theta) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(scale / n + reg, 1e-300));
      }),
    );
  });

  it("endToEnd(θ) = W_L⋯W_1 by plain loops (1e-14 relative)", () => {
    fc.assert(
      fc.property(problemArb({ noise: false }), (p) => {
        const P = objectiveOf(p).endToEnd(p.theta);
        const Q = naiveProduct(p.net, p.theta);
        let s = 0;
        for (const row of Q) for (const v of row) s = Math.max(s, Math.abs(v));
        for (let a = 0; a < P.rows; a++)
          for (let b = 0; b < P.cols; b++)
            expect(Math.abs(P.get(a, b) - ((Q[a] as number[])[b] as number))).toBeLessThanOrEqual(
              1e-14 * Math.max(s, 1) * 8,
            );
      }),
    );
  });

  it("scalar chain: ℒ = A·P² − 2aP + E[y²] + Σγ_i w_i² (Ziyin et al. 2022, arXiv 2202.04777, §3; 1e-14 relative)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -16, max: 16 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: -16, max: 16 }),
        fc.integer({ min: 0, max: 16 }),
        (w8, A8, a8, g16) => {
          const L = w8.length;
          const net = new LinearNet(Array.from({ length: L + 1 }, () => 1));
          const [A, a, g] = [A8 / 8, a8 / 8, g16 / 16];
          const obj = new LinearNetObjective(net, Moments.of({ Sxx: A, Syx: a, Ey2: 3 }), { gamma: g });
          const w = w8.map((k) => k / 8);
          const P = w.reduce((x, y) => x * y, 1);
          const expected = A * P * P - 2 * a * P + 3 + g * w.reduce((s, x) => s + x * x, 0);
          expect(Math.abs(obj.value(Float64Array.from(w)) - expected)).toBeLessThanOrEqual(
            1e-14 * (A * P * P + 2 * Math.abs(a * P) + 3 + 10),
          );
        },
      ),
    );
  });

  it("one hidden layer, scalar output: ℒ₀ = UᵀS₁U + σ²Σ_j U_j²(S₁)_jj − 2UᵀWa + E[y²], S₁ = WAWᵀ (ziyin2022 note, 'Exact noise-averaged losses'; 1e-12 relative)", () => {
    fc.assert(
      fc.property(problemArb({ noise: true, minDepth: 2, maxDepth: 2, gamma: false, halfC: false }), (p) => {
        if ((p.widths[2] as number) !== 1) return; // the closed form is for scalar output
        const [W, Ut] = p.net.views(p.theta) as [Matrix, Matrix];
        const sigma2 = p.loss.noise[0] as number;
        const A = p.moments.Sxx;
        const a = p.moments.Syx; // 1 × d0 (aᵀ)
        const d1 = W.rows;
        const d0 = W.cols;
        const S1 = (i: number, j: number) => {
          let s = 0;
          for (let k = 0; k < d0; k++) for (let l = 0; l < d0; l++) s += W.get(i, k) * A.get(k, l) * W.get(j, l);
          return s;
        };
        let L0 = p.moments.Ey2;
        let scale = p.moments.Ey2;
        for (let i = 0; i < d1; i++) {
          const Ui = Ut.get(0, i);
          for (let j = 0; j < d1; j++) {
            L0 += Ui * S1(i, j) * Ut.get(0, j);
            scale += Math.abs(Ui * S1(i, j) * Ut.get(0, j));
          }
          L0 += sigma2 * Ui * Ui * S1(i, i);
          let Wa = 0;
          for (let k = 0; k < d0; k++) Wa += W.get(i, k) * a.get(0, k);
          L0 -= 2 * Ui * Wa;
          scale += sigma2 * Ui * Ui * S1(i, i) + 2 * Math.abs(Ui * Wa);
        }
        expect(Math.abs(objectiveOf(p).value(p.theta) - L0)).toBeLessThanOrEqual(1e-12 * scale);
      }),
    );
  });

  it("two hidden layers, scalar output: ℒ₀ = UᵀGU + σ₂²Σ_k U_k²G_kk − 2UᵀW₂W₁a + E[y²], G = W₂(S₁ + σ₁²Diag(S₁))W₂ᵀ (ziyin2022 note; 1e-12 relative)", () => {
    fc.assert(
      fc.property(problemArb({ noise: true, minDepth: 3, maxDepth: 3, gamma: false, halfC: false }), (p) => {
        if ((p.widths[3] as number) !== 1) return;
        const [W1, W2, Ut] = p.net.views(p.theta) as [Matrix, Matrix, Matrix];
        const [s1, s2] = p.loss.noise as [number, number];
        const A = p.moments.Sxx;
        const a = p.moments.Syx;
        const d0 = W1.cols;
        const d1 = W1.rows;
        const d2 = W2.rows;
        const S1: number[][] = [];
        for (let i = 0; i < d1; i++) {
          S1.push([]);
          for (let j = 0; j < d1; j++) {
            let s = 0;
            for (let k = 0; k < d0; k++) for (let l = 0; l < d0; l++) s += W1.get(i, k) * A.get(k, l) * W1.get(j, l);
            (S1[i] as number[]).push(s);
          }
        }
        const St = S1.map((row, i) => row.map((v, j) => (i === j ? v * (1 + s1) : v)));
        const G = (i: number, j: number) => {
          let s = 0;
          for (let k = 0; k < d1; k++)
            for (let l = 0; l < d1; l++) s += W2.get(i, k) * ((St[k] as number[])[l] as number) * W2.get(j, l);
          return s;
        };
        let L0 = p.moments.Ey2;
        let scale = p.moments.Ey2;
        for (let i = 0; i < d2; i++) {
          const Ui = Ut.get(0, i);
          for (let j = 0; j < d2; j++) {
            L0 += Ui * G(i, j) * Ut.get(0, j);
            scale += Math.abs(Ui * G(i, j) * Ut.get(0, j));
          }
          L0 += s2 * Ui * Ui * G(i, i);
          let WWa = 0;
          for (let k = 0; k < d1; k++) for (let l = 0; l < d0; l++) WWa += W2.get(i, k) * W1.get(k, l) * a.get(0, l);
          L0 -= 2 * Ui * WWa;
          scale += s2 * Ui * Ui * G(i, i) + 2 * Math.abs(Ui * WWa);
        }
        expect(Math.abs(objectiveOf(p).value(p.theta) - L0)).toBeLessThanOrEqual(1e-12 * scale);
      }),
    );
  });
});

/**
 * Monte-Carlo average of c·mean_k‖f(x_k; ε) − y_k‖² + Σγ‖W‖² over fresh noise per sample and unit. Each
 * draw uses the whole (explicit) sample set, so the data expectation is exact and only the noise is sampled.
 */
function monteCarlo(p: Problem, draws: number, rng: Rng, kind: "gaussian" | "dropout"): { mean: number; se: number } {
  const W = p.net.views(p.theta);
  const L = W.length;
  let reg = 0;
  W.forEach((Wi, i) => {
    for (const w of Wi.data) reg += (p.loss.gamma[i] as number) * w * w;
  });
  let s1 = 0;
  let s2 = 0;
  const n = p.X.rows;
  for (let t = 0; t < draws; t++) {
    let loss = 0;
    for (let k = 0; k < n; k++) {
      let h = Array.from(p.X.data.subarray(k * p.X.cols, (k + 1) * p.X.cols));
      for (let i = 0; i < L; i++) {
        const Wi = W[i] as Matrix;
        const next = new Array<number>(Wi.rows).fill(0);
        for (let a = 0; a < Wi.rows; a++)
          for (let b = 0; b < Wi.cols; b++) next[a] = (next[a] as number) + Wi.get(a, b) * (h[b] as number);
        if (i < L - 1) {
          const s2i = p.loss.noise[i] as number;
          for (let a = 0; a < next.length; a++) {
            let eps: number;
            if (kind === "gaussian") eps = 1 + Math.sqrt(s2i) * rng.gaussian();
            else {
              const keep = 1 / (1 + s2i); // Bernoulli(keep)/keep: mean 1, variance (1 − keep)/keep = σ²
              eps = rng.uniform() < keep ? 1 / keep : 0;
            }
            next[a] = (next[a] as number) * eps;
          }
        }
        h = next;
      }
      for (let a = 0; a < h.length; a++) loss += ((h[a] as number) - p.Y.get(k, a)) ** 2;
    }
    const value = (p.loss.c * loss) / n + reg;
    s1 += value;
    s2 += value * value;
  }
  const mean = s1 / draws;
  const variance = Math.max(0, (s2 / draws - mean * mean) * (draws / (draws - 1)));
  return { mean, se: Math.sqrt(variance / draws) };
}

describe("LinearNetObjective: stochastic neurons against Monte Carlo", () => {
  for (const kind of ["gaussian", "dropout"] as const) {
    it(`exact noise average = Monte-Carlo mean within 5 standard errors (${kind} noise of the same variance, 3000 draws)`, () => {
      fc.assert(
        fc.property(problemArb({ noise: true, minDepth: 2, maxDepth: 4, maxWidth: 4 }), fc.integer(), (p, seed) => {
          const exact = objectiveOf(p).value(p.theta);
          const { mean, se } = monteCarlo(p, 3000, new Rng(seed), kind);
          // 5 SE: a false alarm has probability ~6e-7 per case under the CLT; se = 0 only when the loss does
          // not depend on the noise, and then the two must agree to round-off.
          expect(Math.abs(mean - exact)).toBeLessThanOrEqual(5 * se + 1e-12 * Math.max(1, Math.abs(exact)));
        }),
        { numRuns: 12 },
      );
    });
  }
});

describe("LinearNetObjective: exact one-step gradient-descent identity", () => {
  /** D_i = W_{i+1}ᵀW_{i+1} − W_iW_iᵀ (d_i × d_i) for i = 1..L−1, plus the scale ‖W_{i+1}‖² + ‖W_i‖². */
  function imbalances(net: LinearNet, theta: Float64Array): { D: number[][][]; scale: number[] } {
    const W = net.views(theta);
    const D: number[][][] = [];
    const scale: number[] = [];
    for (let i = 0; i + 1 < W.length; i++) {
      const A = W[i + 1] as Matrix;
      const B = W[i] as Matrix;
      const d = B.rows;
      const M: number[][] = [];
      for (let r = 0; r < d; r++) {
        const row: number[] = [];
        for (let c = 0; c < d; c++) {
          let s = 0;
          for (let k = 0; k < A.rows; k++) s += A.get(k, r) * A.get(k, c);
          for (let k = 0; k < B.cols; k++) s -= B.get(r, k) * B.get(c, k);
          row.push(s);
        }
        M.push(row);
      }
      D.push(M);
      let sc = 0;
      for (const v of A.data) sc += v * v;
      for (const v of B.data) sc += v * v;
      scale.push(sc);
    }
    return { D, scale };
  }

  function check(p: Problem, eta: number, decay: number, onlyDiagonal: boolean) {
    const obj = objectiveOf(p);
    const n = obj.dim;
    const g = new Float64Array(n);
    obj.valueAndGradient(p.theta, g);
    const next = p.theta.map((t, k) => t - eta * (g[k] as number));
    const before = imbalances(p.net, p.theta);
    const after = imbalances(p.net, next);
    // G_i without the weight-decay part: the identity is D' = (1 − 2ηγ)²D + η²(G₀_{i+1}ᵀG₀_{i+1} − G₀_iG₀_iᵀ).
    const g0 = g.slice();
    const Gv = p.net.views(g0);
    const Wv = p.net.views(p.theta);
    Gv.forEach((Gi, i) => {
      for (let k = 0; k < Gi.data.length; k++)
        Gi.data[k] = (Gi.data[k] as number) - 2 * decay * ((Wv[i] as Matrix).data[k] as number);
    });
    const G = imbalances(p.net, g0).D; // G_{i+1}ᵀG_{i+1} − G_iG_iᵀ has the same form
    const f = (1 - 2 * eta * decay) ** 2;
    let worst = 0;
    let signal = 0;
    for (let i = 0; i < before.D.length; i++) {
      const sc = (after.scale[i] as number) + (before.scale[i] as number);
      const Di = before.D[i] as number[][];
      const Ai = after.D[i] as number[][];
      const Gi = G[i] as number[][];
      for (let r = 0; r < Di.length; r++) {
        for (let c = 0; c < Di.length; c++) {
          if (onlyDiagonal && r !== c) continue;
          const gTerm = eta * eta * ((Gi[r] as number[])[c] as number);
          const predicted = f * ((Di[r] as number[])[c] as number) + gTerm;
          const got = (Ai[r] as number[])[c] as number;
          worst = Math.max(worst, Math.abs(got - predicted) / Math.max(sc, 1e-300));
          signal = Math.max(signal, Math.abs(gTerm) / Math.max(sc, 1e-300));
        }
      }
    }
    return { worst, signal };
  }

  it("γ = 0, no noise: D_i ← D_i + η²(G_{i+1}ᵀG_{i+1} − G_iG_iᵀ) exactly (1e-12 relative to ‖W_{i+1}‖² + ‖W_i‖²: round-off of the Gram products)", () => {
    let maxSignal = 0;
    fc.assert(
      fc.property(problemArb({ noise: false, minDepth: 2, gamma: false }), fc.integer({ min: 1, max: 8 }), (p, k) => {
        const { worst, signal } = check(p, k / 16, 0, false);
        expect(worst).toBeLessThanOrEqual(1e-12);
        maxSignal = Math.max(maxSignal, signal);
      }),
    );
    // The η² term is far above the tolerance, so the test could tell the identity from D' = D.
    expect(maxSignal).toBeGreaterThan(1e-6);
  });

  it("equal weight decay γ: D_i ← (1 − 2ηγ)²D_i + η²(G₀_{i+1}ᵀG₀_{i+1} − G₀_iG₀_iᵀ), G₀ the data part (1e-12 relative)", () => {
    fc.assert(
      fc.property(
        problemArb({ noise: false, minDepth: 2, gamma: false }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (p, k, g16) => {
          const decay = g16 / 16;
          const q: Problem = { ...p, loss: { ...p.loss, gamma: p.loss.gamma.map(() => decay) } };
          expect(check(q, k / 16, decay, false).worst).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  it("with stochastic neurons only the diagonal of the identity survives (1e-12), the off-diagonal part fails by O(η)", () => {
    fc.assert(
      fc.property(problemArb({ noise: true, minDepth: 2, gamma: false }), fc.integer({ min: 1, max: 8 }), (p, k) => {
        expect(check(p, k / 16, 0, true).worst).toBeLessThanOrEqual(1e-12);
      }),
    );
    // A fixed noisy case where the full identity visibly fails (negative control).
    const net = new LinearNet([2, 3, 2]);
    const X = Matrix.fromRows([
      [1, 0.5],
      [-0.5, 1],
      [0.25, -1],
    ]);
    const Y = Matrix.fromRows([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const theta = Float64Array.from({ length: net.dim }, (_, k) => Math.sin(k + 1));
    const p: Problem = {
      widths: [2, 3, 2],
      net,
      X,
      Y,
      moments: Moments.fromSamples(X, Y),
      theta,
      loss: { c: 1, gamma: [0, 0], noise: [0.5] },
    };
    expect(check(p, 0.1, 0, false).worst).toBeGreaterThan(1e-4);
  });
});

describe("LinearNetObjective: inputs", () => {
  const moments = Moments.of({ Sxx: Matrix.identity(2), Syx: [[1, 0]], Ey2: 1 });

  it("rejects moments that do not fit the widths", () => {
    expect(() => new LinearNetObjective(new LinearNet([3, 2, 1]), moments)).toThrow(ShapeError);
    expect(() => new LinearNetObjective(new LinearNet([2, 2, 2]), moments)).toThrow(
      /moments.Syx.shape = "1×2": must be 2×2/,
    );
  });

  it.each([
    [
      { gamma: -0.1 },
      /gamma\[0\] \(weight decay on W_1\) = -0.1: must be a finite number ≥ 0\. .*use 0 to switch it off/,
    ],
    [{ gamma: [0, Number.NaN] }, /gamma\[1\] \(weight decay on W_2\) = NaN: must be a finite number ≥ 0/],
    [
      { gamma: [0, 0, 0] },
      /gamma = \[0, 0, 0\]: must have one entry per weight matrix \(2\), got 3\. Pass a single number/,
    ],
    [{ noise: -0.5 }, /noise\[0\] \(variance σ² of hidden layer 1\) = -0.5: must be a finite number ≥ 0\. .*dropout/],
    [{ noise: [0.1, 0.2] }, /noise = \[0.1, 0.2\]: must have one entry per hidden layer \(1\), got 2/],
    [{ c: 2 as 1 }, /c = 2: must be 1 or 0.5 .*Use c = 1 .* or c = 0.5/],
  ])("rejects bad loss options %o with a message naming parameter, value and fix", (loss, message) => {
    expect(() => new LinearNetObjective(new LinearNet([2, 3, 1]), moments, loss)).toThrow(message);
  });

  it("types: negative γ/σ² and bad c are DomainErrors; wrong lengths are ShapeErrors", () => {
    const net = new LinearNet([2, 3, 1]);
    expect(() => new LinearNetObjective(net, moments, { gamma: -1 })).toThrow(DomainError);
    expect(() => new LinearNetObjective(net, moments, { noise: -1 })).toThrow(DomainError);
    expect(() => new LinearNetObjective(net, moments, { gamma: [1] })).toThrow(ShapeError);
  });

  it("rejects noise on a net without hidden layers and the end-to-end route with noise", () => {
    expect(() => new LinearNetObjective(new LinearNet([2, 1]), moments, { noise: 0.1 })).toThrow(
      /noise = 0.1: must be 0 for a net with no hidden layer/,
    );
    expect(
      () => new LinearNetObjective(new LinearNet([2, 3, 1]), moments, { noise: 0.1 }, { route: "end-to-end" }),
    ).toThrow(/route = "end-to-end": cannot average stochastic neurons/);
  });

  it("checks buffer lengths, rejects non-finite θ in value/hessian, and lets grad alias θ", () => {
    const net = new LinearNet([2, 3, 1]);
    const obj = new LinearNetObjective(net, moments, { noise: 0.2 });
    expect(() => obj.valueAndGradient(new Float64Array(3), new Float64Array(net.dim))).toThrow(
      /theta.length = 3: must be a Float64Array of length dim = 9/,
    );
    expect(() => obj.valueAndGradient(new Float64Array(net.dim), new Float64Array(2))).toThrow(/grad.length = 2/);
    const bad = new Float64Array(net.dim);
    bad[4] = Number.NaN;
    expect(() => obj.value(bad)).toThrow(/theta\[4\] = NaN: must be finite/);
    expect(() => obj.hessian(bad)).toThrow(DomainError);
    const theta = Float64Array.from({ length: net.dim }, (_, k) => (k - 4) / 8);
    const g = new Float64Array(net.dim);
    const v = obj.valueAndGradient(theta, g);
    const aliased = theta.slice();
    // Same inputs, same arithmetic: bit-identical.
    expect(obj.valueAndGradient(aliased, aliased)).toBe(v);
    expect(Array.from(aliased)).toEqual(Array.from(g));
  });
});

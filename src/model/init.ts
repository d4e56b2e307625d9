/**
 * Initialisers: each returns a fresh flat θ in the layout of {@link LinearNet}. All randomness comes from the
 * given {@link Rng}, so the same seed gives the same θ bit for bit.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import { Matrix } from "../core/matrix.js";
import { randomOrthogonal } from "../core/orthogonal.js";
import type { Rng } from "../core/rng.js";
import { requireNonNegative } from "../core/validate.js";
import type { LinearNet } from "./architecture.js";

/** Independent N(0, scale²) entries in every weight matrix. @throws DomainError for scale < 0 or non-finite */
export function initGaussian(net: LinearNet, rng: Rng, scale: number): Float64Array {
  requireNonNegative("scale", scale, "It is the standard deviation of every entry; use 0 for all-zero weights.");
  const theta = new Float64Array(net.dim);
  rng.fillGaussian(theta, scale);
  return theta;
}

/**
 * Scaled random semi-orthogonal layers (Saxe, McClelland, Ganguli 2014, arXiv 1312.6120, §3): W_i = scale·Q_i
 * with Q_i uniformly distributed among `d_i × d_{i−1}` matrices with orthonormal columns (d_i ≥ d_{i−1}) or
 * rows (d_i < d_{i−1}). The layers are drawn independently, so the net is in general NOT balanced (see
 * {@link initBalanced}).
 * @param scale - multiplier of every layer @defaultValue 1
 */
export function initOrthogonal(net: LinearNet, rng: Rng, scale = 1): Float64Array {
  requireNonNegative("scale", scale, "It multiplies every orthogonal layer; use 1 for exact isometries.");
  const theta = new Float64Array(net.dim);
  for (let i = 0; i < net.depth; i++) {
    const Q = randomOrthogonal(rng, net.rowsOf(i), net.colsOf(i));
    const off = net.offsets[i] as number;
    for (let k = 0; k < Q.data.length; k++) theta[off + k] = scale * (Q.data[k] as number);
  }
  return theta;
}

/** Options of {@link initBalanced}. */
export interface BalancedInitOptions {
  /**
   * Relative singular values s_1..s_r (r = min(widths)), each ≥ 0; every layer gets scale·s_k.
   * @defaultValue all ones (every layer a scaled partial isometry of rank r)
   */
  singularValues?: readonly number[];
  /**
   * `"random"`: Haar-random orthogonal frames F_i; `"identity"`: F_i = I, so W_i = scale·diag(s) padded
   * with zeros (deterministic, no randomness consumed).
   * @defaultValue "random"
   */
  frames?: "random" | "identity";
}

/**
 * An exactly balanced initialisation: `W_{i+1}ᵀW_{i+1} = W_iW_iᵀ` for every `i = 1..L−1` (the balanced set
 * of Du, Hu, Lee 2018, arXiv 1806.00900, and Arora, Cohen, Hazan 2018, arXiv 1802.06509, §3, which gradient
 * flow at γ = 0 preserves).
 *
 * Construction: orthogonal frames F_0 (d0×d0), …, F_L (dL×dL) and one shared diagonal
 * Σ_i ∈ R^{d_i×d_{i−1}} with entries scale·s_1..scale·s_r (r = min(widths)), zero elsewhere;
 * W_i = F_i Σ_i F_{i−1}ᵀ (the right frame of layer i+1 is the left frame of layer i). Then
 * W_{i+1}ᵀW_{i+1} = F_i Σ_{i+1}ᵀΣ_{i+1} F_iᵀ = F_i diag(s², 0) F_iᵀ = F_i Σ_iΣ_iᵀ F_iᵀ = W_iW_iᵀ.
 *
 * Which widths allow it: ALL. A balanced net has the same non-zero singular values in every layer, so
 * its common rank is at most min(widths), and this construction attains rank exactly min(widths) (for
 * non-zero s) for any widths, including bottlenecks and unequal input/output widths. Computed in
 * floating point the identity holds to a few ulps of scale², ~1e-15·scale² for small widths.
 *
 * @throws DomainError for a negative scale or singular value; ShapeError when `singularValues` does not
 *   have length r
 */
export function initBalanced(net: LinearNet, rng: Rng, scale: number, options: BalancedInitOptions = {}): Float64Array {
  requireNonNegative("scale", scale, "It sets every layer's singular values; use 0 for the origin.");
  const w = net.widths;
  const r = Math.min(...w);
  const s = options.singularValues ?? Array.from({ length: r }, () => 1);
  if (!Array.isArray(s) || s.length !== r) {
    throw new ShapeError(
      errorMessage(
        "singularValues",
        s,
        `must have r = min(widths) = ${r} entries for widths [${w.join(", ")}]`,
        `Pass exactly ${r} values (the shared singular values of every layer), or omit it for all ones.`,
      ),
    );
  }
  for (let k = 0; k < r; k++)
    requireNonNegative(`singularValues[${k}]`, s[k] as number, "Singular values are ≥ 0 (signs live in the frames).");
  const frames = options.frames ?? "random";
  if (frames !== "random" && frames !== "identity") {
    throw new DomainError(errorMessage("frames", frames, 'must be "random" or "identity"', 'Omit it for "random".'));
  }
  const F: Matrix[] = w.map((d) => (frames === "random" ? randomOrthogonal(rng, d) : Matrix.identity(d)));
  const theta = new Float64Array(net.dim);
  for (let i = 1; i <= net.depth; i++) {
    // W_i = Σ_k scale·s_k · F_i[:, k] F_{i−1}[:, k]ᵀ
    const Fi = F[i] as Matrix;
    const Fp = F[i - 1] as Matrix;
    const di = w[i] as number;
    const dp = w[i - 1] as number;
    const off = net.offsets[i - 1] as number;
    for (let a = 0; a < di; a++) {
      for (let b = 0; b < dp; b++) {
        let sum = 0;
        for (let k = 0; k < r; k++)
          sum += (s[k] as number) * (Fi.data[a * di + k] as number) * (Fp.data[b * dp + k] as number);
        theta[off + a * dp + b] = scale * sum;
      }
    }
  }
  return theta;
}

/**
 * Packs explicit weights `W_1, …, W_L` (Matrix or nested arrays, one row per array) into θ.
 * @throws ShapeError for a wrong count or shape (naming the layer and the expected shape); DomainError for
 *   non-finite entries
 */
export function initFromWeights(
  net: LinearNet,
  weights: readonly (Matrix | readonly (readonly number[])[])[],
): Float64Array {
  if (!Array.isArray(weights)) {
    throw new ShapeError(
      errorMessage("weights", weights, "must be an array of matrices W_1, …, W_L", "Pass one matrix per layer."),
    );
  }
  const mats = weights.map((m, i) => (m instanceof Matrix ? m : Matrix.fromRows(m as number[][], `weights[${i}]`)));
  return net.pack(mats);
}

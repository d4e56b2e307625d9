/**
 * Initialisers for {@link NonlinearNet}: Gaussian weights with per-layer scales β_l, and the antisymmetric
 * paired initialisation that makes the initial output identically zero.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { expandPerLayer, requireNonNegative } from "../../core/validate.js";
import type { NonlinearNet } from "./nonlinear-net.js";

/** Options of {@link initNonlinear}. */
export interface NonlinearInitOptions {
  /**
   * β_l: the standard deviation of the entries of W_l (one number for all layers, or one per layer).
   * @defaultValue 1/√d_{l−1} for each layer (fan-in scaling)
   */
  scales?: number | readonly number[];
  /**
   * Standard deviation of the bias entries (nets with biases only).
   * @defaultValue 0 (biases start at zero)
   */
  biasScale?: number;
  /**
   * Antisymmetric pairing (f₀ ≡ 0): the last hidden layer's units come in adjacent pairs (2k, 2k+1) with
   * identical incoming weights and biases and negated outgoing weights, and b_L = 0, so
   * f(x) = Σ_k v_k(φ(z_k) − φ(z_k)) = 0 for every x. Requires L ≥ 2 and an even d_{L−1}; half of the
   * units of that layer are drawn, the other half copied. Interleaving the pairs makes the zero EXACT in
   * floating point: products are summed in index order from 0 (src/core/matmul.ts), so every pair
   * contributes p − p = 0. This is the doubling trick of Hu et al. 2020 (arXiv 2006.14599, §3: initial
   * output zero) and Chizat & Bach's antisymmetric initialisation.
   * @defaultValue false
   */
  antisymmetric?: boolean;
}

/**
 * θ with W_l entries N(0, β_l²) and bias entries N(0, biasScale²), optionally antisymmetrically paired.
 * @throws DomainError for negative/non-finite scales; ShapeError for a wrong number of scales, or for
 *   `antisymmetric` with L = 1 or odd d_{L−1}
 */
export function initNonlinear(net: NonlinearNet, rng: Rng, options: NonlinearInitOptions = {}): Float64Array {
  const L = net.depth;
  const defaults = Array.from({ length: L }, (_, i) => 1 / Math.sqrt(net.widths[i] as number));
  const scales = options.scales === undefined ? defaults : expandPerLayer("scales", options.scales, L, "weight matrix");
  scales.forEach((s, i) => {
    requireNonNegative(`scales[${i}]`, s, "Use a standard deviation ≥ 0.");
  });
  const biasScale = requireNonNegative("biasScale", options.biasScale ?? 0, "Omit it for zero initial biases.");
  const antisymmetric = options.antisymmetric ?? false;
  if (typeof antisymmetric !== "boolean") {
    throw new DomainError(errorMessage("antisymmetric", antisymmetric, "must be true or false", "Omit it for false."));
  }
  const hidden = net.widths[L - 1] as number;
  if (antisymmetric && (L < 2 || hidden % 2 !== 0)) {
    throw new ShapeError(
      errorMessage(
        "antisymmetric",
        `widths [${net.widths.join(", ")}]`,
        "needs a hidden layer (L ≥ 2) whose last hidden width d_{L−1} is even (units come in pairs)",
        "Make the last hidden width even, e.g. 2m, or drop antisymmetric.",
      ),
    );
  }
  const theta = new Float64Array(net.dim);
  const { W, b } = net.views(theta);
  for (let i = 0; i < L; i++) rng.fillGaussian(W[i]!.data, scales[i] as number);
  if (net.bias && biasScale > 0) for (const bi of b) rng.fillGaussian(bi, biasScale);
  if (antisymmetric) {
    const Win = W[L - 2]!;
    const Wout = W[L - 1]!;
    const cols = Win.cols;
    for (let k = 0; k < hidden; k += 2) {
      for (let p = 0; p < cols; p++) Win.data[(k + 1) * cols + p] = Win.data[k * cols + p]!;
      if (net.bias) b[L - 2]![k + 1] = b[L - 2]![k]!;
      for (let r = 0; r < Wout.rows; r++) Wout.data[r * hidden + k + 1] = -Wout.data[r * hidden + k]!;
    }
    if (net.bias) b[L - 1]!.fill(0);
  }
  return theta;
}

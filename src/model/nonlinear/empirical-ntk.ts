/**
 * The empirical neural tangent kernel of a scalar-output {@link NonlinearNet}.
 *
 * @packageDocumentation
 */
import { errorMessage, ShapeError } from "../../core/errors.js";
import { matmulNTInto } from "../../core/matmul.js";
import { Matrix } from "../../core/matrix.js";
import { BatchKernel } from "./_internals/batch-kernel.js";
import type { NonlinearNet } from "./nonlinear-net.js";

/**
 * Θ(x_s, x_t) = ⟨∇_θ f(x_s), ∇_θ f(x_t)⟩ for the rows of X (n × n, symmetric PSD), at any θ (at
 * initialisation it is the kernel of Hu et al. 2020, arXiv 2006.14599, §4 / Jacot et al. 2018).
 *
 * Route: one batched backward pass with ∂f/∂Z_L = 1/α per sample gives per-sample Δ_i(x_s); the gradient
 * of f(x_s) w.r.t. W_i is the outer product Δ_i(x_s)h_{i−1}(x_s)ᵀ, whose inner products factor, so
 * Θ = Σ_i (Δ_iΔ_iᵀ) ⊙ (H_{i−1}H_{i−1}ᵀ) (+ Σ_i Δ_iΔ_iᵀ for the biases): O(n²·Σd_i) work, never forming
 * the n × dim Jacobian.
 *
 * @throws ShapeError for a vector-output net (dL > 1), a wrong θ, or X with the wrong width
 */
export function empiricalNtk(net: NonlinearNet, theta: Float64Array, X: Matrix): Matrix {
  if (net.widths[net.depth] !== 1) {
    throw new ShapeError(
      errorMessage(
        "widths[L]",
        net.widths[net.depth],
        "must be 1: the empirical NTK here is the n × n kernel of a scalar output",
        "Use a scalar-output net, or one output row of W_L at a time.",
      ),
    );
  }
  net.assertInputs("X", X);
  const { W, b } = net.views(theta);
  const n = X.rows;
  const kernel = new BatchKernel(net, n);
  kernel.forward(W, b, X);
  kernel.Delta[net.depth - 1]!.data.fill(1 / net.alpha);
  kernel.backward(W, X, null, null);
  const theta_ = new Matrix(n, n);
  const dd = new Matrix(n, n);
  const hh = new Matrix(n, n);
  for (let i = 1; i <= net.depth; i++) {
    const Delta = kernel.Delta[i - 1]!;
    matmulNTInto(dd, Delta, Delta);
    matmulNTInto(hh, kernel.input(i, X), kernel.input(i, X));
    const bias = net.bias ? 1 : 0;
    for (let k = 0; k < n * n; k++) theta_.data[k]! += dd.data[k]! * (hh.data[k]! + bias);
  }
  return theta_;
}

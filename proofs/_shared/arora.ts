/**
 * The two sides of Arora, Cohen, Hazan 2018 (arXiv 1802.06509, Thm 1, eq. (10)), computed independently:
 * the velocity of the end-to-end map P = W_N⋯W_1 under the factorised gradient flow (chain rule over the
 * layers' exact gradients), and the end-to-end formula
 *     Ṗ = −Σ_{j=1}^{N} (PPᵀ)^{(j−1)/N} ∇ℓ(P) (PᵀP)^{(N−j)/N}
 * from P, the data moments and principal PSD matrix powers only.
 *
 * Constants in lindyn's conventions: the theorem needs no extra factor beyond the end-to-end loss itself,
 * ℓ(P) = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²), so ∇ℓ(P) = 2c(PΣxx − Σyx), with unit rates (rate η multiplies
 * the right-hand side). For scalars (d_0 = d_N = 1, any hidden widths) PPᵀ = PᵀP = w² and the sum collapses to
 *     ẇ = −N|w|^{2−2/N} ℓ′(w) = −2cN|w|^{2−2/N}(Σxx·w − Σyx).
 *
 * @packageDocumentation
 */
import { matrixPower } from "../../src/core/eigen.js";
import { matmul, matmulNT, matmulTN } from "../../src/core/matmul.js";
import { Matrix } from "../../src/core/matrix.js";
import type { LinearNetObjective } from "../../src/model/objective.js";
import { endToEndGradient } from "./layer-growth.js";

/** Ṗ = Σ_i (W_N⋯W_{i+1})·Ẇ_i·(W_{i−1}⋯W_1) with Ẇ_i = −∇_iℒ (unit rates), from the exact layer gradients. */
export function factorisedVelocity(objective: LinearNetObjective, theta: Float64Array): Matrix {
  const net = objective.net;
  const grad = new Float64Array(net.dim);
  objective.valueAndGradient(theta, grad);
  const W = net.views(theta);
  const G = net.views(grad);
  const L = net.depth;
  const d0 = net.widths[0] as number;
  const dL = net.widths[L] as number;
  // prefix[i] = W_i⋯W_1 (prefix[0] = I_{d0}), suffix[i] = W_L⋯W_{i+1} (suffix[L] = I_{dL}).
  const prefix: Matrix[] = [Matrix.identity(d0)];
  for (let i = 0; i < L; i++) prefix.push(matmul(W[i] as Matrix, prefix[i] as Matrix));
  const suffix: Matrix[] = new Array<Matrix>(L + 1);
  suffix[L] = Matrix.identity(dL);
  for (let i = L - 1; i >= 0; i--) suffix[i] = matmul(suffix[i + 1] as Matrix, W[i] as Matrix);
  const out = new Matrix(dL, d0);
  for (let i = 0; i < L; i++) {
    const term = matmul(matmul(suffix[i + 1] as Matrix, G[i] as Matrix), prefix[i] as Matrix);
    for (let k = 0; k < out.data.length; k++) out.data[k] = (out.data[k] as number) - (term.data[k] as number);
  }
  return out;
}

/** −Σ_j (PPᵀ)^{(j−1)/N} ∇ℓ(P) (PᵀP)^{(N−j)/N}, N = depth, ∇ℓ from the moments (weight decay and noise excluded). */
export function aroraVelocity(objective: LinearNetObjective, P: Matrix): Matrix {
  const N = objective.net.depth;
  const grad = endToEndGradient(objective, P);
  const left = matmulNT(P, P); // PPᵀ
  const right = matmulTN(P, P); // PᵀP
  const out = new Matrix(P.rows, P.cols);
  for (let j = 1; j <= N; j++) {
    const term = matmul(matmul(matrixPower(left, (j - 1) / N), grad), matrixPower(right, (N - j) / N));
    for (let k = 0; k < out.data.length; k++) out.data[k] = (out.data[k] as number) - (term.data[k] as number);
  }
  return out;
}

/** ‖A − B‖_F / max(‖A‖_F, ‖B‖_F) (0 when both vanish). */
export function relativeGap(a: Matrix, b: Matrix): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.data.length; k++) {
    diff += ((a.data[k] as number) - (b.data[k] as number)) ** 2;
    na += (a.data[k] as number) ** 2;
    nb += (b.data[k] as number) ** 2;
  }
  const scale = Math.sqrt(Math.max(na, nb));
  return scale > 0 ? Math.sqrt(diff) / scale : 0;
}

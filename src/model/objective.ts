/**
 * The exact training objective of a deep linear network: loss, gradient, Hessian and Hessian-vector
 * products, with weight decay and stochastic neurons averaged out exactly.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import { matmul } from "../core/matmul.js";
import { Matrix } from "../core/matrix.js";
import { EndToEndKernel } from "./_internals/end-to-end-kernel.js";
import { SecondMomentKernel } from "./_internals/second-moment-kernel.js";
import type { LinearNet } from "./architecture.js";
import { type LossConfig, type LossOptions, lossConfig } from "./loss-config.js";
import type { Moments } from "./moments.js";

/** Anything integrators can minimise: a value and its gradient written into a caller buffer. */
export interface Objective {
  /** Number of parameters. */
  readonly dim: number;
  /** Returns ℒ(θ) and writes ∇ℒ(θ) into `grad` (length `dim`). */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
}

/** Largest parameter count for which {@link LinearNetObjective.hessian} builds the dense dim×dim matrix. */
export const MAX_DENSE_HESSIAN_DIM = 4096;

/** Evaluation route; the two agree to round-off whenever both apply. */
export type ObjectiveRoute = "auto" | "end-to-end" | "second-moment";

/** Options of {@link LinearNetObjective} beyond the loss itself. */
export interface ObjectiveOptions {
  /**
   * How value and gradient are computed. `"end-to-end"`: through P = W_L⋯W_1 with prefix/suffix products
   * (cheapest; noise-free only). `"second-moment"`: propagating S̃_i = W_i S̃_{i−1} W_iᵀ (+ σ_i² Diag) layer by
   * layer (needed for stochastic neurons). `"auto"` picks end-to-end when every σ_i² = 0. The Hessian and
   * Hessian-vector products always use the second-moment route.
   * @defaultValue "auto"
   */
  route?: ObjectiveRoute;
}

/**
 * `ℒ(θ) = c·E_{x,y,ε}‖W_L ε_{L−1}⊙(⋯ε_1⊙(W_1x)) − y‖² + Σ_i γ_i‖W_i‖_F²` for a {@link LinearNet}, data
 * {@link Moments} and {@link LossOptions} (DESIGN.md conventions; the stochastic-neuron model is Ziyin, Li,
 * Meng 2022, arXiv 2202.04777, Eq. 1, with unit-mean noise of variance σ_i² independent across units).
 *
 * Without noise, `ℒ = c(tr(PΣxxPᵀ) − 2tr(ΣyxPᵀ) + E‖y‖²) + Σγ_i‖W_i‖²` and
 * `∂ℒ/∂W_i = 2c·(W_L⋯W_{i+1})ᵀ(PΣxx − Σyx)(W_{i−1}⋯W_1)ᵀ + 2γ_iW_i`. With noise the average is exact by
 * second-moment propagation `S̃_i = S_i + σ_i²Diag(S_i)` (see `_internals/second-moment-kernel.ts`).
 *
 * {@link valueAndGradient} allocates nothing (buffers are preallocated here): safe for integrator loops.
 * (The one exception is V8's own: a non-integer double returned from a call it does not inline is boxed
 * in a 16-byte HeapNumber; the kernels therefore pass scalars through typed arrays internally, so the
 * returned loss is the only such box, and the Hessian-vector product, which returns its buffer, none.)
 * Non-finite θ propagate to a non-finite value and gradient there (integrators report "non-finite");
 * {@link value} and the Hessian methods throw a DomainError instead.
 *
 * @example
 * ```ts
 * const net = new LinearNet([2, 3, 1]);
 * const obj = new LinearNetObjective(net, Moments.of({ Sxx: Matrix.identity(2), Syx: [1, 0.5], Ey2: 2 }),
 *   { gamma: 0.01, noise: 0.25 });
 * const g = new Float64Array(net.dim);
 * const loss = obj.valueAndGradient(initGaussian(net, new Rng(1), 0.5), g);
 * ```
 */
export class LinearNetObjective implements Objective {
  /** The architecture. */
  readonly net: LinearNet;
  /** The data moments (checked to fit the net). */
  readonly moments: Moments;
  /** The validated loss configuration. */
  readonly config: LossConfig;
  /** Number of parameters `net.dim`. */
  readonly dim: number;
  /** The route used by {@link value} and {@link valueAndGradient}. */
  readonly route: "end-to-end" | "second-moment";

  private readonly thetaBuf: Float64Array;
  private readonly gradBuf: Float64Array;
  private readonly W: Matrix[];
  private readonly G: Matrix[];
  private readonly endToEnd_: EndToEndKernel | undefined;
  private readonly secondMoment: SecondMomentKernel;
  private hvpBufs: { V: Matrix[]; out: Matrix[]; vBuf: Float64Array; outBuf: Float64Array } | undefined;

  /**
   * @throws ShapeError when the moments do not fit the widths; DomainError for invalid loss options, or for
   *   `route: "end-to-end"` with non-zero noise
   */
  constructor(net: LinearNet, moments: Moments, loss: LossOptions = {}, options: ObjectiveOptions = {}) {
    moments.assertFits(net);
    this.net = net;
    this.moments = moments;
    this.config = lossConfig(net, loss);
    this.dim = net.dim;
    const noisy = this.config.noise.some((s) => s !== 0);
    const requested = options.route ?? "auto";
    if (requested !== "auto" && requested !== "end-to-end" && requested !== "second-moment") {
      throw new DomainError(
        errorMessage("route", requested, 'must be "auto", "end-to-end" or "second-moment"', 'Omit it for "auto".'),
      );
    }
    if (requested === "end-to-end" && noisy) {
      throw new DomainError(
        errorMessage(
          "route",
          requested,
          "cannot average stochastic neurons (noise > 0): the loss is not a function of P alone",
          'Use route "auto" or "second-moment".',
        ),
      );
    }
    this.route = requested === "auto" ? (noisy ? "second-moment" : "end-to-end") : requested;
    this.thetaBuf = new Float64Array(net.dim);
    this.gradBuf = new Float64Array(net.dim);
    this.W = net.views(this.thetaBuf);
    this.G = net.views(this.gradBuf);
    this.endToEnd_ = this.route === "end-to-end" ? new EndToEndKernel(net, moments, this.config) : undefined;
    this.secondMoment = new SecondMomentKernel(net, moments, this.config);
  }

  private requireFiniteTheta(name: string, theta: Float64Array): void {
    this.net.assertTheta(name, theta);
    for (let k = 0; k < theta.length; k++) {
      if (!Number.isFinite(theta[k] as number)) {
        throw new DomainError(
          errorMessage(
            `${name}[${k}]`,
            theta[k],
            "must be finite",
            "Check the step that produced θ (a diverging learning rate or integrator).",
          ),
        );
      }
    }
  }

  /** Exact (noise-averaged) loss ℒ(θ). @throws ShapeError/DomainError for a wrong-length or non-finite θ */
  value(theta: Float64Array): number {
    this.requireFiniteTheta("theta", theta);
    this.thetaBuf.set(theta);
    if (this.endToEnd_ !== undefined) {
      this.endToEnd_.evaluate(this.W, null);
      return this.endToEnd_.result[0] as number;
    }
    this.secondMoment.evaluate(this.W, null);
    return this.secondMoment.result[0] as number;
  }

  /**
   * Returns ℒ(θ) and writes the exact gradient ∇ℒ(θ) into `grad`. Allocation-free; `grad` may alias
   * `theta`. @throws ShapeError when a buffer length is not `dim`
   */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    this.net.assertTheta("theta", theta);
    this.net.assertTheta("grad", grad);
    this.thetaBuf.set(theta);
    const kernel = this.endToEnd_ ?? this.secondMoment;
    kernel.evaluate(this.W, this.G);
    grad.set(this.gradBuf);
    return kernel.result[0] as number;
  }

  private hvp(): { V: Matrix[]; out: Matrix[]; vBuf: Float64Array; outBuf: Float64Array } {
    if (this.hvpBufs === undefined) {
      const vBuf = new Float64Array(this.dim);
      const outBuf = new Float64Array(this.dim);
      this.hvpBufs = { vBuf, outBuf, V: this.net.views(vBuf), out: this.net.views(outBuf) };
    }
    return this.hvpBufs;
  }

  /**
   * Writes H(θ)·v into `out` and returns it, H the exact Hessian of ℒ (forward-over-reverse: the exact
   * directional derivative of the gradient computation, no step size). Allocation-free after the first
   * call. `out` may alias `v` or `theta`.
   * @throws ShapeError/DomainError for wrong lengths or non-finite θ or v
   */
  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
    this.requireFiniteTheta("theta", theta);
    this.requireFiniteTheta("v", v);
    this.net.assertTheta("out", out);
    const b = this.hvp();
    this.thetaBuf.set(theta);
    b.vBuf.set(v);
    this.secondMoment.hessianVector(this.W, b.V, b.out, this.G);
    out.set(b.outBuf);
    return out;
  }

  /**
   * The exact Hessian (dim × dim), column j = H·e_j by {@link hessianVectorProduct}, then symmetrised
   * (H + Hᵀ)/2 (the exact Hessian is symmetric; the raw columns agree with their transposes to round-off).
   * @throws DomainError when `dim > MAX_DENSE_HESSIAN_DIM` (use hessianVectorProduct instead)
   */
  hessian(theta: Float64Array): Matrix {
    this.requireFiniteTheta("theta", theta);
    const n = this.dim;
    if (n > MAX_DENSE_HESSIAN_DIM) {
      throw new DomainError(
        errorMessage(
          "net.dim",
          n,
          `must be ≤ ${MAX_DENSE_HESSIAN_DIM} for a dense Hessian (${n}² entries)`,
          "Use hessianVectorProduct (matrix-free) for large nets.",
        ),
      );
    }
    const H = new Matrix(n, n);
    const e = new Float64Array(n);
    const col = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e[j] = 1;
      this.hessianVectorProduct(theta, e, col);
      e[j] = 0;
      for (let i = 0; i < n; i++) H.data[i * n + j] = col[i] as number;
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = 0.5 * ((H.data[i * n + j] as number) + (H.data[j * n + i] as number));
        H.data[i * n + j] = s;
        H.data[j * n + i] = s;
      }
    }
    return H;
  }

  /** The end-to-end map P = W_L⋯W_1 (dL × d0), freshly allocated. */
  endToEnd(theta: Float64Array): Matrix {
    const W = this.net.views(theta);
    let P = (W[0] as Matrix).clone();
    for (let i = 1; i < W.length; i++) P = matmul(W[i] as Matrix, P);
    return P;
  }
}

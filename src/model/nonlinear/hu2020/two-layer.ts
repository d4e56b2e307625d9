/**
 * The two-layer network of Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599, two-layer setting; lindyn note hu2020-early-time.md) in the NTK
 * parameterisation, f(x) = (1/√m)·Σ_r v_r φ(w_rᵀx/√d), realised on a {@link NonlinearNet}.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import type { Matrix } from "../../../core/matrix.js";
import type { Rng } from "../../../core/rng.js";
import { requireInteger } from "../../../core/validate.js";
import type { Objective } from "../../objective.js";
import type { ActivationSpec } from "../activation.js";
import { initNonlinear } from "../init.js";
import { NonlinearNet } from "../nonlinear-net.js";
import { type NonlinearLossOptions, NonlinearObjective } from "../nonlinear-objective.js";

/** Which layers gradient descent trains (Hu et al. 2020, two-layer analysis: first layer only, second only, or both). */
export type HuTrainedLayers = "first" | "second" | "both";

/** The paper's parameters (W ∈ ℝ^{m×d}, v ∈ ℝ^m) of one θ. */
export interface HuPaperWeights {
  /** W = √d·W₁ (entries N(0, 1) at initialisation). */
  readonly W: Matrix;
  /** v = W₂ᵀ (entries N(0, 1) at initialisation). */
  readonly v: Float64Array;
}

/**
 * Hu et al.'s two-layer net f(x) = (1/√m)·vᵀφ(Wx/√d), W_ij, v_r ~ N(0, 1), loss (1/2n)Σ(f − y)² and full-batch
 * GD W ← W − η∂ℒ/∂W, v ← v − η∂ℒ/∂v (arXiv 2006.14599, as in the lindyn note).
 *
 * What we did: the net is lindyn's bias-free `NonlinearNet([d, m, 1], { alpha: √m })` with first-layer weights
 * W₁ = W/√d (so W₁x = Wx/√d) and W₂ = vᵀ; its forward pass is the paper's. Because ∂ℒ/∂W₁ = √d·∂ℒ/∂W, the
 * paper's GD step with rate η on W is GD on W₁ with rate η/d (then √d·W₁ moves by −η∂ℒ/∂W exactly); v keeps
 * rate η. {@link learningRates} returns those per-parameter rates, to pass as `lr` of src/dynamics'
 * gradientDescent together with {@link objective} (the paper's loss (1/2n)Σ(f − y)², with the gradient of a
 * frozen layer set to zero, so that layer never moves).
 *
 * @example
 * ```ts
 * const model = new HuTwoLayer(20, 400, "softplus");
 * const theta0 = model.init(new Rng(1));                  // antisymmetric: f₀ ≡ 0
 * const run = gradientDescent(model.objective(X, Y, "both"), theta0,
 *   { lr: model.learningRates(1), steps: 100 });
 * ```
 */
export class HuTwoLayer {
  /** Input dimension d. */
  readonly d: number;
  /** Hidden width m (even: the units come in antisymmetric pairs). */
  readonly m: number;
  /** The underlying net: widths [d, m, 1], no biases, α = √m. */
  readonly net: NonlinearNet;

  /**
   * @param d - input dimension (integer ≥ 1)
   * @param m - hidden width (even integer ≥ 2)
   * @param activation - φ
   * @throws DomainError for a non-integer d or m, or odd m
   */
  constructor(d: number, m: number, activation: ActivationSpec) {
    requireInteger("d", d, 1);
    requireInteger("m", m, 2);
    if (m % 2 !== 0) {
      throw new DomainError(
        errorMessage("m", m, "must be even", "Hidden units come in antisymmetric pairs (f₀ ≡ 0); use an even width."),
      );
    }
    this.d = d;
    this.m = m;
    this.net = new NonlinearNet([d, m, 1], { activation, alpha: Math.sqrt(m) });
  }

  /**
   * θ at the paper's initialisation W_ij, v_r ~ N(0, 1) (W₁ entries N(0, 1/d)), antisymmetrically paired so
   * that f₀ ≡ 0 exactly (units 2k, 2k+1 share w and have opposite v; `initNonlinear`'s `antisymmetric`).
   */
  init(rng: Rng): Float64Array {
    return initNonlinear(this.net, rng, { scales: [1 / Math.sqrt(this.d), 1], antisymmetric: true });
  }

  /**
   * Per-parameter GD rates realising the paper's rate η: η/d on W₁ (i.e. η on W = √d·W₁), η on v.
   * @throws DomainError for a non-finite or non-positive η
   */
  learningRates(eta: number): Float64Array {
    if (typeof eta !== "number" || !Number.isFinite(eta) || !(eta > 0)) {
      throw new DomainError(errorMessage("eta", eta, "must be a finite number > 0", "Pass the paper's step size η."));
    }
    const rates = new Float64Array(this.net.dim);
    const split = this.net.weightOffsets[1] as number;
    rates.fill(eta / this.d, 0, split);
    rates.fill(eta, split);
    return rates;
  }

  /**
   * The paper's training objective (1/2n)Σ(f(x_s) − y_s)² (c = ½ unless `loss.c` says otherwise) on the rows
   * of X (n × d) and Y (n × 1), training only `layers`: the gradient of a frozen layer is returned as 0.
   * @throws DomainError for an unknown layer choice; ShapeError/DomainError from NonlinearObjective
   */
  objective(X: Matrix, Y: Matrix, layers: HuTrainedLayers, loss: NonlinearLossOptions = {}): Objective {
    if (layers !== "first" && layers !== "second" && layers !== "both") {
      throw new DomainError(errorMessage("layers", layers, 'must be "first", "second" or "both"', "Pick one."));
    }
    const inner = new NonlinearObjective(this.net, X, Y, loss);
    const split = this.net.weightOffsets[1] as number;
    return {
      dim: inner.dim,
      valueAndGradient(theta: Float64Array, grad: Float64Array): number {
        const value = inner.valueAndGradient(theta, grad);
        if (layers === "second") grad.fill(0, 0, split);
        if (layers === "first") grad.fill(0, split);
        return value;
      },
    };
  }

  /** The paper's W = √d·W₁ and v of θ (fresh copies). */
  paperWeights(theta: Float64Array): HuPaperWeights {
    const { W } = this.net.views(theta);
    const W1 = (W[0] as Matrix).clone();
    const s = Math.sqrt(this.d);
    for (let k = 0; k < W1.data.length; k++) W1.data[k] = (W1.data[k] as number) * s;
    return { W: W1, v: (W[1] as Matrix).data.slice() };
  }
}

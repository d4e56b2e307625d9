/**
 * Model M2 of Xu & Ziyin, "Three Mechanisms of Feature Learning in a Linear Network" (arXiv 2401.07085,
 * §2; lindyn's formalisation in `shared/papers/xu-ziyin2024-feature-learning.md`): a one-hidden-layer linear
 * network f(x) = κ Σ_{i=1..d} u_i (w_iᵀx) with layer-wise learning rates, trained by gradient flow on
 * one-dimensional data x = ξv embedded in R^{d0} along a unit direction v.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import { requireFinite, requireInteger, requireNonNegative, requirePositive } from "../../core/validate.js";

/** Options of {@link M2Model}. */
export interface M2Options {
  /** Width d (hidden units), an integer ≥ 1. */
  readonly width: number;
  /**
   * Input dimension d0 ≥ 1; the data live on the line spanned by `direction`.
   * @defaultValue 1
   */
  readonly inputDim?: number;
  /**
   * The data direction v ∈ R^{d0}; normalised to unit length (must be non-zero).
   * @defaultValue e₁
   */
  readonly direction?: ArrayLike<number>;
  /** Output scale κ > 0. @defaultValue 1 */
  readonly kappa?: number;
  /** Second-layer rate η_u > 0. @defaultValue 1 */
  readonly etaU?: number;
  /** First-layer rate η_w > 0. @defaultValue 1 */
  readonly etaW?: number;
  /** A = E[ξ²] > 0. @defaultValue 1 */
  readonly A?: number;
  /** a = E[ξy]. @defaultValue 1 */
  readonly a?: number;
  /**
   * E[y²] ≥ a²/A, only for loss values.
   * @defaultValue a²/A (realisable target, minimum loss 0)
   */
  readonly Ey2?: number;
}

/** A right-hand side `dy/dt = F(t, y)` written into `dydt` (structurally the dynamics layer's `OdeRhs`). */
export type M2Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * Model M2 with loss L = ½E[(f − y)²] = ½(κ²AP² − 2κaP + E[y²]), P = Σ u_i α_i, α_i = w_i·v (the ½ is the
 * paper's convention, not lindyn's default c = 1), and gradient flow u̇ = −η_u ∂L/∂u, Ẇ = −η_w ∂L/∂W.
 * Because E[xxᵀ] = A vvᵀ, ∂L/∂W = g u vᵀ with g = κ²AP − κa: only α moves, the parts of the w_i orthogonal
 * to v are frozen.
 *
 * Two state layouts: the reduced one y = [u; α] (2d numbers) and the full one y = [u; W] (d + d·d0, W
 * row-major d × d0, row i = w_iᵀ).
 */
export class M2Model {
  /** Width d. */
  readonly width: number;
  /** Input dimension d0. */
  readonly inputDim: number;
  /** Unit data direction v (length d0). */
  readonly direction: Float64Array;
  readonly kappa: number;
  readonly etaU: number;
  readonly etaW: number;
  readonly A: number;
  readonly a: number;
  readonly Ey2: number;
  /** λ = √(η_uη_w). */
  readonly lambda: number;
  /** Length of the reduced state [u; α]: 2d. */
  readonly reducedDim: number;
  /** Length of the full state [u; W]: d + d·d0. */
  readonly fullDim: number;

  /** @throws ShapeError / DomainError naming the offending option */
  constructor(options: M2Options) {
    this.width = requireInteger("width", options.width, 1);
    this.inputDim = requireInteger("inputDim", options.inputDim ?? 1, 1);
    const v = new Float64Array(this.inputDim);
    if (options.direction === undefined) v[0] = 1;
    else {
      if (options.direction.length !== this.inputDim) {
        throw new ShapeError(
          errorMessage(
            "direction.length",
            options.direction.length,
            `must equal inputDim = ${this.inputDim}`,
            "Pass a vector in R^{d0}.",
          ),
        );
      }
      let norm = 0;
      for (let j = 0; j < this.inputDim; j++) {
        const x = requireFinite(`direction[${j}]`, options.direction[j] as number);
        v[j] = x;
        norm += x * x;
      }
      if (!(norm > 0)) {
        throw new DomainError(
          errorMessage("direction", options.direction, "must be non-zero", "Pass the data direction v, e.g. [1, 0]."),
        );
      }
      norm = Math.sqrt(norm);
      for (let j = 0; j < this.inputDim; j++) v[j] = (v[j] as number) / norm;
    }
    this.direction = v;
    this.kappa = requirePositive("kappa", options.kappa ?? 1, "The output scale κ must be > 0 (flip a instead).");
    this.etaU = requirePositive("etaU", options.etaU ?? 1, "Learning rates must be > 0.");
    this.etaW = requirePositive("etaW", options.etaW ?? 1, "Learning rates must be > 0.");
    this.A = requirePositive("A", options.A ?? 1, "A = E[ξ²] must be > 0.");
    this.a = requireFinite("a", options.a ?? 1);
    this.Ey2 = requireNonNegative("Ey2", options.Ey2 ?? (this.a * this.a) / this.A);
    if (this.Ey2 < ((this.a * this.a) / this.A) * (1 - 1e-12)) {
      throw new DomainError(
        errorMessage(
          "Ey2",
          this.Ey2,
          `must be ≥ a²/A = ${(this.a * this.a) / this.A}`,
          "Omit Ey2 for a realisable target.",
        ),
      );
    }
    this.lambda = Math.sqrt(this.etaU * this.etaW);
    this.reducedDim = 2 * this.width;
    this.fullDim = this.width + this.width * this.inputDim;
  }

  /** α = W v (the first-layer components along the data), written into `out`. */
  alphaOf(W: Matrix, out: Float64Array = new Float64Array(this.width)): Float64Array {
    this.checkW(W);
    const d0 = this.inputDim;
    for (let i = 0; i < this.width; i++) {
      let s = 0;
      for (let j = 0; j < d0; j++) s += (W.data[i * d0 + j] as number) * (this.direction[j] as number);
      out[i] = s;
    }
    return out;
  }

  /** The loss ½(κ²AP² − 2κaP + E[y²]) at P. */
  lossAtP(P: number): number {
    return 0.5 * (this.kappa * this.kappa * this.A * P * P - 2 * this.kappa * this.a * P + this.Ey2);
  }

  /** The least-squares end-to-end coefficient P* = a/(κA) (f* = (a/A)ξ). */
  get leastSquaresP(): number {
    return this.a / (this.kappa * this.A);
  }

  /**
   * The gradient flow on the reduced state y = [u; α] ∈ R^{2d}: u̇ = −η_u g α, α̇ = −η_w g u,
   * g = κ²AP − κa. Allocation-free, O(d) per call.
   */
  reducedRhs(): M2Rhs {
    const d = this.width;
    const kA = this.kappa * this.kappa * this.A;
    const ka = this.kappa * this.a;
    const etaU = this.etaU;
    const etaW = this.etaW;
    return (_t, y, dydt) => {
      let P = 0;
      for (let i = 0; i < d; i++) P += (y[i] as number) * (y[d + i] as number);
      const g = kA * P - ka;
      const cu = -etaU * g;
      const cw = -etaW * g;
      for (let i = 0; i < d; i++) {
        dydt[i] = cu * (y[d + i] as number);
        dydt[d + i] = cw * (y[i] as number);
      }
    };
  }

  /**
   * The gradient flow on the full state y = [u; W] ∈ R^{d + d·d0} (W row-major): u̇ = −η_u ∂L/∂u = −η_u g Wv,
   * Ẇ = −η_w ∂L/∂W = −η_w g u vᵀ. Allocation-free, O(d·d0) per call. The orthogonal parts of W are frozen by
   * this flow (not by construction), which the tests check.
   */
  fullRhs(): M2Rhs {
    const d = this.width;
    const d0 = this.inputDim;
    const v = this.direction;
    const kA = this.kappa * this.kappa * this.A;
    const ka = this.kappa * this.a;
    const etaU = this.etaU;
    const etaW = this.etaW;
    return (_t, y, dydt) => {
      let P = 0;
      for (let i = 0; i < d; i++) {
        let alpha = 0;
        const row = d + i * d0;
        for (let j = 0; j < d0; j++) alpha += (y[row + j] as number) * (v[j] as number);
        dydt[i] = alpha; // temporarily α_i; scaled below once g is known
        P += (y[i] as number) * alpha;
      }
      const g = kA * P - ka;
      const cu = -etaU * g;
      const cw = -etaW * g;
      for (let i = 0; i < d; i++) {
        dydt[i] = cu * (dydt[i] as number);
        const ui = cw * (y[i] as number);
        const row = d + i * d0;
        for (let j = 0; j < d0; j++) dydt[row + j] = ui * (v[j] as number);
      }
    };
  }

  /** Packs u and α into a reduced state [u; α]. */
  packReduced(u: ArrayLike<number>, alpha: ArrayLike<number>): Float64Array {
    this.checkVector("u", u);
    this.checkVector("alpha", alpha);
    const y = new Float64Array(this.reducedDim);
    y.set(u as ArrayLike<number>, 0);
    y.set(alpha as ArrayLike<number>, this.width);
    return y;
  }

  /** Packs u and W (d × d0) into a full state [u; W]. */
  packFull(u: ArrayLike<number>, W: Matrix): Float64Array {
    this.checkVector("u", u);
    this.checkW(W);
    const y = new Float64Array(this.fullDim);
    y.set(u as ArrayLike<number>, 0);
    y.set(W.data, this.width);
    return y;
  }

  /** Zero-copy views of a full state: u (length d) and W (d × d0). */
  unpackFull(y: Float64Array): { u: Float64Array; W: Matrix } {
    if (y.length !== this.fullDim) {
      throw new ShapeError(
        errorMessage("y.length", y.length, `must be d + d·d0 = ${this.fullDim}`, "Pass a state made by packFull."),
      );
    }
    return {
      u: y.subarray(0, this.width),
      W: new Matrix(this.width, this.inputDim, y.subarray(this.width)),
    };
  }

  private checkVector(name: string, x: ArrayLike<number>): void {
    if (x.length !== this.width) {
      throw new ShapeError(
        errorMessage(`${name}.length`, x.length, `must equal the width d = ${this.width}`, "Pass one entry per unit."),
      );
    }
  }

  private checkW(W: Matrix): void {
    if (W.rows !== this.width || W.cols !== this.inputDim) {
      throw new ShapeError(
        errorMessage(
          "W.shape",
          W.shape,
          `must be d × d0 = ${this.width}×${this.inputDim}`,
          "Row i is the first-layer weight vector w_iᵀ.",
        ),
      );
    }
  }
}

/**
 * Initial states of Model M2: seeded Gaussian (u_i ~ N(0, σ_u²), w_i ~ N(0, σ_w² I_{d0}), as in
 * arXiv 2401.07085 §2) or explicit vectors.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { Matrix } from "../../core/matrix.js";
import type { Rng } from "../../core/rng.js";
import { requireAllFinite, requireNonNegative } from "../../core/validate.js";
import type { M2Model } from "./m2-model.js";

/** An initial state: second-layer weights u (length d) and first-layer weights W (d × d0, row i = w_iᵀ). */
export interface M2Init {
  readonly u: Float64Array;
  readonly W: Matrix;
}

/** Scales of {@link m2InitGaussian}. */
export interface M2GaussianScales {
  /** Standard deviation σ_u ≥ 0 of the second-layer entries. */
  readonly sigmaU: number;
  /** Standard deviation σ_w ≥ 0 of every first-layer entry. */
  readonly sigmaW: number;
}

/**
 * Seeded Gaussian initialisation: u_i ~ N(0, σ_u²), then W_ij ~ N(0, σ_w²) row by row, all from `rng`
 * (the same seed gives bit-identical states).
 */
export function m2InitGaussian(model: M2Model, rng: Rng, scales: M2GaussianScales): M2Init {
  const sigmaU = requireNonNegative("sigmaU", scales.sigmaU, "Use 0 for a zero second layer.");
  const sigmaW = requireNonNegative("sigmaW", scales.sigmaW, "Use 0 for a zero first layer.");
  const u = rng.fillGaussian(new Float64Array(model.width), sigmaU);
  const W = rng.gaussianMatrix(model.width, model.inputDim, sigmaW);
  return { u, W };
}

/**
 * Explicit initial state. `w0` is either d numbers, the components α_i = w_i·v along the data direction
 * (the orthogonal parts are then zero: w_i = α_i v), or the full d × d0 matrix (nested rows or a Matrix).
 * @throws ShapeError for wrong lengths; DomainError for non-finite entries
 */
export function m2InitFromVectors(
  model: M2Model,
  u0: ArrayLike<number>,
  w0: ArrayLike<number> | readonly (readonly number[])[] | Matrix,
): M2Init {
  if (u0.length !== model.width) {
    throw new ShapeError(
      errorMessage("u0.length", u0.length, `must equal the width d = ${model.width}`, "Pass one weight per unit."),
    );
  }
  const u = Float64Array.from(u0);
  requireAllFinite("u0", u);
  let W: Matrix;
  if (w0 instanceof Matrix) {
    W = w0.clone();
  } else if (w0.length > 0 && Array.isArray((w0 as readonly unknown[])[0])) {
    W = Matrix.fromRows(w0 as readonly (readonly number[])[], "w0");
  } else {
    const alpha = Float64Array.from(w0 as ArrayLike<number>);
    if (alpha.length !== model.width) {
      throw new ShapeError(
        errorMessage(
          "w0.length",
          alpha.length,
          `must equal the width d = ${model.width} (components along v) or be a d × d0 matrix`,
          "Pass one first-layer component per unit, or nested rows w_iᵀ.",
        ),
      );
    }
    W = new Matrix(model.width, model.inputDim);
    for (let i = 0; i < model.width; i++)
      for (let j = 0; j < model.inputDim; j++)
        W.data[i * model.inputDim + j] = (alpha[i] as number) * (model.direction[j] as number);
  }
  if (W.rows !== model.width || W.cols !== model.inputDim) {
    throw new ShapeError(
      errorMessage("w0.shape", W.shape, `must be ${model.width}×${model.inputDim}`, "Row i is w_iᵀ ∈ R^{d0}."),
    );
  }
  for (let k = 0; k < W.data.length; k++) {
    if (!Number.isFinite(W.data[k] as number)) {
      throw new DomainError(errorMessage(`w0 entry ${k}`, W.data[k], "must be finite", "Replace NaN/Infinity."));
    }
  }
  return { u, W };
}

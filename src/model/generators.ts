/**
 * Seeded generators of data moments: a teacher network with label noise (exact moments, or sampled),
 * whitened inputs with a prescribed target spectrum, and inputs with a prescribed covariance spectrum.
 * Every random choice flows from the given {@link Rng}.
 *
 * @packageDocumentation
 */

import { symmetricEigen } from "../core/eigen.js";
import { DomainError, errorMessage, ShapeError } from "../core/errors.js";
import { matmul, matmulNTInto } from "../core/matmul.js";
import { Matrix } from "../core/matrix.js";
import { randomOrthogonal } from "../core/orthogonal.js";
import type { Rng } from "../core/rng.js";
import { requireInteger, requireNonNegative, requirePositive } from "../core/validate.js";
import { Moments } from "./moments.js";

/** Options of {@link teacherMoments} and {@link teacherSamples}. */
export interface TeacherOptions {
  /** The teacher's end-to-end map T (`dL × d0`). When absent, one is drawn by {@link randomTeacher}. */
  teacher?: Matrix;
  /** Widths `[d0, …, dL]` of the random teacher net (ignored when `teacher` is given). */
  teacherWidths?: readonly number[];
  /**
   * Scale of the random teacher: layer i has entries N(0, teacherScale²/d_{i−1}).
   * @defaultValue 1
   */
  teacherScale?: number;
  /**
   * Input second moment Σxx = E[xxᵀ] (symmetric PSD, `d0 × d0`).
   * @defaultValue the identity (whitened inputs)
   */
  inputCovariance?: Matrix;
  /**
   * Variance of the additive label noise ξ ~ N(0, labelNoise·I) in y = Tx + ξ.
   * @defaultValue 0
   */
  labelNoise?: number;
}

/**
 * A random teacher end-to-end map `T = A_L⋯A_1`, `A_i` with independent N(0, scale²/d_{i−1}) entries
 * (so each layer preserves the mean squared norm for scale 1).
 */
export function randomTeacher(rng: Rng, widths: readonly number[], scale = 1): Matrix {
  if (!Array.isArray(widths) || widths.length < 2) {
    throw new ShapeError(
      errorMessage("teacherWidths", widths, "must list at least [d0, dL]", "Pass e.g. [4, 2] or [4, 8, 2]."),
    );
  }
  for (let i = 0; i < widths.length; i++) requireInteger(`teacherWidths[${i}]`, widths[i] as number, 1);
  requireNonNegative("teacherScale", scale, "Pass the standard deviation multiplier, e.g. 1.");
  let T = rng.gaussianMatrix(widths[1] as number, widths[0] as number, scale / Math.sqrt(widths[0] as number));
  for (let i = 2; i < widths.length; i++) {
    const A = rng.gaussianMatrix(
      widths[i] as number,
      widths[i - 1] as number,
      scale / Math.sqrt(widths[i - 1] as number),
    );
    T = matmul(A, T);
  }
  return T;
}

interface ResolvedTeacher {
  T: Matrix;
  Sxx: Matrix;
  noise: number;
}

function resolveTeacher(rng: Rng, options: TeacherOptions): ResolvedTeacher {
  const noise = requireNonNegative(
    "labelNoise",
    options.labelNoise ?? 0,
    "It is a variance; use 0 for noiseless labels.",
  );
  let T: Matrix;
  if (options.teacher !== undefined) {
    if (!(options.teacher instanceof Matrix)) {
      throw new ShapeError(
        errorMessage("teacher", options.teacher, "must be a Matrix (dL × d0)", "Wrap it with Matrix.fromRows."),
      );
    }
    T = options.teacher.clone();
    for (let k = 0; k < T.data.length; k++) {
      if (!Number.isFinite(T.data[k] as number)) {
        throw new DomainError(
          errorMessage(
            `teacher[${Math.floor(k / T.cols)}][${k % T.cols}]`,
            T.data[k],
            "must be finite",
            "Replace NaN/±Infinity entries of the teacher map.",
          ),
        );
      }
    }
  } else if (options.teacherWidths !== undefined) {
    T = randomTeacher(rng, options.teacherWidths, options.teacherScale ?? 1);
  } else {
    throw new DomainError(
      errorMessage(
        "teacher, teacherWidths",
        "both missing",
        "one of them is required",
        "Pass teacher (a dL×d0 Matrix) or teacherWidths (e.g. [d0, dL]) to draw one.",
      ),
    );
  }
  const Sxx = options.inputCovariance ?? Matrix.identity(T.cols);
  if (Sxx.rows !== T.cols || Sxx.cols !== T.cols) {
    throw new ShapeError(
      errorMessage(
        "inputCovariance.shape",
        Sxx.shape,
        `must be ${T.cols}×${T.cols} to match the teacher's input width ${T.cols}`,
        "Pass Σxx for the teacher's inputs (or change the teacher).",
      ),
    );
  }
  return { T, Sxx, noise };
}

/**
 * Exact moments of y = Tx + ξ with E[xxᵀ] = Σxx, ξ ~ N(0, labelNoise·I) independent of x:
 * `Σyx = TΣxx`, `E‖y‖² = tr(TΣxxTᵀ) + dL·labelNoise`. (Jointly consistent by construction; the least-squares
 * residual is dL·labelNoise.)
 *
 * @throws DomainError/ShapeError for invalid options (see {@link TeacherOptions}) or an invalid Σxx
 */
export function teacherMoments(rng: Rng, options: TeacherOptions): Moments {
  const { T, Sxx, noise } = resolveTeacher(rng, options);
  const Syx = matmul(T, Sxx);
  const TS = new Matrix(T.rows, T.rows);
  matmulNTInto(TS, Syx, T);
  let ey2 = T.rows * noise;
  for (let a = 0; a < T.rows; a++) ey2 += TS.get(a, a);
  return Moments.of({ Sxx, Syx, Ey2: Math.max(0, ey2) });
}

/** A sampled teacher data set and its empirical moments. */
export interface TeacherSamples {
  /** Inputs, one per row (`n × d0`), x ~ N(0, Σxx). */
  X: Matrix;
  /** Targets, one per row (`n × dL`), y = Tx + ξ. */
  Y: Matrix;
  /** The teacher map used. */
  teacher: Matrix;
  /** `Moments.fromSamples(X, Y)`. */
  moments: Moments;
}

/**
 * Samples n pairs (x, y) with x ~ N(0, Σxx) (through the eigen-decomposition Σxx = VΛVᵀ, x = VΛ^{1/2}z)
 * and y = Tx + ξ, ξ ~ N(0, labelNoise·I), and returns them with their empirical moments. The teacher is
 * drawn first, so with the same seed it equals the one {@link teacherMoments} draws.
 */
export function teacherSamples(rng: Rng, n: number, options: TeacherOptions): TeacherSamples {
  requireInteger("n", n, 1);
  const { T, Sxx, noise } = resolveTeacher(rng, options);
  Moments.of({ Sxx, Syx: new Matrix(1, Sxx.cols), Ey2: 0 }); // validates Σxx (finite, symmetric, PSD)
  const d0 = T.cols;
  const dL = T.rows;
  const { values, vectors } = symmetricEigen(Sxx);
  const R = new Matrix(d0, d0); // R = VΛ^{1/2}, x = R z
  for (let i = 0; i < d0; i++)
    for (let k = 0; k < d0; k++) R.data[i * d0 + k] = vectors.get(i, k) * Math.sqrt(Math.max(0, values[k] as number));
  const Z = rng.gaussianMatrix(n, d0);
  const X = new Matrix(n, d0);
  matmulNTInto(X, Z, R);
  const Y = new Matrix(n, dL);
  matmulNTInto(Y, X, T);
  if (noise > 0) {
    const s = Math.sqrt(noise);
    for (let k = 0; k < Y.data.length; k++) Y.data[k] = (Y.data[k] as number) + s * rng.gaussian();
  }
  return { X, Y, teacher: T, moments: Moments.fromSamples(X, Y) };
}

/** Options of {@link whitenedMoments}. */
export interface WhitenedOptions {
  /** Input width d0. */
  inputDim: number;
  /** Output width dL. */
  outputDim: number;
  /** Singular values s_k ≥ 0 of Σyx (at most min(d0, dL); missing ones are 0). */
  singularValues: readonly number[];
  /**
   * `"random"`: Σyx = U diag(s) Vᵀ with Haar-random U, V; `"identity"`: Σyx = diag(s) (rectangular).
   * @defaultValue "random"
   */
  frames?: "random" | "identity";
  /**
   * Label noise variance per output coordinate (adds dL·labelNoise to E‖y‖²).
   * @defaultValue 0
   */
  labelNoise?: number;
}

/**
 * Whitened inputs with a prescribed target spectrum (Saxe, McClelland, Ganguli 2014, arXiv 1312.6120,
 * §2): `Σxx = I`, `Σyx = U diag(s) Vᵀ`, `E‖y‖² = Σ s_k² + dL·labelNoise` (the moments of y = Σyx x + ξ, so
 * jointly consistent).
 */
export function whitenedMoments(rng: Rng, options: WhitenedOptions): Moments {
  const d0 = requireInteger("inputDim", options.inputDim, 1);
  const dL = requireInteger("outputDim", options.outputDim, 1);
  const s = options.singularValues;
  const r = Math.min(d0, dL);
  if (!Array.isArray(s) || s.length > r) {
    throw new ShapeError(
      errorMessage(
        "singularValues",
        s,
        `must be an array of at most min(inputDim, outputDim) = ${r} values`,
        "Drop the extra values or widen the input/output.",
      ),
    );
  }
  for (let k = 0; k < s.length; k++)
    requireNonNegative(`singularValues[${k}]`, s[k] as number, "Singular values are ≥ 0; put signs into the frames.");
  const noise = requireNonNegative(
    "labelNoise",
    options.labelNoise ?? 0,
    "It is a variance; use 0 for noiseless labels.",
  );
  const frames = options.frames ?? "random";
  if (frames !== "random" && frames !== "identity") {
    throw new DomainError(errorMessage("frames", frames, 'must be "random" or "identity"', 'Omit it for "random".'));
  }
  const D = new Matrix(dL, d0);
  for (let k = 0; k < s.length; k++) D.set(k, k, s[k] as number);
  let Syx = D;
  if (frames === "random") {
    const U = randomOrthogonal(rng, dL);
    const V = randomOrthogonal(rng, d0);
    const UD = matmul(U, D);
    Syx = new Matrix(dL, d0);
    matmulNTInto(Syx, UD, V);
  }
  let ey2 = dL * noise;
  for (const v of s) ey2 += v * v;
  return Moments.of({ Sxx: Matrix.identity(d0), Syx, Ey2: ey2 });
}

/** Options of {@link spectrumMoments}. */
export interface SpectrumOptions {
  /** Eigenvalues λ_k ≥ 0 of Σxx (length d0, at least one > 0). */
  inputSpectrum: readonly number[];
  /** Output width dL (used when `teacher` is absent). */
  outputDim?: number;
  /** Teacher map T (`dL × d0`); when absent, entries N(0, teacherScale²/d0). */
  teacher?: Matrix;
  /** @defaultValue 1 */
  teacherScale?: number;
  /**
   * `"random"`: Σxx = V diag(λ) Vᵀ with Haar-random V; `"identity"`: Σxx = diag(λ).
   * @defaultValue "random"
   */
  frames?: "random" | "identity";
  /** @defaultValue 0 */
  labelNoise?: number;
}

/**
 * Inputs with a prescribed covariance spectrum and a linear teacher: `Σxx = V diag(λ) Vᵀ`, `Σyx = TΣxx`,
 * `E‖y‖² = tr(TΣxxTᵀ) + dL·labelNoise` (exact moments of y = Tx + ξ).
 */
export function spectrumMoments(rng: Rng, options: SpectrumOptions): Moments {
  const lambda = options.inputSpectrum;
  if (!Array.isArray(lambda) || lambda.length === 0) {
    throw new ShapeError(
      errorMessage(
        "inputSpectrum",
        lambda,
        "must be a non-empty array (one eigenvalue per input)",
        "Pass e.g. [1, 0.5, 0.1].",
      ),
    );
  }
  for (let k = 0; k < lambda.length; k++)
    requireNonNegative(`inputSpectrum[${k}]`, lambda[k] as number, "Σxx is positive semidefinite.");
  const d0 = lambda.length;
  const frames = options.frames ?? "random";
  if (frames !== "random" && frames !== "identity") {
    throw new DomainError(errorMessage("frames", frames, 'must be "random" or "identity"', 'Omit it for "random".'));
  }
  let Sxx = Matrix.diagonal(lambda);
  if (frames === "random") {
    const V = randomOrthogonal(rng, d0);
    const VL = matmul(V, Sxx);
    Sxx = new Matrix(d0, d0);
    matmulNTInto(Sxx, VL, V);
    for (let i = 0; i < d0; i++)
      for (let j = i + 1; j < d0; j++) {
        const m = 0.5 * (Sxx.get(i, j) + Sxx.get(j, i));
        Sxx.set(i, j, m);
        Sxx.set(j, i, m);
      }
  }
  let teacher = options.teacher;
  if (teacher === undefined) {
    const dL = requireInteger("outputDim", options.outputDim as number, 1);
    const scale = requirePositive("teacherScale", options.teacherScale ?? 1);
    teacher = rng.gaussianMatrix(dL, d0, scale / Math.sqrt(d0));
  }
  const teacherOptions: TeacherOptions = { teacher, inputCovariance: Sxx };
  if (options.labelNoise !== undefined) teacherOptions.labelNoise = options.labelNoise;
  return teacherMoments(rng, teacherOptions);
}

/**
 * Symmetric eigendecomposition `A = V·diag(λ)·Vᵀ` and functions of symmetric matrices (`f(A)`, `A^p`).
 *
 * Algorithm: Householder reduction to tridiagonal form, then the implicit QL method with Wilkinson-type
 * shifts (EISPACK `tred2`/`tql2`, Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11 (1968); as in
 * JAMA). Both stages are orthogonal transformations, so the computed decomposition is backward stable:
 * it is the exact decomposition of `A + E` with ‖E‖ = O(n·u·‖A‖). Hence (Weyl) every eigenvalue is
 * accurate to O(n·u·‖A‖) absolutely, and eigenvectors to O(n·u·‖A‖/gap).
 *
 * @packageDocumentation
 */
import { ConvergenceError, DomainError, errorMessage, ShapeError } from "./errors.js";
import { Matrix } from "./matrix.js";

/** Result of {@link symmetricEigen}. */
export interface SymmetricEigenResult {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /**
   * Orthonormal eigenvectors as the COLUMNS of an `n × n` matrix: column j belongs to `values[j]`. Each
   * column's sign is fixed so that its entry of largest magnitude (the first one on ties) is positive,
   * which makes the output deterministic.
   */
  readonly vectors: Matrix;
}

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /**
   * Largest accepted asymmetry `max |A_ij − A_ji|`, relative to `max |A_ij|`. Within it, the symmetric
   * part `(A + Aᵀ)/2` is decomposed.
   * @defaultValue 1e-10 (products such as `W·Σ·Wᵀ` are symmetric to ~1e-15 relative; a larger asymmetry
   * means the input is not what the caller thinks it is)
   */
  readonly symmetryTolerance?: number;
}

/**
 * Checks that `a` is square, finite and symmetric within `relTol`, and returns its symmetric part
 * `(A + Aᵀ)/2` as a row-major array.
 *
 * @throws ShapeError when `a` is not square; DomainError for non-finite entries or too large an asymmetry
 */
export function symmetricPart(a: Matrix, name = "A", relTol = 1e-10): Float64Array {
  if (a.rows !== a.cols) {
    throw new ShapeError(
      errorMessage(
        `${name}.shape`,
        a.shape,
        "must be square",
        "Eigendecompositions need an n×n matrix; for a rectangular matrix use svd.",
      ),
    );
  }
  const n = a.rows;
  const A = a.data;
  let maxAbs = 0;
  for (let i = 0; i < A.length; i++) {
    const v = A[i];
    if (!Number.isFinite(v)) {
      throw new DomainError(
        errorMessage(
          `${name}[${Math.floor(i / Math.max(n, 1))}][${i % Math.max(n, 1)}]`,
          v,
          "must be finite",
          "Remove NaN/±Infinity entries (check the computation that produced the matrix).",
        ),
      );
    }
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const S = new Float64Array(n * n);
  let worst = 0;
  let wi = 0;
  let wj = 0;
  for (let i = 0; i < n; i++) {
    S[i * n + i] = A[i * n + i];
    for (let j = 0; j < i; j++) {
      const x = A[i * n + j];
      const y = A[j * n + i];
      const d = Math.abs(x - y);
      if (d > worst) {
        worst = d;
        wi = i;
        wj = j;
      }
      const s = x === y ? x : 0.5 * x + 0.5 * y;
      S[i * n + j] = s;
      S[j * n + i] = s;
    }
  }
  if (worst > relTol * maxAbs) {
    throw new DomainError(
      errorMessage(
        `max |${name}_ij − ${name}_ji|`,
        worst,
        `must be ≤ ${relTol}·max|${name}_ij| = ${relTol * maxAbs} for a symmetric matrix (worst at (${wi}, ${wj}): ${A[wi * n + wj]} vs ${A[wj * n + wi]})`,
        `Symmetrise the input first, (${name} + ${name}ᵀ)/2, if the asymmetry is rounding error; otherwise the matrix is not symmetric and has no orthogonal eigenbasis.`,
      ),
    );
  }
  return S;
}

/**
 * Eigendecomposition of a real symmetric matrix: `A = V·diag(values)·Vᵀ` with `VᵀV = I`, eigenvalues
 * ascending.
 *
 * Backward stable (see the module notes): the reconstruction error ‖V·diag(λ)·Vᵀ − A‖_F and the
 * orthogonality error ‖VᵀV − I‖ are O(n·u) relative (u = 2⁻⁵³), about 1e-15·n in practice.
 *
 * @param a - a square symmetric matrix (asymmetry up to `options.symmetryTolerance` is symmetrised away)
 * @throws ShapeError when `a` is not square; DomainError when it is not finite or not symmetric;
 * ConvergenceError if the QL iteration fails to deflate (not observed in practice: kept as a guard)
 */
export function symmetricEigen(a: Matrix, options: SymmetricEigenOptions = {}): SymmetricEigenResult {
  const S = symmetricPart(a, "A", options.symmetryTolerance ?? 1e-10);
  const n = a.rows;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: new Matrix(0, 0) };
  // tred2 leaves Z = Vᵀ (V the orthogonal reduction to tridiagonal form): the QL rotations combine pairs
  // of columns of V, i.e. contiguous rows of Z.
  const Z = S;
  tred2(Z, n, d, e);
  tql2(Z, n, d, e);
  // Sort ascending (selection sort: n swaps at most, each swapping two contiguous rows of Z).
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let c = 0; c < n; c++) {
        const t = Z[i * n + c];
        Z[i * n + c] = Z[k * n + c];
        Z[k * n + c] = t;
      }
    }
  }
  const vectors = new Matrix(n, n);
  const V = vectors.data;
  for (let j = 0; j < n; j++) {
    // Sign convention: largest-magnitude entry positive.
    let big = 0;
    let sign = 1;
    for (let c = 0; c < n; c++) {
      const z = Z[j * n + c];
      if (Math.abs(z) > big) {
        big = Math.abs(z);
        sign = z < 0 ? -1 : 1;
      }
    }
    for (let c = 0; c < n; c++) V[c * n + j] = sign * Z[j * n + c];
  }
  return { values: d, vectors };
}

/**
 * Householder tridiagonalisation (EISPACK tred2), written on the transposed storage so that every inner
 * loop runs along a contiguous row. On entry `V` (row-major n×n) holds the symmetric matrix; on exit it
 * holds the TRANSPOSE of the accumulated orthogonal transformation Q (with QᵀAQ tridiagonal), `d` the
 * diagonal and `e` the sub-diagonal (in `e[1..n−1]`) of the tridiagonal matrix.
 */
function tred2(V: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = V[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[j * n + i - 1];
        V[j * n + i] = 0;
        V[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[i * n + j] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[j * n + k] * d[k];
          e[k] += V[j * n + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[j * n + k] -= f * e[k] + g * d[k];
        d[j] = V[j * n + i - 1];
        V[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[i * n + n - 1] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[(i + 1) * n + k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[(i + 1) * n + k] * V[j * n + k];
        for (let k = 0; k <= i; k++) V[j * n + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + n - 1];
    V[j * n + n - 1] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Largest number of QL sweeps spent on one eigenvalue before giving up (typically 1–3 are needed). */
const MAX_QL_ITERATIONS = 60;

/**
 * Implicit QL with shifts on the symmetric tridiagonal (d, e) (EISPACK tql2). `Z` holds Vᵀ (row r is
 * column r of V) and is updated so that on exit row r is the eigenvector of `d[r]`.
 */
function tql2(Z: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_QL_ITERATIONS) {
          throw new ConvergenceError(
            errorMessage(
              `symmetricEigen: QL iterations for eigenvalue ${l}`,
              iter - 1,
              `must deflate within ${MAX_QL_ITERATIONS} iterations`,
              "The input is probably badly scaled or contains values near the float64 limits; rescale it.",
            ),
          );
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const zi = i * n;
          const zi1 = zi + n;
          for (let k = 0; k < n; k++) {
            const hk = Z[zi1 + k];
            const vk = Z[zi + k];
            Z[zi1 + k] = s * vk + c * hk;
            Z[zi + k] = c * vk - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** Options of {@link symmetricFunction} and {@link matrixPower}. */
export interface SymmetricFunctionOptions extends SymmetricEigenOptions {
  /**
   * Eigenvalues with `|λ| ≤ psdTolerance·max|λ|` are treated as exactly 0 (rounding noise of a positive
   * semidefinite input such as `W·Wᵀ` can make them slightly negative). Only {@link matrixPower} uses it.
   * @defaultValue 1e-12·max(n, 1) (the eigenvalues are accurate to O(n·u·‖A‖))
   */
  readonly psdTolerance?: number;
}

/**
 * `f(A) = V·diag(f(λ))·Vᵀ` for symmetric `A` (the spectral functional calculus). The result is exactly
 * symmetric (its two triangles are averaged).
 *
 * @param f - applied to each eigenvalue; must return a finite number
 * @throws DomainError when `f` returns a non-finite value, naming the eigenvalue
 */
export function symmetricFunction(
  a: Matrix,
  f: (lambda: number, index: number) => number,
  options: SymmetricFunctionOptions = {},
): Matrix {
  const { values, vectors } = symmetricEigen(a, options);
  const n = values.length;
  const fl = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = f(values[j], j);
    if (!Number.isFinite(v)) {
      throw new DomainError(
        errorMessage(
          `f(λ_${j})`,
          v,
          `must be finite (λ_${j} = ${values[j]})`,
          "f is not defined at this eigenvalue; restrict the input (e.g. positive definite) or choose an f defined on the whole spectrum.",
        ),
      );
    }
    fl[j] = v;
  }
  return reassemble(vectors, fl);
}

/** `V·diag(w)·Vᵀ`, symmetrised. */
function reassemble(vectors: Matrix, w: Float64Array): Matrix {
  const n = w.length;
  const V = vectors.data;
  const out = new Matrix(n, n);
  const O = out.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += V[i * n + k] * w[k] * V[j * n + k];
      O[i * n + j] = s;
      O[j * n + i] = s;
    }
  }
  return out;
}

/**
 * `A^p` for a symmetric positive semidefinite `A` and any real `p`, by the spectral calculus
 * `V·diag(λ^p)·Vᵀ`: the principal (PSD) power. Used for the end-to-end dynamics of Arora, Cohen & Hazan
 * 2018 (arXiv 1802.06509, Thm. 1), `Ẇ = −Σ_j (WWᵀ)^{(j−1)/N} ∇L(W) (WᵀW)^{(N−j)/N}`.
 *
 * Conventions: eigenvalues within `psdTolerance·max|λ|` of 0 are set to exactly 0, and `0⁰ = 1`, so
 * `A⁰ = I` even for singular `A` (the convention of the Arora et al. formula).
 *
 * @param p - the exponent, any finite real
 * @throws DomainError for an eigenvalue below `−psdTolerance·max|λ|` (not PSD), or for `p < 0` with a
 * zero eigenvalue (singular)
 */
export function matrixPower(a: Matrix, p: number, options: SymmetricFunctionOptions = {}): Matrix {
  if (!Number.isFinite(p)) {
    throw new DomainError(errorMessage("p", p, "must be a finite real exponent", "Pass a number such as 0.5."));
  }
  const { values, vectors } = symmetricEigen(a, options);
  const n = values.length;
  let maxAbs = 0;
  for (let j = 0; j < n; j++) maxAbs = Math.max(maxAbs, Math.abs(values[j]));
  const floor = (options.psdTolerance ?? 1e-12 * Math.max(n, 1)) * maxAbs;
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let lambda = values[j];
    if (Math.abs(lambda) <= floor) lambda = 0;
    if (lambda < 0) {
      throw new DomainError(
        errorMessage(
          `λ_${j}(A)`,
          lambda,
          `must be ≥ 0 for a real power of a positive semidefinite matrix (tolerance ${floor})`,
          "Pass a PSD matrix such as W·Wᵀ, or use symmetricFunction with a function defined for negative values.",
        ),
      );
    }
    if (lambda === 0 && p < 0) {
      throw new DomainError(
        errorMessage(
          `λ_${j}(A)`,
          0,
          `must be > 0 for the negative power p = ${p}`,
          "The matrix is singular; use p ≥ 0 or regularise it (A + εI).",
        ),
      );
    }
    w[j] = lambda ** p; // 0 ** 0 === 1 by IEEE pow
  }
  return reassemble(vectors, w);
}

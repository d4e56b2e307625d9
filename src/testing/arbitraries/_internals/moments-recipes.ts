/**
 * Recipes behind the moments arbitraries, generated for the largest dimensions and cut down to the
 * dimensions of a given net, so that a setting arbitrary needs no `chain` (whose dependent values are
 * regenerated while the source shrinks, which stops the net itself from shrinking).
 */
import fc from "fast-check";
import { formatNumber, formatValue } from "../../../claims/format-value.js";
import { DomainError, errorMessage } from "../../../core/errors.js";
import type { SampleMomentsConstraints, WhitenedMomentsConstraints } from "../moments.js";
import { MomentsCase } from "../moments-case.js";
import { gridRange } from "./grid-range.js";

/** Integer samples (rows) and the input-noise variance. */
export interface SampleRecipe {
  readonly X: readonly (readonly number[])[];
  readonly Y: readonly (readonly number[])[];
  readonly r: number;
}

/** Σyx on a grid and the residual variance. */
export interface WhitenedRecipe {
  readonly Syx: readonly (readonly number[])[];
  readonly v: number;
}

/** Sample recipes for up to `maxIn` inputs and `maxOut` outputs; r respects the κ bound for `maxIn`. */
export function sampleRecipeArb(
  maxIn: number,
  maxOut: number,
  c: SampleMomentsConstraints,
): fc.Arbitrary<SampleRecipe> {
  const n = positiveInt("samples", c.samples ?? 4);
  const e = positiveInt("maxEntry", c.maxEntry ?? 2);
  const kappa = c.maxConditionNumber ?? 100;
  if (!(Number.isFinite(kappa) && kappa > 1)) {
    throw new DomainError(errorMessage("maxConditionNumber", kappa, "must be a finite number > 1", "Use e.g. 100."));
  }
  const rMin = (e * e * maxIn) / (kappa - 1);
  const rMax = c.maxInputNoise ?? 1;
  if (rMin > rMax) {
    throw new DomainError(
      errorMessage(
        "maxInputNoise",
        rMax,
        `must be ≥ maxEntry²·d0/(κ − 1) = ${formatNumber(rMin)} to guarantee κ(Σxx) ≤ ${kappa}`,
        "Raise maxInputNoise or maxConditionNumber, or lower maxEntry.",
      ),
    );
  }
  const noise = gridRange("inputNoise", { min: rMin, max: rMax }, { denominator: 8, min: 0, max: 1 });
  const entry = fc.integer({ min: -e, max: e });
  const rows = (d: number) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: n, maxLength: n });
  return fc
    .record({ X: rows(maxIn), Y: rows(maxOut), k: fc.integer({ min: noise.kMin, max: noise.kMax }) })
    .map(({ X, Y, k }) => ({ X, Y, r: k / noise.denominator }));
}

/** The moments of a sample recipe restricted to the first d0 input and dL output coordinates. */
export function buildSampleMoments(recipe: SampleRecipe, d0: number, dL: number): MomentsCase {
  const X = recipe.X.map((row) => row.slice(0, d0));
  const Y = recipe.Y.map((row) => row.slice(0, dL));
  const n = X.length;
  const Sxx = gram(X, X, n);
  for (let i = 0; i < d0; i++) (Sxx[i] as number[])[i] = ((Sxx[i] as number[])[i] as number) + recipe.r;
  const Syx = gram(Y, X, n);
  let ey2 = 0;
  for (const row of Y) for (const v of row) ey2 += v * v;
  const text = `samples(X = ${formatValue(X)}, Y = ${formatValue(Y)}, input noise variance ${formatNumber(recipe.r)})`;
  return new MomentsCase(text, Sxx, Syx, ey2 / n);
}

/** Whitened recipes for up to `maxIn` inputs and `maxOut` outputs. */
export function whitenedRecipeArb(
  maxIn: number,
  maxOut: number,
  c: WhitenedMomentsConstraints,
): fc.Arbitrary<WhitenedRecipe> {
  const max = c.maxEntry ?? 2;
  const cross = gridRange(
    "Syx",
    { min: -max, max, denominator: c.denominator ?? 4 },
    { denominator: 4, min: -2, max: 2 },
  );
  const residual = gridRange("residual", { min: 0, max: c.maxResidual ?? 1 }, { denominator: 8, min: 0, max: 1 });
  const entry = fc.integer({ min: cross.kMin, max: cross.kMax }).map((k) => k / cross.denominator);
  return fc
    .record({
      Syx: fc.array(fc.array(entry, { minLength: maxIn, maxLength: maxIn }), { minLength: maxOut, maxLength: maxOut }),
      k: fc.integer({ min: residual.kMin, max: residual.kMax }),
    })
    .map(({ Syx, k }) => ({ Syx, v: k / residual.denominator }));
}

/** Whitened moments (Σxx = I) of a recipe restricted to d0 inputs and dL outputs. */
export function buildWhitenedMoments(recipe: WhitenedRecipe, d0: number, dL: number): MomentsCase {
  const Syx = recipe.Syx.slice(0, dL).map((row) => row.slice(0, d0));
  let norm2 = 0;
  for (const row of Syx) for (const x of row) norm2 += x * x;
  const Sxx = Array.from({ length: d0 }, (_, i) => Array.from({ length: d0 }, (_, j) => (i === j ? 1 : 0)));
  const text = `whitened(Syx = ${formatValue(Syx)}, residual variance ${formatNumber(recipe.v)})`;
  return new MomentsCase(text, Sxx, Syx, norm2 + recipe.v);
}

/** AᵀB/n for row lists A (n×p) and B (n×q). */
function gram(A: readonly (readonly number[])[], B: readonly (readonly number[])[], n: number): number[][] {
  const p = A[0]?.length ?? 0;
  const q = B[0]?.length ?? 0;
  const out: number[][] = Array.from({ length: p }, () => new Array<number>(q).fill(0));
  for (let k = 0; k < n; k++) {
    const a = A[k] as readonly number[];
    const b = B[k] as readonly number[];
    for (let i = 0; i < p; i++)
      for (let j = 0; j < q; j++) (out[i] as number[])[j] += (a[i] as number) * (b[j] as number);
  }
  for (const row of out) for (let j = 0; j < q; j++) row[j] = (row[j] as number) / n;
  return out;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new DomainError(errorMessage(name, value, "must be an integer ≥ 1", "Pass e.g. 4."));
  }
  return value;
}

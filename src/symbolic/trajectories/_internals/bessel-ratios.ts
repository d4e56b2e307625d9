/**
 * Scaled ratios of modified Bessel functions, the only Bessel quantities the depth-2 weight-decay trajectory
 * needs (see `bessel-form.ts`): for real order ν ≥ 1/2 and argument x > 0,
 *
 *   H  = x·I_{ν+1}(x)/I_ν(x)        (Gauss's continued fraction, all partial terms positive),
 *   Q1 = x·K_ν(x)/K_{ν−1}(x),  Q2 = x·K_{ν+1}(x)/K_ν(x)
 *        (Temme's series for x < 2, Steed's continued fraction CF2 for x ≥ 2, at the base order
 *        μ = ν − ⌊ν + ½⌋ ∈ [−½, ½), then the forward recurrence q_m = x²/q_{m−1} + 2(μ + m), which only adds
 *        positive terms and is the stable direction for K).
 *
 * These are the algorithms of `bessik` (Press et al., Numerical Recipes, 3rd ed., §6.6.2; Temme, J. Comput.
 * Phys. 19 (1975) 324; Steed's method as in Barnett et al. 1974), kept in ratio form so nothing overflows:
 * the scaled ratios stay between O(x²) and O(ν) for every x down to the subnormal range. The values I_ν, K_ν
 * themselves are never formed.
 *
 * @packageDocumentation
 */

const EPS = Number.EPSILON;

/** Taylor coefficients c_k of 1/Γ(z) = Σ_{k≥1} c_k z^k (mpmath, rounded to double), k = 1..28. */
const RGAMMA = [
  1.0, 0.5772156649015329, -0.6558780715202539, -0.04200263503409524, 0.16653861138229148, -0.04219773455554433,
  -0.009621971527876973, 0.0072189432466631, -0.0011651675918590652, -0.00021524167411495098, 0.0001280502823881162,
  -2.013485478078824e-5, -1.2504934821426706e-6, 1.133027231981696e-6, -2.056338416977607e-7, 6.116095104481416e-9,
  5.002007644469223e-9, -1.18127457048702e-9, 1.0434267116911005e-10, 7.782263439905071e-12, -3.696805618642206e-12,
  5.100370287454476e-13, -2.0583260535665066e-14, -5.348122539423018e-15, 1.2267786282382608e-15,
  -1.1812593016974588e-16, 1.1866922547516004e-18, 1.4123806553180319e-18,
];

/**
 * Temme's auxiliary functions for |μ| ≤ ½: gam1 = (1/Γ(1−μ) − 1/Γ(1+μ))/(2μ), gam2 = (1/Γ(1−μ) + 1/Γ(1+μ))/2,
 * from the Taylor series of 1/Γ (odd and even parts), so gam1 has no cancellation as μ → 0.
 */
function temmeGammas(mu: number): { gam1: number; gam2: number; gampl: number; gammi: number } {
  // 1/Γ(1+μ) = Σ_{k≥1} c_k μ^{k−1}; its odd part in μ gives −μ·gam1, its even part gam2.
  const m2 = mu * mu;
  let gam1 = 0;
  let gam2 = 0;
  for (let k = RGAMMA.length; k >= 1; k--) {
    const c = RGAMMA[k - 1] as number;
    if (k % 2 === 0) gam1 = gam1 * m2 - c;
    else gam2 = gam2 * m2 + c;
  }
  return { gam1, gam2, gampl: gam2 - mu * gam1, gammi: gam2 + mu * gam1 };
}

/** Scaled ratios at one point; `ok` is false when a series or continued fraction did not converge. */
export interface BesselRatios {
  /** x·I_{ν+1}(x)/I_ν(x). */
  readonly H: number;
  /** x·K_ν(x)/K_{ν−1}(x). */
  readonly Q1: number;
  /** x·K_{ν+1}(x)/K_ν(x). */
  readonly Q2: number;
  readonly ok: boolean;
}

/** Iteration budget of each continued fraction / series. */
const MAX_ITER = 200_000;

/**
 * x·I_{ν+1}(x)/I_ν(x) by Gauss's continued fraction x²/(2(ν+1) + x²/(2(ν+2) + …)) (modified Lentz). Valid for
 * ν > −1; every partial numerator and denominator is positive, so the convergents bracket the value and there
 * is no cancellation. It needs about x/2 terms once x exceeds ν.
 */
export function scaledIRatio(nu: number, x: number): { value: number; ok: boolean } {
  const x2 = x * x;
  if (x2 === 0) return { value: 0, ok: true };
  const tiny = 1e-300;
  let f = 2 * (nu + 1);
  let C = f;
  let D = 0;
  for (let j = 2; j < MAX_ITER; j++) {
    const b = 2 * (nu + j);
    D = b + x2 * D;
    if (D < tiny) D = tiny;
    C = b + x2 / C;
    if (C < tiny) C = tiny;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) return { value: x2 / f, ok: true };
  }
  return { value: x2 / f, ok: false };
}

/** x·K_{μ+1}(x)/K_μ(x) for |μ| ≤ ½ by Temme's series (x < 2). */
function temmeQ0(mu: number, x: number): { value: number; ok: boolean } {
  const x2 = 0.5 * x;
  const pimu = Math.PI * mu;
  const fact = Math.abs(pimu) < EPS ? 1 : pimu / Math.sin(pimu);
  const d = -Math.log(x2);
  let e = mu * d;
  const fact2 = Math.abs(e) < EPS ? 1 : Math.sinh(e) / e;
  const { gam1, gam2, gampl, gammi } = temmeGammas(mu);
  let ff = fact * (gam1 * Math.cosh(e) + gam2 * fact2 * d);
  let sum = ff;
  e = Math.exp(e);
  let p = (0.5 * e) / gampl;
  let q = 0.5 / (e * gammi);
  let c = 1;
  const dd = x2 * x2;
  let sum1 = p;
  const m2 = mu * mu;
  for (let i = 1; i < 1000; i++) {
    ff = (i * ff + p + q) / (i * i - m2);
    c *= dd / i;
    p /= i - mu;
    q /= i + mu;
    const del = c * ff;
    sum += del;
    const del1 = c * (p - i * ff);
    sum1 += del1;
    if (Math.abs(del) < Math.abs(sum) * EPS && Math.abs(del1) < Math.abs(sum1) * EPS) {
      // K_μ = sum, K_{μ+1} = sum1·2/x, so x·K_{μ+1}/K_μ = 2·sum1/sum.
      return { value: (2 * sum1) / sum, ok: true };
    }
  }
  return { value: (2 * sum1) / sum, ok: false };
}

/** x·K_{μ+1}(x)/K_μ(x) for |μ| ≤ ½ by Steed's continued fraction CF2 (x ≥ 2). */
function steedQ0(mu: number, x: number): { value: number; ok: boolean } {
  let b = 2 * (1 + x);
  let d = 1 / b;
  let delh = d;
  let h = d;
  const a1 = 0.25 - mu * mu;
  if (a1 === 0) return { value: mu + x + 0.5, ok: true };
  let a = -a1;
  for (let i = 1; i < MAX_ITER; i++) {
    a -= 2 * i;
    b += 2;
    d = 1 / (b + a * d);
    delh = (b * d - 1) * delh;
    h += delh;
    if (Math.abs(delh) < Math.abs(h) * EPS) return { value: mu + x + 0.5 - a1 * h, ok: true };
  }
  return { value: mu + x + 0.5 - a1 * h, ok: false };
}

/**
 * All three scaled ratios at (ν, x), ν ≥ ½, x > 0. Cost: one continued fraction (≈ max(20, x/2) terms),
 * one base-order K evaluation (≤ ~40 terms), ⌊ν + ½⌋ recurrence steps.
 */
export function besselRatios(nu: number, x: number): BesselRatios {
  const n = Math.floor(nu + 0.5);
  const mu = nu - n;
  const I = scaledIRatio(nu, x);
  const base = x < 2 ? temmeQ0(mu, x) : steedQ0(mu, x);
  const x2 = x * x;
  let qPrev = base.value; // q_0 = x K_{μ+1}/K_μ
  let q = qPrev;
  for (let m = 1; m <= n; m++) {
    qPrev = q;
    q = x2 / qPrev + 2 * (mu + m);
  }
  // After the loop q = q_n = x K_{ν+1}/K_ν and qPrev = q_{n−1} = x K_ν/K_{ν−1} (n ≥ 1 because ν ≥ ½).
  const ok = I.ok && base.ok && Number.isFinite(I.value) && Number.isFinite(q) && Number.isFinite(qPrev) && qPrev > 0;
  return { H: I.value, Q1: qPrev, Q2: q, ok };
}

/**
 * Adaptive Gauss–Kronrod quadrature (the 7-point Gauss / 15-point Kronrod pair of QUADPACK's QK15, Piessens
 * et al. 1983), globally adaptive: the interval with the largest error estimate is bisected until the summed
 * estimate meets the tolerance. Used for the log-ratio integrals of the Bessel form and for the implicit
 * time t(b) of deep balanced chains.
 *
 * @packageDocumentation
 */

// Nodes and weights of QK15 (QUADPACK); checked in the tests to integrate monomials of degree ≤ 22 (Kronrod)
// and ≤ 13 (Gauss) exactly to round-off.
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** The QK15 nodes on [−1, 1] (positive half, centre last) and weights, exported for the exactness test. */
export const QK15 = { nodes: XGK, kronrodWeights: WGK, gaussWeights: WG } as const;

/** Result of {@link integrate}. */
export interface QuadratureResult {
  /** The integral estimate (Kronrod sum over the final partition). */
  readonly value: number;
  /** Summed |Kronrod − Gauss| over the partition: a (pessimistic) error estimate. */
  readonly error: number;
  /** Number of subintervals in the final partition. */
  readonly segments: number;
  /** Integrand evaluations. */
  readonly evaluations: number;
  /** True when the estimate met `max(absTol, relTol·|value|)` within the segment budget. */
  readonly converged: boolean;
}

/** Options of {@link integrate}. */
export interface QuadratureOptions {
  /** @defaultValue 1e-14 */
  readonly relTol?: number;
  /** @defaultValue 0 */
  readonly absTol?: number;
  /** @defaultValue 400 */
  readonly maxSegments?: number;
}

interface Segment {
  a: number;
  b: number;
  value: number;
  error: number;
}

function qk15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let resK = fc * (WGK[7] as number);
  let resG = fc * (WG[3] as number);
  for (let j = 0; j < 7; j++) {
    const dx = h * (XGK[j] as number);
    const f1 = f(c - dx);
    const f2 = f(c + dx);
    resK += (WGK[j] as number) * (f1 + f2);
    if (j % 2 === 1) resG += (WG[(j - 1) / 2] as number) * (f1 + f2);
  }
  return { value: resK * h, error: Math.abs((resK - resG) * h) };
}

/**
 * ∫_a^b f by globally adaptive QK15. Returns the best estimate even when not converged (`converged: false`),
 * so the caller decides whether to trust it; a non-finite integrand value makes the result non-finite.
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  const relTol = options.relTol ?? 1e-14;
  const absTol = options.absTol ?? 0;
  const maxSegments = options.maxSegments ?? 400;
  if (a === b) return { value: 0, error: 0, segments: 0, evaluations: 0, converged: true };
  const first = qk15(f, a, b);
  const segs: Segment[] = [{ a, b, ...first }];
  let evaluations = 15;
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i] as Segment;
      value += s.value;
      error += s.error;
      if (s.error > (segs[worst] as Segment).error) worst = i;
    }
    if (!Number.isFinite(value) || !Number.isFinite(error)) {
      return {
        value: Number.NaN,
        error: Number.POSITIVE_INFINITY,
        segments: segs.length,
        evaluations,
        converged: false,
      };
    }
    // Round-off floor: 50 ulps of the accumulated magnitude cannot be beaten by bisection.
    const target = Math.max(absTol, relTol * Math.abs(value), 50 * Number.EPSILON * Math.abs(value));
    if (error <= target) return { value, error, segments: segs.length, evaluations, converged: true };
    if (segs.length >= maxSegments) return { value, error, segments: segs.length, evaluations, converged: false };
    const s = segs[worst] as Segment;
    const m = 0.5 * (s.a + s.b);
    // Works for reversed limits (a > b) too: the midpoint must fall strictly inside either way.
    if (!(m > Math.min(s.a, s.b) && m < Math.max(s.a, s.b))) {
      return { value, error, segments: segs.length, evaluations, converged: false };
    }
    const left = qk15(f, s.a, m);
    const right = qk15(f, m, s.b);
    evaluations += 30;
    segs[worst] = { a: s.a, b: m, ...left };
    segs.push({ a: m, b: s.b, ...right });
  }
}

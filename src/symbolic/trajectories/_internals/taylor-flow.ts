/**
 * A high-order Taylor-series integrator for the scalar depth-2 flow u̇ = −2(Auw − a)w − 2γu,
 * ẇ = −2(Auw − a)u − 2γw (polynomial right-hand side, so the Taylor coefficients follow from Cauchy
 * products). It is the numerical fallback of {@link depth2Trajectory} where the Bessel closed form is out of
 * its evaluation range; the symbolic layer may not import the dynamics layer, hence a self-contained method.
 * Order 30, step h = radius/4 from the decay of the last two coefficients (local truncation ~4⁻³⁰ ≈ 1e-18).
 *
 * @packageDocumentation
 */

const ORDER = 30;

/** Integrates from (u0, w0) at time 0 to time t ≥ 0; returns null when the step budget is exhausted. */
export function taylorFlow(
  A: number,
  a: number,
  gamma: number,
  u0: number,
  w0: number,
  t: number,
  maxSteps = 200_000,
): { u: number; w: number; steps: number } | null {
  const U = new Float64Array(ORDER + 1);
  const W = new Float64Array(ORDER + 1);
  const UW = new Float64Array(ORDER + 1);
  let u = u0;
  let w = w0;
  let time = 0;
  let steps = 0;
  while (time < t) {
    if (steps++ >= maxSteps) return null;
    U[0] = u;
    W[0] = w;
    for (let kk = 0; kk < ORDER; kk++) {
      let uw = 0;
      for (let i = 0; i <= kk; i++) uw += (U[i] as number) * (W[kk - i] as number);
      UW[kk] = uw;
      let uww = 0;
      let uuw = 0;
      for (let i = 0; i <= kk; i++) {
        uww += (UW[i] as number) * (W[kk - i] as number);
        uuw += (UW[i] as number) * (U[kk - i] as number);
      }
      U[kk + 1] = (-2 * A * uww + 2 * a * (W[kk] as number) - 2 * gamma * (U[kk] as number)) / (kk + 1);
      W[kk + 1] = (-2 * A * uuw + 2 * a * (U[kk] as number) - 2 * gamma * (W[kk] as number)) / (kk + 1);
    }
    const scale = Math.max(Math.abs(u), Math.abs(w), 1e-300);
    const c1 = (Math.abs(U[ORDER - 1] as number) + Math.abs(W[ORDER - 1] as number)) / scale;
    const c2 = (Math.abs(U[ORDER] as number) + Math.abs(W[ORDER] as number)) / scale;
    const r1 = c1 > 0 ? c1 ** (-1 / (ORDER - 1)) : Number.POSITIVE_INFINITY;
    const r2 = c2 > 0 ? c2 ** (-1 / ORDER) : Number.POSITIVE_INFINITY;
    let h = 0.25 * Math.min(r1, r2);
    if (!Number.isFinite(h)) h = t - time;
    if (time + h > t) h = t - time;
    let su = U[ORDER] as number;
    let sw = W[ORDER] as number;
    for (let kk = ORDER - 1; kk >= 0; kk--) {
      su = su * h + (U[kk] as number);
      sw = sw * h + (W[kk] as number);
    }
    u = su;
    w = sw;
    time = Math.min(t, time + h);
    if (!Number.isFinite(u) || !Number.isFinite(w)) return null;
  }
  return { u, w, steps };
}

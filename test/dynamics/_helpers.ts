/** Shared helpers for the dynamics tests (not a test file itself). */

/** Least-squares slope of log(err) against log(h): the observed order of convergence. */
export function fittedOrder(hs: readonly number[], errors: readonly number[]): number {
  const xs = hs.map(Math.log);
  const ys = errors.map(Math.log);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return num / den;
}

/** max_i |a_i − b_i| / (atol + rtol·|b_i|): error measured in units of the mixed tolerance. */
export function scaledError(a: ArrayLike<number>, exact: ArrayLike<number>, rtol: number, atol: number): number {
  let m = 0;
  for (let i = 0; i < exact.length; i++) {
    const e = Math.abs((a[i] as number) - (exact[i] as number)) / (atol + rtol * Math.abs(exact[i] as number));
    if (Number.isNaN(e)) return Number.NaN; // a broken result can never pass a ≤ test
    if (e > m) m = e;
  }
  return m;
}

/** max_i |a_i − b_i| / max(|b_i|, floor). */
export function maxRelativeError(a: ArrayLike<number>, ref: ArrayLike<number>, floor = 1e-300): number {
  let m = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = Math.abs((a[i] as number) - (ref[i] as number)) / Math.max(Math.abs(ref[i] as number), floor);
    if (Number.isNaN(e)) return Number.NaN;
    if (e > m) m = e;
  }
  return m;
}

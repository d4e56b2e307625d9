/**
 * The derived side of the Ziyin et al. claims, in one place: the symbolic derivations of `src/symbolic`
 * (issue 3) adapted to the generated settings.
 *
 * @packageDocumentation
 */
import { type NoisyGlobalMinimum, noisyGlobalMinimum } from "../../src/symbolic/derivations/noisy-global-minimum.js";
import type { LinearSetting } from "../../src/testing/arbitraries/setting.js";

/**
 * The global minimum of a scalar-output setting over all weights, from the symbolic derivation 5
 * (`noisyGlobalMinimum`: scalar equation for b, β*, the weights, every critical b with its kind).
 */
export function derivedNetworkMinimum(s: LinearSetting): NoisyGlobalMinimum {
  const m = s.moments;
  return noisyGlobalMinimum({
    Sxx: m.Sxx,
    Sxy: Array.from(m.Syx.data),
    Ey2: m.Ey2,
    widths: s.widths,
    gamma: s.loss.gamma,
    noise: s.loss.noise,
    c: s.loss.c,
  });
}

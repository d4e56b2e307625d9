/**
 * The transition of the scalar chain measured numerically (proofs/_ziyin/scan.ts) next to the symbolic closed
 * forms, shared by ziyin2022.transition-order and its negative control.
 *
 * @packageDocumentation
 */
import { deriveCriticalGamma } from "../../src/symbolic/derivations/critical-gamma.js";
import type { LinearSetting } from "../../src/testing/arbitraries/setting.js";
import { derivedNetworkMinimum } from "./derived.js";
import { bruteForceMinimum, locateTransition, oneSidedSlope } from "./scan.js";
import { ziyinSettingArb } from "./settings.js";

/** Relative step of the one-sided slopes of ℓ*(ḡ) (error O(h²) ≈ 1e-8, round-off ≈ 1e-16/h = 1e-12). */
export const SLOPE_STEP = 1e-4;

/** The numeric transition of one setting and the derived values it is compared with. */
export interface TransitionMeasurement {
  readonly L: number;
  /** κA and |a| of the effective scalar chain. */
  readonly A: number;
  readonly a: number;
  readonly numeric: { readonly gammaC: number; readonly jumpP: number; readonly slopeJump: number };
  readonly derived: {
    readonly gammaC: number;
    readonly Pc: number;
    readonly lossSlopeJump: number;
    readonly order: string;
  };
}

/** Locates the transition of a scalar-input setting by brute force and evaluates the symbolic closed forms. */
export function measureTransition(s: LinearSetting): TransitionMeasurement {
  const L = s.net.depth;
  const kappa = derivedNetworkMinimum(s).noiseFactor;
  const A = kappa * s.moments.Sxx.get(0, 0);
  const a = s.moments.Syx.get(0, 0);
  const Ey2 = s.moments.Ey2;
  const t = locateTransition(L, A, a, Ey2);
  const lossAt = (g: number) => bruteForceMinimum(L, A, a, Ey2, g).loss;
  const h = SLOPE_STEP * t.gammaC;
  const left = oneSidedSlope(lossAt, t.below.gbar, h, -1);
  const right = oneSidedSlope(lossAt, t.above.gbar, h, 1);
  const cg = deriveCriticalGamma(L);
  if (cg.order === "none") throw new Error("L = 1 has no transition");
  const v = cg.values({ A, a });
  return {
    L,
    A,
    a,
    numeric: { gammaC: t.gammaC, jumpP: t.below.P - t.above.P, slopeJump: left - right },
    derived: { gammaC: v.gammaC, Pc: v.Pc, lossSlopeJump: v.lossSlopeJump, order: cg.order },
  };
}

/** Scalar-input settings (widths [1, d1, …, d_{L−1}, 1]) with a ≠ 0. */
export const transitionSettings = (depth: { min: number; max: number }) =>
  ziyinSettingArb({ depth, input: 1 }).filter((s) => s.moments.Syx.get(0, 0) !== 0);

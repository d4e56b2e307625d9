/**
 * Per-layer width slopes S_{W1}, S_{W2} of the three-layer phase diagram of Zhou et al. 2022
 * (arXiv 2205.12101, experiments: "slopes S_{W_i} of log RD(W^[i]) vs log m"; lindyn note
 * zhou2022-phase-diagram.md, "Three layers").
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../../core/errors.js";
import { requireFinite } from "../../../core/validate.js";
import { logLogSlope } from "../phase-diagram/regime.js";
import { type ThreeLayerResult, trainThreeLayer } from "./three-layer-relu.js";

/** An initialisation family β_i = m^{−p_i} (i = 1, 2, 3), α = m^q. */
export interface ThreeLayerFamily {
  /** Exponents (p₁, p₂, p₃) of the initial scales of W¹, W², a. */
  readonly p: readonly [number, number, number];
  /** Exponent q of the output scale α = m^q. */
  readonly q: number;
}

/** Options of {@link layerSlopes}. */
export interface LayerSlopesOptions {
  /** Widths m (≥ 2 distinct, even). */
  readonly widths: readonly number[];
  /** Seed of the initialisation (one run per width). @defaultValue 1 */
  readonly seed?: number;
  /** Stop each run at R < lossTol. @defaultValue 1e-6 */
  readonly lossTol?: number;
}

/** One run per width and the fitted slopes. */
export interface LayerSlopes {
  readonly family: ThreeLayerFamily;
  readonly widths: readonly number[];
  readonly runs: readonly ThreeLayerResult[];
  /** Least-squares slope of log sup_t RD(W¹) vs log m. */
  readonly slopeW1: number;
  /** Least-squares slope of log sup_t RD(W²) vs log m. */
  readonly slopeW2: number;
}

/**
 * Trains the family at each width (same seed) and fits S_{W1}, S_{W2}.
 * @throws DomainError if some RD is not positive and finite (e.g. a run that did not move)
 */
export function layerSlopes(family: ThreeLayerFamily, options: LayerSlopesOptions): LayerSlopes {
  for (let i = 0; i < 3; i++) requireFinite(`p[${i}]`, family.p[i] as number);
  requireFinite("q", family.q);
  const runs = options.widths.map((m) =>
    trainThreeLayer({
      width: m,
      betas: [m ** -family.p[0], m ** -family.p[1], m ** -family.p[2]],
      alpha: m ** family.q,
      seed: options.seed ?? 1,
      lossTol: options.lossTol ?? 1e-6,
    }),
  );
  const bad = runs.findIndex((r) => r.status === "non-finite");
  if (bad >= 0) {
    throw new DomainError(
      errorMessage(
        `width ${options.widths[bad]}`,
        "non-finite",
        "training must stay finite",
        "Lower maxRelativeChange.",
      ),
    );
  }
  return {
    family,
    widths: options.widths,
    runs,
    slopeW1: logLogSlope(
      options.widths,
      runs.map((r) => r.rdW1),
    ),
    slopeW2: logLogSlope(
      options.widths,
      runs.map((r) => r.rdW2),
    ),
  };
}

/**
 * Resolution of layer-wise learning rates η into one rate per parameter (not exported from the package).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage, ShapeError } from "../../core/errors.js";
import { LinearNet } from "../../model/architecture.js";
import type { Objective } from "../../model/objective.js";
import type { RateSpec } from "../rates.js";

/** The net behind an objective, when it has one (e.g. a LinearNetObjective). */
export function netOf(objective: Objective): LinearNet | undefined {
  const net = (objective as { net?: unknown }).net;
  return net instanceof LinearNet ? net : undefined;
}

function requireRate(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
    throw new DomainError(
      errorMessage(name, v, "must be a finite positive rate", "Rates scale the gradient; pass e.g. 1 (the default)."),
    );
  }
  return v;
}

/** Resolved rates: one per parameter, and one per layer when the spec was per layer (or uniform). */
export interface ResolvedRates {
  perParameter: Float64Array;
  /** Per-layer rates η_1..η_L, when the spec assigns one rate per weight matrix (undefined otherwise). */
  perLayer: number[] | undefined;
}

/**
 * Expands a {@link RateSpec} for an objective of dimension `dim`.
 *
 * @param name - parameter name for messages (`rates` or `lr`)
 */
export function resolveRates(name: string, spec: RateSpec | undefined, objective: Objective): ResolvedRates {
  const dim = objective.dim;
  const net = netOf(objective);
  const uniform = (v: number): ResolvedRates => ({
    perParameter: new Float64Array(dim).fill(v),
    perLayer: net !== undefined ? Array.from({ length: net.depth }, () => v) : undefined,
  });
  if (spec === undefined) return uniform(1);
  if (typeof spec === "number") return uniform(requireRate(name, spec));
  if (spec instanceof Float64Array) {
    if (spec.length !== dim) {
      throw new ShapeError(
        errorMessage(
          `${name}.length`,
          spec.length,
          `must equal the number of parameters ${dim} (a Float64Array means one rate per parameter)`,
          "Pass one rate per parameter, a single number, or per-layer rates as a number[] / { net, perLayer }.",
        ),
      );
    }
    for (let k = 0; k < dim; k++) requireRate(`${name}[${k}]`, spec[k]);
    return { perParameter: spec.slice(), perLayer: undefined };
  }
  let layerNet: LinearNet | undefined;
  let perLayer: number | readonly number[];
  if (Array.isArray(spec)) {
    layerNet = net;
    perLayer = spec as readonly number[];
    if (layerNet === undefined) {
      throw new ShapeError(
        errorMessage(
          name,
          spec,
          "per-layer rates need the layer offsets, and this objective has no `net`",
          "Pass { net, perLayer: [...] } with the LinearNet, or one rate per parameter as a Float64Array.",
        ),
      );
    }
  } else if (typeof spec === "object" && spec !== null && "perLayer" in spec) {
    layerNet = spec.net;
    perLayer = spec.perLayer;
    if (!(layerNet instanceof LinearNet)) {
      throw new ShapeError(
        errorMessage(`${name}.net`, layerNet, "must be a LinearNet", "Pass the net of the objective."),
      );
    }
  } else {
    throw new DomainError(
      errorMessage(
        name,
        spec,
        "must be a number, a Float64Array (per parameter), a number[] (per layer) or { net, perLayer }",
        "Pass e.g. 1, [1, 0.5], or { net, perLayer: [1, 0.5] }.",
      ),
    );
  }
  if (layerNet.dim !== dim) {
    throw new ShapeError(
      errorMessage(
        `${name}.net.dim`,
        layerNet.dim,
        `must equal the objective's dimension ${dim}`,
        "Pass the same LinearNet as the objective's.",
      ),
    );
  }
  const L = layerNet.depth;
  const etas = typeof perLayer === "number" ? Array.from({ length: L }, () => perLayer as number) : [...perLayer];
  if (etas.length !== L) {
    throw new ShapeError(
      errorMessage(
        `${name} (per layer)`,
        etas,
        `must have one rate per weight matrix (L = ${L})`,
        "Pass exactly L rates, or a single number.",
      ),
    );
  }
  const out = new Float64Array(dim);
  for (let i = 0; i < L; i++) {
    const eta = requireRate(`${name}[${i}] (rate of W_${i + 1})`, etas[i]);
    const start = layerNet.offsets[i] as number;
    const end = i + 1 < L ? (layerNet.offsets[i + 1] as number) : dim;
    out.fill(eta, start, end);
  }
  return { perParameter: out, perLayer: etas };
}

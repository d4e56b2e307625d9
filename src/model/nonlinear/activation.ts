/**
 * Activation functions φ of nonlinear nets, with φ′ and φ″, their kink structure and symmetry flags.
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../../core/errors.js";
import { erf, normalCdf, normalPdf } from "./_internals/erf.js";

/** Names of the built-in activations. */
export type ActivationName = "relu" | "leaky-relu" | "tanh" | "erf" | "softplus" | "gelu" | "identity";

/** A scalar function with its first two derivatives (a smooth piece of an activation, or the whole of one). */
export interface ScalarFunctions {
  /** φ(x). */
  phi(x: number): number;
  /** φ′(x). */
  dphi(x: number): number;
  /** φ″(x). */
  d2phi(x: number): number;
}

/**
 * An activation φ. Smooth activations are C^∞. Piecewise-linear ones (ReLU, leaky ReLU) have one kink at 0;
 * there `dphi(0)` returns the LEFT derivative (ReLU: φ′(0) = 0, leaky ReLU: φ′(0) = slope — the convention of
 * the common autodiff frameworks) and `d2phi` returns 0 everywhere: the distributional second derivative
 * (1 − slope)·δ₀ cannot be evaluated pointwise. Expectations of φ″ are therefore taken through Stein's
 * identity E[φ″(g)] = E[(g² − 1)φ(g)] (see activation-constants.ts), which is exact in the distributional
 * sense.
 */
export interface Activation extends ScalarFunctions {
  /** Which family. */
  readonly name: ActivationName;
  /** Printable form, e.g. `leaky-relu(1/8)` (`leaky-relu(0.125)`). */
  readonly label: string;
  /** Negative-side slope of leaky ReLU (0 for ReLU); undefined for the others. */
  readonly slope?: number;
  /** True when φ is C² on all of ℝ. */
  readonly smooth: boolean;
  /**
   * For activations with a kink at 0: smooth functions that coincide with φ on x < 0 (`left`) and x > 0
   * (`right`), defined on all of ℝ, so a quadrature can integrate each half-line separately.
   */
  readonly pieces?: { readonly left: ScalarFunctions; readonly right: ScalarFunctions };
  /** φ(λx) = λφ(x) for λ > 0 (ReLU, leaky ReLU, identity): what makes per-unit balances conserved. */
  readonly positivelyHomogeneous: boolean;
  /** φ(−x) = −φ(x). */
  readonly odd: boolean;
  /**
   * Elementwise `h[k] = φ(z[k])` and, when `dh` is given, `dh[k] = φ′(z[k])` (same length, no allocation).
   * `h` may be `z` itself when `dh` is null; with `dh`, neither output may alias `z`.
   */
  evaluateInto(z: Float64Array, h: Float64Array, dh: Float64Array | null): void;
}

const ZERO: ScalarFunctions = { phi: () => 0, dphi: () => 0, d2phi: () => 0 };
function linear(slope: number): ScalarFunctions {
  return { phi: (x) => slope * x, dphi: () => slope, d2phi: () => 0 };
}

function generic(fns: ScalarFunctions): Activation["evaluateInto"] {
  return (z, h, dh) => {
    for (let k = 0; k < z.length; k++) h[k] = fns.phi(z[k] as number);
    if (dh !== null) for (let k = 0; k < z.length; k++) dh[k] = fns.dphi(z[k] as number);
  };
}

/**
 * Leaky ReLU φ(x) = x for x > 0, slope·x for x ≤ 0 (φ′(0) = slope: the left derivative). `slope = 0` is ReLU.
 * @throws DomainError for a non-finite slope or slope = 1 (that is the identity: use {@link identity})
 */
export function leakyRelu(slope: number): Activation {
  if (typeof slope !== "number" || !Number.isFinite(slope) || slope === 1) {
    throw new DomainError(
      errorMessage(
        "slope",
        slope,
        "must be a finite number other than 1",
        "Use e.g. 0.01 or 1/8; slope 1 is the identity activation (use identity()).",
      ),
    );
  }
  const s = slope;
  const fns: ScalarFunctions = {
    phi: (x) => (x > 0 ? x : s * x),
    dphi: (x) => (x > 0 ? 1 : s),
    d2phi: () => 0,
  };
  return {
    name: s === 0 ? "relu" : "leaky-relu",
    label: s === 0 ? "relu" : `leaky-relu(${s})`,
    slope: s,
    smooth: false,
    pieces: { left: s === 0 ? ZERO : linear(s), right: linear(1) },
    positivelyHomogeneous: true,
    odd: false,
    ...fns,
    evaluateInto(z, h, dh) {
      for (let k = 0; k < z.length; k++) {
        const x = z[k] as number;
        h[k] = x > 0 ? x : s * x;
      }
      if (dh !== null) for (let k = 0; k < z.length; k++) dh[k] = (z[k] as number) > 0 ? 1 : s;
    },
  };
}

/** ReLU φ(x) = max(x, 0), with the convention φ′(0) = 0 (see {@link Activation}). */
export function relu(): Activation {
  return leakyRelu(0);
}

/** tanh, with φ′ = 1 − tanh², φ″ = −2tanh·(1 − tanh²). */
export function tanhActivation(): Activation {
  const fns: ScalarFunctions = {
    phi: Math.tanh,
    dphi: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    d2phi: (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
  };
  return {
    name: "tanh",
    label: "tanh",
    smooth: true,
    positivelyHomogeneous: false,
    odd: true,
    ...fns,
    evaluateInto(z, h, dh) {
      for (let k = 0; k < z.length; k++) {
        const t = Math.tanh(z[k] as number);
        h[k] = t;
        if (dh !== null) dh[k] = 1 - t * t;
      }
    },
  };
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf, with φ′ = (2/√π)e^{−x²}, φ″ = −2xφ′ (Hu et al. 2020, arXiv 2006.14599, use erf as their odd example). */
export function erfActivation(): Activation {
  const fns: ScalarFunctions = {
    phi: erf,
    dphi: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
    d2phi: (x) => -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x),
  };
  return {
    name: "erf",
    label: "erf",
    smooth: true,
    positivelyHomogeneous: false,
    odd: true,
    ...fns,
    evaluateInto: generic(fns),
  };
}

/** softplus φ(x) = log(1 + eˣ) (evaluated stably), φ′ = σ(x) = 1/(1 + e^{−x}), φ″ = σ(1 − σ). */
export function softplus(): Activation {
  const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  const fns: ScalarFunctions = {
    phi: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    dphi: sigmoid,
    d2phi: (x) => {
      const s = sigmoid(x);
      return s * (1 - s);
    },
  };
  return {
    name: "softplus",
    label: "softplus",
    smooth: true,
    positivelyHomogeneous: false,
    odd: false,
    ...fns,
    evaluateInto: generic(fns),
  };
}

/**
 * GELU in its exact form φ(x) = x·Φ(x), Φ the standard normal cdf (not the tanh approximation):
 * φ′ = Φ(x) + xϕ(x), φ″ = (2 − x²)ϕ(x), ϕ the standard normal density.
 */
export function gelu(): Activation {
  const fns: ScalarFunctions = {
    phi: (x) => x * normalCdf(x),
    dphi: (x) => normalCdf(x) + x * normalPdf(x),
    d2phi: (x) => (2 - x * x) * normalPdf(x),
  };
  return {
    name: "gelu",
    label: "gelu",
    smooth: true,
    positivelyHomogeneous: false,
    odd: false,
    ...fns,
    evaluateInto: generic(fns),
  };
}

/** The identity φ(x) = x: a nonlinear net with it is a deep linear net. */
export function identity(): Activation {
  const fns = linear(1);
  return {
    name: "identity",
    label: "identity",
    smooth: true,
    positivelyHomogeneous: true,
    odd: true,
    ...fns,
    evaluateInto(z, h, dh) {
      h.set(z);
      if (dh !== null) dh.fill(1);
    },
  };
}

/** An activation given by object or by name (`"leaky-relu"` needs an object: {@link leakyRelu}). */
export type ActivationSpec = Activation | Exclude<ActivationName, "leaky-relu">;

/**
 * Resolves an {@link ActivationSpec}.
 * @throws DomainError for an unknown name, or for "leaky-relu" given by name (its slope is required)
 */
export function resolveActivation(spec: ActivationSpec): Activation {
  if (typeof spec === "object" && spec !== null && typeof spec.evaluateInto === "function") return spec;
  switch (spec) {
    case "relu":
      return relu();
    case "tanh":
      return tanhActivation();
    case "erf":
      return erfActivation();
    case "softplus":
      return softplus();
    case "gelu":
      return gelu();
    case "identity":
      return identity();
    default:
      throw new DomainError(
        errorMessage(
          "activation",
          spec,
          'must be an Activation or one of "relu", "tanh", "erf", "softplus", "gelu", "identity"',
          "For leaky ReLU pass leakyRelu(slope), e.g. leakyRelu(0.01).",
        ),
      );
  }
}

/** Every built-in activation (leaky ReLU with slope 1/8), for tests and tables. */
export function builtinActivations(): Activation[] {
  return [relu(), leakyRelu(0.125), tanhActivation(), erfActivation(), softplus(), gelu(), identity()];
}

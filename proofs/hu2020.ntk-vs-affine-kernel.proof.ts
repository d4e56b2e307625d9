/**
 * Hu, Xiao, Adlam, Pennington 2020 (arXiv 2006.14599), abstract and two-layer analysis: the NTK of a two-layer net at
 * initialisation is close, in spectral norm, to an affine transform of the data kernel, a²·XXᵀ/d + b²·11ᵀ
 * (the kernel of the linear model ψ). Our executable form: the relative spectral error is small and falls as
 * d, n and m grow together.
 */
import { defineClaim } from "../src/claims/claim.js";
import { formatResidual } from "../src/claims/format-value.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { symmetricEigen } from "../src/core/eigen.js";
import type { Matrix } from "../src/core/matrix.js";
import { Rng } from "../src/core/rng.js";
import { resolveActivation } from "../src/model/nonlinear/activation.js";
import { activationConstants } from "../src/model/nonlinear/activation-constants.js";
import {
  affineDataKernel,
  type HuTrainedLayers,
  HuTwoLayer,
  huFeatureCoefficients,
  huLayerNtk,
  trainedNtk,
} from "../src/model/nonlinear/hu2020/index.js";
import { HU2020 } from "./_hu2020/source.js";

/** (d, n, m): CI sizes; the third is added from `--runs 3` on (the note's d = 40-scale check, ~3 s per activation). */
const SIZES = [
  { d: 10, n: 100, m: 100 },
  { d: 20, n: 200, m: 400 },
  { d: 40, n: 400, m: 1600 },
] as const;
type Act = "relu" | "softplus" | "erf";
const ACTIVATIONS: readonly Act[] = ["relu", "softplus", "erf"];
const LAYERS: readonly HuTrainedLayers[] = ["first", "second", "both"];
/** err(size k+1)/err(size k) ≤ 1: the error must decrease (the rate is reported, not asserted; see formalisation). */
const DECREASE_TOL = 1;
/** Independent initialisations and data sets averaged per (activation, size). */
const DRAWS = 2;
/** Largest relative spectral error accepted for both-layer training at the second size and beyond. */
const BOTH_TOL = 0.3;

function spectralNorm(A: Matrix): number {
  const e = symmetricEigen(A).values;
  return Math.max(Math.abs(e[0] as number), Math.abs(e[e.length - 1] as number));
}

/** ‖Θ − ΨΨᵀ‖₂ / ‖Θ‖₂ for the three trained-layer sets, at one size and seed. */
function errors(act: Act, size: { d: number; n: number; m: number }, seed: number) {
  const rng = new Rng(seed);
  const model = new HuTwoLayer(size.d, size.m, act);
  const theta = model.init(rng);
  const X = rng.gaussianMatrix(size.n, size.d); // Σ = I: tr(Σ²) = d
  const K = huLayerNtk(model, theta, X);
  const c = activationConstants(resolveActivation(act));
  const out = new Map<HuTrainedLayers, number>();
  for (const layers of LAYERS) {
    const T = trainedNtk(K, layers);
    const A = affineDataKernel(X, huFeatureCoefficients(c, layers, size.d, size.d));
    const E = T.clone();
    for (let k = 0; k < E.data.length; k++) E.data[k] = (E.data[k] as number) - (A.data[k] as number);
    out.set(layers, spectralNorm(E) / spectralNorm(T));
  }
  return out;
}

export default defineClaim({
  id: "hu2020.ntk-vs-affine-kernel",
  title: "Two-layer NTK at initialisation ≈ affine data kernel a²XXᵀ/d + b²11ᵀ, with an error that falls with d, n, m",
  source: {
    ...HU2020,
    section:
      "abstract (spectral-norm bound, NTK at initialisation vs affine transform of the data kernel); two-layer analysis, ψ as in lindyn note hu2020-early-time.md (theorem number not checked)",
  },
  statement: {
    text:
      "For f(x) = (1/√m)vᵀφ(Wx/√d) at the Gaussian initialisation and inputs with ‖x‖² ≈ d, the NTK Θ of the trained layers " +
      "(first: Θ₁ = (1/m)Σv_r²φ′φ′·xᵀx′/d; second: Θ₂ = (1/m)Σφφ; both: Θ₁ + Θ₂) is close in spectral norm to ΨΨᵀ = a²XXᵀ/d + b²11ᵀ " +
      "with a = ζ, ζ, √2ζ and b² = κ²s, ν² + ½κ²s, ν² + (3/2)κ²s (s = tr(Σ²)/d², κ = E[φ″]), and the approximation improves as d, n, m grow.",
    latex:
      "\\frac{\\|\\Theta - \\Psi\\Psi^\\top\\|_2}{\\|\\Theta\\|_2} \\text{ small and decreasing in } (d, n, m),\\quad \\Psi\\Psi^\\top = a^2\\tfrac{XX^\\top}{d} + b^2\\mathbf 1\\mathbf 1^\\top",
  },
  formalisation:
    "Our formalisation at CI sizes. Per run r (seeds ctx.seed + 7919r and +1): activations ReLU, softplus, erf (odd: ν = κ = 0, no " +
    "constant feature); x ~ N(0, I_d) (s = 1/d); antisymmetric Gaussian init (m/2 independent pairs, f₀ ≡ 0); sizes (d, n, m) = " +
    "(10, 100, 100) and (20, 200, 400), plus (40, 400, 1600) from --runs 3 on (run index ≥ 2). n ∝ d, m ∝ d² as in the note's " +
    "experiments. The error at each size is the mean over 2 independent draws (init and data) of ‖Θ − ΨΨᵀ‖₂/‖Θ‖₂ (symmetric " +
    "eigendecomposition). Two measurements per (activation, trained layers): (i) decrease: err(size k+1)/err(size k) ≤ " +
    `${DECREASE_TOL}, i.e. the error falls; the rate is reported, not asserted: measured ratios 0.40–0.85 over 4 runs except erf's ` +
    "second layer, 0.76–0.93: without a constant mode ‖Θ₂‖ ~ ζ²n/d stays fixed when n ∝ d, and the Monte-Carlo error of " +
    "(1/m)Σφφ, O(√(n/m)) relative, falls only as n/m goes from 2 to 1 (with n ∝ d^1.5 the ratio stays ≈ 0.84); (ii) for " +
    `both-layer training, err ≤ ${BOTH_TOL} at every size after the first (measured at (20, 200, 400): ReLU 0.19–0.22, softplus ` +
    "0.06–0.08, erf 0.22–0.25; at (40, 400, 1600): 0.12, 0.04, 0.17). The paper's bound is asymptotic and up to constants, so " +
    "the absolute level is a measured one; what a wrong ψ costs in the dynamics is measured by negative.hu2020-slope-zeta and " +
    "negative.hu2020-no-constant-feature.",
  expected: "verified",
  tags: ["nonlinear", "ntk", "hu2020"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const lines: string[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const seed = ctx.seed + 7919 * run;
      const sizes = SIZES.slice(0, run >= 2 ? 3 : 2);
      for (const act of ACTIVATIONS) {
        const errs = sizes.map((s) => {
          const draws = Array.from({ length: DRAWS }, (_, k) => errors(act, s, seed + k));
          return new Map(LAYERS.map((l) => [l, draws.reduce((a, m) => a + (m.get(l) as number), 0) / DRAWS]));
        });
        for (const layers of LAYERS) {
          const e = errs.map((m) => m.get(layers) as number);
          const label = `seed ${seed}, ${act}, ${layers} layer(s)`;
          const note = sizes
            .map((s, k) => `(d, n, m) = (${s.d}, ${s.n}, ${s.m}): ${formatResidual(e[k] as number)}`)
            .join("; ");
          lines.push(`${label}: ${note}`);
          for (let k = 1; k < e.length; k++) {
            tally.measure(
              `${label}: decrease to size ${k + 1}`,
              (e[k] as number) / (e[k - 1] as number),
              DECREASE_TOL,
              note,
            );
            if (layers === "both") tally.measure(`${label}: error at size ${k + 1}`, e[k] as number, BOTH_TOL, note);
          }
        }
      }
    }
    return tally.result({ noun: "measurements", evidence: { errors: lines } });
  },
});

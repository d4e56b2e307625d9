/**
 * Basu, Mukherjee, Vasudevan 2019: in a deep linear network all layers grow at the same rate. Exact form
 * (lindyn note basu2019-layer-dynamics.md, A-1): ⟨W_i, ∂E/∂W_i⟩ is the same number for every layer i, so
 * under gradient flow d/dt‖W_i‖_F² = −2⟨W_i, ∂ℒ/∂W_i⟩ is equal across layers without weight decay.
 *
 * Why it holds (the check below uses the argument, not the gradient formula): scaling any one layer by α
 * scales the network output by α, so the data loss along that curve is the quadratic
 * v(α) = c(α²E‖f‖² − 2αE⟨f, y⟩ + E‖y‖²) whatever the layer, and ⟨W_i, ∂E/∂W_i⟩ = v′(1) for every i
 * (Euler's identity). Stochastic neurons (unit-mean multiplicative noise) keep the output linear in α for
 * every noise draw, so the identity survives them.
 */
import fc from "fast-check";
import { propertyClaim } from "../src/claims/property-claim.js";
import { gradientFlow } from "../src/dynamics/gradient-flow.js";
import { layerNormsObserver } from "../src/dynamics/observers.js";
import { LinearNetObjective } from "../src/model/objective.js";
import { layerRatesArb } from "../src/testing/arbitraries/hyperparameters.js";
import { linearSettingArb } from "../src/testing/arbitraries/setting.js";
import { endToEndGradientAlignment, layerAlignments, scalingDerivative } from "./_shared/layer-growth.js";

const SOURCE = {
  paper: 'Basu, Mukherjee, Vasudevan 2019, "Layer Dynamics of Linearised Neural Nets"',
  arxiv: "1904.10689",
} as const;

/** Relative round-off allowance of the state-wise identity (see the formalisation). */
const IDENTITY_TOLERANCE = 1e-12;
/** Drift allowance of the integrated growth (DOPRI5 at rtol 1e-10; see the formalisation). */
const FLOW_TOLERANCE = 1e-8;
const FLOW_TIMES = [0, 0.25, 0.5, 1, 1.5, 2];

const identity = propertyClaim({
  id: "basu2019.equal-growth.identity",
  title: "Every layer has the same gradient alignment ⟨W_i, ∂E/∂W_i⟩ (equal layer growth rates, state by state)",
  source: { ...SOURCE, section: "abstract, 'layers grow at approximately the same rate'; exact form: lindyn note A-1" },
  statement: {
    text:
      "At every parameter state of a deep linear network, ⟨W_i, ∂E/∂W_i⟩ (E the data term of the loss) is the same for all layers i, and without stochastic neurons it equals ⟨W_e, ∇ℓ(W_e)⟩ = 2c⟨P, PΣxx − Σyx⟩; " +
      "hence under gradient flow d/dt‖W_i‖_F² = −2⟨W_i, ∂E/∂W_i⟩ − 4γ_i‖W_i‖² has the same data part in every layer.",
    latex:
      "\\langle W_i, \\partial_{W_i} E\\rangle = \\langle W_e, \\nabla \\ell(W_e)\\rangle\\ \\ \\forall i,\\qquad \\tfrac{d}{dt}\\|W_i\\|_F^2 = -2\\langle W_e, \\nabla\\ell(W_e)\\rangle - 4\\gamma_i\\|W_i\\|_F^2",
  },
  formalisation:
    "Our exact reading of the paper's 'approximately the same rate' (the approximation lives only in discrete steps " +
    "and in norms other than Frobenius: see negative.growth-rates-equal.*). Generated settings: depth L = 2–5, hidden " +
    "widths 1–4, input/output 1–3, integer-sample data with κ(Σxx) ≤ 100, c ∈ {1, 1/2}, per-layer γ_i on the k/16 " +
    "grid of [0, 1/2], stochastic neurons σ_i² on the k/16 grid of [0, 1/2] (our extension: the identity survives " +
    "them), weights on the k/4 grid of [−1, 1]; the check runs at θ and at 0.9·θ (the grid state is exact in float64, so the " +
    "second state is there to exercise round-off). For each layer a_i = ⟨W_i, ∇_iℒ⟩ − 2γ_i‖W_i‖² (the data part, from " +
    "the exact gradient) is compared with v′(1) = 3v(1)/2 + v(−1)/2 − 2v(0), v(α) the γ = 0 loss with W_1 scaled by " +
    "α (three loss values: an independent route, exact because v is a quadratic), and, without noise, with " +
    "2c⟨P, PΣxx − Σyx⟩ from the end-to-end map. Residual: the largest difference divided by the size of the terms " +
    "(Σ_i |⟨W_i, ∇_iℒ⟩| + 2γ_i‖W_i‖² + |v(1)| + |v(−1)| + 2|v(0)|); tolerance 1e-12: round-off of both routes is a " +
    "few ulps of that size (worst seen 1.2e-16 over 100 cases), and 1e-12 leaves room for larger nets while any " +
    "genuine layer dependence (e.g. forgetting the decay term 2γ_i‖W_i‖²) is O(1e-2) or more.",
  expected: "verified",
  tags: ["property", "identity", "layer-growth"],
  defaults: { runs: 100 },
  arbitrary: linearSettingArb({
    widths: { depth: { min: 2, max: 5 } },
    loss: { c: [1, 0.5], noise: { denominator: 16, min: 0, max: 1 / 2 } },
  }),
  property: (s) => {
    const dataOnly = new LinearNetObjective(s.net, s.moments, { c: s.loss.c, noise: s.loss.noise });
    const noisy = s.loss.noise.some((x) => x !== 0);
    const grid = s.theta();
    // The grid state is exact in float64 (dyadic entries); 0.9·θ is not, so round-off is exercised too.
    const generic = grid.map((x) => 0.9 * x);
    let worst = 0;
    let where = "";
    for (const [label, theta] of [
      ["θ", grid],
      ["0.9·θ", generic],
    ] as const) {
      const a = layerAlignments(s.objective, theta);
      const v = scalingDerivative(dataOnly, theta);
      const e2e = noisy ? null : endToEndGradientAlignment(s.objective, theta);
      const scale = a.magnitude + v.magnitude;
      a.values.forEach((ai, i) => {
        const d = Math.max(Math.abs(ai - v.derivative), e2e === null ? 0 : Math.abs(ai - e2e));
        const r = scale > 0 ? d / scale : d;
        if (r > worst || where === "") {
          worst = Math.max(worst, r);
          where = `at ${label}, layer ${i + 1}: a_i = ${ai}, v′(1) = ${v.derivative}${e2e === null ? "" : `, 2c⟨P, PΣxx − Σyx⟩ = ${e2e}`}`;
        }
      });
    }
    return { residual: worst, tolerance: IDENTITY_TOLERANCE, note: where };
  },
});

const flow = propertyClaim({
  id: "basu2019.equal-growth.flow",
  title: "Along gradient flow every layer's ‖W_i‖_F² grows by the same amount (rate-weighted)",
  source: { ...SOURCE, section: "abstract, 'layers grow at approximately the same rate'; exact form: lindyn note A-1" },
  statement: {
    text: "Under gradient flow dW_i/dt = −η_i ∂ℒ/∂W_i without weight decay, (‖W_i(t)‖_F² − ‖W_i(0)‖_F²)/η_i is the same for every layer i at every time t (with unit rates: all layers grow at the same rate).",
    latex:
      "\\frac{\\|W_i(t)\\|_F^2 - \\|W_i(0)\\|_F^2}{\\eta_i} = \\frac{\\|W_j(t)\\|_F^2 - \\|W_j(0)\\|_F^2}{\\eta_j}\\quad\\forall i,j,t",
  },
  formalisation:
    "Generated settings as in basu2019.equal-growth.identity but γ = 0, with per-layer rates η_i on the k/4 grid of " +
    "[1/4, 2] (our extension: Basu et al. use one rate; with unequal rates the rate-weighted growth is the equal one, " +
    "because d/dt‖W_i‖² = −2η_i⟨W_i, ∂E/∂W_i⟩). The flow is integrated with DOPRI5 (rtol 1e-10, atol 1e-12) to t = 2 " +
    "and ‖W_i‖² recorded at t = 0, 1/4, 1/2, 1, 3/2, 2. Residual: max over t and i of " +
    "|Δ_i(t)/η_i − Δ_1(t)/η_1| / max(1, max_{t,i} |Δ_i(t)|/η_i), Δ_i(t) = ‖W_i(t)‖² − ‖W_i(0)‖². Tolerance 1e-8: the " +
    "integrator's drift on conserved quantities at these settings is ~1e-11 (du2018.conservation), while a single " +
    "layer growing at another rate would give O(1) residuals.",
  expected: "verified",
  tags: ["property", "invariant", "gradient-flow", "layer-growth"],
  defaults: { runs: 30 },
  // Rates for the deepest net cut to the generated depth: a map (not a chain) keeps shrinking effective.
  arbitrary: fc
    .tuple(
      linearSettingArb({
        widths: { depth: { min: 2, max: 5 } },
        loss: { gamma: false, c: [1, 0.5], noise: { denominator: 16, min: 0, max: 1 / 2 } },
      }),
      layerRatesArb(5),
    )
    .map(([setting, rates]) => ({ setting, rates: rates.slice(0, setting.widths.length - 1) })),
  property: ({ setting, rates }) => {
    const net = setting.net;
    const trajectory = gradientFlow(setting.objective, setting.theta(), {
      tEnd: 2,
      times: FLOW_TIMES,
      rtol: 1e-10,
      atol: 1e-12,
      rates,
      observers: [layerNormsObserver(net)],
    });
    if (trajectory.status !== "ok") {
      return { inconclusive: `DOPRI5 ended with ${trajectory.status}: ${trajectory.message ?? ""}` };
    }
    const norms = trajectory.observations.layerNormsSquared as Float64Array[];
    const n0 = norms[0] as Float64Array;
    let worst = 0;
    let scale = 1;
    let where = "";
    norms.forEach((nk, k) => {
      const g1 = ((nk[0] as number) - (n0[0] as number)) / (rates[0] as number);
      for (let i = 0; i < net.depth; i++) {
        const gi = ((nk[i] as number) - (n0[i] as number)) / (rates[i] as number);
        scale = Math.max(scale, Math.abs(gi));
        const d = Math.abs(gi - g1);
        if (d > worst) {
          worst = d;
          where = `t = ${trajectory.times[k]}, layer ${i + 1}: Δ_i/η_i = ${gi} vs Δ_1/η_1 = ${g1}`;
        }
      }
    });
    return { residual: worst / scale, tolerance: FLOW_TOLERANCE, note: where };
  },
});

export default [identity, flow];

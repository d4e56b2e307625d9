/**
 * Luo, Xu, Ma, Zhang 2021 (arXiv 2007.07497), normalised model: for f(x) = (1/α)Σ_k a_k σ(w_kᵀx) with ReLU,
 * ā = a/β₁, w̄ = w/β₂ turn gradient descent into a dynamics that depends on (α, β₁, β₂) only through
 * κ = β₁β₂/α and κ′ = β₁/β₂ (and time through β₁β₂). So two triples with equal κ, κ′ give the SAME
 * normalised trajectory. Checked on the raw parameters with lindyn's generic NonlinearNet/NonlinearObjective
 * and gradientDescent, and against the dedicated normalised engine (an independent implementation).
 */
import fc from "fast-check";
import { formatResidual } from "../src/claims/format-value.js";
import { propertyClaim } from "../src/claims/property-claim.js";
import { Matrix } from "../src/core/matrix.js";
import { gradientDescent } from "../src/dynamics/gradient-descent.js";
import { relu } from "../src/model/nonlinear/activation.js";
import { NonlinearNet } from "../src/model/nonlinear/nonlinear-net.js";
import { NonlinearObjective } from "../src/model/nonlinear/nonlinear-objective.js";
import { LUO_1D_DATA } from "../src/model/nonlinear/phase-diagram/luo-data.js";
import { normalisedCoordinates } from "../src/model/nonlinear/phase-diagram/normalised-coordinates.js";
import {
  antisymmetricNormalisedInit,
  trainNormalisedTwoLayer,
} from "../src/model/nonlinear/phase-diagram/normalised-two-layer.js";
import { LUO_SOURCE } from "./_phase/source.js";

const STEPS = 100;
const EVERY = 20;
const TOL = 1e-9;

interface InvarianceCase {
  readonly m: number;
  readonly seed: number;
  /** log₂ κ, log₂ κ′, log₂ β₁ and log₁₀ λ·4 (the second triple is (λ²α, λβ₁, λβ₂)). */
  readonly logKappa: number;
  readonly logKappaPrime: number;
  readonly logBeta1: number;
  readonly quarterLogLambda: number;
}

const caseArb: fc.Arbitrary<InvarianceCase> = fc
  .record({
    m: fc.integer({ min: 1, max: 16 }).map((k) => 2 * k),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    logKappa: fc.integer({ min: -8, max: 2 }),
    logKappaPrime: fc.integer({ min: -4, max: 4 }),
    logBeta1: fc.integer({ min: -6, max: 6 }),
    quarterLogLambda: fc.integer({ min: -12, max: 12 }).filter((l) => l !== 0),
  })
  .map((c) => {
    Object.defineProperty(c, fc.toStringMethod, {
      value: () =>
        `m = ${c.m}, seed ${c.seed}, κ = 2^${c.logKappa}, κ′ = 2^${c.logKappaPrime}, β₁ = 2^${c.logBeta1}, λ = 10^(${c.quarterLogLambda}/4)`,
    });
    return c;
  });

/** Raw GD on (α, β₁, β₂) from the normalised state (ā, w̄); returns the recorded NORMALISED states. */
function rawNormalisedTrajectory(
  alpha: number,
  beta1: number,
  beta2: number,
  init: { a: Float64Array; w: Float64Array },
  hBar: number,
): { states: Float64Array[]; status: string } {
  const m = init.a.length;
  const n = LUO_1D_DATA.x.length;
  const net = new NonlinearNet([2, m, 1], { activation: relu(), alpha });
  const X = new Matrix(
    n,
    2,
    Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? LUO_1D_DATA.x[k >> 1]! : 1)),
  );
  const Y = new Matrix(n, 1, LUO_1D_DATA.y.slice());
  const objective = new NonlinearObjective(net, X, Y); // c = ½: R = (1/2n)Σ(f − y)²
  const theta0 = net.pack([
    new Matrix(
      m,
      2,
      init.w.map((v) => v * beta2),
    ),
    new Matrix(
      1,
      m,
      init.a.map((v) => v * beta1),
    ),
  ]);
  const run = gradientDescent(objective, theta0, { lr: beta1 * beta2 * hBar, steps: STEPS, record: EVERY });
  const states = run.thetas.map((th) => {
    const { W } = net.views(th);
    const out = new Float64Array(3 * m);
    W[0]!.data.forEach((v, k) => {
      out[k] = v / beta2;
    });
    W[1]!.data.forEach((v, k) => {
      out[2 * m + k] = v / beta1;
    });
    return out;
  });
  return { states, status: run.status };
}

function relDiff(p: Float64Array, q: Float64Array): number {
  let d = 0;
  let s = 0;
  for (let k = 0; k < p.length; k++) {
    d += (p[k]! - q[k]!) ** 2;
    s += q[k]! ** 2;
  }
  return Math.sqrt(d / Math.max(s, 1e-300));
}

export default propertyClaim({
  id: "luo2021.normalised-flow-invariance",
  title: "Two (α, β₁, β₂) triples with equal κ = β₁β₂/α and κ′ = β₁/β₂ give the same normalised GD trajectory",
  source: { ...LUO_SOURCE, section: "normalised model (κ, κ′, rescaled time); lindyn note zhou2022-phase-diagram.md" },
  statement: {
    text:
      "For the two-layer ReLU net f(x) = (1/α)Σ_k a_k σ(w_kᵀ(x, 1)), write ā = a/β₁, w̄ = w/β₂. Gradient descent with rate η on " +
      "(a, w) is gradient descent on (ā, w̄) with step η/(β₁β₂) for f = κΣā_kσ(w̄_kᵀx), preconditioned by 1/κ′ on ā and κ′ on w̄. " +
      "Hence two triples (α, β₁, β₂), (α′, β₁′, β₂′) with equal κ and κ′, started from the same normalised state and run " +
      "with the same normalised step, have the same normalised trajectory.",
    latex:
      "\\kappa = \\tfrac{\\beta_1\\beta_2}{\\alpha},\\ \\kappa' = \\tfrac{\\beta_1}{\\beta_2}:\\quad \\tfrac{d\\bar a}{d\\bar t} = -\\tfrac{1}{\\kappa'}\\nabla_{\\bar a}R,\\ \\tfrac{d\\bar w}{d\\bar t} = -\\kappa'\\nabla_{\\bar w}R",
  },
  formalisation:
    "Ours: the flow statement is checked on its GD discretisation (exact in exact arithmetic). Generated cases: m = 2…32 " +
    "neurons in antisymmetric pairs (f₀ ≡ 0), the note's 4 points in 1-D with the bias folded in as input 1, κ = 2^(−8…2), " +
    "κ′ = 2^(−4…4), β₁ = 2^(−6…6), β₂ = β₁/κ′, α = β₁β₂/κ; the second triple is (λ²α, λβ₁, λβ₂) with λ = 10^(k/4), k = ±1…12 " +
    "(not a power of 2, so the raw arithmetic really differs). The normalised step h̄ is the engine's first adaptive step " +
    "(min(0.5/λ_max(Θ/n), 1 % relative change)), kept fixed; raw GD (lindyn's NonlinearObjective with c = ½ and " +
    "gradientDescent, rate β₁β₂h̄) runs 100 steps for each triple; the states at steps 0, 20, …, 100 are normalised. " +
    "Residual: the largest relative Frobenius difference between the two triples' normalised states and between each and " +
    "lindyn's dedicated normalised engine (trainNormalisedTwoLayer, fixed step h̄). Tolerance 1e-9: only round-off " +
    "separates them (raw parameters span 2^±20 in scale; measured worst 1.3e-15 over the 40 default cases), while changing κ′ by 1 % at equal κ " +
    "moves the state by ≈ 1e-3 after 100 steps.",
  expected: "verified",
  tags: ["property", "nonlinear", "phase-diagram", "gradient-descent"],
  defaults: { runs: 40 },
  arbitrary: caseArb,
  property: (c) => {
    const kappa = 2 ** c.logKappa;
    const kappaPrime = 2 ** c.logKappaPrime;
    const beta1 = 2 ** c.logBeta1;
    const beta2 = beta1 / kappaPrime;
    const alpha = (beta1 * beta2) / kappa;
    const lambda = 10 ** (c.quarterLogLambda / 4);
    const triples: [number, number, number][] = [
      [alpha, beta1, beta2],
      [lambda * lambda * alpha, lambda * beta1, lambda * beta2],
    ];
    const init = antisymmetricNormalisedInit(c.m, c.seed);
    const first = trainNormalisedTwoLayer({ kappa, kappaPrime, width: c.m, init, maxSteps: 1, lossTol: 1e-300 });
    // A stationary start (every neuron off on every sample) has no adaptive step; any step then keeps θ fixed.
    const hBar = first.status === "stationary" ? 0.01 : first.time;
    if (!(hBar > 0) || !Number.isFinite(hBar)) return { inconclusive: `no adaptive step (${first.status})` };
    const engine = trainNormalisedTwoLayer({
      kappa,
      kappaPrime,
      width: c.m,
      init,
      step: hBar,
      maxSteps: STEPS,
      lossTol: 1e-300,
      record: Array.from({ length: STEPS / EVERY + 1 }, (_, k) => k * EVERY),
    });
    if (engine.status === "non-finite") return { inconclusive: "the fixed step diverged" };
    const engineStates = engine.recorded.map((s) => {
      const out = new Float64Array(3 * c.m);
      out.set(s.w, 0);
      out.set(s.a, 2 * c.m);
      return out;
    });
    const raws = triples.map(([al, b1, b2]) => rawNormalisedTrajectory(al, b1, b2, init, hBar));
    for (const r of raws) if (r.status !== "ok") return { inconclusive: `raw GD ended with ${r.status}` };
    const coords = triples.map(([al, b1, b2]) => normalisedCoordinates(al, b1, b2));
    let worst = 0;
    let where = "";
    const [A, B] = raws as [(typeof raws)[0], (typeof raws)[0]];
    A.states.forEach((sa, k) => {
      const sb = B.states[k]!;
      // A stationary engine run stops at step 0; its state then stands for every later step.
      const se = engineStates[Math.min(k, engineStates.length - 1)]!;
      for (const [label, d] of [
        ["triple 1 vs triple 2", relDiff(sa, sb)],
        ["triple 1 vs engine", relDiff(sa, se)],
        ["triple 2 vs engine", relDiff(sb, se)],
      ] as const) {
        if (d >= worst) {
          worst = d;
          where = `${label} at step ${k * EVERY}`;
        }
      }
    });
    return {
      residual: worst,
      tolerance: TOL,
      note: `${where}; κ = ${formatResidual(coords[0]!.kappa)} / ${formatResidual(coords[1]!.kappa)}, h̄ = ${formatResidual(hBar)}, loss ${formatResidual(engine.initialLoss)} → ${formatResidual(engine.finalLoss)}`,
    };
  },
});

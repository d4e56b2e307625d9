/**
 * The symbolic derivation of Model M2's exact solution (Xu & Ziyin, arXiv 2401.07085, §3; lindyn's
 * formalisation), every algebraic step checked by the symbolic engine (expansion of the difference to 0,
 * plus random-point evaluation):
 *
 * 1. (definition) g = κ²AP − κa, s(t) = s₀e^{−θ}, d(t) = d₀e^{θ}, θ = λ∫g, z = e^{2θ}, so ż = 2λgz with
 *    P = λ(S₀/z − D₀z)/4. Abbreviations c = κ²A, b = κa.
 * 2. (engine) 2λgz = (cλ²/2)(S₀ − D₀z²) − 2λbz: the Riccati equation.
 * 3. (engine) Root coordinates for S₀, D₀ > 0: with z₊ = p > 0 and z₋ = −r < 0 (Vieta: S₀ = D₀pr,
 *    b = cλD₀(r − p)/4) the right-hand side factors as −(cλ²D₀/2)(z − p)(z + r), and Ω = cλD₀(p + r)/2
 *    satisfies Ω² = 4b² + c²λ²S₀D₀.
 * 4. (engine) z(X) = [p(1 + r)(1 − X) + (p + r)X]/[(1 + r)(1 − X) + (p + r)X] with X = e^{−λΩt}
 *    (dX/dt = −λΩX, the chain rule by hand) solves it: (p + r)X dz/dX = (z − p)(z + r).
 * 5. (engine) z(X = 1) = 1 and z(X = 0) = p = z₊ = z∞.
 * 6. (engine) The cancellation-free form evaluated by `FeatureLearningSolution`,
 *    [(Ω − 2b + cλS₀)φ + 2X]/[(Ω + 2b + cλD₀)φ + 2X] with φ = (1 − X)/Ω, equals z(X) of step 4.
 * 7. (engine) D₀ = 0, b > 0 (a linear equation): z = cλS₀(1 − X)/(4b) + X with X = e^{−2λbt} solves it.
 * 8. (engine) Orthogonal initialisation S₀ = D₀ (r = 1/p): ((S₀/z∞ + D₀z∞)/(S₀ + D₀))² = 1 + 1/q² with
 *    q = κAλS₀/(2|a|) = cλS₀/(2|b|).
 *
 * Working in root coordinates keeps every expansion to a few dozen terms (the same identities with Ω
 * eliminated directly take the engine over ten seconds).
 *
 * @packageDocumentation
 */
import { type Assumption, assume } from "../assumptions.js";
import { checkIdentity, diff, type IdentityCheck, substitute } from "../engine.js";
import { type Citation, type DerivationStep, type DerivedFormula, derivedFormula } from "../formula.js";

/** The citation of the exact solution. */
export const XU_ZIYIN_2024: Citation = {
  paper: "Xu, Ziyin, “Three Mechanisms of Feature Learning in a Linear Network”, ICLR 2025",
  arxiv: "2401.07085",
  where: "§3, the exact finite-width solution (lindyn's formalisation; loss ½E[(f − y)²])",
};

/** What {@link deriveFeatureLearning} returns. */
export interface FeatureLearningDerivation {
  /** z(t), Ω, z∞, P(z), K_f(z), cos∠(u, α)(z), K∞/K0 for orthogonal initialisation. */
  readonly formulas: {
    readonly z: DerivedFormula;
    readonly Omega: DerivedFormula;
    readonly zInf: DerivedFormula;
    readonly P: DerivedFormula;
    readonly ntk: DerivedFormula;
    readonly cosAngle: DerivedFormula;
    readonly orthogonalNtkRatio: DerivedFormula;
  };
  /** The identity checks of steps 2–8, by name. */
  readonly checks: Readonly<Record<string, IdentityCheck>>;
  /** The derivation steps with their evidence (also the formulas' provenance). */
  readonly steps: readonly DerivationStep[];
  /** True when every check was proved exactly by the engine. */
  readonly allProved: boolean;
}

const MODEL_ASSUMPTIONS: Assumption[] = [
  ...assume.positive("kappa", "A", "lambda", "S0", "D0"),
  ...assume.real("a"),
  ...assume.nonnegative("t"),
];
const ROOTS: Assumption[] = [...assume.positive("c", "lambda", "D0", "p", "r"), assume.range("X", 0, 1)];

let cached: FeatureLearningDerivation | undefined;

/**
 * Runs the derivation (cached after the first call, which takes the engine well under a second).
 * @throws ConvergenceError when the engine itself fails on an expression (never for a false identity:
 *   that shows up as a check with status `refuted`)
 */
export function deriveFeatureLearning(): FeatureLearningDerivation {
  if (cached !== undefined) return cached;
  const checks: Record<string, IdentityCheck> = {};
  const steps: DerivationStep[] = [
    {
      description:
        "definition: g = κ²AP − κa, s(t) = s₀e^{−θ}, d(t) = d₀e^{θ}, θ = λ∫g, z = e^{2θ}, hence ż = 2λgz with " +
        "P = λ(S₀/z − D₀z)/4; abbreviations c = κ²A, b = κa",
      by: "definition",
    },
  ];
  const record = (name: string, description: string, check: IdentityCheck): void => {
    checks[name] = check;
    const { status, points, worstResidual, tolerance, seed } = check;
    steps.push({ description, by: "check", check: { status, points, worstResidual, tolerance, seed } });
  };

  // 2. The Riccati form.
  record(
    "riccatiForm",
    "engine: 2λgz = (cλ²/2)(S₀ − D₀z²) − 2λbz",
    checkIdentity("2*lambda*z*(c*lambda*(S0/z-D0*z)/4-b)", "(c*lambda^2/2)*(S0-D0*z^2)-2*lambda*b*z", {
      assumptions: [...assume.positive("c", "lambda", "S0", "D0", "z"), ...assume.real("b")],
    }),
  );

  // 3. Root coordinates.
  const rootsSub = { S0: "D0*p*r", b: "c*lambda*D0*(r-p)/4" };
  const rhs = substitute("(c*lambda^2/2)*(S0-D0*z^2)-2*lambda*b*z", rootsSub);
  record(
    "factorisation",
    "engine: with S₀ = D₀pr, b = cλD₀(r − p)/4 the right-hand side is −(cλ²D₀/2)(z − p)(z + r)",
    checkIdentity(rhs, "-(c*lambda^2*D0/2)*(z-p)*(z+r)", { assumptions: [...ROOTS, ...assume.positive("z")] }),
  );
  record(
    "omega",
    "engine: Ω = cλD₀(p + r)/2 satisfies Ω² = 4b² + c²λ²S₀D₀",
    checkIdentity("(c*lambda*D0*(p+r)/2)^2", substitute("4*b^2+c^2*lambda^2*S0*D0", rootsSub), { assumptions: ROOTS }),
  );

  // 4. The solution in root coordinates.
  const num = "(p*(1+r)*(1-X)+(p+r)*X)";
  const den = "((1+r)*(1-X)+(p+r)*X)";
  const numX = diff(num, "X").text;
  const denX = diff(den, "X").text;
  // (p + r)X·dz/dX − (z − p)(z + r), times den², with z = num/den:
  record(
    "solvesRiccati",
    "engine: z = num/den solves (p + r)X dz/dX = (z − p)(z + r), i.e. ż = −(cλ²D₀/2)(z − p)(z + r) when dX/dt = −λΩX",
    checkIdentity(`(p+r)*X*((${numX})*${den}-${num}*(${denX}))`, `(${num}-p*${den})*(${num}+r*${den})`, {
      assumptions: ROOTS,
    }),
  );

  // 5. Initial value and limit.
  record(
    "initialValue",
    "engine: z(X = 1) = 1 (t = 0)",
    checkIdentity(substitute(`${num}/${den}`, { X: 1 }), "1", { assumptions: ROOTS }),
  );
  record(
    "limit",
    "engine: z(X = 0) = p = z₊ (t → ∞)",
    checkIdentity(substitute(`${num}/${den}`, { X: 0 }), "p", { assumptions: ROOTS }),
  );

  // 6. The cancellation-free form used numerically equals it.
  const omega = "(c*lambda*D0*(p+r)/2)";
  const implNum = substitute(`(Omega-2*b+c*lambda*S0)*(1-X)+2*Omega*X`, { ...rootsSub, Omega: omega });
  const implDen = substitute(`(Omega+2*b+c*lambda*D0)*(1-X)+2*Omega*X`, { ...rootsSub, Omega: omega });
  record(
    "implementationForm",
    "engine: [(Ω − 2b + cλS₀)φ + 2X]/[(Ω + 2b + cλD₀)φ + 2X], φ = (1 − X)/Ω, equals num/den (cross-multiplied)",
    checkIdentity(`(${implNum.text})*${den}`, `(${implDen.text})*${num}`, { assumptions: ROOTS }),
  );

  // 7. D₀ = 0, b > 0.
  const zLinear = "(c*lambda*S0*(1-X)/(4*b)+X)";
  record(
    "linearCase",
    "engine: D₀ = 0: z = cλS₀(1 − X)/(4b) + X, X = e^{−2λbt}, solves ż = (cλ²/2)S₀ − 2λbz",
    checkIdentity(`(${diff(zLinear, "X").text})*(-2*lambda*b*X)`, `(c*lambda^2/2)*S0-2*lambda*b*${zLinear}`, {
      assumptions: [...assume.positive("c", "lambda", "S0", "b"), assume.range("X", 0, 1)],
    }),
  );

  // 8. Orthogonal initialisation: S₀ = D₀ ⇔ r = 1/p.
  record(
    "orthogonalRatio",
    "engine: S₀ = D₀ (r = 1/p): ((S₀/z∞ + D₀z∞)/(S₀ + D₀))² = ((1/p + p)/2)² = 1 + 4b²/(c²λ²S₀²) = 1 + 1/q²",
    checkIdentity(
      "((1/p+p)/2)^2",
      substitute("1+4*b^2/(c^2*lambda^2*S0^2)", { S0: "D0", b: "c*lambda*D0*(1/p-p)/4" }),
      {
        assumptions: ROOTS,
      },
    ),
  );

  const source = XU_ZIYIN_2024;
  const E = "exp(-lambda*Omega*t)";
  const formula = (id: string, name: string, nameLatex: string, expression: string, assumptions: Assumption[]) =>
    derivedFormula({ id: `xu-ziyin2024/${id}`, name, nameLatex, expression, assumptions, provenance: steps, source });
  const formulas = {
    z: formula(
      "z",
      "z(t)",
      "z(t)",
      `((Omega-2*kappa*a+kappa^2*A*lambda*S0)*(1-${E})/Omega+2*${E})/((Omega+2*kappa*a+kappa^2*A*lambda*D0)*(1-${E})/Omega+2*${E})`,
      [...MODEL_ASSUMPTIONS, ...assume.positive("Omega")],
    ),
    Omega: formula("Omega", "Ω", "\\Omega", "sqrt(4*kappa^2*a^2+kappa^4*A^2*lambda^2*S0*D0)", MODEL_ASSUMPTIONS),
    zInf: formula(
      "z-inf",
      "z∞",
      "z_\\infty",
      "(Omega-2*kappa*a+kappa^2*A*lambda*S0)/(Omega+2*kappa*a+kappa^2*A*lambda*D0)",
      [...MODEL_ASSUMPTIONS, ...assume.positive("Omega")],
    ),
    P: formula("P", "P", "P", "lambda*(S0/z-D0*z)/4", [...MODEL_ASSUMPTIONS, ...assume.positive("z")]),
    ntk: formula("ntk", "K_f", "K_f", "kappa^2*lambda^2*(S0/z+D0*z)/2", [
      ...MODEL_ASSUMPTIONS,
      ...assume.positive("z"),
    ]),
    cosAngle: formula("cos-angle", "cos∠(u, α)", "\\cos\\angle(u, \\alpha)", "(S0/z-D0*z)/sqrt((S0/z+D0*z)^2-4*C^2)", [
      ...MODEL_ASSUMPTIONS,
      ...assume.positive("z"),
      ...assume.real("C"),
    ]),
    orthogonalNtkRatio: formula(
      "orthogonal-ntk-ratio",
      "K∞/K0",
      "K_\\infty/K_0",
      "sqrt(1+1/q^2)",
      assume.positive("q"),
    ),
  };
  const allProved = Object.values(checks).every((c) => c.status === "proved");
  cached = { formulas, checks, steps, allProved };
  return cached;
}

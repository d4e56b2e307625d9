/**
 * The closed forms of Model M2's exact solution (Xu & Ziyin, arXiv 2401.07085, §3; lindyn's formalisation
 * and notation) in LaTeX and plain text, for reports, `lindyn derive feature-learning --latex` and claim
 * statements. The engine-checked versions (expression, provenance, evaluator) are built by
 * `deriveFeatureLearning` in `derivation.ts`; these strings are the human-facing summary of the same
 * formulas.
 *
 * @packageDocumentation
 */

/** One formula for display. */
export interface DisplayFormula {
  readonly id: string;
  /** What it is, in words. */
  readonly description: string;
  readonly latex: string;
  readonly text: string;
}

/** The notation, in words. */
export const FEATURE_LEARNING_NOTATION =
  "ũ = u/√η_u, α̃ = α/√η_w (α_i = w_i·v), λ = √(η_uη_w), s = ũ + α̃, d = ũ − α̃, S₀ = ‖s₀‖², D₀ = ‖d₀‖², " +
  "C = s₀·d₀, A' = κ²A, a' = κa; loss L = ½E[(f − y)²].";

/** The formulas of the exact solution, in the order a reader needs them. */
export const FEATURE_LEARNING_FORMULAS: readonly DisplayFormula[] = [
  {
    id: "flow",
    description: "rescaled flow: the directions of s and d never change",
    latex: "\\dot s = -\\lambda g\\, s,\\quad \\dot d = \\lambda g\\, d,\\quad g = A'P - a'",
    text: "ds/dt = −λ g s, dd/dt = λ g d, g = A'P − a'",
  },
  {
    id: "riccati",
    description: "z = e^{2λ∫g} solves a Riccati equation",
    latex: "\\dot z = \\tfrac{A'\\lambda^2}{2}\\left(S_0 - D_0 z^2\\right) - 2\\lambda a' z,\\quad z(0) = 1",
    text: "dz/dt = (A'λ²/2)(S₀ − D₀z²) − 2λa'z, z(0) = 1",
  },
  {
    id: "z",
    description: "its solution (cancellation-free form)",
    latex:
      "z(t) = \\frac{(\\Omega - 2a' + A'\\lambda S_0)\\,\\varphi + 2E}{(\\Omega + 2a' + A'\\lambda D_0)\\,\\varphi + 2E},\\quad " +
      "E = e^{-\\lambda\\Omega t},\\ \\varphi = \\frac{1 - E}{\\Omega},\\ \\Omega = \\sqrt{4a'^2 + A'^2\\lambda^2 S_0 D_0}",
    text: "z(t) = ((Ω − 2a' + A'λS₀)φ + 2E)/((Ω + 2a' + A'λD₀)φ + 2E), E = e^{−λΩt}, φ = (1 − E)/Ω, Ω = √(4a'² + A'²λ²S₀D₀)",
  },
  {
    id: "z-paper-form",
    description: "the same in terms of the roots z± of the Riccati right-hand side",
    latex:
      "z(t) = \\frac{z_+ - z_- R e^{-\\lambda\\Omega t}}{1 - R e^{-\\lambda\\Omega t}},\\quad z_\\pm = \\frac{-2a' \\pm \\Omega}{A'\\lambda D_0},\\ R = \\frac{1 - z_+}{1 - z_-}",
    text: "z(t) = (z₊ − z₋R e^{−λΩt})/(1 − R e^{−λΩt}), z± = (−2a' ± Ω)/(A'λD₀), R = (1 − z₊)/(1 − z₋)",
  },
  {
    id: "weights",
    description: "the weights",
    latex:
      "u(t) = \\tfrac{\\sqrt{\\eta_u}}{2}\\left(\\frac{s_0}{\\sqrt z} + d_0\\sqrt z\\right),\\quad \\alpha(t) = \\tfrac{\\sqrt{\\eta_w}}{2}\\left(\\frac{s_0}{\\sqrt z} - d_0\\sqrt z\\right)",
    text: "u(t) = √η_u (s₀/√z + d₀√z)/2, α(t) = √η_w (s₀/√z − d₀√z)/2",
  },
  {
    id: "output",
    description: "end-to-end coefficient and output",
    latex:
      "P(t) = \\tfrac{\\lambda}{4}\\left(\\frac{S_0}{z} - D_0 z\\right),\\quad f(\\xi v, t) = \\kappa P(t)\\,\\xi \\xrightarrow{t\\to\\infty} \\tfrac{a}{A}\\,\\xi",
    text: "P(t) = λ(S₀/z − D₀z)/4, f(ξv, t) = κP(t)ξ → (a/A)ξ",
  },
  {
    id: "ntk",
    description: "NTK on the data line",
    latex:
      "K_f(t) = \\kappa^2\\sum_i\\left(\\eta_u\\alpha_i^2 + \\eta_w u_i^2\\right) = \\tfrac{\\kappa^2\\lambda^2}{2}\\left(\\frac{S_0}{z} + D_0 z\\right)",
    text: "K_f(t) = κ²Σ(η_uα_i² + η_wu_i²) = κ²λ²(S₀/z + D₀z)/2",
  },
  {
    id: "angle",
    description: "norms and angle",
    latex:
      "\\|u\\|^2 = \\tfrac{\\eta_u}{4}\\left(\\tfrac{S_0}{z} + D_0 z + 2C\\right),\\ \\|\\alpha\\|^2 = \\tfrac{\\eta_w}{4}\\left(\\tfrac{S_0}{z} + D_0 z - 2C\\right),\\ " +
      "\\cos\\angle(u, \\alpha) = \\frac{S_0/z - D_0 z}{\\sqrt{(S_0/z + D_0 z)^2 - 4C^2}}",
    text: "‖u‖² = η_u(S₀/z + D₀z + 2C)/4, ‖α‖² = η_w(S₀/z + D₀z − 2C)/4, cos∠(u, α) = (S₀/z − D₀z)/√((S₀/z + D₀z)² − 4C²)",
  },
  {
    id: "per-unit-angle",
    description: "first-layer features turning toward the data",
    latex: "\\cos\\angle(w_i, v) = \\frac{\\alpha_i(t)}{\\sqrt{\\alpha_i(t)^2 + \\|w_{i\\perp}\\|^2}}",
    text: "cos∠(w_i, v) = α_i(t)/√(α_i(t)² + ‖w_i⊥‖²)",
  },
  {
    id: "conserved",
    description: "conserved quantities (no weight decay)",
    latex:
      "Q_{\\mathrm{sym}} = \\frac{uu^\\top}{\\eta_u} - \\frac{\\alpha\\alpha^\\top}{\\eta_w},\\quad Q_{\\mathrm{anti}} = \\frac{u\\alpha^\\top - \\alpha u^\\top}{\\sqrt{\\eta_u\\eta_w}},\\quad S(t)D(t) = S_0 D_0",
    text: "Q_sym = uuᵀ/η_u − ααᵀ/η_w, Q_anti = (uαᵀ − αuᵀ)/√(η_uη_w), S(t)D(t) = S₀D₀",
  },
  {
    id: "limits",
    description: "limits and rate",
    latex:
      "z_\\infty = \\frac{\\Omega - 2a' + A'\\lambda S_0}{\\Omega + 2a' + A'\\lambda D_0} = z_+,\\quad \\frac{K_\\infty}{K_0} = \\frac{S_0/z_\\infty + D_0 z_\\infty}{S_0 + D_0},\\quad \\text{rate } \\lambda\\Omega",
    text: "z∞ = (Ω − 2a' + A'λS₀)/(Ω + 2a' + A'λD₀) = z₊, K∞/K0 = (S₀/z∞ + D₀z∞)/(S₀ + D₀), rate λΩ",
  },
  {
    id: "orthogonal",
    description: "orthogonal initialisation (S₀ = D₀)",
    latex:
      "\\frac{K_\\infty}{K_0} = \\sqrt{1 + \\frac{1}{q^2}},\\quad q = \\frac{\\kappa A K_P(0)}{2|a|\\lambda},\\quad C = 0 \\Rightarrow \\cos\\angle(u,\\alpha)_\\infty = \\frac{\\operatorname{sign} a}{\\sqrt{1 + q^2}}",
    text: "K∞/K0 = √(1 + 1/q²), q = κA K_P(0)/(2|a|λ); with C = 0 also cos∠(u, α)∞ = sign(a)/√(1 + q²)",
  },
];

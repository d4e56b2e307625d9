/**
 * How engine symbol names print. Engine names are plain identifiers (`g1`, `gbar`, `Ey2`); this table turns
 * them into paper notation (`\gamma_{1}`, `\bar{\gamma}`, `\mathbb{E}[y^{2}]`) and plain text (`γ₁`, `γ̄`,
 * `E[y²]`). Names not in the table follow a rule: a Greek name prints as the letter, trailing digits become a
 * subscript, `_x` becomes a subscript, a trailing `bar` becomes an overbar.
 *
 * @packageDocumentation
 */

/** How one symbol prints. */
export interface SymbolNotation {
  /** LaTeX, e.g. `\gamma_{1}`. */
  readonly latex: string;
  /** Plain text with Unicode letters, e.g. `γ₁`. */
  readonly text: string;
}

/**
 * The symbols lindyn's derivations use, with their meaning (conventions of arXiv 2202.04777 §2 translated
 * to lindyn's: depth L = number of weight matrices).
 */
export const SYMBOL_MEANINGS: Readonly<Record<string, string>> = {
  L: "depth: number of weight matrices (the paper's D = L − 1 hidden layers)",
  A: "E[x²] (scalar input) — or the input second moment",
  a: "E[xy], the input–output cross moment",
  Ey2: "E[y²]",
  b: "per-layer scale on the balanced set: |P| = b^L",
  P: "end-to-end coefficient P = w_L ⋯ w_1",
  g: "weight decay γ (equal on every layer)",
  gbar: "geometric mean of the weight decays, ḡ = (Π γ_i)^{1/L}",
  u: "b^L (= |P| on the balanced set)",
  v: "b²",
  c: "noise factor Π_i (1 + σ_i²/d_i)",
};

const GREEK = new Set([
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "zeta",
  "eta",
  "theta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "pi",
  "rho",
  "sigma",
  "tau",
  "phi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Pi",
  "Sigma",
  "Phi",
  "Psi",
  "Omega",
]);

const GREEK_TEXT: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  phi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
};

/** Fixed notations; `g` is weight decay throughout lindyn, hence γ. */
const FIXED: Readonly<Record<string, SymbolNotation>> = {
  Ey2: { latex: "\\mathbb{E}[y^{2}]", text: "E[y²]" },
  g: { latex: "\\gamma", text: "γ" },
  gbar: { latex: "\\bar{\\gamma}", text: "γ̄" },
};

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

function baseNotation(base: string): SymbolNotation {
  if (base === "g") return { latex: "\\gamma", text: "γ" };
  if (GREEK.has(base)) return { latex: `\\${base}`, text: GREEK_TEXT[base] ?? base };
  if (base.length === 1) return { latex: base, text: base };
  return { latex: `\\mathrm{${base}}`, text: base };
}

/** The notation of an engine symbol, with optional per-call overrides. */
export function symbolNotation(name: string, overrides?: Readonly<Record<string, SymbolNotation>>): SymbolNotation {
  const over = overrides?.[name] ?? FIXED[name];
  if (over !== undefined) return over;
  const underscore = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (underscore) {
    const base = baseNotation(underscore[1] as string);
    const sub = underscore[2] as string;
    return { latex: `${base.latex}_{${sub}}`, text: `${base.text}_${sub}` };
  }
  const bar = /^([A-Za-z]+?)bar$/.exec(name);
  if (bar) {
    const base = baseNotation(bar[1] as string);
    return { latex: `\\bar{${base.latex}}`, text: `${base.text}\u0304` };
  }
  const digits = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (digits) {
    const base = baseNotation(digits[1] as string);
    const d = digits[2] as string;
    return {
      latex: `${base.latex}_{${d}}`,
      text: base.text + [...d].map((ch) => SUBSCRIPT_DIGITS[Number(ch)]).join(""),
    };
  }
  return baseNotation(name);
}

/**
 * Symbolic verification of the elementary depth-2 closed forms by substitution into their ODEs, with the
 * engine (nerdamer-prime through `../engine.ts`: `diff`, `substitute`, `checkIdentity`, which expands
 * lhs − rhs and always also compares numerically at seeded random points, so an engine bug cannot prove a
 * false identity). Each check returns the tri-state evidence (`proved` = the engine expanded the residual
 * to 0; `numeric` = only the random points agreed; `refuted` with a counterexample).
 *
 * The Bessel form is not checked here: the engine has no modified Bessel functions. It is checked by
 * substitution numerically (the depth-2 tests) and against mpmath's besseli/besselk (the goldens).
 *
 * @packageDocumentation
 */
import { assume } from "../assumptions.js";
import { checkIdentity, diff, type IdentityCheck, substitute } from "../engine.js";
import { balancedPText, balancedRates } from "./_internals/depth2-formulas.js";

/** One verified statement. */
export interface TrajectoryCheck {
  readonly id: string;
  /** What is verified, in words. */
  readonly statement: string;
  readonly check: IdentityCheck;
}

const POSITIVE = [...assume.positive("A", "P0", "t", "s", "u0", "tau", "kappa", "d0", "s0", "y", "X")];

/**
 * Verifies, in the c = 1 and c = ½ conventions where they differ:
 * 1. the balanced logistic P(t) satisfies Ṗ = 4P(ca − γ − cAP) and P(0) = P₀;
 * 2. the Riccati solution z(t) = (z₊ − z₋Re^{−2κt})/(1 − Re^{−2κt}), R = (1 − z₊)/(1 − z₋), satisfies
 *    ż = −A d₀²(z − z₊)(z − z₋) when κ = A d₀²(z₊ − z₋)/2, and z(0) = 1;
 * 3. z± = (−2a ± κ)/(A d₀²) with κ² = 4a² + A²s₀²d₀² are the roots of A d₀²z² + 4az − A s₀² (so the
 *    Riccati right-hand side A s₀² − 4az − A d₀²z² factors as in 2);
 * 4. u = (s₀/y + d₀y)/2, w = (s₀/y − d₀y)/2 with y = √z and ż = A s₀² − 4az − A d₀²z² satisfy
 *    u̇ = −2(Auw − a)w and ẇ = −2(Auw − a)u (the γ = 0 flow);
 * 5. Saxe's u(t) = s/(1 + (s/u₀ − 1)e^{−2st/τ}) satisfies τu̇ = 2u(s − u).
 */
export function verifyDepth2ClosedForms(): TrajectoryCheck[] {
  const out: TrajectoryCheck[] = [];
  const opts = { assumptions: [...POSITIVE, ...assume.real("a", "g", "zp", "zm")], points: 12 };
  // Two steps by hand, so that the engine only has to expand polynomials (its expand does not cancel
  // rational functions, and it replaces e by the rational 325368125/119696244, so exp(rt) never cancels):
  // (1) every exponential is a symbol X (not E, which the engine reads as Euler's number) with Ẋ = rX
  //     supplied by the chain rule; (2) for f = N/D the ODE ḟ = F(f) is multiplied by D² ≠ 0, i.e. checked
  //     as (N_X D − N D_X)·Ẋ = D²F(N/D) with the right-hand side written over D² as well.
  const quotientDot = (N: string, D: string, xdot: string): string =>
    `((${diff(N, "X").text})*(${D})-(${N})*(${diff(D, "X").text}))*(${xdot})`;

  for (const half of [false, true]) {
    const c = half ? "(1/2)" : "1";
    const { r, beta } = balancedRates(half);
    const N = `${r}*P0*X`;
    const D = `(${r}+${beta}*P0*(X-1))`;
    out.push({
      id: `balanced-ode${half ? "-half" : ""}`,
      statement: `balanced P = rP₀X/(r + 4cAP₀(X − 1)), X = e^{rt}, satisfies Ṗ = 4P(ca − γ − cAP), c = ${half ? "1/2" : "1"}`,
      check: checkIdentity(quotientDot(N, D, `${r}*X`), `4*(${N})*((${c}*a-g)*(${D})-${c}*A*(${N}))`, opts),
    });
    out.push({
      id: `balanced-initial${half ? "-half" : ""}`,
      statement: "balanced P(0) = P₀ (X = 1)",
      check: checkIdentity(substitute(balancedPText(half).replaceAll(`exp(${r}*t)`, "X"), { X: 1 }), "P0", opts),
    });
  }

  const zAssume = {
    ...opts,
    assumptions: [...POSITIVE, ...assume.real("a", "g"), assume.range("zp", 0.1, 3), assume.range("zm", -3, -0.1)],
  };
  // z = (z₊ − z₋RX)/(1 − RX) with R = (1 − z₊)/(1 − z₋), multiplied through by (1 − z₋).
  const zN = "(zp*(1-zm)-zm*(1-zp)*X)";
  const zD = "((1-zm)-(1-zp)*X)";
  out.push({
    id: "riccati-ode",
    statement:
      "z = (z₊ − z₋RX)/(1 − RX), R = (1 − z₊)/(1 − z₋), X = e^{−2κt}, satisfies ż = −A d₀²(z − z₊)(z − z₋) when 2κ = A d₀²(z₊ − z₋)",
    check: checkIdentity(
      quotientDot(zN, zD, "(-A*d0^2*(zp-zm))*X"),
      `-A*d0^2*((${zN})-zp*(${zD}))*((${zN})-zm*(${zD}))`,
      zAssume,
    ),
  });
  out.push({
    id: "riccati-initial",
    statement: "z(0) = 1 (X = 1)",
    check: checkIdentity(substitute(zN, { X: 1 }), substitute(zD, { X: 1 }), zAssume),
  });
  for (const sign of ["+", "-"] as const) {
    const n = `(-2*a${sign}kappa)`; // z± = n/(A d₀²)
    out.push({
      id: `riccati-root${sign === "+" ? "-plus" : "-minus"}`,
      statement: `A d₀²·(A d₀²z${sign === "+" ? "₊" : "₋"}² + 4az${sign === "+" ? "₊" : "₋"} − A s₀²) = κ² − 4a² − A²s₀²d₀², zero by the definition of κ`,
      check: checkIdentity(`${n}^2+4*a*${n}-A^2*d0^2*s0^2`, "kappa^2-4*a^2-A^2*s0^2*d0^2", opts),
    });
  }
  // γ = 0 reconstruction with y = √z: u̇ = (du/dy)·ż/(2y), everything multiplied through by 4y³.
  const zdot = "(A*s0^2-4*a*y^2-A*d0^2*y^4)";
  const g2 = "(A*(s0^2-d0^2*y^4)-4*a*y^2)"; // 2y²·2(Auw − a), with uw = (s₀²/y² − d₀²y²)/4
  out.push({
    id: "riccati-u",
    statement: "u = (s₀/√z + d₀√z)/2 satisfies u̇ = −2(Auw − a)w (y = √z, multiplied by 4y³)",
    check: checkIdentity(`(d0*y^2-s0)*(${zdot})`, `-(${g2})*(s0-d0*y^2)`, opts),
  });
  out.push({
    id: "riccati-w",
    statement: "w = (s₀/√z − d₀√z)/2 satisfies ẇ = −2(Auw − a)u (y = √z, multiplied by 4y³)",
    check: checkIdentity(`-(s0+d0*y^2)*(${zdot})`, `-(${g2})*(s0+d0*y^2)`, opts),
  });

  // Saxe: u = s u₀/(u₀ + (s − u₀)X), X = e^{−2st/τ}.
  const sN = "s*u0";
  const sD = "(u0+(s-u0)*X)";
  out.push({
    id: "saxe-ode",
    statement: "Saxe's u = s/(1 + (s/u₀ − 1)X), X = e^{−2st/τ}, satisfies τu̇ = 2u(s − u)",
    check: checkIdentity(`tau*${quotientDot(sN, sD, "(-2*s/tau)*X")}`, `2*(${sN})*(s*(${sD})-(${sN}))`, opts),
  });
  out.push({
    id: "saxe-initial",
    statement: "Saxe's u(0) = u₀ (X = 1)",
    check: checkIdentity(substitute(`(${sN})/(${sD})`, { X: 1 }), "u0", opts),
  });
  return out;
}

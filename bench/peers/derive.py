"""SymPy peer of bench/derive.ts: the same derivations as `lindyn derive <quantity>`, one per process, so that
the measured wall time includes the interpreter start and the imports, as the lindyn side includes Node's.

Usage: python3 derive.py <quantity> '<json parameters>'   (prints a JSON result on stdout)

- landscape:      SymPy builds the unreduced loss of the scalar chain, differentiates it, restricts it to the
                  balanced set, takes h(b) = l'(b)/(2Lb), finds the positive roots with Poly.nroots, picks
                  the global minimum; gamma_c by eliminating gamma from {h = 0, l(b) = l(0)} with solve.
- critical-gamma: SymPy eliminates gamma from {h = 0, l(b) = l(0)} (solve), and solves {h = 0, h' = 0}.
- global-minimum: SymPy derives the stationarity of F(beta) in the eigenbasis, the scalar equation is
                  solved with nroots of its numerator polynomial, the lowest F wins (NumPy eigh for Sxx).
- trajectory:     the depth-2 flow integrated with SciPy solve_ivp (DOP853, rtol 1e-12): SymPy has no
                  closed form for the Bessel case, so the peer solves the same initial-value problem.
"""

import json
import sys

import sympy as sp


def landscape(p):
    L, A, a, Ey2 = int(p["depth"]), sp.nsimplify(p["A"]), sp.nsimplify(p["a"]), sp.nsimplify(p["Ey2"])
    gamma = sp.symbols("gamma", positive=True)
    w = sp.symbols(f"w1:{L + 1}", positive=True)
    P = sp.Mul(*w)
    loss = A * P**2 - 2 * a * P + Ey2 + sum(gamma * wi**2 for wi in w)
    b = sp.symbols("b", positive=True)
    lb = sp.expand(loss.subs({wi: b for wi in w}))
    h = sp.expand(sp.diff(lb, b) / (2 * L * b))
    g = sp.nsimplify(p["gamma"])
    roots = [r for r in sp.Poly(h.subs(gamma, g) * b ** max(0, 2 - L), b).nroots(n=30) if r.is_real and r > 0]
    best = (float(lb.subs({b: 0, gamma: g})), 0.0)
    for r in roots:
        v = float(lb.subs({b: r, gamma: g}))
        if v < best[0]:
            best = (v, float(r))
    gsol = sp.solve(h, gamma)[0]
    eq = sp.factor(sp.expand(lb.subs(gamma, gsol) - lb.subs(b, 0)))
    bc = [r for r in sp.solve(eq, b) if r.is_positive]
    gc = float(gsol.subs(b, bc[0])) if bc else None
    return {"loss": best[0], "b": best[1], "gammaC": gc}


def critical_gamma(p):
    L = int(p["depth"])
    A, a = sp.nsimplify(p["A"]), sp.nsimplify(p["a"])
    b, gamma = sp.symbols("b gamma", positive=True)
    lb = A * b ** (2 * L) - 2 * abs(a) * b**L + L * gamma * b**2
    h = sp.expand(sp.diff(lb, b) / (2 * L * b))
    gsol = sp.solve(h, gamma)[0]
    bc = [r for r in sp.solve(sp.expand(lb.subs(gamma, gsol)), b) if r.is_positive][0]
    bsp = [r for r in sp.solve(sp.diff(h, b), b) if r.is_positive][0]
    return {
        "gammaC": float(gsol.subs(b, bc)),
        "Pc": float(bc**L),
        "gammaSp": float(gsol.subs(b, bsp)),
        "formula": str(sp.simplify(gsol.subs(b, bc))),
    }


def global_minimum(p):
    import numpy as np

    Sxx = np.array(p["Sxx"], dtype=float)
    Sxy = np.array(p["Sxy"], dtype=float)
    widths = p["widths"]
    L = len(widths) - 1
    gam = p["gamma"] if isinstance(p["gamma"], list) else [p["gamma"]] * L
    noise = p.get("noise", 0)
    noise = noise if isinstance(noise, list) else [noise] * (L - 1)
    kappa = 1.0
    for i, s2 in enumerate(noise):
        kappa *= 1 + s2 / widths[i + 1]
    gbar = float(np.exp(np.mean(np.log(gam))))
    # Exact rationals for the numbers, so that powers of t stay integer for Poly.
    q = lambda v: sp.nsimplify(float(v), rational=True)  # noqa: E731
    lam, vecs = np.linalg.eigh(Sxx)
    ak = vecs.T @ Sxy
    b, x, S, lk, qk = sp.symbols("b x S lambda_k a_k", positive=True)
    F = q(kappa) * lk * x**2 - 2 * qk * x + L * q(gbar) * S ** sp.Rational(1, L)
    dF = sp.diff(F, x) + sp.diff(F, S) * 2 * x
    xs = sp.solve(dF, x)[0].subs(S, b ** (2 * L))
    t = sp.symbols("t", positive=True)
    phi = sum((xs.subs({lk: q(l), qk: q(c)}) ** 2) for l, c in zip(lam, ak)) / b ** (2 * L) - 1
    num = sp.numer(sp.together(sp.expand(phi.subs(b, sp.sqrt(t)))))
    roots = [r for r in sp.Poly(num, t).nroots(n=30) if r.is_real and r > 0]
    Ey2 = p["Ey2"]
    best = (Ey2, 0.0)
    for r in roots:
        bb = float(sp.sqrt(r))
        beta = np.array([float(xs.subs({lk: q(l), qk: q(c), b: bb})) for l, c in zip(lam, ak)])
        val = kappa * beta @ (lam * beta) - 2 * ak @ beta + Ey2 + L * gbar * (beta @ beta) ** (1.0 / L)
        if val < best[0]:
            best = (float(val), bb)
    return {"loss": best[0], "b": best[1]}


def trajectory(p):
    import numpy as np
    from scipy.integrate import solve_ivp

    A, a, g = p["A"], p["a"], p["gamma"]

    def rhs(_t, y):
        u, w = y
        grad = 2 * (A * u * w - a)
        return [-grad * w - 2 * g * u, -grad * u - 2 * g * w]

    sol = solve_ivp(rhs, (0, p["t"]), [p["u0"], p["w0"]], method="DOP853", rtol=1e-12, atol=1e-14)
    u, w = sol.y[:, -1]
    return {"u": float(u), "w": float(w), "P": float(u * w), "steps": int(np.size(sol.t))}


def main():
    quantity, params = sys.argv[1], json.loads(sys.argv[2])
    fn = {"landscape": landscape, "critical-gamma": critical_gamma, "global-minimum": global_minimum, "trajectory": trajectory}
    print(json.dumps({"sympy": sp.__version__, **fn[quantity](params)}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Goldens for the Ziyin–Li–Meng landscape derivations (src/symbolic/derivations/), by routes independent of
lindyn's symbolic engine: SymPy builds the UNREDUCED losses, mpmath works at 50 significant digits.

Writes test/goldens/landscape.json with
- critical_gamma: gamma_c, P_c and gamma_sp for L = 3..10 and several (A, a), from the scalar chain's reduced
  loss l(b) = A b^(2L) - 2|a| b^L + E[y^2] + L g b^2 only through its polynomial h(b) (mpmath.polyroots):
  gamma_c is found by bisection on g of D(g) = min over roots b of h of l(b) - l(0) (sign change at the
  transition), then polished by mpmath.findroot on the 2x2 system {h = 0, l(b) = l(0)}; gamma_sp by findroot
  on {h = 0, h' = 0}. No closed form of lindyn is used.
- scalar_minima: global minima of the unreduced scalar chain l(w) = A (w_1...w_L)^2 - 2a w_1...w_L + E[y^2]
  + sum g_i w_i^2 with per-layer g_i: SciPy multi-start minimisation of l(w), then mpmath.findroot on the
  SymPy gradient at 50 digits; the lowest critical value (or the origin) wins.
- noisy_minima: multi-dimensional input, scalar output, stochastic neurons: the minimum over beta of
  F(beta) = c(kappa beta^T Sxx beta - 2 Sxy^T beta + E[y^2]) + L gbar |beta|^(2/L) (the reduction is checked in
  lindyn's tests against the exact noise-averaged loss of the network), by multi-start SciPy minimisation and
  mpmath.findroot on grad F at 50 digits.

Run: python3 tools/goldens/landscape.py   (about a minute)
"""
import json
import math
import os

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.optimize import minimize

mp.mp.dps = 50


def h_poly_coeffs(L, A, a, g):
    """Coefficients (highest first) of b^max(0,2-L) h(b), h(b) = A b^(2L-2) - |a| b^(L-2) + g, for L >= 2."""
    deg = 2 * L - 2
    c = [mp.mpf(0)] * (deg + 1)
    c[0] += A
    c[deg - (L - 2)] -= abs(a)
    c[deg] += g
    return c


def positive_roots_h(L, A, a, g):
    roots = mp.polyroots(h_poly_coeffs(L, A, a, g), maxsteps=400, extraprec=200)
    out = []
    for r in roots:
        if abs(mp.im(r)) < mp.mpf(10) ** -30 and mp.re(r) > 0:
            out.append(mp.re(r))
    return sorted(out)


def reduced_loss(L, A, a, Ey2, g, b):
    return A * b ** (2 * L) - 2 * abs(a) * b ** L + Ey2 + L * g * b * b


def transition_gap(L, A, a, g):
    """min over non-zero critical points of l(b) - l(0); +inf when there is none."""
    roots = positive_roots_h(L, A, a, g)
    if not roots:
        return mp.inf, None
    vals = [(reduced_loss(L, A, a, 0, g, b), b) for b in roots]
    return min(vals)


def critical_gamma(L, A, a):
    A = mp.mpf(A)
    a = mp.mpf(a)
    lo, hi = mp.mpf(0), mp.mpf(abs(a))
    while transition_gap(L, A, a, hi)[0] < 0:
        hi *= 2
    for _ in range(40):
        mid = (lo + hi) / 2
        gap, _b = transition_gap(L, A, a, mid)
        if gap < 0:
            lo = mid
        else:
            hi = mid
    g0 = (lo + hi) / 2
    _gap, b0 = transition_gap(L, A, a, lo)

    def system(b, g):
        return [A * b ** (2 * L - 2) - abs(a) * b ** (L - 2) + g, reduced_loss(L, A, a, 0, g, b)]

    b, g = mp.findroot(system, (b0, g0))
    # spinodal: h' = 0, i.e. (2L-2) A b^L = (L-2)|a| (h' divided by b^(L-3) > 0), then g from h = 0
    b_sp = mp.findroot(lambda x: (2 * L - 2) * A * x**L - (L - 2) * abs(a), b * mp.mpf("0.8"))
    g_sp = -(A * b_sp ** (2 * L - 2) - abs(a) * b_sp ** (L - 2))
    return {"gammaC": g, "Pc": b ** L, "bc": b, "gammaSp": g_sp, "Psp": b_sp ** L}


def scalar_minimum(L, A, a, Ey2, gammas, seed):
    w = sp.symbols(f"w1:{L + 1}")
    P = sp.Mul(*w)
    loss = A * P**2 - 2 * a * P + Ey2 + sum(g * wi**2 for g, wi in zip(gammas, w))
    grad = [sp.diff(loss, wi) for wi in w]
    f_np = sp.lambdify([w], loss, "numpy")
    g_np = sp.lambdify([w], grad, "numpy")
    f_mp = sp.lambdify(w, loss, "mpmath")
    g_mp = [sp.lambdify(w, gi, "mpmath") for gi in grad]
    rng = np.random.default_rng(seed)
    best = (mp.mpf(Ey2), [mp.mpf(0)] * L)
    for _ in range(40):
        x0 = rng.normal(0, 1.2, L)
        r = minimize(lambda x: f_np(x), x0, jac=lambda x: np.array(g_np(x), dtype=float), method="BFGS", tol=1e-14)
        try:
            x = mp.findroot([lambda *xs, gi=gi: gi(*xs) for gi in g_mp], [mp.mpf(v) for v in r.x])
        except (ZeroDivisionError, ValueError):
            continue
        xs = [x[i] for i in range(L)] if isinstance(x, mp.matrix) else [x]
        val = f_mp(*xs)
        if val < best[0] - mp.mpf(10) ** -40:
            best = (val, xs)
    val, xs = best
    Pv = mp.fprod(xs)
    return {"loss": val, "P": Pv, "b": abs(Pv) ** (mp.mpf(1) / L), "weightsAbs": sorted(abs(x) for x in xs)}


def noisy_minimum(Sxx, Sxy, Ey2, widths, gammas, noise, c, seed):
    L = len(widths) - 1
    d = widths[0]
    kappa = mp.mpf(1)
    for i, s2 in enumerate(noise):
        kappa *= 1 + mp.mpf(s2) / widths[i + 1]
    gbar = mp.exp(mp.fsum(mp.log(g) for g in gammas) / L)
    S = mp.matrix(Sxx)
    q = mp.matrix(Sxy)

    def F(beta):
        bt = mp.matrix(beta)
        quad = (bt.T * S * bt)[0]
        lin = (q.T * bt)[0]
        n2 = mp.fsum(x * x for x in beta)
        return c * (kappa * quad - 2 * lin + Ey2) + L * gbar * n2 ** (mp.mpf(1) / L)

    def gradF(*beta):
        bt = mp.matrix(list(beta))
        n2 = mp.fsum(x * x for x in beta)
        g = c * (2 * kappa * (S * bt) - 2 * q) + 2 * gbar * n2 ** (mp.mpf(1) / L - 1) * bt
        return [g[i] for i in range(d)]

    Snp = np.array(Sxx, dtype=float)
    qnp = np.array(Sxy, dtype=float)
    gb = float(gbar)
    kp = float(kappa)

    def Fnp(b):
        return c * (kp * b @ Snp @ b - 2 * qnp @ b + Ey2) + L * gb * (b @ b) ** (1.0 / L)

    rng = np.random.default_rng(seed)
    best = (mp.mpf(c * Ey2), [mp.mpf(0)] * d)
    for _ in range(40):
        x0 = rng.normal(0, 1.0, d)
        r = minimize(Fnp, x0, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
        try:
            x = mp.findroot(gradF, [mp.mpf(v) for v in r.x])
        except (ZeroDivisionError, ValueError):
            continue
        beta = [x[i] for i in range(d)] if isinstance(x, mp.matrix) else [x]
        val = F(beta)
        if val < best[0] - mp.mpf(10) ** -40:
            best = (val, beta)
    val, beta = best
    norm = mp.sqrt(mp.fsum(x * x for x in beta))
    return {"loss": val, "beta": beta, "b": norm ** (mp.mpf(1) / L) if norm > 0 else mp.mpf(0), "noiseFactor": kappa}


def f(x):
    return float(x)


def main():
    out = {
        "generator": "tools/goldens/landscape.py (SymPy 1.14 unreduced losses, mpmath 50 digits, SciPy multi-start)",
        "convention": "depth L = number of weight matrices; loss c E(yhat - y)^2 + sum g_i |W_i|^2, c = 1 unless stated",
        "critical_gamma": [],
        "scalar_minima": [],
        "noisy_minima": [],
    }
    for L in range(3, 11):
        for A, a in [(1, 1), (2, 0.5), (0.5, -1.5), (3, 2)]:
            r = critical_gamma(L, A, a)
            out["critical_gamma"].append({"L": L, "A": A, "a": a, **{k: f(v) for k, v in r.items()}})
    scalar_cases = [
        (3, 1, 1, 1, [0.2, 0.2, 0.2]),
        (3, 1, -1, 1, [0.1, 0.3, 0.5]),
        (3, 2, 1.5, 2, [0.05, 0.4, 0.2]),
        (4, 1, 1, 1.5, [0.1, 0.2, 0.15, 0.3]),
        (4, 1, 1, 1, [0.3, 0.3, 0.3, 0.3]),
        (2, 1, 0.8, 1, [0.3, 0.1]),
        (2, 1, 0.5, 1, [0.6, 0.7]),
        (5, 1.5, 1.2, 2, [0.02, 0.05, 0.1, 0.2, 0.08]),
        (1, 1, 0.7, 1, [0.3]),
    ]
    for k, (L, A, a, Ey2, g) in enumerate(scalar_cases):
        r = scalar_minimum(L, A, a, Ey2, g, 100 + k)
        out["scalar_minima"].append(
            {
                "L": L, "A": A, "a": a, "Ey2": Ey2, "gamma": g,
                "loss": f(r["loss"]), "P": f(r["P"]), "b": f(r["b"]), "weightsAbs": [f(x) for x in r["weightsAbs"]],
            }
        )
    noisy_cases = [
        ([[1, 0.3], [0.3, 0.5]], [0.8, 0.4], 1, [2, 3, 1], [0.05, 0.05], [0.5], 1),
        ([[1, 0.3], [0.3, 0.5]], [0.8, 0.4], 1, [2, 3, 4, 1], [0.05, 0.02, 0.1], [0.5, 0.2], 1),
        ([[2, 0.5, 0.1], [0.5, 1, 0.2], [0.1, 0.2, 0.7]], [1, 0.5, -0.3], 2, [3, 2, 1], [0.1, 0.2], [0.3], 1),
        ([[1, 0.3], [0.3, 0.5]], [0.8, 0.4], 1, [2, 3, 1], [0.05, 0.05], [0.5], 0.5),
        ([[1, 0.2], [0.2, 1]], [0.3, 0.2], 1, [2, 2, 2, 1], [0.08, 0.08, 0.08], [0.0, 0.0], 1),
        ([[1, 0.0], [0.0, 0.25]], [0.6, 0.2], 0.8, [2, 1], [0.1], [], 1),
    ]
    for k, (Sxx, Sxy, Ey2, widths, g, noise, c) in enumerate(noisy_cases):
        r = noisy_minimum(Sxx, Sxy, Ey2, widths, g, noise, c, 200 + k)
        out["noisy_minima"].append(
            {
                "Sxx": Sxx, "Sxy": Sxy, "Ey2": Ey2, "widths": widths, "gamma": g, "noise": noise, "c": c,
                "loss": f(r["loss"]), "beta": [f(x) for x in r["beta"]], "b": f(r["b"]), "noiseFactor": f(r["noiseFactor"]),
            }
        )
    path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "goldens", "landscape.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {os.path.normpath(path)}: {len(out['critical_gamma'])} thresholds, "
          f"{len(out['scalar_minima'])} scalar minima, {len(out['noisy_minima'])} noisy minima")


if __name__ == "__main__":
    main()

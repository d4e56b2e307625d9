#!/usr/bin/env python3
"""Goldens for src/symbolic/trajectories (lindyn): depth-2 trajectories with and without weight decay,
Saxe's mode solution, scaled Bessel ratios, deep balanced chains.

Every trajectory value is computed twice at 40 significant digits, by the closed form (mpmath.besseli /
besselk evaluated directly for the weight-decay case, no ratios, no mirroring) and by an independent ODE
solve (mpmath.odefun, a Taylor-series integrator); the script asserts that the two agree to 1e-25 before
writing the double-rounded value. Deep-chain times come from mpmath.quad of dt/db = 1/(-2 b h(b)) and are
cross-checked against mpmath.odefun on the b equation.

Run: python3 tools/goldens/trajectories.py  (writes test/goldens/trajectories.json; ~1 minute)
"""
import json
import os

import mpmath as mp

mp.mp.dps = 40
AGREE = mp.mpf("1e-25")


def flow(A, a, g, c):
    A, a, g = mp.mpf(A) * c, mp.mpf(a) * c, mp.mpf(g)

    def f(t, y):
        u, w = y
        G = 2 * (A * u * w - a)
        return [-G * w - 2 * g * u, -G * u - 2 * g * w]

    return f


def closed_form(A, a, g, u0, w0, c, t):
    """u, w at time t from the paper-form closed forms (shared/papers/ziyin2022-exact-solutions.md)."""
    A, a, g, u0, w0, t = (mp.mpf(v) for v in (A, a, g, u0, w0, t))
    A, a = A * c, a * c
    s0, d0 = u0 + w0, u0 - w0
    if d0 == 0 or s0 == 0:
        m = 1 if d0 == 0 else -1
        P0 = u0 * u0
        r = 4 * (m * a - g)
        if r == 0:
            P = P0 / (1 + 4 * A * P0 * t)
        else:
            P = r * P0 * mp.exp(r * t) / (r + 4 * A * P0 * (mp.exp(r * t) - 1))
        u = mp.sign(u0) * mp.sqrt(P)
        return u, m * u
    D0 = s0 * d0
    if g == 0:
        kappa = mp.sqrt(4 * a * a + A * A * D0 * D0)
        zp = (-2 * a + kappa) / (A * d0 * d0)
        zm = (-2 * a - kappa) / (A * d0 * d0)
        R = (1 - zp) / (1 - zm)
        E = mp.exp(-2 * kappa * t)
        z = (zp - zm * R * E) / (1 - R * E)
        s, d = s0 / mp.sqrt(z), d0 * mp.sqrt(z)
    else:
        nu = (a + g) / (2 * g)
        k = A * abs(D0) / (4 * g)
        xi = k * mp.exp(-4 * g * t)
        aD = abs(D0)
        cs = (aD * mp.besselk(nu - 1, k) - d0 * d0 * mp.besselk(nu, k)) / (
            aD * mp.besseli(nu - 1, k) + d0 * d0 * mp.besseli(nu, k)
        )
        z = -(aD / (d0 * d0)) * (cs * mp.besseli(nu - 1, xi) - mp.besselk(nu - 1, xi)) / (
            cs * mp.besseli(nu, xi) + mp.besselk(nu, xi)
        )
        s = s0 * mp.exp(-2 * g * t) / mp.sqrt(z)
        d = d0 * mp.exp(-2 * g * t) * mp.sqrt(z)
    return (s + d) / 2, (s - d) / 2


DEPTH2_CASES = [
    # balanced and its mirror
    dict(name="balanced-decay", A=1, a=1, gamma=0.125, u0=0.5, w0=0.5),
    dict(name="balanced-origin-attracts", A=1, a=0.25, gamma=0.5, u0=1, w0=1),
    dict(name="balanced-r0", A=1, a=0.5, gamma=0.5, u0=0.75, w0=0.75),
    dict(name="anti-balanced-a-neg", A=1, a=-1, gamma=0.125, u0=0.25, w0=-0.25),
    # gamma = 0 (Riccati)
    dict(name="riccati", A=1, a=1, gamma=0, u0=1, w0=0.1),
    dict(name="riccati-a-neg", A=2, a=-0.75, gamma=0, u0=0.5, w0=1.25),
    dict(name="riccati-a-zero", A=1, a=0, gamma=0, u0=1.5, w0=-0.5),
    dict(name="riccati-small-init", A=1, a=1, gamma=0, u0=0.001, w0=0.002),
    dict(name="riccati-half", A=1, a=2, gamma=0, u0=0.125, w0=0.375, half=True),
    # gamma > 0 (Bessel)
    dict(name="bessel-issue-example", A=1, a=1, gamma=0.1, u0=1, w0=0.1),
    dict(name="bessel-a-neg", A=1, a=-0.75, gamma=0.125, u0=0.25, w0=1.5),
    dict(name="bessel-origin", A=2, a=0.5, gamma=0.75, u0=-1, w0=0.375),
    dict(name="bessel-a-eq-gamma", A=1, a=0.25, gamma=0.25, u0=1, w0=0.5),
    dict(name="bessel-a-zero", A=1, a=0, gamma=0.5, u0=1, w0=-2),
    dict(name="bessel-near-balanced", A=1, a=1, gamma=0.01, u0=0.01, w0=0.0101),
    dict(name="bessel-large-order", A=1, a=1, gamma=0.001, u0=1, w0=-0.5),
    dict(name="bessel-opposite-signs", A=0.5, a=1, gamma=0.25, u0=0.001, w0=2),
    dict(name="bessel-half", A=1, a=1, gamma=0.1, u0=1, w0=0.1, half=True),
]
TIMES = [0, 0.125, 0.5, 1, 2, 5, 10]


def depth2():
    out = []
    for case in DEPTH2_CASES:
        c = mp.mpf("0.5") if case.get("half") else mp.mpf(1)
        f = mp.odefun(flow(case["A"], case["a"], case["gamma"], c), 0, [mp.mpf(case["u0"]), mp.mpf(case["w0"])])
        pts = []
        for t in TIMES:
            u, w = closed_form(case["A"], case["a"], case["gamma"], case["u0"], case["w0"], c, t)
            ou, ow = f(mp.mpf(t))
            scale = max(abs(ou), abs(ow))
            err = max(abs(u - ou), abs(w - ow)) / scale
            assert err < AGREE, (case["name"], t, err)
            pts.append(dict(t=t, u=float(u), w=float(w), P=float(u * w), agreement=float(err)))
        out.append(dict(case, points=pts))
        print(case["name"], "max closed-form vs odefun", max(p["agreement"] for p in pts))
    return out


def saxe():
    out = []
    for s, u0, tau in [(1, 0.01, 1), (2.5, 0.001, 0.5), (0.75, 1.5, 2)]:
        s, u0, tau = mp.mpf(s), mp.mpf(u0), mp.mpf(tau)
        f = mp.odefun(lambda t, u: 2 * u * (s - u) / tau, 0, u0)
        pts = []
        for t in [0, 0.5, 2, 5]:
            u = s / (1 + (s / u0 - 1) * mp.exp(-2 * s * t / tau))
            assert abs(u - f(mp.mpf(t))) / abs(u) < AGREE
            pts.append(dict(t=t, u=float(u)))
        uf = (s + u0) / 2 if u0 < s else (s + u0) / 2
        T = tau / (2 * s) * mp.log(uf * (s - u0) / (u0 * (s - uf)))
        assert abs(f(T) - uf) / uf < AGREE
        out.append(dict(s=float(s), u0=float(u0), tau=float(tau), points=pts, uf=float(uf), learningTime=float(T)))
    return out


def besselk_scaled(nu, x):
    """e^x K_nu(x): mpmath.besselk, or where its hypergeometric series gives up (large nu and x) the
    integral e^x K_nu(x) = int_0^inf exp(-x(cosh t - 1)) cosh(nu t) dt."""
    try:
        return mp.exp(x) * mp.besselk(nu, x)
    except ValueError:
        return mp.quad(lambda t: mp.exp(-x * (mp.cosh(t) - 1)) * mp.cosh(nu * t), [0, 1, 3, 6, mp.inf])


def ratios():
    out = []
    for nu in [0.5, 0.75, 1, 1.25, 2.5, 5.5, 20.25, 100.5, 1000]:
        for x in [1e-250, 1e-8, 0.01, 0.5, 1.999, 2.001, 7, 40, 300]:
            nu_, x_ = mp.mpf(nu), mp.mpf(x)
            iv, iv1 = mp.besseli(nu_, x_), mp.besseli(nu_ + 1, x_)
            kv, kv1, kvm = besselk_scaled(nu_, x_), besselk_scaled(nu_ + 1, x_), besselk_scaled(nu_ - 1, x_)
            out.append(dict(nu=nu, x=x, H=float(x_ * iv1 / iv), Q1=float(x_ * kv / kvm), Q2=float(x_ * kv1 / kv)))
    return out


def chain_time(L, A, a, gbar, b0, b1):
    L, A, a, gbar = mp.mpf(L), mp.mpf(A), abs(mp.mpf(a)), mp.mpf(gbar)

    def h(b):
        return A * b ** (2 * L - 2) - a * b ** (L - 2) + gbar

    return mp.quad(lambda b: 1 / (-2 * b * h(b)), [mp.mpf(b0), mp.mpf(b1)])


def chains():
    out = []
    for L, A, a, gbar, b0, b1 in [
        (2, 1, 1, 0, 0.01, 0.5),
        (2, 1, 1, 0.25, 0.001, 0.8),
        (3, 1, 1, 0, 0.05, 0.5),
        (3, 2, 1.5, 0, 0.1, 0.8),
        (4, 1, 1, 0, 0.2, 0.9),
        (4, 1, 1, 0.05, 0.5, 0.95),
        (5, 1, 2, 0, 0.3, 0.85),
        (3, 1, 1, 0, 1.5, 1.05),
    ]:
        T = chain_time(L, A, a, gbar, b0, b1)
        # independent route: integrate db/dt = -2 b h(b) from b0 for time T and land on b1
        Lm, Am, am, gm = mp.mpf(L), mp.mpf(A), mp.mpf(a), mp.mpf(gbar)
        f = mp.odefun(lambda t, b: -2 * b * (Am * b ** (2 * Lm - 2) - am * b ** (Lm - 2) + gm), 0, mp.mpf(b0))
        assert abs(f(T) - b1) / b1 < mp.mpf("1e-20"), (L, f(T), b1)
        out.append(dict(L=L, A=A, a=a, gbar=gbar, b0=b0, b1=b1, time=float(T)))
        print("chain", L, A, a, gbar, b0, b1, mp.nstr(T, 20))
    return out


def main():
    data = dict(
        generator="tools/goldens/trajectories.py (mpmath %s, %d digits)" % (mp.__version__, mp.mp.dps),
        convention="loss c(AP^2 - 2aP + E[y^2]) + gamma(u^2 + w^2), c = 1 unless half (c = 1/2 on the data term); flow = -grad",
        depth2=depth2(),
        saxe=saxe(),
        besselRatios=ratios(),
        chains=chains(),
    )
    path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "goldens", "trajectories.json")
    with open(path, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()

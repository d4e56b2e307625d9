#!/usr/bin/env python3
"""Goldens for the exact finite-width solution of Model M2 (Xu & Ziyin, arXiv 2401.07085).

Independent route: the gradient flow of M2 on the reduced state [u; alpha] (alpha_i = w_i . v),

    du/dt     = -eta_u * g * alpha,
    dalpha/dt = -eta_w * g * u,        g = kappa^2 A P - kappa a,  P = sum_i u_i alpha_i,

(loss 1/2 E[(f - y)^2], f = kappa sum_i u_i w_i.x) integrated by mpmath's arbitrary-precision Taylor
method (mpmath.odefun, 30 significant digits) at the finite times, and by SciPy's DOP853 at rtol 1e-13 for
the t -> infinity limits (integrated to 60 relaxation times, where e^-60 ~ 1e-26). Nothing here uses the
closed form. The TypeScript tests compare the closed form with these values at 1e-10 relative.

Run:  python3 tools/goldens/feature_learning.py   (writes test/goldens/feature_learning.json)
"""
import json
import math
import os

import mpmath as mp
import numpy as np
from scipy.integrate import solve_ivp

mp.mp.dps = 30

CASES = [
    # The CLI example of issue 5.
    dict(name="cli-example", u0=[0.3, -0.2, 0.1], alpha0=[0.1, 0.4, -0.3], etaU=1, etaW=0.5, kappa=1, A=1, a=1,
         times=[0.5, 2, 5]),
    dict(name="negative-target", u0=[0.5, 0.25, -0.75, 0.125], alpha0=[-0.25, 0.5, 0.5, 1], etaU=2, etaW=0.25,
         kappa=0.5, A=1.5, a=-0.75, times=[0.25, 1, 4]),
    dict(name="small-init-alignment", u0=[0.01, 0.0, 0.0], alpha0=[0.0, 0.01, 0.0], etaU=1, etaW=1, kappa=1,
         A=1, a=1, times=[2, 5, 10]),
    dict(name="large-init-kernel", u0=[3, -1, 2, 0.5, -2], alpha0=[1, 2, -2, 3, 0.5], etaU=1, etaW=1, kappa=1,
         A=1, a=1, times=[0.01, 0.05, 0.2]),
    dict(name="aligned-d0-zero", u0=[0.4, -0.2, 0.6], alpha0=[0.2, -0.1, 0.3], etaU=2, etaW=0.5, kappa=1, A=1,
         a=1.5, times=[0.5, 2, 6]),
    dict(name="overshoot-disalignment", u0=[1.2, 0.3], alpha0=[1.1, -0.2], etaU=1, etaW=1, kappa=1, A=1, a=0.5,
         times=[0.1, 0.5, 2]),
    dict(name="rate-ratio-16", u0=[0.2, -0.3, 0.4, 0.1, -0.1, 0.3], alpha0=[0.3, 0.1, -0.2, 0.2, 0.4, -0.1],
         etaU=4, etaW=0.25, kappa=2, A=0.75, a=1.25, times=[0.1, 0.4, 1.5]),
]


def rhs_mp(c):
    d = len(c["u0"])
    k2A = mp.mpf(c["kappa"]) ** 2 * mp.mpf(c["A"])
    ka = mp.mpf(c["kappa"]) * mp.mpf(c["a"])
    etaU, etaW = mp.mpf(c["etaU"]), mp.mpf(c["etaW"])

    def f(t, y):
        P = mp.fsum(y[i] * y[d + i] for i in range(d))
        g = k2A * P - ka
        return [-etaU * g * y[d + i] for i in range(d)] + [-etaW * g * y[i] for i in range(d)]

    return f


def observables(c, u, al):
    k = c["kappa"]
    P = sum(ui * ai for ui, ai in zip(u, al))
    uu = sum(x * x for x in u)
    aa = sum(x * x for x in al)
    ntk = k * k * (c["etaU"] * aa + c["etaW"] * uu)
    cos = P / math.sqrt(uu * aa) if uu > 0 and aa > 0 else 0.0
    return dict(P=P, f=k * P, ntk=ntk, normU=math.sqrt(uu), normAlpha=math.sqrt(aa), cosAngle=cos)


def main():
    out = []
    for c in CASES:
        d = len(c["u0"])
        y0 = [mp.mpf(x) for x in c["u0"]] + [mp.mpf(x) for x in c["alpha0"]]
        sol = mp.odefun(rhs_mp(c), 0, y0)
        points = []
        for t in c["times"]:
            y = sol(mp.mpf(t))
            u = [float(x) for x in y[:d]]
            al = [float(x) for x in y[d:]]
            points.append(dict(t=t, u=u, alpha=al, **observables(c, u, al)))

        # t -> infinity with SciPy DOP853 (rate lambda*Omega from the moments of the initial state).
        etaU, etaW, k, A, a = c["etaU"], c["etaW"], c["kappa"], c["A"], c["a"]
        k2A, ka = k * k * A, k * a

        def f_np(t, y):
            P = y[:d] @ y[d:]
            g = k2A * P - ka
            return np.concatenate([-etaU * g * y[d:], -etaW * g * y[:d]])

        # A slowest-rate bound: the linearisation at the limit decays at rate >= K_inf * A / ... ; we simply
        # integrate until the state stops changing to 1e-15 relative, doubling the horizon.
        y = np.array([float(x) for x in y0])
        T = 10.0
        prev = None
        while True:
            r = solve_ivp(f_np, [0, T], y, method="DOP853", rtol=1e-13, atol=1e-16)
            yT = r.y[:, -1]
            if prev is not None and np.max(np.abs(yT - prev)) <= 1e-14 * np.max(np.abs(yT)):
                break
            prev = yT
            T *= 2
            if T > 1e5:
                raise RuntimeError("no convergence for " + c["name"])
        inf = observables(c, list(yT[:d]), list(yT[d:]))
        K0 = observables(c, c["u0"], c["alpha0"])["ntk"]
        out.append(dict(
            name=c["name"],
            setting=dict(u0=c["u0"], alpha0=c["alpha0"], etaU=etaU, etaW=etaW, kappa=k, A=A, a=a),
            points=points,
            infinity=dict(P=inf["P"], f=inf["f"], ntk=inf["ntk"], ntkRatio=inf["ntk"] / K0, cosAngle=inf["cosAngle"],
                          normU=inf["normU"], normAlpha=inf["normAlpha"], horizon=T),
        ))

    doc = dict(
        generator="tools/goldens/feature_learning.py",
        method="mpmath.odefun (Taylor, 30 digits) at finite times; scipy DOP853 rtol 1e-13 to convergence for t = inf",
        model="M2: f = kappa sum u_i w_i.x, x = xi v, loss 1/2 E[(f-y)^2], du = -etaU dL/du, dw = -etaW dL/dw",
        cases=out,
    )
    path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "goldens", "feature_learning.json")
    with open(path, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(path), len(out), "cases")


if __name__ == "__main__":
    main()

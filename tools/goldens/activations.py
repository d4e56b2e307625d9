#!/usr/bin/env python3
"""Goldens for src/model/nonlinear/activation-constants.ts and the erf implementation.

Gaussian constants of each activation, g ~ N(0, 1): zeta = E[phi'(g)], nu = E[phi(g)],
meanSecondDerivative = E[phi''(g)] (distributional for relu / leaky relu: (1 - s) * density at 0),
meanSquare = E[phi(g)^2], meanDerivativeSquare = E[phi'(g)^2]; by mpmath.quad at 40 digits on
(-inf, 0] and [0, inf) separately (so the kink at 0 is an endpoint), E[phi''] for kinked activations by
Stein's identity E[(g^2 - 1) phi(g)]. Also erf / erfc values at sample points.

Run: python3 tools/goldens/activations.py > test/goldens/activations.json
"""
import json

from mpmath import erf, erfc, exp, inf, log, mp, ncdf, npdf, quad, sqrt, tanh, pi

mp.dps = 40

SLOPE = mp.mpf(1) / 8  # leaky relu slope used by builtinActivations()


def leaky(s):
    phi = lambda x: x if x > 0 else s * x
    dphi = lambda x: mp.mpf(1) if x > 0 else s
    return phi, dphi, None


def sigmoid(x):
    return 1 / (1 + exp(-x))


ACTIVATIONS = {
    "relu": leaky(mp.mpf(0)),
    "leaky-relu(0.125)": leaky(SLOPE),
    "tanh": (tanh, lambda x: 1 - tanh(x) ** 2, lambda x: -2 * tanh(x) * (1 - tanh(x) ** 2)),
    "erf": (erf, lambda x: 2 / sqrt(pi) * exp(-x * x), lambda x: -4 * x / sqrt(pi) * exp(-x * x)),
    "softplus": (lambda x: log(1 + exp(x)), sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
    "gelu": (lambda x: x * ncdf(x), lambda x: ncdf(x) + x * npdf(x), lambda x: (2 - x * x) * npdf(x)),
    "identity": (lambda x: x, lambda x: mp.mpf(1), lambda x: mp.mpf(0)),
}


def E(f):
    return quad(lambda x: f(x) * npdf(x), [-inf, 0]) + quad(lambda x: f(x) * npdf(x), [0, inf])


def constants(phi, dphi, d2phi):
    second = E(lambda x: (x * x - 1) * phi(x)) if d2phi is None else E(d2phi)
    return {
        "zeta": E(dphi),
        "nu": E(phi),
        "meanSecondDerivative": second,
        "meanSquare": E(lambda x: phi(x) ** 2),
        "meanDerivativeSquare": E(lambda x: dphi(x) ** 2),
    }


def as_float(v):
    return float(mp.nstr(v, 25))


out = {
    "generator": "tools/goldens/activations.py (mpmath, 40 digits)",
    "constants": {name: {k: as_float(v) for k, v in constants(*fns).items()} for name, fns in ACTIVATIONS.items()},
    "erf": [[x, as_float(erf(mp.mpf(x)))] for x in [-6, -3.5, -2.5, -1, -0.3, 0, 1e-3, 0.5, 1.7, 2.49, 2.51, 3, 4.5, 6]],
    "erfc": [[x, as_float(erfc(mp.mpf(x)))] for x in [-6, -2, -0.5, 0, 0.5, 1, 2, 2.5, 3, 5, 10, 20, 27]],
}
print(json.dumps(out, indent=2))

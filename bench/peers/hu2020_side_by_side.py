"""NumPy peer of bench/hu2020-side-by-side.ts: Hu et al. 2020 (arXiv 2006.14599), a two-layer softplus net
f(x) = (1/sqrt(m)) v . softplus(W x / sqrt(d)) trained in both layers by full-batch GD on (1/2n) sum (f - y)^2
with rate eta on W and on v, side by side with its linear model f_lin = beta . psi(x),
psi(x) = [slope * x / sqrt(d); constant], trained by GD with the same eta from beta = 0. The data, the initial
weights (lindyn's theta: W1 = W / sqrt(d) row-major m x d, then v) and psi's coefficients come from the
TypeScript side. Peak memory of one run: tracemalloc peak and ru_maxrss of the process.

Usage: python3 hu2020_side_by_side.py spec.json; prints JSON on stdout.
"""

import os
import resource
import sys
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def softplus(z):
    return np.logaddexp(0.0, z)


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def side_by_side(X, Y, Xt, Yt, W0, v0, eta, steps, slope, constant):
    n, d = X.shape
    m = W0.shape[0]
    sd = np.sqrt(d)
    sm = np.sqrt(m)
    W = W0.copy()
    v = v0.copy()
    for _ in range(steps):
        Z = X @ W.T / sd  # n x m
        f = softplus(Z) @ v / sm
        r = f - Y
        gv = softplus(Z).T @ r / (n * sm)
        gW = (sigmoid(Z) * np.outer(r, v)).T @ X / (n * sm * sd)
        W -= eta * gW
        v -= eta * gv
    P = np.hstack([slope * X / sd, np.full((n, 1), constant)])
    beta = np.zeros(d + 1)
    for _ in range(steps):
        beta -= eta * (P.T @ (P @ beta - Y)) / n
    fn = softplus(Xt @ W.T / sd) @ v / sm
    Pt = np.hstack([slope * Xt / sd, np.full((Xt.shape[0], 1), constant)])
    fl = Pt @ beta
    return {
        "netTestLoss": float(np.mean((fn - Yt) ** 2) / 2),
        "linTestLoss": float(np.mean((fl - Yt) ** 2) / 2),
        "relDiff": float(np.sum((fn - fl) ** 2) / np.sum(fn**2)),
    }


def main():
    spec = load_spec()
    d = int(spec["d"])
    m = int(spec["m"])
    X = np.asarray(spec["X"], dtype=np.float64).reshape(-1, d)
    Xt = np.asarray(spec["Xtest"], dtype=np.float64).reshape(-1, d)
    Y = np.asarray(spec["Y"], dtype=np.float64)
    Yt = np.asarray(spec["Ytest"], dtype=np.float64)
    theta = np.asarray(spec["theta0"], dtype=np.float64)
    W0 = theta[: m * d].reshape(m, d) * np.sqrt(d)
    v0 = theta[m * d :].copy()
    args = (X, Y, Xt, Yt, W0, v0, float(spec["eta"]), int(spec["steps"]), float(spec["slope"]), float(spec["constant"]))
    tracemalloc.start()
    out = side_by_side(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timing = time_it(lambda: side_by_side(*args), **timing_options(spec))
    emit(
        {
            "numpy": np.__version__,
            "timing": timing,
            "result": out,
            "tracemallocPeakBytes": peak,
            "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )


if __name__ == "__main__":
    main()

"""NumPy peer of bench/three-layer-point.ts: one point of the three-layer-regimes sweep (Zhou et al. 2022,
arXiv 2205.12101), i.e. full-batch GD on the three-layer ReLU net x~ = (x, 1) -> W1 (m x 2) -> ReLU ->
W2 (m x (m+1), last column bias) -> ReLU -> f = a.h2 / alpha with the adaptive step
h = min(0.5/lambda_max(Theta/n), 1 % relative change of W1, W2 or a), for a fixed number of steps (the loss
tolerance is set below reach), recording sup_t RD of W1, W2 and a. The initial weights come from the
TypeScript side as raw little-endian float64 (same draw). Peak memory of one run: tracemalloc peak (NumPy
registers its buffers with tracemalloc) and ru_maxrss of the process.

Usage: python3 three_layer_point.py spec.json; prints JSON on stdout.
"""

import os
import resource
import sys
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def train(w1_0, w2_0, a_0, alpha, x, y, loss_tol, max_steps, safety=0.5, max_rel=0.01):
    n = x.shape[0]
    m = a_0.shape[0]
    w1 = w1_0.copy()
    w2 = w2_0.copy()
    a = a_0.copy()
    n1 = np.linalg.norm(w1_0)
    n2 = np.linalg.norm(w2_0)
    na = np.linalg.norm(a_0)
    X = np.stack([x, np.ones_like(x)], axis=1)  # n x 2
    kx = X @ X.T  # x_s x_t + 1
    rd1 = rd2 = rda = 0.0
    steps = 0
    status = "max-steps"
    while True:
        z1 = X @ w1.T  # n x m
        h1 = np.maximum(z1, 0.0)
        z2 = h1 @ w2[:, :m].T + w2[:, m]
        h2 = np.maximum(z2, 0.0)
        r = (h2 @ a) / alpha - y
        loss = float(r @ r) / (2 * n)
        if not np.isfinite(loss):
            status = "non-finite"
            break
        if loss < loss_tol:
            status = "converged"
            break
        if steps >= max_steps:
            break
        d2 = (z2 > 0) * (a / alpha)
        d1 = (d2 @ w2[:, :m]) * (z1 > 0)
        theta = ((d1 @ d1.T) * kx + (d2 @ d2.T) * (h1 @ h1.T + 1.0) + (h2 @ h2.T) / (alpha * alpha)) / n
        lam = np.linalg.eigvalsh(theta)[-1]
        c = r / n
        g1 = (d1 * c[:, None]).T @ X
        ga = (c @ h2) / alpha
        cd2 = d2 * c[:, None]
        g2 = np.empty_like(w2)
        g2[:, :m] = cd2.T @ h1
        g2[:, m] = cd2.sum(axis=0)
        gn1, gn2, gna = np.linalg.norm(g1), np.linalg.norm(g2), np.linalg.norm(ga)
        if gn1 == 0 and gn2 == 0 and gna == 0:
            status = "stationary"
            break
        h = safety / lam if lam > 0 else np.inf
        if gn1 > 0:
            h = min(h, max_rel * np.linalg.norm(w1) / gn1)
        if gn2 > 0:
            h = min(h, max_rel * np.linalg.norm(w2) / gn2)
        if gna > 0:
            h = min(h, max_rel * np.linalg.norm(a) / gna)
        w1 -= h * g1
        w2 -= h * g2
        a -= h * ga
        rd1 = max(rd1, np.linalg.norm(w1 - w1_0) / n1)
        rd2 = max(rd2, np.linalg.norm(w2 - w2_0) / n2)
        rda = max(rda, np.linalg.norm(a - a_0) / na)
        steps += 1
    return {"rdW1": float(rd1), "rdW2": float(rd2), "rdA": float(rda), "steps": steps, "finalLoss": loss, "status": status}


def main():
    spec = load_spec()
    m = int(spec["width"])
    raw = np.fromfile(spec["weightsFile"], dtype="<f8")
    w1 = raw[: 2 * m].reshape(m, 2).copy()
    w2 = raw[2 * m : 2 * m + m * (m + 1)].reshape(m, m + 1).copy()
    a = raw[2 * m + m * (m + 1) :].copy()
    del raw
    x = np.asarray(spec["x"], dtype=np.float64)
    y = np.asarray(spec["y"], dtype=np.float64)
    args = (w1, w2, a, float(spec["alpha"]), x, y, float(spec["lossTol"]), int(spec["maxSteps"]))
    out = {}
    tracemalloc.start()
    out.update(train(*args))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def run():
        train(*args)

    timing = time_it(run, **timing_options(spec))
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

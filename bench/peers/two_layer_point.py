"""NumPy peer of bench/two-layer-point.ts: one point of the two-layer-regimes sweep (Luo et al. 2021,
arXiv 2007.07497), i.e. GD on the normalised two-layer ReLU model f = kappa * sum_k a_k relu(w_k . (x, 1)) with
the preconditioned step a -= h/kappa' grad_a R, w -= h*kappa' grad_w R, h = min(0.5/lambda_max(Theta/n),
1 % relative change of a or w), until R < loss_tol; records sup_t ||w(t) - w(0)|| / ||w(0)||.
The initial a, w come from the TypeScript side (same draw). Peak memory of one run: tracemalloc peak (NumPy
registers its buffers with tracemalloc) and ru_maxrss of the process.

Usage: python3 two_layer_point.py spec.json; prints JSON on stdout.
"""

import os
import resource
import sys
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def train(kappa, kp, a0, w0, x, y, loss_tol, max_steps):
    n = x.shape[0]
    a = a0.copy()
    w = w0.copy()  # m x 2: (slope, bias)
    X = np.stack([x, np.ones_like(x)], axis=1)  # n x 2
    nw0 = np.linalg.norm(w0)
    rd = 0.0
    steps = 0
    while True:
        z = X @ w.T  # n x m
        ind = z > 0
        act = np.where(ind, z, 0.0)
        f = kappa * (act @ a)
        r = f - y
        loss = float(r @ r) / (2 * n)
        if not np.isfinite(loss) or loss < loss_tol or steps >= max_steps:
            break
        c = kappa / n
        ga = c * (act.T @ r)
        s = (ind * r[:, None]).T @ X  # m x 2: sum_s r_s 1_sk (x_s, 1)
        gw = c * a[:, None] * s
        ka = act @ act.T
        indf = ind.astype(np.float64)
        kw = (indf * (a * a)) @ indf.T
        K = (kappa * kappa / n) * (ka / kp + kp * kw * (np.outer(x, x) + 1.0))
        lmax = np.linalg.eigvalsh(K)[-1]
        h = 0.5 / lmax if lmax > 0 else np.inf
        nga = np.linalg.norm(ga)
        ngw = np.linalg.norm(gw)
        if nga > 0:
            h = min(h, kp * 0.01 * np.linalg.norm(a) / nga)
        if ngw > 0:
            h = min(h, 0.01 * np.linalg.norm(w) / (kp * ngw))
        a = a - (h / kp) * ga
        w = w - (h * kp) * gw
        rd = max(rd, np.linalg.norm(w - w0) / nw0)
        steps += 1
    return {"rdW": float(rd), "steps": steps, "finalLoss": loss}


def main():
    spec = load_spec()
    kappa = float(spec["kappa"])
    kp = float(spec["kappaPrime"])
    a0 = np.asarray(spec["a0"], dtype=np.float64)
    w0 = np.asarray(spec["w0"], dtype=np.float64).reshape(-1, 2)
    x = np.asarray(spec["x"], dtype=np.float64)
    y = np.asarray(spec["y"], dtype=np.float64)
    args = (kappa, kp, a0, w0, x, y, float(spec["lossTol"]), int(spec["maxSteps"]))
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

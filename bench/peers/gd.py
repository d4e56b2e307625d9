"""NumPy peer of bench/gd.ts: `steps` gradient-descent updates theta <- theta - lr * grad L(theta) from the
moments and initial weights written by the TypeScript side.

Usage: python3 gd.py spec.json; prints JSON on stdout.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _linear_net import make_value_and_grad  # noqa: E402
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def main():
    spec = load_spec()
    vg = make_value_and_grad(spec)
    theta0 = np.asarray(spec["theta0"], dtype=np.float64)
    lr = float(spec["lr"])
    steps = int(spec["steps"])
    final = {}

    def run():
        theta = theta0.copy()
        for _ in range(steps):
            _, g = vg(theta)
            theta -= lr * g
        final["loss"], _ = vg(theta)  # the extra evaluation lindyn also makes for the last iterate
        final["theta"] = theta

    opts = timing_options(spec)
    gd_timing = time_it(run, **opts)
    grad_timing = time_it(lambda: vg(theta0), min_sample=0.05, samples=7, warmup=0.2, max_seconds=5.0)
    emit(
        {
            "numpy": np.__version__,
            "gd": gd_timing,
            "gradient": grad_timing,
            "evaluations": steps + 1,
            "loss0": vg(theta0)[0],
            "lossFinal": final["loss"],
            "thetaFinal": final["theta"].tolist(),
        }
    )


if __name__ == "__main__":
    main()

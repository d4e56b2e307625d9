"""SciPy peer of bench/flow.ts: gradient flow d(theta)/dt = -grad L(theta) to t = tEnd with
solve_ivp(method="RK45") (Dormand-Prince 5(4), like lindyn's dopri5) at the same rtol/atol, from the
moments and initial weights written by the TypeScript side.

Usage: python3 flow.py spec.json; prints JSON on stdout.
"""

import os
import sys

import numpy as np
import scipy
from scipy.integrate import solve_ivp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _linear_net import make_value_and_grad  # noqa: E402
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def main():
    spec = load_spec()
    vg = make_value_and_grad(spec)
    theta0 = np.asarray(spec["theta0"], dtype=np.float64)
    t_end = float(spec["tEnd"])
    rtol = float(spec["rtol"])
    atol = float(spec["atol"])

    def rhs(_t, y):
        return -vg(y)[1]

    last = {}

    def solve():
        last["sol"] = solve_ivp(rhs, (0.0, t_end), theta0, method="RK45", rtol=rtol, atol=atol, t_eval=[t_end])

    opts = timing_options(spec)
    flow_timing = time_it(solve, **opts)
    grad_timing = time_it(lambda: vg(theta0), min_sample=0.05, samples=7, warmup=0.2, max_seconds=5.0)
    sol = last["sol"]
    y_end = sol.y[:, -1]
    emit(
        {
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "flow": flow_timing,
            "gradient": grad_timing,
            "status": int(sol.status),
            "message": sol.message,
            "nfev": int(sol.nfev),
            "loss0": vg(theta0)[0],
            "lossFinal": vg(y_end)[0],
            "thetaFinal": y_end.tolist(),
        }
    )


if __name__ == "__main__":
    main()

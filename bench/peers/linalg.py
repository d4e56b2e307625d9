"""NumPy peer of bench/linalg.ts: np.linalg.eigh, svd(full_matrices=False) and cholesky on the matrices
written by the TypeScript side.

Usage: python3 linalg.py spec.json; prints JSON on stdout.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def main():
    spec = load_spec()
    opts = timing_options(spec)
    cases = []
    for case in spec["cases"]:
        n = int(case["n"])
        sym = np.asarray(case["sym"], dtype=np.float64).reshape(n, n)
        gen = np.asarray(case["general"], dtype=np.float64).reshape(n, n)
        spd = np.asarray(case["spd"], dtype=np.float64).reshape(n, n)
        t = time_it(lambda: np.linalg.eigh(sym), **opts)
        cases.append({"op": "eigh", "n": n, **t, "values": np.linalg.eigh(sym)[0].tolist()})
        t = time_it(lambda: np.linalg.svd(gen, full_matrices=False), **opts)
        cases.append({"op": "svd", "n": n, **t, "values": np.linalg.svd(gen, compute_uv=False).tolist()})
        t = time_it(lambda: np.linalg.cholesky(spd), **opts)
        cases.append({"op": "cholesky", "n": n, **t, "values": np.linalg.cholesky(spd).ravel().tolist()})
    emit({"numpy": np.__version__, "cases": cases})


if __name__ == "__main__":
    main()

"""NumPy peer of bench/matmul.ts: C <- A @ B for n x n operands built from the same closed formula.

Usage: python3 matmul.py spec.json   (spec: {"sizes": [...], "timing": {...}}); prints JSON on stdout.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import emit, load_spec, time_it, timing_options  # noqa: E402


def operand(n, a, b, mod, shift):
    i = np.arange(n).reshape(-1, 1)
    j = np.arange(n).reshape(1, -1)
    return (((a * i + b * j) % mod) - shift).astype(np.float64) / 16.0


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy without mode="dicts"
        return "unknown"


def main():
    spec = load_spec()
    opts = timing_options(spec)
    cases = []
    for n in spec["sizes"]:
        A = operand(n, 31, 17, 23, 11)
        B = operand(n, 13, 29, 19, 9)
        C = np.empty((n, n))
        t = time_it(lambda: np.matmul(A, B, out=C), **opts)
        cases.append({"n": n, **t, "sum": float(C.sum()), "sumsq": float((C * C).sum())})
    emit({"numpy": np.__version__, "blas": blas_name(), "cases": cases})


if __name__ == "__main__":
    main()

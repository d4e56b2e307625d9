"""Loss and gradient of a deep linear network from data moments, in NumPy (peer of LinearNetObjective).

L(theta) = c * (tr(P Sxx P^T) - 2 tr(Syx P^T) + Ey2),  P = W_L ... W_1,
dL/dW_i = 2c (W_L ... W_{i+1})^T (P Sxx - Syx) (W_{i-1} ... W_1)^T.
theta is W_1, ..., W_L concatenated, each row-major (W_i is d_i x d_{i-1}), as in lindyn.
"""

import numpy as np


def make_value_and_grad(spec):
    widths = [int(w) for w in spec["widths"]]
    L = len(widths) - 1
    d0, dL = widths[0], widths[-1]
    Sxx = np.asarray(spec["Sxx"], dtype=np.float64).reshape(d0, d0)
    Syx = np.asarray(spec["Syx"], dtype=np.float64).reshape(dL, d0)
    Ey2 = float(spec["Ey2"])
    c = float(spec.get("c", 1.0))
    shapes = [(widths[i + 1], widths[i]) for i in range(L)]
    offsets = np.cumsum([0] + [r * k for r, k in shapes])

    def value_and_grad(theta):
        W = [theta[offsets[i]:offsets[i + 1]].reshape(shapes[i]) for i in range(L)]
        # F[i] = W_i ... W_1 (0-based: product of the first i layers), F[0] = identity (not stored)
        F = [None] * (L + 1)
        cur = W[0]
        F[1] = cur
        for i in range(1, L):
            cur = W[i] @ cur
            F[i + 1] = cur
        P = cur
        PS = P @ Sxx
        loss = c * (np.vdot(PS, P) - 2.0 * np.vdot(Syx, P) + Ey2)
        M = (2.0 * c) * (PS - Syx)  # d_L x d0, then M <- W^T M going down
        grad = np.empty_like(theta)
        for i in range(L - 1, -1, -1):
            G = M if i == 0 else M @ F[i].T
            grad[offsets[i]:offsets[i + 1]] = G.ravel()
            if i > 0:
                M = W[i].T @ M
        return float(loss), grad

    return value_and_grad

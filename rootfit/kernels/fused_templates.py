"""Templates of the fused loops (:mod:`rootfit.kernels.fused`): copied, as source, into each
generated module, where ``prepare`` (the model's parameter-only subexpressions, once per
call), ``row`` (the model at one point of the context), ``shifted`` (the same with the first
coordinate moved by ``dx``) and ``objective`` are that module's functions.

Nothing here is called in this module: the names below only stand for the generated ones.
The context layout is described in :mod:`rootfit.kernels.fused`.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

from rootfit.kernels.costs import neumaier_add, safe_log

HEADER = 4

prepare: Any = None
row: Any = None
shifted: Any = None
objective: Any = None
address_as_pointer: Any = None


def chi2_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
    """Neyman χ² ``Σ ((y - f)·inverse error)²``, each term capped at the flag."""
    n = np.int64(ctx[0])
    stride = np.int64(ctx[1])
    cap = ctx[2]
    y0 = HEADER + n * stride
    w0 = y0 + n
    q = prepare(p)
    total = 0.0
    for i in range(n):
        r = (ctx[y0 + i] - row(ctx, HEADER + i * stride, p, q)) * ctx[w0 + i]
        term = r * r
        total += term if term < cap else cap
    return total


def poisson_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
    """Poisson NLL with the saturated term; the flag says "extended"."""
    n = np.int64(ctx[0])
    stride = np.int64(ctx[1])
    extended = ctx[2] != 0.0
    y0 = HEADER + n * stride
    l0 = y0 + n
    q = prepare(p)
    total = 0.0
    for i in range(n):
        f = row(ctx, HEADER + i * stride, p, q)
        fi = f if f > 0.0 else 0.0
        yi = ctx[y0 + i]
        if extended:
            total += fi - yi
        if yi > 0:
            total += yi * (ctx[l0 + i] - safe_log(fi))
    return total


def effective_chi2_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover
    """Effective variance with ROOT's Richardson derivative in the first coordinate; the flag
    says whether any point has an x error."""
    n = np.int64(ctx[0])
    stride = np.int64(ctx[1])
    active = ctx[2] != 0.0
    y0 = HEADER + n * stride
    q = prepare(p)
    total = 0.0
    for i in range(n):
        b = HEADER + i * stride
        d = ctx[y0 + i] - row(ctx, b, p, q)
        ey = ctx[y0 + 2 * n + i] if d < 0 else ctx[y0 + n + i]
        x_var = 0.0
        if active:
            h = ctx[y0 + 4 * n + i]
            up = shifted(ctx, b, p, q, h)
            down = shifted(ctx, b, p, q, -h)
            up2 = shifted(ctx, b, p, q, 0.5 * h)
            down2 = shifted(ctx, b, p, q, -0.5 * h)
            d_full = (up - down) / (2 * h)
            d_half = (up2 - down2) / h
            ex = ctx[y0 + 3 * n + i]
            x_var = (ex * ((4 * d_half - d_full) / 3)) ** 2
        var = ey * ey + x_var
        if var > 0:
            total += d * d / var
    return total


def unbinned_objective(x: np.ndarray, w: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover
    """``-Σ w·log f`` over events (ROOT's safe log), summed with Neumaier's compensation as
    :func:`rootfit.kernels.costs.unbinned_nll`; ``x`` holds the events' coordinates flat."""
    n = w.shape[0]
    if n == 0:
        return 0.0
    stride = x.shape[0] // n
    q = prepare(p)
    total = 0.0
    compensation = 0.0
    for i in range(n):
        term = -w[i] * safe_log(row(x, i * stride, p, q))
        total, compensation = neumaier_add(total, compensation, term)
    return total + compensation


def entry(n: int, values: Any) -> float:  # pragma: no cover - compiled
    """The C entry ``double fcn(uint32 n, double* p)``: ``p[n-1]`` is the context's address."""
    p = numba.carray(values, n)
    pointer = address_as_pointer(np.int64(p[n - 1]))
    header = numba.carray(pointer, HEADER)
    ctx = numba.carray(pointer, int(header[3]))
    return objective(ctx, p[: n - 1])


#: Statistic -> its objective template: ``objective(ctx, p)``, with a C entry for Minuit.
OBJECTIVES = {
    "chi2": chi2_objective,
    "poisson": poisson_objective,
    "effective_chi2": effective_chi2_objective,
}

#: Statistic -> its objective template on arrays (no context, no C entry).
ARRAY_OBJECTIVES = {"unbinned": unbinned_objective}

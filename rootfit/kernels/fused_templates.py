"""Templates of the fused loops (:mod:`rootfit.kernels.fused`): copied, as source, into each
generated module, where ``parameters`` (the parameter vector as a tuple of scalars),
``prepare`` (the model's parameter-only subexpressions, once per call), ``row`` (the model at
one point of a column-major block of points), ``shifted`` (the same with the first coordinate
moved by ``dx``) and ``objective`` are that module's functions.

Every loop runs over the points in chunks of :data:`CHUNK`: first the chunk's terms, one per
point and independent of each other, so that the compiler vectorises the model, its ``exp``
and ``log`` (:mod:`rootfit.kernels.elementary`) and the term; then their sum, in the order of
the points as ROOT adds them, so that the result is the plain path's bit for bit. A skipped
term (an empty bin, a point of zero variance) is a +0.0 in the chunk, which leaves every sum
unchanged. The parameters are read into a tuple first (loads from the parameter array inside
the loop could alias the chunk's stores), and the points through :func:`at`: either would
otherwise keep the loop scalar.

Nothing here is called in this module: the names below only stand for the generated ones.
The context layout is described in :mod:`rootfit.kernels.fused`.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from rootfit.kernels.costs import neumaier_add, safe_log
from rootfit.kernels.jit import jit_inline

HEADER = 4

#: Points per chunk: the terms of one chunk stay in L1.
CHUNK = 256


@jit_inline
def at(a: np.ndarray, k: int) -> float:  # pragma: no cover - compiled
    """``a[k]`` for an index known to be ≥ 0, read as unsigned: a signed index is checked for
    negative values (Python's wrap-around), which makes the vectoriser load one point at a
    time."""
    return a[np.uint64(k)]


def _chunk_room_intrinsic(typingctx: Any) -> Any:
    """A pointer to ``CHUNK`` float64 values on the stack of the function it is compiled
    into (an alloca in its entry block)."""

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        size = ir.Constant(ir.IntType(64), CHUNK)
        return cgutils.alloca_once(builder, ir.DoubleType(), size=size)

    return types.CPointer(types.float64)(), codegen


_chunk_room: Any = intrinsic(_chunk_room_intrinsic)


@jit_inline
def chunk_terms() -> np.ndarray:  # pragma: no cover - compiled
    """Room for one chunk's terms on the caller's stack (no allocation per
    call). Inlined by numba, so the room belongs to the calling loop's frame — which is why
    this must stay :data:`~rootfit.kernels.jit.jit_inline`."""
    return numba.carray(_chunk_room(), CHUNK)


parameters: Any = None
prepare: Any = None
row: Any = None
shifted: Any = None
objective: Any = None
address_as_pointer: Any = None


def chi2_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
    """Neyman χ² ``Σ ((y - f)·inverse error)²``, each term capped at the flag."""
    n = int(ctx[0])
    cap = ctx[2]
    y0 = HEADER + n * int(ctx[1])
    w0 = y0 + n
    t = parameters(p)
    q = prepare(t)
    terms = chunk_terms()
    total = 0.0
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        for j in range(m):
            i = start + j
            r = (at(ctx, y0 + i) - row(ctx, HEADER, n, i, t, q)) * at(ctx, w0 + i)
            term = r * r
            terms[j] = term if term < cap else cap
        for j in range(m):
            total += terms[j]
    return total


def poisson_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
    """Poisson NLL with the saturated term, each bin's term whole before it is added (ROOT's
    order); the flag says "extended"."""
    n = int(ctx[0])
    extended = ctx[2] != 0.0
    y0 = HEADER + n * int(ctx[1])
    l0 = y0 + n
    t = parameters(p)
    q = prepare(t)
    terms = chunk_terms()
    total = 0.0
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        for j in range(m):
            i = start + j
            f = row(ctx, HEADER, n, i, t, q)
            fi = f if f > 0.0 else 0.0
            yi = at(ctx, y0 + i)
            saturated = yi * (at(ctx, l0 + i) - safe_log(fi))
            terms[j] = (fi - yi if extended else 0.0) + (saturated if yi > 0 else 0.0)
        for j in range(m):
            total += terms[j]
    return total


def effective_chi2_objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover
    """Effective variance with ROOT's Richardson derivative in the first coordinate; the flag
    says whether any point has an x error."""
    n = int(ctx[0])
    active = ctx[2] != 0.0
    y0 = HEADER + n * int(ctx[1])
    t = parameters(p)
    q = prepare(t)
    terms = chunk_terms()
    total = 0.0
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        for j in range(m):
            i = start + j
            d = at(ctx, y0 + i) - row(ctx, HEADER, n, i, t, q)
            ey = at(ctx, y0 + 2 * n + i) if d < 0 else at(ctx, y0 + n + i)
            x_var = 0.0
            if active:
                h = at(ctx, y0 + 4 * n + i)
                up = shifted(ctx, HEADER, n, i, t, q, h)
                down = shifted(ctx, HEADER, n, i, t, q, -h)
                up2 = shifted(ctx, HEADER, n, i, t, q, 0.5 * h)
                down2 = shifted(ctx, HEADER, n, i, t, q, -0.5 * h)
                d_full = (up - down) / (2 * h)
                d_half = (up2 - down2) / h
                ex = at(ctx, y0 + 3 * n + i)
                x_var = (ex * ((4 * d_half - d_full) / 3)) ** 2
            var = ey * ey + x_var
            terms[j] = d * d / var if var > 0 else 0.0
        for j in range(m):
            total += terms[j]
    return total


def unbinned_objective(x: np.ndarray, w: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover
    """``-Σ w·log f`` over events (ROOT's safe log), summed with Neumaier's compensation as
    :func:`rootfit.kernels.costs.unbinned_nll`; ``x`` holds the events' coordinates flat,
    column-major (all first coordinates, then all second ones, ...)."""
    n = w.shape[0]
    t = parameters(p)
    q = prepare(t)
    terms = chunk_terms()
    total = 0.0
    compensation = 0.0
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        for j in range(m):
            i = start + j
            terms[j] = -at(w, i) * safe_log(row(x, 0, n, i, t, q))
        for j in range(m):
            total, compensation = neumaier_add(total, compensation, terms[j])
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

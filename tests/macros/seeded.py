"""Seeded numpy data for the ported ROOT tutorials, identical under ROOT and under the façade.

ROOT's tutorials draw their data from ``gRandom``; the ports draw it from numpy instead so that a
run with real ROOT (the reference generator) and a run with rootfit's façade fill the very same
numbers. Only ROOT-spelled calls reach the histogram or function (``Eval``, ``FillN``,
``GetXaxis``), so the helpers work with either ``ROOT``.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def rng(seed: int = 4357) -> np.random.Generator:
    """The macro's random generator (4357 is ROOT's default ``TRandom3`` seed)."""
    return np.random.default_rng(seed)


def sample(f: Any, n: int, generator: np.random.Generator, cells: int = 2000) -> np.ndarray:
    """``n`` values drawn from the 1-D function ``f`` over its range (``f.GetRandom()``): the
    inverse of its cumulative integral, tabulated on ``cells`` midpoint cells."""
    lo, hi = f.GetXmin(), f.GetXmax()
    edges = np.linspace(lo, hi, cells + 1)
    mids = 0.5 * (edges[1:] + edges[:-1])
    density = np.array([max(f.Eval(x), 0.0) for x in mids])
    cdf = np.concatenate([[0.0], np.cumsum(density)])
    cdf /= cdf[-1]
    return np.interp(generator.random(n), cdf, edges)


def sample_2d(
    f: Any, n: int, generator: np.random.Generator, cells: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points drawn from the 2-D function ``f`` (``f.GetRandom2``): a cell chosen by its
    value on a ``cells``×``cells`` grid, the point uniform inside it."""
    xlo, xhi, ylo, yhi = f.GetXmin(), f.GetXmax(), f.GetYmin(), f.GetYmax()
    dx, dy = (xhi - xlo) / cells, (yhi - ylo) / cells
    xs = xlo + dx * (np.arange(cells) + 0.5)
    ys = ylo + dy * (np.arange(cells) + 0.5)
    w = np.array([[max(f.Eval(x, y), 0.0) for y in ys] for x in xs]).ravel()
    cell = generator.choice(w.size, size=n, p=w / w.sum())
    ix, iy = np.divmod(cell, cells)
    return (
        xlo + dx * (ix + generator.random(n)),
        ylo + dy * (iy + generator.random(n)),
    )


def fill_random(h: Any, f: Any, n: int, generator: np.random.Generator) -> None:
    """``h.FillRandom(f, n)`` with numpy's numbers: ``n`` values of ``f`` filled into ``h``."""
    if h.GetDimension() == 1:
        x = sample(f, n, generator)
        h.FillN(n, x, np.ones(n))
    else:
        x, y = sample_2d(f, n, generator)
        h.FillN(n, x, y, np.ones(n))

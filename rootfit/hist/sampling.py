"""Error intervals and random numbers of a :class:`~rootfit.Histogram`: ROOT's ``kPoisson``
(Garwood) bin errors, ``GetRandom`` and ``FillRandom`` with an explicit numpy Generator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataError

if TYPE_CHECKING:
    from rootfit.hist.histogram import Histogram

__all__ = ["error_intervals", "fill_random", "get_random"]


def error_intervals(
    h: Histogram, option: str = "normal", cl: float = 0.682689492137086
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lower and upper bin errors (no flow bins): ``"normal"`` (symmetric, as :meth:`errors`)
    or ``"poisson"`` (ROOT ``kPoisson``: Garwood interval for unweighted bins, normal
    errors for weighted ones)."""
    from scipy import stats

    err = h.errors()
    if option == "normal":
        return err.copy(), err.copy()
    if option != "poisson":
        raise DataError(f"error option must be 'normal' or 'poisson', not {option!r}")
    n = h.values()
    if h.has_sumw2 and not np.allclose(h.variances(), np.abs(n)):
        return err.copy(), err.copy()
    alpha = 1.0 - cl
    low = np.where(n > 0, n - stats.gamma.ppf(alpha / 2, np.where(n > 0, n, 1.0)), 0.0)
    up = stats.gamma.isf(alpha / 2, n + 1) - n
    return low, up


def get_random(
    h: Histogram, rng: np.random.Generator, size: int | None = None
) -> float | NDArray[np.float64]:
    """Random values distributed as the 1-D histogram (ROOT ``GetRandom``): a bin is chosen by
    its content, the value is uniform inside it."""
    if h.ndim != 1:
        raise DataError("get_random is defined for 1-D histograms")
    if not isinstance(rng, np.random.Generator):
        raise DataError("rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed))")
    contents = h.values()
    if np.any(contents < 0):
        raise DataError("cannot sample a histogram with negative bin contents")
    total = contents.sum()
    if total <= 0:
        raise DataError("cannot sample an empty histogram")
    cumulative = np.concatenate([[0.0], np.cumsum(contents) / total])
    u = rng.random(1 if size is None else size)
    b = np.clip(np.searchsorted(cumulative, u, side="right") - 1, 0, contents.size - 1)
    edges = h.axis.edges
    within = (u - cumulative[b]) / np.where(contents[b] > 0, contents[b] / total, 1.0)
    values = edges[b] + np.clip(within, 0.0, 1.0) * (edges[b + 1] - edges[b])
    return float(values[0]) if size is None else values


def fill_random(h: Histogram, source: Any, n: int, rng: np.random.Generator) -> None:
    """Fill ``n`` random values drawn from a :class:`~rootfit.Function` (over this axis range)
    or another 1-D histogram (ROOT ``FillRandom``)."""
    from rootfit.hist.histogram import Histogram

    if h.ndim != 1:
        raise DataError("fill_random is defined for 1-D histograms")
    if isinstance(source, Histogram):
        values = source.get_random(rng, int(n))
    elif hasattr(source, "get_random"):
        values = source.get_random(rng, int(n), lo=h.axis.lo, hi=h.axis.hi)
    else:
        raise DataError("fill_random needs a Function or a Histogram")
    h.fill(values)

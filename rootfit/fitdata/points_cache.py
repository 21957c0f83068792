"""Fit points of a histogram built once and reused while the histogram is unchanged.

Building the points of a histogram (window, empty-bin rule, error adjustment, validation) costs
more than a small fit's minimisation; fitting the same histogram again — another function,
other options, a scan of start values — would rebuild the same arrays. :class:`PointsCache`
lives on the histogram (attribute ``_fit_points``) and keeps the last few point sets with a
copy of the contents and variances they were built from. A lookup compares those copies with
the histogram's current arrays (and the axes objects and zoom window with the current ones),
so any change — a fill, ``SetBinContent``, a reset, a rebin — is a miss; nothing relies on
every mutating method remembering to invalidate. Only histograms up to :data:`MAX_BINS` bins
are cached (for larger ones building the points is small next to the fit, and the copies
would cost memory), and only whole-window fits with ``nan_policy="raise"``: building those
points emits no warning (an out-of-window range or dropped NaN points warn at every fit). The
cache is never pickled or shared with a copy of the histogram (it pickles empty and knows its
owner), and it holds no global state.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.fitdata.bindata import BinData

__all__ = ["MAX_BINS", "PointsCache", "cached_points"]

#: Largest number of bins (flow bins included) whose points are cached.
MAX_BINS = 1 << 16

#: Point sets kept per histogram (the most recently built first).
_ENTRIES = 4

_ATTRIBUTE = "_fit_points"


class PointsCache:
    """The recent point sets of one histogram (see the module docstring)."""

    __slots__ = ("entries", "owner")

    def __init__(self, owner: Any = None) -> None:
        self.owner = None if owner is None else weakref.ref(owner)
        self.entries: tuple[
            tuple[Hashable, tuple[Any, ...], NDArray[Any], NDArray[Any], BinData], ...
        ] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (PointsCache, ())  # pickles empty: the points are rebuilt on demand

    def __deepcopy__(self, memo: dict[int, Any]) -> PointsCache:
        return PointsCache()

    def lookup(
        self, key: Hashable, axes: tuple[Any, ...], values: NDArray[Any], variances: NDArray[Any]
    ) -> BinData | None:
        for k, entry_axes, v, var, data in self.entries:  # a snapshot: entries is replaced whole
            if (
                k == key
                and len(entry_axes) == len(axes)
                and all(a is b for a, b in zip(entry_axes, axes, strict=True))
                and np.array_equal(v, values)
                and np.array_equal(var, variances)
            ):
                return data
        return None

    def store(
        self,
        key: Hashable,
        axes: tuple[Any, ...],
        values: NDArray[Any],
        variances: NDArray[Any],
        data: BinData,
    ) -> None:
        """Keep ``data`` first; the oldest entries beyond the limit are dropped. The tuple of
        entries is replaced, never changed in place, so threads fitting the same histogram at
        once at worst rebuild points (no lock, no torn state)."""
        entry = (key, axes, values.copy(), variances.copy(), data)
        self.entries = (entry, *self.entries[: _ENTRIES - 1])


def cached_points(hist: Any, key: Hashable, build: Callable[[], BinData]) -> BinData:
    """The points ``build()`` makes from ``hist``, reused while its contents, variances, axes
    and the ``key`` (options, range, zoom window, NaN policy) are those they were built from.

    Points are immutable (:class:`~rootfit.fitdata.BinData` arrays are read-only), so one set
    can serve every fit of the same histogram.
    """
    values = np.asarray(hist.values(flow=True))
    if values.size > MAX_BINS:
        return build()
    variances = np.asarray(hist.variances(flow=True))
    axes = tuple(hist.axes)
    cache = hist.__dict__.get(_ATTRIBUTE)
    if cache is None or cache.owner is None or cache.owner() is not hist:  # new, or a copy's
        cache = hist.__dict__[_ATTRIBUTE] = PointsCache(hist)
    data = cache.lookup(key, axes, values, variances)
    if data is None:
        data = build()
        cache.store(key, axes, values, variances, data)
    return data

"""Fit points of a histogram or graph built once and reused while it is unchanged.

Building the points of a histogram or graph (window, empty-bin rule, error adjustment,
validation) costs more than a small fit's minimisation; fitting the same object again — another
function, other options, a scan of start values — would rebuild the same arrays.
:class:`PointsCache` lives on the object (attribute ``_fit_points``) and keeps the last few
point sets with what they were built from:

* for a histogram (:func:`histogram_points`), a copy of the contents and variances, and the
  axes objects; a lookup compares the copies with the current arrays, so any change — a
  fill, ``SetBinContent``, a reset, a rebin, a zoom (part of the key) — is a miss, and nothing
  relies on every mutating method remembering to invalidate. Only histograms up to
  :data:`MAX_BINS` bins are cached (for larger ones the points are cheap next to the fit, and
  the copies would cost memory);
* for a graph (:func:`graph_points`), its coordinate and error arrays themselves: they are
  read-only, and a graph changes by getting new arrays, so a lookup compares identities.

The same store keeps what is built on a set of points for a model (:func:`reused`: the cost
of a fit, with its compiled context), on the points object itself.

Only fits with ``nan_policy="raise"`` over the whole window, or a histogram's range inside it,
are cached: building their points emits no warning (an out-of-window range or dropped NaN
points warn at every fit). The cache pickles
empty and knows its owner (a copy of the object, whose ``__dict__`` may have been copied, gets
its own), its entries are replaced whole (threads fitting one object at worst rebuild points),
and it holds no global state.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.fitdata.bindata import BinData

__all__ = ["MAX_BINS", "PointsCache", "graph_points", "histogram_points", "reused"]

#: Largest number of bins (flow bins included) whose points are cached.
MAX_BINS = 1 << 16

#: Point sets kept per object (the most recently built first).
_ENTRIES = 4

_ATTRIBUTE = "_fit_points"

_Entry = tuple[Hashable, tuple[Any, ...], tuple[NDArray[Any], ...], Any]


class PointsCache:
    """The recent point sets of one object (see the module docstring)."""

    __slots__ = ("entries", "owner")

    def __init__(self, owner: Any = None) -> None:
        self.owner = None if owner is None else weakref.ref(owner)
        self.entries: tuple[_Entry, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (PointsCache, ())  # pickles empty: the points are rebuilt on demand

    def __deepcopy__(self, memo: dict[int, Any]) -> PointsCache:
        return PointsCache()

    def lookup(
        self, key: Hashable, anchors: Sequence[Any], contents: Sequence[NDArray[Any]]
    ) -> Any:
        """The points stored under ``key`` from the same ``anchors`` (by identity) and equal
        ``contents`` (by value), or None."""
        for k, entry_anchors, entry_contents, data in self.entries:  # a snapshot
            if (
                k == key
                and len(entry_anchors) == len(anchors)
                and all(a is b for a, b in zip(entry_anchors, anchors, strict=True))
                and all(np.array_equal(a, b) for a, b in zip(entry_contents, contents, strict=True))
            ):
                return data
        return None

    def store(
        self,
        key: Hashable,
        anchors: Sequence[Any],
        contents: Sequence[NDArray[Any]],
        data: Any,
    ) -> None:
        """Keep ``data`` first (``contents`` copied); the oldest entries beyond the limit go.
        The tuple of entries is replaced, never changed in place."""
        entry = (key, tuple(anchors), tuple(np.array(c) for c in contents), data)
        self.entries = (entry, *self.entries[: _ENTRIES - 1])


def _cache_of(owner: Any, attribute: str) -> PointsCache:
    cache = owner.__dict__.get(attribute)
    if cache is None or cache.owner is None or cache.owner() is not owner:  # new, or a copy's
        cache = PointsCache(owner)
        object.__setattr__(owner, attribute, cache)  # frozen owners (BinData) too
    return cache


def _cached(
    owner: Any,
    key: Hashable,
    anchors: Sequence[Any],
    contents: Sequence[NDArray[Any]],
    build: Callable[[], Any],
    attribute: str = _ATTRIBUTE,
) -> Any:
    cache = _cache_of(owner, attribute)
    data = cache.lookup(key, anchors, contents)
    if data is None:
        data = build()
        cache.store(key, anchors, contents, data)
    return data


def histogram_points(hist: Any, key: Hashable, build: Callable[[], BinData]) -> BinData:
    """The points ``build()`` makes from histogram ``hist``, reused while its contents,
    variances, axes and the ``key`` (options, zoom window) are those they were built from.

    Points are immutable (:class:`~rootfit.fitdata.BinData` arrays are read-only), so one set
    can serve every fit of the same histogram.
    """
    values = np.asarray(hist.values(flow=True))
    if values.size > MAX_BINS:
        return build()
    variances = np.asarray(hist.variances(flow=True))
    return _cached(hist, key, tuple(hist.axes), (values, variances), build)


def graph_points(
    graph: Any,
    key: Hashable,
    arrays: Sequence[NDArray[Any] | None],
    build: Callable[[], BinData],
) -> BinData:
    """The points ``build()`` makes from ``graph``, reused while ``arrays`` (its coordinates
    and errors) are the same objects and the ``key`` the same. Arrays that can be written in
    place are not trusted: then the points are always rebuilt."""
    if any(a is not None and a.flags.writeable for a in arrays):
        return build()
    return _cached(graph, key, tuple(arrays), (), build)


def reused(owner: Any, key: Hashable, anchors: Sequence[Any], build: Callable[[], Any]) -> Any:
    """What ``build()`` makes from the immutable ``owner`` (a set of fit points) and the
    ``anchors`` (a model: compared by identity), kept on ``owner`` and given again for the
    same ``key`` and anchors — e.g. the cost of a fit, whose compiled context then serves every
    fit of the same points and model."""
    return _cached(owner, key, tuple(anchors), (), build, attribute="_fit_reused")

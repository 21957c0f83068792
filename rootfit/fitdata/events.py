"""``Events``: what an unbinned fit asks of its events, wherever they are.

The likelihood of events is a sum over events, so everything a cost needs from them is a sum
too: :meth:`Events.map_reduce` applies a function to each piece of the events (the whole
array in memory; each chunk where it lives on a Dask cluster) and adds the results. The cost
says *what* to sum (values, gradients, Fumili's matrix, with the same compiled kernels
everywhere); the events say *where*. :class:`~rootfit.fitdata.UnBinData` holds the events in
memory, :class:`~rootfit.fitdata.ChunkedEvents` in the workers of a Dask cluster.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.fitdata.data_range import DataRange, Interval

__all__ = ["Chunk", "Events", "add_parts"]

#: A piece of events: coordinates ``(n, ndim)`` and weights ``(n,)`` (ones if unweighted).
Chunk = tuple[NDArray[np.float64], NDArray[np.float64]]


def add_parts(parts: Sequence[tuple[Any, ...]]) -> tuple[Any, ...]:
    """Element-wise sum of the tuples returned for each chunk, in chunk order."""
    total = list(parts[0])
    for part in parts[1:]:
        for k, value in enumerate(part):
            total[k] = total[k] + value
    return tuple(total)


class Events(abc.ABC):
    """Events of an unbinned fit (see the module documentation)."""

    range: DataRange

    @property
    @abc.abstractmethod
    def size(self) -> int:
        """Number of events (inside the range)."""

    @property
    @abc.abstractmethod
    def ndim(self) -> int:
        """Number of coordinates per event."""

    @property
    @abc.abstractmethod
    def weighted(self) -> bool:
        """True if per-event weights are given."""

    @property
    @abc.abstractmethod
    def sum_of_weights(self) -> float:
        """Σw (the number of events if unweighted)."""

    @property
    @abc.abstractmethod
    def sum_of_weights2(self) -> float:
        """Σw²."""

    @property
    def picklable(self) -> bool:
        """True if the events travel with a pickled cost or result."""
        return True

    @abc.abstractmethod
    def restricted(self, data_range: DataRange) -> Events:
        """The events inside ``data_range`` (which becomes their range)."""

    @abc.abstractmethod
    def columns(self, n: int) -> Events:
        """The same events with their first ``n`` coordinates only (what a model of ``n``
        coordinates reads: cut once, not at every evaluation)."""

    @abc.abstractmethod
    def squared_weights(self) -> Events:
        """The same events with weights ``w²`` (for the covariance of weighted fits)."""

    @abc.abstractmethod
    def extent(self, axis: int) -> Interval:
        """Smallest and largest coordinate on ``axis``."""

    @abc.abstractmethod
    def head(self, n: int) -> NDArray[np.float64]:
        """The first ``n`` events' coordinates (fewer if there are fewer)."""

    @abc.abstractmethod
    def broadcast(self, obj: Any) -> Any:
        """``obj`` made available where the events are (its handle for :meth:`map_reduce`)."""

    @abc.abstractmethod
    def map_reduce(self, func: Callable[..., tuple[Any, ...]], *args: Any) -> tuple[Any, ...]:
        """``Σ_chunks func(chunk, *args)`` element-wise, ``chunk`` a :data:`Chunk`; handles from
        :meth:`broadcast` among ``args`` arrive as their objects."""

    def histogram(self, edges: Sequence[NDArray[np.float64]]) -> NDArray[np.float64]:
        """Weighted counts of the events in the bins of ``edges`` (first ``len(edges)`` axes)."""
        return np.asarray(self.map_reduce(chunk_histogram, [np.asarray(e) for e in edges])[0])


def chunk_histogram(chunk: Chunk, edges: list[NDArray[np.float64]]) -> tuple[NDArray[np.float64]]:
    """Weighted counts of one chunk (a :meth:`Events.map_reduce` function)."""
    coords, weights = chunk
    counts, _ = np.histogramdd(coords[:, : len(edges)], bins=edges, weights=weights)
    return (counts,)

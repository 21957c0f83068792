"""``UnBinData``: events of an unbinned likelihood fit (ROOT::Fit::UnBinData).

Coordinates in 1 to N dimensions, optional per-event weights and a :class:`DataRange` (one or
several intervals per axis). Events outside the range are dropped when the data is built — the
range then also bounds the integral of an extended fit. Arrays are validated and made
contiguous and read-only once; the object pickles.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError, DataWarning, warn
from rootfit.executors import local_workers
from rootfit.fitdata.data_range import DataRange, Interval
from rootfit.fitdata.events import Events, add_parts

__all__ = ["THREAD_PART", "UnBinData"]

#: Events per part when a large in-memory sum runs on several threads (fixed: results do not
#: depend on the number of cores).
THREAD_PART = 262_144


@dataclass(frozen=True, eq=False, init=False)
class UnBinData(Events):
    """Events for an unbinned fit, in memory.

    Parameters
    ----------
    events : array_like, shape (n,) or (n, ndim)
        Event coordinates.
    weights : array_like, shape (n,), optional
        Per-event weights (an unweighted fit if omitted).
    range : DataRange, (lo, hi), several (lo, hi) for 1-D data, or one (lo, hi) per axis
        Events outside are dropped; an extended fit integrates the model over it.
    nan_policy : {"raise", "omit"}
        Non-finite coordinates or weights: an error, or the events dropped with a warning.

    Attributes
    ----------
    coords : ndarray, shape (n, ndim)
    weights : ndarray or None
    range : DataRange

    Examples
    --------
    >>> d = UnBinData([0.5, 1.5, -4.0, 2.5], range=[(-1, 1), (2, 3)])
    >>> d.size, d.coords[:, 0].tolist()
    (2, [0.5, 2.5])
    """

    coords: NDArray[np.float64]
    weights: NDArray[np.float64] | None
    range: DataRange

    def __init__(
        self,
        events: ArrayLike,
        weights: ArrayLike | None = None,
        *,
        range: Any = None,
        nan_policy: Literal["raise", "omit"] = "raise",
    ) -> None:
        if nan_policy not in ("raise", "omit"):
            raise DataError(f"nan_policy must be 'raise' or 'omit', not {nan_policy!r}")
        x = as_floats(events, "events")
        x = x.reshape(-1, 1) if x.ndim == 1 else x
        if x.ndim != 2 or x.shape[1] == 0:
            raise DataError(f"events must have shape (n,) or (n, ndim), got {np.shape(events)}")
        n = x.shape[0]
        w = None
        if weights is not None:
            w = as_floats(weights, "weights")
            if w.shape != (n,):
                raise DataError(f"weights have shape {w.shape} but there are {n} events")
        bad = ~np.all(np.isfinite(x), axis=1)
        if w is not None:
            bad |= ~np.isfinite(w)
        if bad.any():
            if nan_policy == "raise":
                i = int(np.argmax(bad))
                raise DataError(
                    f"event {i} has a non-finite coordinate or weight ({x[i].tolist()}); "
                    "use nan_policy='omit' to drop such events"
                )
            warn(f"dropped {int(bad.sum())} event(s) with non-finite entries", DataWarning)
        data_range = DataRange.from_user(range, x.shape[1])
        keep = ~bad & data_range.contains(x)
        coords = _rows(x, keep)
        coords.flags.writeable = False
        object.__setattr__(self, "coords", coords)
        if w is not None:
            w = _rows(w, keep)
            w.flags.writeable = False
        object.__setattr__(self, "weights", w)
        object.__setattr__(self, "range", data_range)

    @property
    def event_weights(self) -> NDArray[np.float64]:
        """The weights (ones for unweighted data; one read-only array, made once)."""
        if self.weights is not None:
            return self.weights
        ones = self.__dict__.get("_ones")
        if ones is None:
            ones = np.ones(self.size)
            ones.flags.writeable = False
            object.__setattr__(self, "_ones", ones)
        return ones

    def restricted(self, data_range: DataRange) -> UnBinData:
        """The events inside ``data_range``."""
        return UnBinData(self.coords, self.weights, range=data_range)

    def columns(self, n: int) -> UnBinData:
        """The first ``n`` coordinates of every event."""
        if n == self.ndim:
            return self
        data_range = DataRange(self.range.axes[:n], self.range.more[:n])
        return UnBinData(self.coords[:, :n], self.weights, range=data_range)

    def squared_weights(self) -> UnBinData:
        """The events with weights ``w²``."""
        w = self.event_weights
        return UnBinData(self.coords, w * w, range=self.range)

    def extent(self, axis: int) -> Interval:
        """Smallest and largest coordinate on ``axis``."""
        column = self.coords[:, axis]
        return float(column.min()), float(column.max())

    def head(self, n: int) -> NDArray[np.float64]:
        """The first ``n`` events."""
        return self.coords[: max(int(n), 0)]

    def broadcast(self, obj: Any) -> Any:
        """In memory: ``obj`` itself."""
        return obj

    def map_reduce(self, func: Callable[..., tuple[Any, ...]], *args: Any) -> tuple[Any, ...]:
        """``func`` on all events at once, or — from ``2·THREAD_PART`` events on — on parts of
        ``THREAD_PART`` events run by the cores' threads (the compiled sums release the GIL)
        and added in order: the same parts on every machine, so the same result."""
        coords, weights = self.coords, self.event_weights
        n = self.size
        if n < 2 * THREAD_PART:
            return func((coords, weights), *args)
        parts = [
            (coords[a : a + THREAD_PART], weights[a : a + THREAD_PART])
            for a in range(0, n, THREAD_PART)
        ]
        workers = min(local_workers(), len(parts))
        if workers < 2:
            return add_parts([func(part, *args) for part in parts])
        pool = self._threads(workers)
        return add_parts(list(pool.map(lambda part: func(part, *args), parts)))

    def _threads(self, workers: int) -> ThreadPoolExecutor:
        """The threads that sum this data's parts: started at the first large sum and kept
        with the data for the next ones (starting them per sum costs more than summing a
        million events), stopped when the data is garbage collected. A forked process, or a
        change of the core count, gets threads of its own; they are never pickled."""
        key = (os.getpid(), workers)
        held = self.__dict__.get("_pool")
        if held is None or held[0] != key:
            # two threads may both get here: each uses its own pool, one of them is kept
            held = (key, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rootfit"))
            object.__setattr__(self, "_pool", held)
        return held[1]

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnBinData, (self.coords, self.weights), {"range": self.range})

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "range", state["range"])

    @property
    def size(self) -> int:
        """Number of events (inside the range)."""
        return int(self.coords.shape[0])

    def __len__(self) -> int:
        return self.size

    @property
    def ndim(self) -> int:
        """Number of coordinates per event."""
        return int(self.coords.shape[1])

    @property
    def weighted(self) -> bool:
        """True if per-event weights are given."""
        return self.weights is not None

    @property
    def sum_of_weights(self) -> float:
        """Σw (the number of events if unweighted)."""
        return float(self.event_weights.sum())

    @property
    def sum_of_weights2(self) -> float:
        """Σw²."""
        return float((self.event_weights**2).sum())

    def __repr__(self) -> str:
        kind = "weighted " if self.weighted else ""
        return f"UnBinData({self.size} {kind}events, ndim={self.ndim}, range={self.range})"


def _rows(a: NDArray[np.float64], keep: NDArray[np.bool_]) -> NDArray[np.float64]:
    """A contiguous copy of the rows of ``a`` where ``keep`` (numpy selects rows of a
    one-column array ten times slower than the values of a flat one)."""
    if keep.all():
        return np.array(a, dtype=np.float64, order="C")
    if a.ndim == 2 and a.shape[1] == 1:
        return a[:, 0][keep].reshape(-1, 1)
    return np.ascontiguousarray(a[keep])

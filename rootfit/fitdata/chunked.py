"""``ChunkedEvents``: events of an unbinned fit kept in the workers of a Dask cluster.

Built from a chunked ``dask.array`` (shape ``(n,)`` or ``(n, ndim)``, optional weights with the
same chunks along events): each chunk is validated, cut to the range and kept in the memory
of the worker that computed it (futures held by this object). A likelihood evaluation sends
only the parameters: every worker sums its chunks with the same compiled kernels as an
in-memory fit (:meth:`Events.map_reduce`) and returns a few numbers; the model is sent once
(:meth:`broadcast`). Minuit drives the sum unchanged.

Needs ``dask[array,distributed]`` (``pip install 'rootfit[dask]'``) and a running
``dask.distributed.Client`` (given, or the current one).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from rootfit._optional import require
from rootfit._validation import as_floats
from rootfit.errors import DataError
from rootfit.fitdata.data_range import DataRange, Interval
from rootfit.fitdata.events import Chunk, Events, add_parts

__all__ = ["ChunkedEvents", "is_dask_array"]


def is_dask_array(obj: Any) -> bool:
    """True for a ``dask.array.Array`` (checked without importing dask)."""
    return type(obj).__name__ == "Array" and type(obj).__module__.startswith("dask.array")


def _prepare(
    x: NDArray[Any], w: NDArray[Any] | None, data_range: DataRange, nan_policy: str, offset: int
) -> Chunk:
    """One chunk validated and cut to the range (runs on a worker)."""
    coords = np.asarray(x, dtype=np.float64)
    coords = coords.reshape(-1, 1) if coords.ndim == 1 else coords
    weights = np.ones(coords.shape[0]) if w is None else np.asarray(w, dtype=np.float64)
    bad = ~np.all(np.isfinite(coords), axis=1) | ~np.isfinite(weights)
    if bad.any() and nan_policy == "raise":
        i = int(np.argmax(bad))
        raise DataError(
            f"event {offset + i} has a non-finite coordinate or weight "
            f"({coords[i].tolist()}); use nan_policy='omit' to drop such events"
        )
    keep = ~bad & data_range.contains(coords)
    return np.ascontiguousarray(coords[keep]), np.ascontiguousarray(weights[keep])


def _restrict(chunk: Chunk, data_range: DataRange) -> Chunk:
    coords, weights = chunk
    keep = data_range.contains(coords)
    return np.ascontiguousarray(coords[keep]), np.ascontiguousarray(weights[keep])


def _columns(chunk: Chunk, n: int) -> Chunk:
    coords, weights = chunk
    return np.ascontiguousarray(coords[:, :n]), weights


def _square(chunk: Chunk) -> Chunk:
    coords, weights = chunk
    return coords, weights * weights


def _summary(chunk: Chunk) -> tuple[Any, ...]:
    """Size, Σw, Σw², minima and maxima of a chunk, and whether it is weighted."""
    coords, weights = chunk
    if coords.shape[0] == 0:
        inf = np.full(coords.shape[1], np.inf)
        return 0, 0.0, 0.0, inf, -inf
    return (
        coords.shape[0],
        float(weights.sum()),
        float((weights * weights).sum()),
        coords.min(axis=0),
        coords.max(axis=0),
    )


def _head(chunk: Chunk, n: int) -> NDArray[np.float64]:
    return chunk[0][:n].copy()


class ChunkedEvents(Events):
    """Events in a Dask cluster's memory, chunk by chunk.

    Parameters
    ----------
    events : dask.array.Array or array_like, shape (n,) or (n, ndim)
        Event coordinates (a numpy array is cut into pieces of ``chunks`` events, each sent to
        a worker).
    weights : dask.array.Array or array_like, shape (n,), optional
        Per-event weights.
    range : optional
        As for :class:`~rootfit.fitdata.UnBinData`: events outside are dropped.
    client : dask.distributed.Client, optional
        The cluster (default: the current client).
    nan_policy : {"raise", "omit"}
        Non-finite coordinates or weights: an error, or the events dropped.
    chunks : int
        Events per chunk when ``events`` is a numpy array.

    Examples
    --------
    The fit of chunked events is the in-memory fit (see :doc:`/distributed`)::

        from dask.distributed import Client
        import dask.array as da
        client = Client()                      # or Client("tcp://scheduler:8786")
        x = da.random.default_rng(1).normal(0.5, 1.0, size=10**8, chunks=10**7)
        events = rf.ChunkedEvents(x, range=(-5, 6))
        result = rf.fit(events, "gausn", range=(-5, 6), extended=True)
    """

    def __init__(
        self,
        events: Any,
        weights: Any = None,
        *,
        range: Any = None,
        client: Any = None,
        nan_policy: Literal["raise", "omit"] = "raise",
        chunks: int = 1_000_000,
    ) -> None:
        if nan_policy not in ("raise", "omit"):
            raise DataError(f"nan_policy must be 'raise' or 'omit', not {nan_policy!r}")
        require("dask.array", feature="ChunkedEvents", extra="dask")
        self._client = _client(client)
        if not is_dask_array(events):  # numpy events: scattered chunk by chunk, not in a graph
            self._from_numpy(events, weights, range, nan_policy, int(chunks))
            return
        x = events
        if x.ndim not in (1, 2) or (x.ndim == 2 and x.shape[1] == 0):
            raise DataError(f"events must have shape (n,) or (n, ndim), got {x.shape}")
        if not np.issubdtype(x.dtype, np.number):
            raise DataError(f"events must be numbers, got dtype {x.dtype}")
        ndim = 1 if x.ndim == 1 else int(x.shape[1])
        if x.ndim == 2:
            x = x.rechunk({1: -1})
        w = None
        if weights is not None:
            w = weights if is_dask_array(weights) else _dask_array().from_array(np.asarray(weights))
            if w.shape != (x.shape[0],):
                raise DataError(f"weights have shape {w.shape} but there are {x.shape[0]} events")
            w = w.rechunk({0: x.chunks[0]})
        self.range = DataRange.from_user(range, ndim)
        delayed = require("dask", feature="ChunkedEvents", extra="dask").delayed
        x_blocks = x.to_delayed().ravel()
        w_blocks = w.to_delayed().ravel() if w is not None else [None] * len(x_blocks)
        offsets = np.concatenate([[0], np.cumsum(x.chunks[0])[:-1]])
        tasks = [
            delayed(_prepare)(xb, wb, self.range, nan_policy, int(o))
            for xb, wb, o in zip(x_blocks, w_blocks, offsets, strict=True)
        ]
        self._setup(self._client.compute(tasks), ndim, w is not None)

    def _from_numpy(
        self, events: Any, weights: Any, range: Any, nan_policy: str, chunks: int
    ) -> None:
        x = as_floats(events, "events")
        if x.ndim not in (1, 2) or (x.ndim == 2 and x.shape[1] == 0):
            raise DataError(f"events must have shape (n,) or (n, ndim), got {x.shape}")
        if chunks < 1:
            raise DataError(f"chunks must be a positive number of events, not {chunks!r}")
        w = None if weights is None else as_floats(weights, "weights")
        if w is not None and w.shape != (x.shape[0],):
            raise DataError(f"weights have shape {w.shape} but there are {x.shape[0]} events")
        ndim = 1 if x.ndim == 1 else int(x.shape[1])
        self.range = DataRange.from_user(range, ndim)
        starts = list(builtins.range(0, max(x.shape[0], 1), chunks))
        pieces = self._client.scatter([x[i : i + chunks] for i in starts])
        weight_pieces = (
            self._client.scatter([w[i : i + chunks] for i in starts])
            if w is not None
            else [None] * len(starts)
        )
        futures = [
            self._client.submit(_prepare, p, q, self.range, nan_policy, i, pure=False)
            for p, q, i in zip(pieces, weight_pieces, starts, strict=True)
        ]
        self._setup(futures, ndim, w is not None)

    @classmethod
    def _from_futures(
        cls, client: Any, futures: list[Any], ndim: int, weighted: bool, data_range: DataRange
    ) -> ChunkedEvents:
        new = cls.__new__(cls)
        new._client = client
        new.range = data_range
        new._setup(futures, ndim, weighted)
        return new

    def _setup(self, futures: list[Any], ndim: int, weighted: bool) -> None:
        self._futures = list(futures)
        self._ndim = ndim
        self._weighted = weighted
        summaries = self._client.gather(self._client.map(_summary, self._futures, pure=False))
        self._size = int(sum(s[0] for s in summaries))
        self._sumw = float(sum(s[1] for s in summaries))
        self._sumw2 = float(sum(s[2] for s in summaries))
        self._lows = np.min([s[3] for s in summaries], axis=0)
        self._highs = np.max([s[4] for s in summaries], axis=0)

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return self._size

    @property
    def ndim(self) -> int:
        return self._ndim

    @property
    def weighted(self) -> bool:
        return self._weighted

    @property
    def sum_of_weights(self) -> float:
        return self._sumw

    @property
    def sum_of_weights2(self) -> float:
        return self._sumw2

    @property
    def nchunks(self) -> int:
        """Number of chunks."""
        return len(self._futures)

    @property
    def picklable(self) -> bool:
        """False: the events live in the cluster, not in the object."""
        return False

    def restricted(self, data_range: DataRange) -> ChunkedEvents:
        futures = self._client.map(_restrict, self._futures, data_range=data_range, pure=False)
        return ChunkedEvents._from_futures(
            self._client, futures, self._ndim, self._weighted, data_range
        )

    def columns(self, n: int) -> ChunkedEvents:
        if n == self._ndim:
            return self
        futures = self._client.map(_columns, self._futures, n=n, pure=False)
        data_range = DataRange(self.range.axes[:n], self.range.more[:n])
        return ChunkedEvents._from_futures(self._client, futures, n, self._weighted, data_range)

    def squared_weights(self) -> ChunkedEvents:
        futures = self._client.map(_square, self._futures, pure=False)
        return ChunkedEvents._from_futures(self._client, futures, self._ndim, True, self.range)

    def extent(self, axis: int) -> Interval:
        return float(self._lows[axis]), float(self._highs[axis])

    def head(self, n: int) -> NDArray[np.float64]:
        parts, left = [], max(int(n), 0)
        for future in self._futures:
            if left <= 0:
                break
            part = self._client.submit(_head, future, left, pure=False).result()
            parts.append(part)
            left -= part.shape[0]
        return np.concatenate(parts) if parts else np.empty((0, self._ndim))

    def broadcast(self, obj: Any) -> Any:
        """``obj`` scattered to every worker once (a future)."""
        return self._client.scatter(obj, broadcast=True, hash=False)

    def map_reduce(self, func: Callable[..., tuple[Any, ...]], *args: Any) -> tuple[Any, ...]:
        futures = [self._client.submit(func, f, *args, pure=False) for f in self._futures]
        return add_parts(self._client.gather(futures))

    def __reduce__(self) -> Any:
        raise TypeError(
            "ChunkedEvents live in a Dask cluster and do not pickle; "
            "a result of a fit of them drops its cost when pickled"
        )

    def __repr__(self) -> str:
        kind = "weighted " if self._weighted else ""
        return (
            f"ChunkedEvents({self._size} {kind}events in {self.nchunks} chunks, "
            f"ndim={self._ndim}, range={self.range})"
        )


def _dask_array() -> Any:
    return require("dask.array", feature="ChunkedEvents", extra="dask")


def _client(client: Any) -> Any:
    if client is not None:
        return client
    distributed = require("distributed", feature="ChunkedEvents", extra="dask")
    try:
        return distributed.get_client()
    except ValueError:
        raise DataError(
            "ChunkedEvents need a Dask cluster: start one with dask.distributed.Client() "
            "(or Client('tcp://scheduler:8786')) or pass client="
        ) from None

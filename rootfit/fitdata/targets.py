"""``FitTarget``: how every kind of data enters a fit the same way.

A fit needs five things from the object it fits: which option letters apply to it
(``kind``), its number of coordinates, whether it carries Σw² (for ``WL``), the error type its
points will have under given :class:`~rootfit.fitdata.DataOptions` (the fit plan decides the
linear fitter and error normalisation from it before any data is built), and the fit points
themselves. :func:`as_fit_target` wraps histograms, profiles, graphs, 2-D graphs,
multigraphs, any UHI histogram (hist, boost-histogram, uproot — converted once) and event data
(:class:`~rootfit.fitdata.UnBinData` or a numpy array of events) in adapters that answer these; a new data kind registers its own adapter with
``as_fit_target.register(MyData)``, or implements the protocol itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from rootfit.errors import DataError, EmptyFitDataError
from rootfit.fitdata.bindata import BinData, ErrorType
from rootfit.fitdata.chunked import ChunkedEvents, is_dask_array
from rootfit.fitdata.data_range import DataRange, Interval
from rootfit.fitdata.events import Events
from rootfit.fitdata.filling import (
    DataOptions,
    bin_data_from_graph,
    bin_data_from_graph2d,
    bin_data_from_histogram,
    check_not_empty,
    graph2d_error_type,
    graph_error_type,
    histogram_error_type,
    range_outside_window,
)
from rootfit.fitdata.points_cache import graph_points, histogram_points
from rootfit.fitdata.unbindata import UnBinData
from rootfit.hist import Graph, Graph2D, Histogram, MultiGraph, Profile
from rootfit.hist.uhi import from_uhi, is_uhi_histogram

__all__ = ["FitTarget", "NanPolicy", "as_fit_target", "drawing_range"]

NanPolicy = Literal["raise", "omit"]


@runtime_checkable
class FitTarget(Protocol):
    """What the fit pipeline asks of the data it fits."""

    @property
    def kind(self) -> Literal["histogram", "graph", "unbinned"]:
        """Which option letters apply: ``"histogram"`` (L, P, I, WIDTH...), ``"graph"`` or
        ``"unbinned"`` (event data: a likelihood fit)."""
        ...

    @property
    def ndim(self) -> int:
        """Number of coordinates of a point."""
        ...

    @property
    def weighted(self) -> bool:
        """Carries Σw² (a weighted histogram; option ``WL`` needs it)."""
        ...

    @property
    def description(self) -> str:
        """What the data is, for messages (``"Histogram 'hpx'"``)."""
        ...

    def error_type(self, options: DataOptions) -> ErrorType:
        """The error type :meth:`fit_data` will give its points under ``options``."""
        ...

    def fit_data(
        self, options: DataOptions, data_range: DataRange, nan_policy: NanPolicy
    ) -> BinData | Events:
        """The fit points or events (not empty: raise :class:`~rootfit.errors.DataError`
        otherwise)."""
        ...

    def window(self) -> tuple[Interval, ...]:
        """The visible extent of every axis (ROOT's drawing range without a fit range)."""
        ...


def _describe(obj: Any) -> str:
    name = getattr(obj, "name", "")
    return f"{type(obj).__name__} {name!r}" if name else type(obj).__name__


def _nonempty(data: BinData, target: FitTarget) -> BinData:
    check_not_empty(data, target.description)
    return data


@dataclass(frozen=True)
class HistogramTarget:
    """A :class:`~rootfit.Histogram` or :class:`~rootfit.Profile` as fit data (bins)."""

    hist: Histogram | Profile
    kind: Literal["histogram", "graph"] = "histogram"

    @property
    def ndim(self) -> int:
        return self.hist.ndim

    @property
    def weighted(self) -> bool:
        return bool(getattr(self.hist, "has_sumw2", False))

    @property
    def description(self) -> str:
        return _describe(self.hist)

    def error_type(self, options: DataOptions) -> ErrorType:
        return histogram_error_type(options)

    def fit_data(
        self, options: DataOptions, data_range: DataRange, nan_policy: NanPolicy
    ) -> BinData:
        def build() -> BinData:
            return bin_data_from_histogram(self.hist, options, data_range, nan_policy=nan_policy)

        if isinstance(self.hist, Histogram) and nan_policy == "raise" and self._quiet(data_range):
            zoom = tuple((a.first, a.last) for a in self.hist.axes)
            data = histogram_points(self.hist, (options, zoom, data_range), build)
        else:
            data = build()
        return _nonempty(data, self)

    def _quiet(self, data_range: DataRange) -> bool:
        """Whether building the points in ``data_range`` emits no warning (a range wholly
        outside the window warns at every fit: such points are never cached)."""
        return not data_range.axes or (
            data_range.single
            and not any(
                range_outside_window(a, data_range.axis(i)) for i, a in enumerate(self.hist.axes)
            )
        )

    def window(self) -> tuple[Interval, ...]:
        windows = []
        for axis in self.hist.axes:
            first, last = max(axis.first, 1), min(axis.last, axis.nbins)
            windows.append((float(axis.bin_low_edge(first)), float(axis.bin_up_edge(last))))
        return tuple(windows)


@dataclass(frozen=True)
class GraphTarget:
    """A :class:`~rootfit.Graph` (or the merged points of a MultiGraph) as fit data."""

    graph: Graph
    source: Any = None
    kind: Literal["histogram", "graph"] = "graph"
    ndim: int = 1
    weighted: bool = False
    _error_types: dict[DataOptions, ErrorType] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def description(self) -> str:
        return _describe(self.source if self.source is not None else self.graph)

    def error_type(self, options: DataOptions) -> ErrorType:
        known = self._error_types.get(options)
        if known is None:
            known = self._error_types[options] = graph_error_type(self.graph, options)
        return known

    def fit_data(
        self, options: DataOptions, data_range: DataRange, nan_policy: NanPolicy
    ) -> BinData:
        def build() -> BinData:
            return bin_data_from_graph(
                self.graph,
                options,
                data_range,
                nan_policy=nan_policy,
                error_type=self.error_type(options),
            )

        if self.source is None and not data_range.axes and nan_policy == "raise":
            g = self.graph
            arrays = (g.x, g.y, g.xerr, g.yerr, g.xerr_low, g.xerr_high, g.yerr_low, g.yerr_high)
            data = graph_points(g, options, arrays, build)
        else:
            data = build()
        return _nonempty(data, self)

    def window(self) -> tuple[Interval, ...]:
        x = self.graph.x
        if x.size == 0:
            raise DataError(f"{self.description} has no points")
        return ((float(np.min(x)), float(np.max(x))),)


@dataclass(frozen=True)
class Graph2DTarget:
    """A :class:`~rootfit.Graph2D` as fit data."""

    graph: Graph2D
    kind: Literal["histogram", "graph"] = "graph"
    ndim: int = 2
    weighted: bool = False

    @property
    def description(self) -> str:
        return _describe(self.graph)

    def error_type(self, options: DataOptions) -> ErrorType:
        return graph2d_error_type(self.graph, options)

    def fit_data(
        self, options: DataOptions, data_range: DataRange, nan_policy: NanPolicy
    ) -> BinData:
        data = bin_data_from_graph2d(self.graph, options, data_range, nan_policy=nan_policy)
        return _nonempty(data, self)

    def window(self) -> tuple[Interval, ...]:
        g = self.graph
        if len(g) == 0:
            raise DataError(f"{self.description} has no points")
        return (
            (float(g.x.min()), float(g.x.max())),
            (float(g.y.min()), float(g.y.max())),
        )


@functools.singledispatch
def as_fit_target(obj: Any) -> FitTarget:
    """The :class:`FitTarget` of ``obj`` (objects implementing the protocol are returned as is).

    Raises
    ------
    DataError
        For objects rootfit cannot fit.
    """
    if isinstance(obj, FitTarget):
        return obj
    if is_uhi_histogram(obj):  # hist, boost-histogram, uproot ...
        return HistogramTarget(from_uhi(obj))
    if is_dask_array(obj):  # events on a Dask cluster
        return EventTarget(ChunkedEvents(obj))
    raise DataError(
        f"cannot fit a {type(obj).__name__}; give a Histogram, Profile, Graph, Graph2D, "
        "MultiGraph, UnBinData, ChunkedEvents or an array of events (numpy or dask) (or "
        "register an adapter with "
        "rootfit.fitdata.as_fit_target.register)"
    )


@as_fit_target.register
def _(obj: Histogram) -> FitTarget:
    return HistogramTarget(obj)


@as_fit_target.register
def _(obj: Profile) -> FitTarget:
    return HistogramTarget(obj)


@as_fit_target.register
def _(obj: Graph) -> FitTarget:
    return GraphTarget(obj)


@as_fit_target.register
def _(obj: MultiGraph) -> FitTarget:
    return GraphTarget(obj.merged(), source=obj)


@as_fit_target.register
def _(obj: Graph2D) -> FitTarget:
    return Graph2DTarget(obj)


def drawing_range(target: FitTarget, data_range: DataRange) -> DataRange:
    """The fit range, else the visible window, of every axis (ROOT's ``GetDrawingRange``)."""
    return data_range.filled(target.window())


@dataclass(frozen=True)
class EventTarget:
    """Event data (:class:`~rootfit.fitdata.Events` or an array of events) as fit data."""

    events: Events | np.ndarray
    kind: Literal["unbinned"] = "unbinned"

    @property
    def ndim(self) -> int:
        if isinstance(self.events, Events):
            return self.events.ndim
        return 1 if self.events.ndim == 1 else int(self.events.shape[1])

    @property
    def weighted(self) -> bool:
        return isinstance(self.events, Events) and self.events.weighted

    @property
    def description(self) -> str:
        n = self.events.size if isinstance(self.events, Events) else len(self.events)
        return f"{type(self.events).__name__} of {n} events"

    def error_type(self, options: DataOptions) -> ErrorType:
        return ErrorType.NONE

    def fit_data(
        self, options: DataOptions, data_range: DataRange, nan_policy: NanPolicy
    ) -> Events:
        """The events inside ``data_range`` (the data's own range when none is given)."""
        if isinstance(self.events, Events):
            data = self.events
            if data_range:
                data = data.restricted(data_range)
        else:
            data = UnBinData(self.events, range=data_range, nan_policy=nan_policy)
        if data.size == 0:
            raise EmptyFitDataError(
                f"fit data is empty: {self.description} has no events inside the fit range "
                f"{data_range.axes}"
            )
        return data

    def window(self) -> tuple[Interval, ...]:
        data = self.fit_data(DataOptions(), DataRange(), "omit")
        windows = []
        for i in range(data.ndim):
            spans = data.range.intervals(i)
            if spans:
                windows.append((min(lo for lo, _ in spans), max(hi for _, hi in spans)))
            else:
                windows.append(data.extent(i))
        return tuple(windows)


@as_fit_target.register
def _(obj: Events) -> EventTarget:
    return EventTarget(obj)


@as_fit_target.register
def _(obj: np.ndarray) -> EventTarget:
    return EventTarget(obj)

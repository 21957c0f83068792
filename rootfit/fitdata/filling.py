"""Build :class:`BinData` from histograms and graphs with ROOT's rules (spec §2).

* Error adjustment ("AdjustError"): a point whose error is <= 0 is kept with error 1 when empty
  bins are used (``L``, ``P``, ``WW``) or when unit errors (``W``) are used and the content is not
  0; otherwise it is skipped. With unit errors every error becomes 1.
* Histogram window: the axis zoom, narrowed by an explicit range (or the function range with
  ``R``); the edge bins are dropped when their centre lies outside the range, unless the window
  is a single bin. Under- and overflow are never used.
* Graphs: the error type comes from the errors the graph carries (§2.4); the x range is
  inclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataWarning, EmptyFitDataError, warn
from rootfit.fitdata.bindata import BinData, ErrorType
from rootfit.fitdata.data_range import DataRange
from rootfit.hist import Axis, Graph, Graph2D, Histogram, Profile

__all__ = [
    "DataOptions",
    "adjust_errors",
    "bin_centres",
    "bin_data_from_graph",
    "bin_data_from_graph2d",
    "bin_data_from_histogram",
    "graph2d_error_type",
    "graph_error_type",
    "histogram_error_type",
    "histogram_window",
    "range_outside_window",
]


@dataclass(frozen=True)
class DataOptions:
    """How fit data is built (ROOT::Fit::DataOptions).

    Attributes
    ----------
    integral : bool
        Store bin edges for bin-integral models (``I``).
    bin_volume : int
        0, 1 (``WIDTH``) or 2 (``NORMWIDTH``).
    use_empty : bool
        Keep bins with zero error (``L``, ``P``, ``WW``), with error 1.
    unit_errors : bool
        All errors 1 (``W``, ``WW``).
    expected_errors : bool
        Pearson χ² (``P``): errors come from the model, not the data.
    coord_errors : bool
        Use x errors of graphs (False with ``EX0``).
    asym_errors : bool
        Use asymmetric errors of graphs.
    last_axis_is_value : bool
        A histogram fitted with a function of one dimension less (a TH2 with a TF1
        ``y = f(x)``): each bin is a point at the other axes' centres whose value is the centre
        of its last axis and whose error is the last axis' bin width divided by the bin error
        (spec §2.3).
    """

    integral: bool = False
    bin_volume: int = 0
    use_empty: bool = False
    unit_errors: bool = False
    expected_errors: bool = False
    coord_errors: bool = True
    asym_errors: bool = True
    last_axis_is_value: bool = False


def adjust_errors(
    errors: NDArray[np.float64], values: NDArray[np.float64], opts: DataOptions
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """ROOT's AdjustError on arrays (elementwise, any shape): returns (keep mask, adjusted
    errors)."""
    nonpositive = errors <= 0
    keep = ~nonpositive | opts.use_empty | (opts.unit_errors & (np.abs(values) > 0))
    adjusted = np.where(nonpositive, 1.0, errors)
    if opts.unit_errors:
        adjusted = np.ones_like(errors)
    return keep, adjusted


def range_outside_window(axis: Axis, fit_range: tuple[float, float] | None) -> bool:
    """Whether a fit range lies wholly outside the axis' zoom window (a fit warns then)."""
    if fit_range is None or not fit_range[0] < fit_range[1]:
        return False
    first, last = max(axis.first, 1), min(axis.last, axis.nbins)
    ilow, ihigh = int(axis.find_bin(fit_range[0])), int(axis.find_bin(fit_range[1]))
    return ihigh < first or ilow > last


def axis_window(axis: Axis, fit_range: tuple[float, float] | None) -> tuple[int, int]:
    """First and last ROOT bin of one axis used by a fit (zoom window narrowed by the range)."""
    first, last = max(axis.first, 1), min(axis.last, axis.nbins)
    if fit_range is None or not fit_range[0] < fit_range[1]:
        return first, last
    xmin, xmax = fit_range
    ilow, ihigh = int(axis.find_bin(xmin)), int(axis.find_bin(xmax))
    if range_outside_window(axis, fit_range):
        warn(
            f"fit range ({xmin}, {xmax}) lies outside the histogram window "
            f"[{axis.bin_low_edge(first)}, {axis.bin_up_edge(last)}]",
            DataWarning,
        )
    first = min(max(ilow, first), last + 1)
    last = max(min(ihigh, last), first - 1)
    if first < last:
        if axis.bin_center(first) < xmin:
            first += 1
        if axis.bin_center(last) > xmax:
            last -= 1
    return first, last


def _columns(columns: list[Any]) -> NDArray[np.float64]:
    """Per-axis coordinates as an ``(n, ndim)`` array (a reshape for one axis)."""
    if len(columns) == 1:
        return np.asarray(columns[0], dtype=np.float64).reshape(-1, 1)
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


def histogram_error_type(opts: DataOptions) -> ErrorType:
    """Histograms carry value errors, unless ``W``/``WW`` or ``P`` replace them (NONE)."""
    return ErrorType.NONE if (opts.unit_errors or opts.expected_errors) else ErrorType.VALUE


def histogram_window(
    hist: Histogram | Profile, ranges: DataRange
) -> tuple[list[NDArray[np.intp]], tuple[Any, ...]]:
    """The ROOT bins a fit of ``hist`` in ``ranges`` visits, in fit order (x outermost): the
    bin numbers per axis, and the index of those bins into the arrays with flow bins (with a
    warning when a range lies outside the window, :func:`range_outside_window`)."""
    windows = [axis_window(a, ranges.axis(i)) for i, a in enumerate(hist.axes)]
    if len(windows) == 1:  # one axis: a slice, no index grid
        lo, hi = windows[0]
        return [np.arange(lo, hi + 1)], (slice(lo, hi + 1),)
    grids = np.meshgrid(*[np.arange(lo, hi + 1) for lo, hi in windows], indexing="ij")
    bins = [g.ravel() for g in grids]
    return bins, tuple(bins)


def bin_centres(hist: Histogram | Profile, bins: Sequence[NDArray[np.intp]]) -> NDArray[np.float64]:
    """Centres of the given bins as an ``(n, ndim)`` array."""
    return _columns([a.bin_center(b) for a, b in zip(hist.axes, bins, strict=True)])


def bin_data_from_histogram(
    hist: Histogram | Profile,
    opts: DataOptions = DataOptions(),
    fit_range: DataRange | Any = None,
    *,
    nan_policy: Literal["raise", "omit"] = "raise",
) -> BinData:
    """Fit points of a histogram or profile, in ROOT's order (x outermost, then y, then z).

    Parameters
    ----------
    hist : Histogram or Profile
        The data.
    opts : DataOptions
        Filling rules.
    fit_range : DataRange, (lo, hi) or sequence of (lo, hi), optional
        Range in x, or one range per axis.
    nan_policy : {"raise", "omit"}
        Non-finite contents or errors.
    """
    ranges = DataRange.from_user(fit_range, hist.ndim)
    bins, index = histogram_window(hist, ranges)
    values = np.asarray(hist.values(flow=True))[index]
    errors = np.asarray(hist.errors(flow=True))[index]
    if opts.expected_errors:
        keep = np.ones(values.size, dtype=bool)
        adjusted = errors  # kept for the bin weights of "PW"; not used as fit errors
    else:
        keep, adjusted = adjust_errors(errors, values, opts)
    bins = [b[keep] for b in bins]
    values, adjusted = values[keep], adjusted[keep]
    if opts.last_axis_is_value:
        *axes, last = hist.axes
        *bins, last_bins = bins
        coords = np.column_stack(
            [np.asarray(a.bin_center(b), dtype=np.float64) for a, b in zip(axes, bins, strict=True)]
        )
        return BinData(
            coords=coords,
            values=np.asarray(last.bin_center(last_bins), dtype=np.float64),
            errors=np.asarray(last.bin_width(last_bins), dtype=np.float64) / adjusted,
            error_type=ErrorType.VALUE,
            nan_policy=nan_policy,
        )
    store_edges = opts.integral or opts.bin_volume > 0
    if store_edges:
        coords = np.column_stack(
            [
                np.asarray(a.bin_low_edge(b), dtype=np.float64)
                for a, b in zip(hist.axes, bins, strict=True)
            ]
        )
        up = np.column_stack(
            [
                np.asarray(a.bin_up_edge(b), dtype=np.float64)
                for a, b in zip(hist.axes, bins, strict=True)
            ]
        )
    else:
        coords = bin_centres(hist, bins)
        up = None
    return BinData(
        coords=coords,
        values=values,
        errors=adjusted,
        error_type=histogram_error_type(opts),
        bin_up_edges=up,
        bin_volume=opts.bin_volume,
        integral=opts.integral,
        nan_policy=nan_policy,
    )


def graph_error_type(graph: Graph, opts: DataOptions) -> ErrorType:
    """ROOT's choice of the error type of a graph (spec §2.4)."""
    if not graph.has_y_errors or opts.unit_errors:
        return ErrorType.NONE
    if graph.is_asymmetric:
        if not opts.asym_errors:
            error_type = ErrorType.VALUE
        else:
            has_x = opts.coord_errors and bool(np.any(graph.xerr > 0))  # type: ignore[operator]
            has_y = bool(np.any(graph.yerr_low > 0) or np.any(graph.yerr_high > 0))  # type: ignore[operator]
            if has_y:
                return ErrorType.ASYM
            return ErrorType.COORD if has_x else ErrorType.NONE
    elif opts.coord_errors and graph.xerr is not None and bool(np.any(graph.xerr > 0)):
        error_type = ErrorType.COORD
    else:
        error_type = ErrorType.VALUE
    if error_type != ErrorType.COORD and not np.any(graph.yerr > 0):  # type: ignore[operator]
        return ErrorType.NONE
    return error_type


def bin_data_from_graph(
    graph: Graph,
    opts: DataOptions = DataOptions(),
    fit_range: DataRange | Any = None,
    *,
    nan_policy: Literal["raise", "omit"] = "raise",
    error_type: ErrorType | None = None,
) -> BinData:
    """Fit points of a graph (inclusive x range); ``error_type`` if already known (it is
    :func:`graph_error_type` of the graph and options)."""
    x, y = graph.x, graph.y
    inside = np.ones(x.size, dtype=bool)
    x_range = DataRange.from_user(fit_range, 1).axis(0)
    if x_range is not None:
        inside = (x >= x_range[0]) & (x <= x_range[1])
    if error_type is None:
        error_type = graph_error_type(graph, opts)
    if error_type == ErrorType.NONE:
        return BinData(x[inside], y[inside], error_type=ErrorType.NONE, nan_policy=nan_policy)
    ey = np.asarray(graph.yerr)
    if error_type == ErrorType.VALUE:
        keep = inside & (ey > 0)
        return BinData(
            x[keep], y[keep], errors=ey[keep], error_type=error_type, nan_policy=nan_policy
        )
    ex = np.maximum(np.asarray(graph.xerr if graph.xerr is not None else np.zeros(x.size)), 0.0)
    keep = inside & ~((ex <= 0) & (ey <= 0))
    if error_type == ErrorType.COORD:
        return BinData(
            x[keep],
            y[keep],
            errors=ey[keep],
            error_type=error_type,
            coord_errors=ex[keep],
            nan_policy=nan_policy,
        )
    if not opts.coord_errors:
        ex = np.zeros_like(ex)
    return BinData(
        x[keep],
        y[keep],
        errors=ey[keep],
        error_type=ErrorType.ASYM,
        coord_errors=ex[keep],
        errors_low=np.asarray(graph.yerr_low)[keep],
        errors_high=np.asarray(graph.yerr_high)[keep],
        nan_policy=nan_policy,
    )


def graph2d_error_type(graph: Graph2D, opts: DataOptions) -> ErrorType:
    """ROOT's error type of a 2-D graph: none, z errors, or x/y errors as well."""
    if graph.zerr is None or opts.unit_errors:
        return ErrorType.NONE
    if (
        opts.coord_errors
        and graph.xerr is not None
        and graph.yerr is not None
        and (np.any(graph.xerr > 0) or np.any(graph.yerr > 0))
    ):
        return ErrorType.COORD
    return ErrorType.VALUE


def bin_data_from_graph2d(
    graph: Graph2D,
    opts: DataOptions = DataOptions(),
    fit_range: DataRange | Any = None,
    *,
    nan_policy: Literal["raise", "omit"] = "raise",
) -> BinData:
    """Fit points of a 2-D graph (ROOT's TGraph2D rules, inclusive ranges per axis)."""
    coords = np.column_stack([graph.x, graph.y])
    inside = np.ones(len(graph), dtype=bool)
    ranges = DataRange.from_user(fit_range, 2)
    for d in range(2):
        r = ranges.axis(d)
        if r is not None:
            inside &= (coords[:, d] >= r[0]) & (coords[:, d] <= r[1])
    error_type = graph2d_error_type(graph, opts)
    if error_type == ErrorType.NONE:
        return BinData(
            coords[inside], graph.z[inside], error_type=ErrorType.NONE, nan_policy=nan_policy
        )
    ez = graph.zerr
    assert ez is not None
    if error_type == ErrorType.COORD:
        assert graph.xerr is not None and graph.yerr is not None
        ex = np.column_stack([graph.xerr, graph.yerr])
        keep = inside & ~((ex[:, 0] <= 0) & (ex[:, 1] <= 0) & (ez <= 0))
        return BinData(coords[keep], graph.z[keep], errors=ez[keep], coord_errors=ex[keep],
                       error_type=ErrorType.COORD, nan_policy=nan_policy)  # fmt: skip
    keep = inside & (ez > 0)
    return BinData(
        coords[keep],
        graph.z[keep],
        errors=ez[keep],
        error_type=ErrorType.VALUE,
        nan_policy=nan_policy,
    )


def check_not_empty(data: BinData, what: str) -> None:
    """Raise :class:`~rootfit.errors.EmptyFitDataError` if no point is left to fit."""
    if data.size == 0:
        raise EmptyFitDataError(
            f"fit data is empty: no point of {what} passes the selection "
            "(range, zoom, and bins with zero error are skipped unless 'L', 'P' or 'WW')"
        )

"""Fit data: points, values and errors prepared once from histograms and graphs, and events.

:func:`as_fit_target` turns any fittable object into a :class:`FitTarget`, which builds
:class:`BinData` with ROOT's filling rules (:class:`DataOptions`) inside a :class:`DataRange`,
or :class:`UnBinData` for event data (:class:`ChunkedEvents` when they live on a Dask
cluster; both are :class:`Events`).
"""

from rootfit.fitdata.bindata import BinData, ErrorType
from rootfit.fitdata.chunked import ChunkedEvents
from rootfit.fitdata.data_range import DataRange
from rootfit.fitdata.events import Events
from rootfit.fitdata.filling import DataOptions, bin_data_from_graph, bin_data_from_histogram
from rootfit.fitdata.targets import FitTarget, as_fit_target, drawing_range
from rootfit.fitdata.unbindata import UnBinData

__all__ = [
    "BinData",
    "ChunkedEvents",
    "DataOptions",
    "DataRange",
    "ErrorType",
    "Events",
    "FitTarget",
    "UnBinData",
    "as_fit_target",
    "bin_data_from_graph",
    "bin_data_from_histogram",
    "drawing_range",
]

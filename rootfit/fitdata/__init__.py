"""Fit data: points, values and errors prepared once from histograms and graphs."""

from rootfit.fitdata.bindata import BinData, ErrorType
from rootfit.fitdata.filling import DataOptions, bin_data_from_graph, bin_data_from_histogram

__all__ = ["BinData", "DataOptions", "ErrorType", "bin_data_from_graph", "bin_data_from_histogram"]

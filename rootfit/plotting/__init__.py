"""matplotlib figures (imported lazily: ``import rootfit`` does not import matplotlib, and
drawing never changes matplotlib's global state): fits with pulls, data, and the figures of
error analysis."""

from rootfit.plotting.data_figure import Drawn, plot_data
from rootfit.plotting.fit_figure import FitFigure, plot_fit
from rootfit.plotting.fit_figure2d import plot_fit2d
from rootfit.plotting.interval_figures import (
    plot_contours,
    plot_correlation,
    plot_profile,
    plot_surface,
    plot_trace,
)
from rootfit.plotting.labels import mathtext, value_with_error

__all__ = [
    "Drawn",
    "FitFigure",
    "mathtext",
    "plot_contours",
    "plot_correlation",
    "plot_data",
    "plot_fit",
    "plot_fit2d",
    "plot_profile",
    "plot_surface",
    "plot_trace",
    "value_with_error",
]

"""matplotlib figures (imported lazily: ``import rootfit`` does not import matplotlib, and
drawing never changes matplotlib's global state)."""

from rootfit.plotting.fit_figure import FitFigure, plot_fit
from rootfit.plotting.labels import mathtext, value_with_error

__all__ = ["FitFigure", "mathtext", "plot_fit", "value_with_error"]

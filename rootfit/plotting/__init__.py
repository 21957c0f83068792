"""matplotlib figures (imported lazily: ``import rootfit`` does not import matplotlib)."""

from rootfit.plotting.fit_figure import plot_fit

__all__ = ["plot_fit"]

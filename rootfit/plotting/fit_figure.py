"""Figure of a fit: data with error bars, the fitted curve and its confidence band."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from rootfit.errors import DataError
from rootfit.hist import Graph, Histogram
from rootfit.result import FitResult

__all__ = ["plot_fit"]


def plot_fit(
    data: Histogram | Graph,
    result: FitResult,
    path: str | os.PathLike[str] | None = None,
    *,
    ax: Any = None,
    npoints: int = 400,
    band: float | None = 0.683,
) -> Any:
    """Draw the data and the fitted model.

    Parameters
    ----------
    data : Histogram or Graph
        What was fitted.
    result : FitResult
        The fit (its model snapshot is drawn).
    path : path-like, optional
        Save the figure there (PNG, PDF... by extension).
    ax : matplotlib Axes, optional
        Draw into these axes.
    npoints : int
        Points of the curve.
    band : float or None
        Probability content of the confidence band drawn around the curve
        (:func:`rootfit.intervals.confidence_band`); None for no band. A fit without a
        covariance gets no band.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib

    if ax is None and path is not None:
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig = ax.figure if ax is not None else plt.figure(figsize=(7, 4.5))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    if isinstance(data, Histogram):
        x = data.axis.centers
        ax.errorbar(
            x,
            data.values(),
            yerr=data.errors(),
            xerr=0.5 * data.axis.widths,
            fmt="o",
            ms=3,
            color="black",
            label=data.title or data.name or "data",
        )
        lo, hi = data.axis.lo, data.axis.hi
    else:
        ax.errorbar(
            data.x,
            data.y,
            yerr=data.yerr,
            xerr=data.xerr,
            fmt="o",
            ms=3,
            color="black",
            label=data.title or data.name or "data",
        )
        lo, hi = float(np.min(data.x)), float(np.max(data.x))
    model = result.model
    if model is None:
        raise DataError("the result has no model snapshot to draw")
    xs = np.linspace(lo, hi, npoints)
    factor = 1.0  # WIDTH: the model is a density, drawn times the bin width
    if result.options is not None and result.options.bin_volume and isinstance(data, Histogram):
        factor = float(data.axis.widths.mean())
    ys = factor * model.evaluator(xs.reshape(-1, 1), result.values.to_numpy())
    text = "\n".join(
        [f"χ²/ndf = {result.chi2:.4g}/{result.ndf}"]
        + [f"{n} = {result.values[n]:.4g} ± {result.errors[n]:.2g}" for n in result.parameter_names]
    )
    ax.plot(xs, ys, color="tab:red", lw=2, label=f"fit: {model.formula or model.name}")
    if band is not None:
        _draw_band(ax, result, xs, band, factor)
    ax.text(
        0.98,
        0.97,
        text,
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=8,
        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "0.8"},
    )
    ax.set_xlabel(data.axis.label if isinstance(data, Histogram) and data.axis.label else "x")
    ax.set_ylabel("entries" if isinstance(data, Histogram) else "y")
    ax.legend(loc="upper left", fontsize=8)
    if not result.valid:
        ax.set_title(f"fit NOT converged (status {result.status})", color="red")
    if path is not None:
        fig.tight_layout()
        fig.savefig(path, dpi=120)
    return fig


def _draw_band(ax: Any, result: FitResult, xs: Any, cl: float, factor: float) -> None:
    from rootfit.errors import FitError
    from rootfit.intervals import confidence_band

    try:
        b = confidence_band(result, xs, cl)
    except FitError:  # no covariance (e.g. Simplex): the curve alone
        return
    ax.fill_between(
        xs,
        factor * b.lower,
        factor * b.upper,
        color="tab:red",
        alpha=0.25,
        lw=0,
        label=f"{100 * cl:.3g}% confidence band",
    )

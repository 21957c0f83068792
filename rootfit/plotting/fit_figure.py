"""Figure of a fit: data with their (also asymmetric) error bars, the fitted curve — solid over
the fit range, dashed outside it — its confidence band, a statistics box, and an optional pull
or residual panel.

Figures are made with matplotlib's object API (``matplotlib.figure.Figure``): drawing never
changes matplotlib's global state (no backend switch, no pyplot figure registry); a figure
drawn into ``ax=`` uses the caller's axes. Titles and axis labels in ROOT's TLatex become
mathtext (:mod:`rootfit.plotting.labels`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataError, FitError, FitOptionError
from rootfit.hist import Histogram
from rootfit.plotting.data_figure import (
    Data1D,
    Drawn,
    Points,
    data_points,
    draw_data,
    set_labels,
    window,
)
from rootfit.plotting.labels import mathtext, style_context, value_with_error
from rootfit.result import FitResult

__all__ = ["FitFigure", "plot_fit"]


@dataclass
class FitFigure(Drawn):
    """What :func:`plot_fit` drew: ``figure``, ``ax`` (data and curve), ``artists`` by name —
    ``"data"``, ``"curve"`` (fit range), ``"curve_outside"`` (dashed, may be absent),
    ``"band"``, ``"stats"``, ``"pulls"`` — and ``pull_ax``, the pull (or residual) panel."""

    pull_ax: Any = None


def plot_fit(
    data: Data1D | Any,
    result: FitResult,
    path: str | os.PathLike[str] | None = None,
    *,
    ax: Any = None,
    pulls: Literal["pull", "residual"] | None = None,
    band: float | None = 0.683,
    stats: bool = True,
    npoints: int = 400,
    style: Any = None,
) -> FitFigure:
    """Draw the data and the fitted model.

    Parameters
    ----------
    data : Histogram, Profile, Graph or MultiGraph (1-D), or a 2-D Histogram or Graph2D
        What was fitted (2-D data: :func:`~rootfit.plotting.fit_figure2d.plot_fit2d`).
    result : FitResult
        The fit (its model snapshot and fit range are drawn).
    path : path-like, optional
        Save the figure there (PNG, PDF, SVG... by extension).
    ax : matplotlib Axes, optional
        Draw into these axes (a pull panel is split off below them).
    pulls : {"pull", "residual"}, optional
        A panel of ``(y - f)/σ`` or ``y - f`` at the data points inside the fit range (σ the
        error on the side of the model for asymmetric errors, as ROOT's χ²).
    band : float or None
        Probability content of the confidence band around the curve over the fit range
        (:func:`rootfit.intervals.confidence_band`); None for none. A fit without a covariance
        gets no band.
    stats : bool
        The statistics box: χ²/ndf, its probability, each parameter ± its error rounded to the
        error's precision.
    npoints : int
        Points of the curve.
    style : str or dict, optional
        A matplotlib style, or an mplhep experiment style (``"ATLAS"``, ``"CMS"``...), applied
        while drawing only.

    Returns
    -------
    FitFigure

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.plotting import plot_fit
    >>> h = rf.Histogram(40, -4, 4, label="m_{#mu#mu} [GeV]")
    >>> h.fill(np.random.default_rng(1).normal(0.2, 1.0, 2000))
    >>> drawn = plot_fit(h, rf.fit(h, "gaus", range=(-2, 2)), pulls="pull")
    >>> drawn.ax.get_ylabel(), drawn.pull_ax.get_xlabel()
    ('Entries / 0.2 GeV', '$m_{\\\\mu\\\\mu}$ [GeV]')
    """
    with style_context(style):
        return _plot_fit(data, result, path, ax, pulls, band, stats, npoints)


def _plot_fit(
    data: Any,
    result: FitResult,
    path: Any,
    ax: Any,
    pulls: str | None,
    band: float | None,
    stats: bool,
    npoints: int,
) -> FitFigure:
    model = result.model
    if model is None:
        raise DataError("the result has no model snapshot to draw")
    if model.ndim == 2:
        from rootfit.plotting.fit_figure2d import plot_fit2d

        return plot_fit2d(data, result, path, ax=ax)
    if model.ndim != 1 or not isinstance(data, Data1D) or getattr(data, "ndim", 1) != 1:
        raise DataError("plot_fit draws 1-D histograms, profiles, graphs and multigraphs")
    if pulls not in (None, "pull", "residual"):
        raise FitOptionError(f"pulls must be 'pull', 'residual' or None, not {pulls!r}")
    fig, main, lower = _axes(ax, pulls is not None)
    points = data_points(data)
    bounds = window(data, points)
    fit_lo, fit_hi = _fit_range(result, bounds)
    factor = _width_factor(data, result)
    parameters = result.values.to_numpy()
    artists: dict[str, Any] = {"data": draw_data(main, data, points)}
    inside = np.linspace(fit_lo, fit_hi, npoints)
    curve = factor * model.evaluator(inside.reshape(-1, 1), parameters)
    label = f"fit: {model.formula or model.name}"
    (artists["curve"],) = main.plot(inside, curve, color="tab:red", lw=2, label=label)
    for lo, hi in ((bounds[0], fit_lo), (fit_hi, bounds[1])):
        if hi > lo:
            xs = np.linspace(lo, hi, max(npoints // 4, 2))
            (artists["curve_outside"],) = main.plot(
                xs, factor * model.evaluator(xs.reshape(-1, 1), parameters),
                color="tab:red", lw=1.5, ls="--",
            )  # fmt: skip
    if band is not None:
        artists["band"] = _draw_band(main, result, inside, band, factor)
    if stats:
        artists["stats"] = _stats_box(main, result)
    set_labels(main, lower, data)
    low, high = main.get_ylim()  # headroom: the legend and the box sit above the data
    main.set_ylim(low, high + 0.35 * (high - low))
    main.legend(loc="upper left", fontsize=8, frameon=False)
    if not result.valid:
        main.set_title(f"fit NOT valid (status {result.status})", color="red")
    elif getattr(data, "title", ""):
        main.set_title(mathtext(data.title))
    if lower is not None:
        artists["pulls"] = _draw_pulls(
            lower, points, model, parameters, factor, (fit_lo, fit_hi), pulls
        )
    main.set_xlim(*bounds)
    drawn = FitFigure(fig, main, artists, pull_ax=lower)
    if path is not None:
        fig.tight_layout()
        drawn.savefig(path)
    return drawn


def _axes(ax: Any, with_pulls: bool) -> tuple[Any, Any, Any]:
    if ax is not None:
        if not with_pulls:
            return ax.figure, ax, None
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        lower = make_axes_locatable(ax).append_axes("bottom", size="30%", pad=0.0, sharex=ax)
        ax.tick_params(labelbottom=False)
        return ax.figure, ax, lower
    from matplotlib.figure import Figure

    if not with_pulls:
        fig = Figure(figsize=(7, 4.5))
        return fig, fig.add_subplot(1, 1, 1), None
    fig = Figure(figsize=(7, 5.5))
    grid = fig.add_gridspec(2, 1, height_ratios=(3, 1), hspace=0.0)
    main = fig.add_subplot(grid[0])
    lower = fig.add_subplot(grid[1], sharex=main)
    main.tick_params(labelbottom=False)
    return fig, main, lower


def _fit_range(result: FitResult, window: tuple[float, float]) -> tuple[float, float]:
    axis = result.fit_range.axis(0) if result.fit_range is not None else None
    if axis is None:
        return window
    return max(axis[0], window[0]), min(axis[1], window[1])


def _width_factor(data: Data1D, result: FitResult) -> float:
    """``WIDTH`` fits a density: it is drawn times the bin width (regular bins)."""
    if result.options is not None and result.options.bin_volume and isinstance(data, Histogram):
        return float(data.axis.widths.mean())
    return 1.0


def _draw_band(
    ax: Any, result: FitResult, xs: NDArray[np.float64], cl: float, factor: float
) -> Any:
    from rootfit.intervals import confidence_band

    try:
        b = confidence_band(result, xs, cl)
    except FitError:  # no covariance (e.g. Simplex): the curve alone
        return None
    return ax.fill_between(
        xs, factor * b.lower, factor * b.upper, color="tab:red", alpha=0.25, lw=0,
        label=f"{100 * cl:.3g}% confidence band",
    )  # fmt: skip


def _stats_box(ax: Any, result: FitResult) -> Any:
    from scipy import stats as distributions

    lines = []
    if result.chi2 >= 0 and result.ndf > 0:
        probability = float(distributions.chi2.sf(result.chi2, result.ndf))
        lines += [f"χ²/ndf = {result.chi2:.4g} / {result.ndf}", f"Prob = {probability:.3g}"]
    for name in result.parameter_names:
        lines.append(f"{name} = {value_with_error(result.values[name], result.errors[name])}")
    return ax.text(
        0.98, 0.97, "\n".join(lines), transform=ax.transAxes, ha="right", va="top", fontsize=8,
        family="monospace", bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.8"},
    )  # fmt: skip


def _draw_pulls(
    ax: Any,
    points: Points,
    model: Any,
    parameters: NDArray[np.float64],
    factor: float,
    fit_range: tuple[float, float],
    kind: str | None,
) -> Any:
    inside = (points.x >= fit_range[0]) & (points.x <= fit_range[1])
    x, y = points.x[inside], points.y[inside]
    f = factor * model.evaluator(np.ascontiguousarray(x.reshape(-1, 1)), parameters)
    residual = y - f
    if kind == "pull":
        assert points.ylow is not None and points.yhigh is not None
        sigma = np.where(f > y, points.yhigh[inside], points.ylow[inside])
        keep = sigma > 0
        x, value = x[keep], residual[keep] / sigma[keep]
        ax.set_ylabel("pull")
    else:
        value = residual
        ax.set_ylabel("data − fit")
    ax.axhline(0.0, color="tab:red", lw=1)
    drawn = ax.plot(x, value, "o", ms=3, color="black")[0]
    finite = np.abs(value[np.isfinite(value)])
    if finite.size:
        limit = 1.25 * float(finite.max())
        ax.set_ylim(-limit, limit)
    return drawn

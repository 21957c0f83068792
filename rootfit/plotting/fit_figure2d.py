"""Figure of a 2-D fit: the data as a colour map (a 2-D histogram) or as points coloured by
their value (a Graph2D), with contours of the fitted model over the fit range."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from rootfit.errors import DataError
from rootfit.hist import Graph2D, Histogram
from rootfit.plotting.data_figure import new_axes
from rootfit.plotting.fit_figure import FitFigure
from rootfit.plotting.labels import mathtext
from rootfit.result import FitResult

__all__ = ["plot_fit2d"]


def plot_fit2d(
    data: Histogram | Graph2D,
    result: FitResult,
    path: str | os.PathLike[str] | None = None,
    *,
    ax: Any = None,
    levels: int = 8,
    cmap: str = "viridis",
) -> FitFigure:
    """Draw 2-D data and contours of the fitted model.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.plotting import plot_fit
    >>> rng = np.random.default_rng(2)
    >>> h = rf.Histogram(rf.Axis(30, -3, 3), rf.Axis(30, -3, 3))
    >>> h.fill(rng.normal(size=5000), rng.normal(0.5, 1.0, 5000))
    >>> drawn = plot_fit(h, rf.fit(h, "bigaus", start=[600, 0, 1, 0.5, 1, 0]))
    >>> sorted(drawn.artists)
    ['colorbar', 'contours', 'data']
    """
    model = result.model
    if model is None or model.ndim != 2:
        raise DataError("plot_fit2d draws fits of 2-D models")
    fig, ax = new_axes(ax, (6.5, 5))
    artists: dict[str, Any] = {}
    if isinstance(data, Histogram) and data.ndim == 2:
        xa, ya = data.axes
        z = np.ma.masked_equal(data.values(), 0.0)
        artists["data"] = ax.pcolormesh(xa.edges, ya.edges, z.T, cmap=cmap)
        box = [(xa.lo, xa.hi), (ya.lo, ya.hi)]
        labels = (xa.label or "x", ya.label or "y")
    elif isinstance(data, Graph2D):
        artists["data"] = ax.scatter(data.x, data.y, c=data.z, cmap=cmap, s=12)
        box = [
            (float(data.x.min()), float(data.x.max())),
            (float(data.y.min()), float(data.y.max())),
        ]
        labels = ("x", "y")
    else:
        raise DataError("plot_fit2d draws 2-D histograms and Graph2D")
    artists["colorbar"] = fig.colorbar(artists["data"], ax=ax)
    if result.fit_range is not None:
        for k in range(2):
            window = result.fit_range.axis(k)
            if window is not None:
                box[k] = (max(box[k][0], window[0]), min(box[k][1], window[1]))
    gx, gy = np.meshgrid(np.linspace(*box[0], 120), np.linspace(*box[1], 120), indexing="ij")
    points = np.ascontiguousarray(np.column_stack([gx.ravel(), gy.ravel()]))
    surface = model.evaluator(points, result.values.to_numpy()).reshape(gx.shape)
    artists["contours"] = ax.contour(gx, gy, surface, levels=levels, colors="tab:red", linewidths=1)
    ax.set_xlabel(mathtext(labels[0]))
    ax.set_ylabel(mathtext(labels[1]))
    if getattr(data, "title", ""):
        ax.set_title(mathtext(data.title))
    if not result.valid:
        ax.set_title(f"fit NOT valid (status {result.status})", color="red")
    drawn = FitFigure(fig, ax, artists)
    if path is not None:
        fig.tight_layout()
        drawn.savefig(path)
    return drawn

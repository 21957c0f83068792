"""Data figures: histograms and graphs with their (also asymmetric) error bars and labels.

The pieces :func:`~rootfit.plotting.plot_fit` draws the data with, and ``Histogram.plot()`` /
``Graph.plot()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataError
from rootfit.hist import Graph, Histogram, MultiGraph, Profile
from rootfit.plotting.labels import mathtext

__all__ = [
    "Drawn",
    "Points",
    "data_points",
    "draw_data",
    "new_axes",
    "plot_data",
    "set_labels",
    "window",
]


@dataclass
class Drawn:
    """A drawn figure: ``figure``, ``ax`` and the ``artists`` by name."""

    figure: Any
    ax: Any
    artists: dict[str, Any]

    def savefig(self, path: Any, **kwargs: Any) -> None:
        """Save the figure (format from the extension)."""
        kwargs.setdefault("dpi", 120)
        self.figure.savefig(path, **kwargs)


def new_axes(ax: Any = None, size: tuple[float, float] = (7, 4.5)) -> tuple[Any, Any]:
    """``(figure, axes)``: the given axes, or a new figure made without pyplot."""
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    return fig, fig.add_subplot(1, 1, 1)


#: What the 1-D figures draw.
Data1D = Histogram | Profile | Graph | MultiGraph


def plot_data(data: Data1D, ax: Any = None, **style: Any) -> Drawn:
    """Draw a 1-D histogram or graph with its error bars (``style`` goes to ``errorbar``).

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> h = rf.Histogram(20, -3, 3, label="p_{T} [GeV]")
    >>> h.fill(np.random.default_rng(1).normal(size=300))
    >>> drawn = h.plot()
    >>> drawn.ax.get_xlabel(), drawn.ax.get_ylabel()
    ('$p_{T}$ [GeV]', 'Entries / 0.3 GeV')
    """
    if not isinstance(data, Data1D) or getattr(data, "ndim", 1) != 1:
        raise DataError("plot draws 1-D histograms, profiles, graphs and multigraphs")
    fig, ax = new_axes(ax)
    points = data_points(data)
    artist = draw_data(ax, data, points, **style)
    set_labels(ax, None, data)
    if getattr(data, "title", ""):
        ax.set_title(mathtext(data.title))
    ax.set_xlim(*window(data, points))
    return Drawn(fig, ax, {"data": artist})


@dataclass(frozen=True)
class Points:
    """What is drawn of the data: ``x``, ``y``, x errors (None, symmetric, or lower/upper rows)
    and the lower and upper y errors."""

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    xerr: Any
    ylow: NDArray[np.float64] | None
    yhigh: NDArray[np.float64] | None


def data_points(data: Data1D) -> Points:
    """Coordinates and errors to draw (lower and upper y errors apart; a multigraph's points
    all together)."""
    if isinstance(data, MultiGraph):
        data = data.merged()
    if isinstance(data, Histogram | Profile):
        e = data.errors()
        return Points(data.axis.centers, data.values(), 0.5 * data.axis.widths, e, e)
    xerr = None
    if data.xerr_low is not None and data.xerr_high is not None:
        xerr = np.vstack([data.xerr_low, data.xerr_high])
    elif data.xerr is not None:
        xerr = data.xerr
    if xerr is not None and not np.any(xerr):
        xerr = None  # a graph without x errors stores zeros: no bars to draw
    if data.is_asymmetric:
        return Points(data.x, data.y, xerr, data.yerr_low, data.yerr_high)
    return Points(data.x, data.y, xerr, data.yerr, data.yerr)


def window(data: Data1D, points: Points) -> tuple[float, float]:
    """The x extent drawn: the axis of a histogram, the points of a graph plus a margin."""
    if isinstance(data, Histogram | Profile):
        return float(data.axis.lo), float(data.axis.hi)
    lo, hi = float(np.min(points.x)), float(np.max(points.x))
    pad = 0.03 * (hi - lo) if hi > lo else 0.5
    return lo - pad, hi + pad


def draw_data(ax: Any, data: Data1D, points: Points, **style: Any) -> Any:
    """The points with their error bars: lower and upper y errors drawn as they are (each
    graph of a multigraph in its own colour)."""
    if isinstance(data, MultiGraph):
        colours = ("black", "tab:blue", "tab:green", "tab:purple", "tab:brown", "tab:olive")
        return [
            draw_data(ax, g, data_points(g), **{"color": colours[k % len(colours)], **style})
            for k, g in enumerate(data.graphs)
        ]
    yerr = (
        None
        if points.ylow is None or points.yhigh is None
        else np.vstack([points.ylow, points.yhigh])
    )
    options = {"fmt": "o", "ms": 3, "color": "black", "lw": 1}
    options["label"] = mathtext(data.title or data.name or "data")
    options.update(style)
    return ax.errorbar(points.x, points.y, yerr=yerr, xerr=points.xerr, **options)


def set_labels(main: Any, lower: Any, data: Data1D) -> None:
    """Axis titles as mathtext; histograms get ``Entries / width unit``, profiles ``⟨y⟩``."""
    binned = isinstance(data, Histogram | Profile)
    x_label = data.axis.label if binned else getattr(data, "x_label", "")  # type: ignore[union-attr]
    (lower if lower is not None else main).set_xlabel(mathtext(x_label) if x_label else "x")
    if isinstance(data, Profile):
        main.set_ylabel("⟨y⟩")
    elif isinstance(data, Histogram):
        main.set_ylabel(mathtext(data.value_label) if data.value_label else _entries_label(data))
    else:
        main.set_ylabel(mathtext(getattr(data, "y_label", "") or "y"))


def _entries_label(h: Histogram) -> str:
    """``Entries / 0.2 GeV`` for regular bins (the unit from a trailing ``[unit]`` of the x
    label), ``Entries`` otherwise."""
    if not h.axis.regular:
        return "Entries"
    label = h.axis.label.strip()
    unit = label[label.rfind("[") + 1 : -1] if label.endswith("]") and "[" in label else ""
    width = f"{float(h.axis.widths[0]):.3g}"
    return f"Entries / {width} {mathtext(unit)}".rstrip()

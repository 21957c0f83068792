"""Error-analysis figures: profiles with their intervals, contours at several levels, TS and
significance surfaces with σ contours, the correlation matrix, and the minimizer's trace.

Each function takes the objects of :mod:`rootfit.intervals` (or a
:class:`~rootfit.FitResult`), accepts ``ax=`` and returns a
:class:`~rootfit.plotting.data_figure.Drawn` with its artists by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rootfit.errors import FitError
from rootfit.plotting.data_figure import Drawn, new_axes
from rootfit.plotting.labels import mathtext
from rootfit.result import FitResult
from rootfit.result.intervals import Contour, Profile, Surface, delta_statistic

__all__ = ["plot_contours", "plot_correlation", "plot_profile", "plot_surface", "plot_trace"]

_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown")


def plot_profile(
    profile: Profile, *, sigmas: Sequence[float] = (1.0, 2.0), ax: Any = None
) -> Drawn:
    """The test statistic along one parameter (a scan or a profile), a line at each level and
    the implied intervals marked.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit import intervals
    >>> from rootfit.plotting import plot_profile
    >>> h = rf.Histogram(30, -3, 3)
    >>> h.fill(np.random.default_rng(1).normal(size=1000))
    >>> r = rf.fit(h, "gaus", "L")
    >>> drawn = plot_profile(intervals.profile(r, "Mean", size=11))
    >>> sorted(drawn.artists)
    ['curve', 'interval 1σ', 'interval 2σ', 'level 1σ', 'level 2σ']
    """
    fig, ax = new_axes(ax)
    artists: dict[str, Any] = {}
    (artists["curve"],) = ax.plot(profile.values, profile.ts, "-o", ms=3, color="black")
    for k, sigma in enumerate(sigmas):
        level = delta_statistic(1.0, sigma=sigma)
        colour = _COLOURS[k % len(_COLOURS)]
        artists[f"level {sigma:g}σ"] = ax.axhline(level, color=colour, lw=1, ls=":")
        lo, hi = profile.interval(sigma=sigma)
        ends = [v for v in (lo, hi) if np.isfinite(v)]
        artists[f"interval {sigma:g}σ"] = ax.vlines(
            ends, 0.0, level, colors=colour, lw=1.5, label=f"{sigma:g}σ: [{lo:.4g}, {hi:.4g}]"
        )
    ax.set_xlabel(mathtext(profile.parameter))
    statistic = "Δχ²" if profile.errordef == 1.0 else "−2 Δlog L"
    ax.set_ylabel(f"{statistic} ({'profile' if profile.reoptimized else 'scan'})")
    ax.legend(loc="upper center", fontsize=8, frameon=False)
    return Drawn(fig, ax, artists)


def plot_contours(
    contours: Contour | Sequence[Contour], *, ax: Any = None, best: Any = None
) -> Drawn:
    """Closed contours (``intervals.contour`` / ``contours``), each labelled with its
    probability content; ``best`` = a FitResult marks the best fit."""
    items = [contours] if isinstance(contours, Contour) else list(contours)
    if not items:
        raise FitError("no contour to draw")
    fig, ax = new_axes(ax, (5.5, 5))
    artists: dict[str, Any] = {}
    for k, c in enumerate(items):
        closed = np.vstack([c.points, c.points[:1]])
        (artists[f"contour {c.cl:.3g}"],) = ax.plot(
            closed[:, 0], closed[:, 1], color=_COLOURS[k % len(_COLOURS)], lw=1.5,
            label=f"{100 * c.cl:.3g}%" + ("" if c.valid else " (incomplete)"),
        )  # fmt: skip
    if isinstance(best, FitResult):
        x, y = items[0].parameters
        (artists["best"],) = ax.plot(best.values[x], best.values[y], "k+", ms=10)
    ax.set_xlabel(mathtext(items[0].parameters[0]))
    ax.set_ylabel(mathtext(items[0].parameters[1]))
    ax.legend(fontsize=8, frameon=False)
    return Drawn(fig, ax, artists)


def plot_surface(
    surface: Surface,
    *,
    sigmas: Sequence[float] = (1.0, 2.0, 3.0),
    significance: bool = False,
    ax: Any = None,
) -> Drawn:
    """A TS map (or the 2-dof significance) of two parameters with contours at ``sigmas``."""
    fig, ax = new_axes(ax, (6, 5))
    z = surface.significance if significance else surface.ts
    mesh = ax.pcolormesh(surface.x, surface.y, z.T, shading="nearest", cmap="viridis")
    colorbar = fig.colorbar(mesh, ax=ax, label="significance (σ)" if significance else "TS")
    levels = np.sort(surface.levels(sigmas) / surface.errordef)
    lines = ax.contour(surface.x, surface.y, surface.ts.T, levels=levels, colors="white")
    ax.clabel(lines, fmt={lv: f"{s:g}σ" for lv, s in zip(levels, sorted(sigmas), strict=True)})
    ax.set_xlabel(mathtext(surface.parameters[0]))
    ax.set_ylabel(mathtext(surface.parameters[1]))
    return Drawn(fig, ax, {"map": mesh, "contours": lines, "colorbar": colorbar})


def plot_correlation(result: FitResult, *, ax: Any = None) -> Drawn:
    """The correlation matrix of the free parameters as a heat map with its numbers."""
    free = [i for i, fixed in enumerate(result.fixed) if not fixed]
    cov = np.asarray(result.covariance)
    if not free or cov.shape != (result.npar, result.npar):
        raise FitError("the result has no covariance to draw")
    sub = cov[np.ix_(free, free)]
    scale = np.sqrt(np.diag(sub))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = sub / np.outer(scale, scale)
    names = [mathtext(result.parameter_names[i]) for i in free]
    fig, ax = new_axes(ax, (1.2 + 0.9 * len(free), 0.8 + 0.9 * len(free)))
    image = ax.imshow(corr, vmin=-1, vmax=1, cmap="RdBu_r")
    for (r, c), value in np.ndenumerate(corr):
        colour = "white" if abs(value) > 0.6 else "black"
        ax.text(c, r, f"{value:.2f}", ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(free)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(free)), names)
    fig.colorbar(image, ax=ax, label="correlation")
    return Drawn(fig, ax, {"matrix": image})


def plot_trace(result: FitResult, *, ax: Any = None) -> Drawn:
    """The statistic at every evaluation of a fit made with ``store_trace=True``."""
    if result.trace is None:
        raise FitError("the result has no trace: fit with store_trace=True")
    fig, ax = new_axes(ax)
    statistic = result.trace.statistic - np.nanmin(result.trace.statistic)
    (line,) = ax.semilogy(np.arange(statistic.size), statistic + 1e-12, ".-", ms=2, lw=0.8)
    ax.set_xlabel("evaluation")
    ax.set_ylabel("statistic − its minimum")
    return Drawn(fig, ax, {"trace": line})

"""Minos at any level, contours, surfaces, and the way back to iminuit.

* :func:`minos` — Minos intervals of any parameters at any ``cl`` or ``sigma`` (the statistic
  rises by ``errordef·χ²₁(cl)``), with Minos's flags per side;
* :func:`contour` — ROOT's ``Contour(i, j, npoints, cl)`` / Minuit's ``mncontour``: the region
  of two parameters at probability ``cl`` *of the 2-D region* (``errordef·χ²₂(cl)``: 2.30 for
  0.683, not Δχ² = 1; spec §5.4); :func:`contours` draws several sigma levels in one call;
* :func:`surface` — Gammapy's ``stat_surface``: the statistic on a grid of two parameters,
  the others held (``reoptimize=False``) or re-minimised, with TS and significance;
* :func:`to_minuit` — a ready ``iminuit.Minuit`` on the same cost, limits, fixed parameters and
  errordef, at the minimum.

Minos, contours and the bridge run Minuit2 at the result's minimum through
:meth:`~rootfit.Fitter.resume` (Migrad re-confirms the minimum first, as ROOT's minimizer
keeps its state; the fit itself may have used any engine).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from rootfit.errors import FitError, FitOptionError
from rootfit.executors import ExecutorSpec
from rootfit.fitter import Fitter
from rootfit.intervals._common import cost_of, index_of, warn_if_weight_corrected
from rootfit.intervals.profiles import (
    ChainTask,
    grid_values,
    run_chains,
    warn_if_points_failed,
)
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult
from rootfit.result.intervals import Contour, MinosError, Surface, level_probability

__all__ = ["contour", "contours", "minos", "surface", "to_minuit"]


def _free_name(result: FitResult, key: int | str) -> str:
    i = index_of(result, key)
    if result.fixed[i]:
        raise FitOptionError(f"parameter {result.parameter_names[i]!r} is fixed in this fit")
    return result.parameter_names[i]


def minos(
    result: FitResult,
    parameters: Sequence[int | str] | None = None,
    *,
    cl: float | None = None,
    sigma: float | None = None,
    minimizer: MinimizerOptions | None = None,
) -> dict[str, MinosError]:
    """Minos intervals at a level (1σ by default).

    Parameters
    ----------
    result : FitResult
        A fit that keeps its cost.
    parameters : sequence of int or str, optional
        Default: every free parameter.
    cl, sigma : float, optional
        The level: a probability (``cl=0.95``) or a number of sigmas (``sigma=2``).
    minimizer : MinimizerOptions, optional
        Strategy and tolerance of Minuit2.

    Returns
    -------
    dict of str to MinosError
        ``lower`` ≤ 0 ≤ ``upper`` relative to the best fit.
    """
    cost_of(result)
    warn_if_weight_corrected(result)
    names = (
        [n for n, fixed in zip(result.parameter_names, result.fixed, strict=True) if not fixed]
        if parameters is None
        else [_free_name(result, p) for p in parameters]
    )
    factor = float(stats.chi2.ppf(level_probability(cl, sigma), 1))
    return Fitter(minimizer).resume(result).minos_errors(names, factor)


def contour(
    result: FitResult,
    x: int | str,
    y: int | str,
    *,
    cl: float | None = None,
    sigma: float | None = None,
    size: int = 40,
    minimizer: MinimizerOptions | None = None,
) -> Contour:
    """ROOT's ``Contour`` / Minuit's ``mncontour``: ``size`` points on the boundary of the 2-D
    region of ``x`` and ``y`` with probability ``cl`` (default 0.683, ROOT's), the other free
    parameters minimised.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.intervals import contour
    >>> h = rf.Histogram(40, -4, 4)
    >>> h.fill(np.random.default_rng(1).normal(0.0, 1.0, 2000))
    >>> c = contour(rf.fit(h, "gaus"), "Mean", "Sigma", size=12)
    >>> c.points.shape, round(c.delta, 3)
    ((12, 2), 2.298)
    """
    p = 0.683 if cl is None and sigma is None else level_probability(cl, sigma)
    return contours(result, x, y, levels=[p], size=size, minimizer=minimizer)[0]


def contours(
    result: FitResult,
    x: int | str,
    y: int | str,
    sigmas: Sequence[float] = (1.0, 2.0),
    *,
    levels: Sequence[float] | None = None,
    size: int = 40,
    minimizer: MinimizerOptions | None = None,
) -> list[Contour]:
    """Contours of ``x`` and ``y`` at several levels in one call: ``sigmas`` (2-D regions with
    the probability of ±nσ: 0.683, 0.954, ...) or ``levels`` (probabilities)."""
    cost_of(result)
    warn_if_weight_corrected(result)
    names = (_free_name(result, x), _free_name(result, y))
    if names[0] == names[1]:
        raise FitOptionError("a contour needs two different parameters")
    if int(size) < 4:
        raise FitOptionError(f"a contour needs at least 4 points, got {size!r}")
    probabilities = (
        [level_probability(cl=c) for c in levels]
        if levels is not None
        else [level_probability(sigma=s) for s in sigmas]
    )
    minimum = Fitter(minimizer).resume(result)
    if not minimum.outcome.valid:
        raise FitError("Migrad does not confirm the result's minimum; no contour can be drawn")
    out = []
    for p in probabilities:
        factor = float(stats.chi2.ppf(p, 2))
        pts = minimum.contour(names[0], names[1], int(size), factor)
        valid = pts.shape[0] >= int(size) and bool(np.all(np.isfinite(pts)))
        out.append(Contour(names, pts, p, factor * result.errordef, valid))
    return out


def surface(
    result: FitResult,
    x: int | str,
    y: int | str,
    x_values: ArrayLike | None = None,
    y_values: ArrayLike | None = None,
    *,
    size: tuple[int, int] = (21, 21),
    reoptimize: bool = False,
    minimizer: MinimizerOptions | None = None,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
) -> Surface:
    """The statistic on a grid of two parameters (Gammapy's ``stat_surface``).

    Parameters
    ----------
    result : FitResult
        A fit that keeps its cost.
    x, y : int or str
        The two parameters.
    x_values, y_values : array_like, optional
        Grid values; default ``size`` values over ``value ± 3·error`` of each.
    size : (int, int)
        Grid size when values are not given.
    reoptimize : bool
        Re-minimise the other free parameters at every grid point (then the contours of
        ``surface.delta`` at :meth:`Surface.levels` are Minuit's contours).
    minimizer : MinimizerOptions, optional
        For the re-minimisations.
    executor : None, str, Executor or dask Client
        Where the rows run (:mod:`rootfit.executors`): each row of the grid is two chains
        outwards from the y value nearest the best fit, warm-started from the best fit, so the
        numbers do not depend on the executor.
    progress : bool or None
        Progress bar of the rows.
    """
    i, j = index_of(result, x), index_of(result, y)
    if i == j:
        raise FitOptionError("a surface needs two different parameters")
    xs = grid_values(result, i, x_values, size[0])
    ys = grid_values(result, j, y_values, size[1])
    warn_if_weight_corrected(result)
    statistic = np.empty((xs.size, ys.size))
    valid = np.empty((xs.size, ys.size), dtype=bool)
    best_y = result.values[j]
    orders = [np.nonzero(ys >= best_y)[0], np.nonzero(ys < best_y)[0][::-1]]  # outwards in y
    rows, chains = [], []
    for a in range(xs.size):
        for order in orders:
            if order.size:
                rows.append((a, order))
                chains.append([(float(xs[a]), float(ys[b])) for b in order])
    task = ChainTask(result, (i, j), minimizer, reoptimize=bool(reoptimize))
    if not reoptimize:  # plain evaluations: not worth shipping anywhere
        executor = "serial"
    for (a, order), chain in zip(rows, run_chains(task, chains, executor, progress), strict=True):
        for b, (value, _, ok) in zip(order, chain, strict=True):
            statistic[a, b], valid[a, b] = value, ok
    warn_if_points_failed("surface", valid)
    return Surface(
        (result.parameter_names[i], result.parameter_names[j]),
        xs,
        ys,
        statistic,
        result.min_fcn,
        result.errordef,
        bool(reoptimize),
        valid,
    )


def to_minuit(result: FitResult, minimizer: MinimizerOptions | None = None) -> Any:
    """A ready ``iminuit.Minuit`` at the result's minimum: the same cost, limits, fixed
    parameters and errordef, Migrad already run (``m.fmin`` is set), for iminuit's own tools
    (``m.minos()``, ``m.mnprofile(...)``, ``m.draw_mncontour(...)``...)."""
    return Fitter(minimizer).resume(result).to_minuit()

"""The statistic along one parameter: ROOT's ``Scan`` (the others held at the best fit) and the
profile (the others re-minimised at every value: Gammapy's ``stat_profile`` with
``reoptimize=True``, Minuit's ``mnprofile``), and profile-likelihood intervals found by root
finding on the profile (Sherpa's ``conf``, the engine of lmfit's F-test intervals).

ROOT's ``Scan(ipar, graph, xmin, xmax)`` (spec §5.4): ``n`` points (40 for an empty graph) —
the best-fit point plus ``n - 1`` equally spaced values over ``[xmin, xmax]`` (``value ±
2·error`` when ``xmin >= xmax``; clipped to the parameter's limits), sorted; the statistic is
the cost itself, not re-minimised.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from rootfit.errors import ConvergenceWarning, FitError, FitOptionError, warn
from rootfit.executors import ExecutorSpec, run_tasks
from rootfit.fitter import Fitter
from rootfit.fitter.parameters import ParameterSettings, result_settings
from rootfit.intervals._common import cost_of, index_of, warn_if_weight_corrected
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult
from rootfit.result.intervals import Profile, delta_statistic

__all__ = [
    "ChainTask",
    "Reoptimizer",
    "grid_values",
    "profile",
    "profile_interval",
    "run_chains",
    "scan",
    "scan_values",
    "solve_crossing",
    "warn_if_points_failed",
]


def scan_values(
    result: FitResult, parameter: int | str, bounds: tuple[float, float] | None, size: int
) -> NDArray[np.float64]:
    """ROOT's scan points: the best fit plus ``size - 1`` equally spaced values over
    ``bounds`` (default ``value ± 2·error``; empty or reversed bounds also mean that), clipped
    to the parameter's limits, sorted."""
    i = index_of(result, parameter)
    if int(size) < 2:
        raise FitOptionError(f"a scan needs at least 2 points, got {size!r}")
    best, error = result.values[i], result.errors[i]
    lo, hi = bounds if bounds is not None else (0.0, 0.0)
    if not lo < hi:
        if not error > 0:
            raise FitError(
                f"parameter {result.parameter_names[i]!r} has no error to set the scan range; "
                "give bounds"
            )
        lo, hi = best - 2.0 * error, best + 2.0 * error
    limits = result.bounds[i]
    if limits is not None:
        lo, hi = max(lo, limits[0]), min(hi, limits[1])
    return np.sort(np.append(np.linspace(lo, hi, int(size) - 1), best))


def scan(
    result: FitResult,
    parameter: int | str,
    bounds: tuple[float, float] | None = None,
    size: int = 40,
    *,
    values: ArrayLike | None = None,
) -> Profile:
    """ROOT's ``Scan``: the cost along one parameter, the others held at the best fit.

    Parameters
    ----------
    result : FitResult
        A fit that keeps its cost.
    parameter : int or str
        The parameter scanned.
    bounds : (float, float), optional
        Scan range (default ``value ± 2·error``).
    size : int
        Number of points including the best fit (ROOT's default 40).
    values : array_like, optional
        Explicit values instead of ROOT's points.

    Returns
    -------
    Profile
        With ``reoptimized=False``.
    """
    cost = cost_of(result)
    i = index_of(result, parameter)
    xs = (
        scan_values(result, i, bounds, size)
        if values is None
        else np.sort(np.asarray(values, dtype=np.float64).ravel())
    )
    p = result.values.to_numpy()
    statistic = np.empty(xs.size)
    with np.errstate(all="ignore"):
        for k, v in enumerate(xs):
            p[i] = v
            statistic[k] = cost(p)
    return Profile(
        parameter=result.parameter_names[i],
        values=xs,
        statistic=statistic,
        minimum=result.min_fcn,
        best=result.values[i],
        errordef=_errordef(result, cost),
        reoptimized=False,
    )


def _errordef(result: FitResult, cost: Any) -> float:
    return float(getattr(cost, "errordef", 1.0))


def grid_values(
    result: FitResult,
    i: int,
    values: ArrayLike | None,
    size: int,
    bounds: tuple[float, float] | None = None,
) -> NDArray[np.float64]:
    """Sorted ``values``, else ``size`` values over ``bounds`` (default ``value ± 3·error``)."""
    if values is not None:
        return np.sort(np.asarray(values, dtype=np.float64).ravel())
    if int(size) < 2:
        raise FitOptionError(f"at least 2 values are needed, got size={size!r}")
    if bounds is None:
        best, error = result.values[i], result.errors[i]
        if not error > 0:
            raise FitError(
                f"parameter {result.parameter_names[i]!r} has no error to set the range; "
                "give its values or bounds"
            )
        bounds = (best - 3.0 * error, best + 3.0 * error)
    return np.linspace(bounds[0], bounds[1], int(size))


class Reoptimizer:
    """Re-minimises a result's cost with some parameters held at given values (warm-started
    from the last solution), for profiles, surfaces and profile intervals.

    Parameters
    ----------
    result : FitResult
        The fit (keeps its cost; limits and fixed flags are kept).
    held : sequence of int
        Indices of the parameters held fixed at the values given to :meth:`__call__`.
    minimizer : MinimizerOptions, optional
        For the re-minimisations (default: Minuit2 / Migrad).
    """

    def __init__(
        self,
        result: FitResult,
        held: Sequence[int],
        minimizer: MinimizerOptions | None = None,
    ) -> None:
        self.cost = cost_of(result)
        warn_if_weight_corrected(result)
        self.held = list(held)
        self.fitter = Fitter(minimizer)
        self.best = result.values.to_numpy()
        self.settings = list(result_settings(result))
        self.free_left = any(
            not s.fixed and k not in self.held for k, s in enumerate(self.settings)
        )
        self.last = self.best.copy()

    def __call__(self, values: Sequence[float]) -> tuple[float, NDArray[np.float64], bool]:
        """``(statistic, parameters, converged)`` with the held parameters at ``values``."""
        start = self.last.copy()
        for k, v in zip(self.held, values, strict=True):
            start[k] = float(v)
        if not self.free_left:
            with np.errstate(all="ignore"):
                return float(self.cost(start)), start, True
        settings = [
            ParameterSettings(s.name, float(start[k]), s.step, s.lower, s.upper,
                              fixed=s.fixed or k in self.held)
            for k, s in enumerate(self.settings)
        ]  # fmt: skip
        with warnings.catch_warnings():  # each point's validity is recorded, not warned
            warnings.simplefilter("ignore")
            fit = self.fitter.fit(self.cost, settings)
        values_at = fit.values.to_numpy()
        if fit.valid:
            self.last = values_at.copy()
        return fit.min_fcn, values_at, fit.valid

    def restart(self) -> None:
        """Warm starts begin again from the best fit."""
        self.last = self.best.copy()


Point = tuple[float, NDArray[np.float64], bool]


@dataclass(frozen=True)
class ChainTask:
    """Re-minimise along a chain of held values, each point warm-started from the one before
    (the first from the best fit): the unit of work of profiles and surfaces on an executor."""

    result: FitResult
    held: tuple[int, ...]
    minimizer: MinimizerOptions | None = None
    reoptimize: bool = True

    def __call__(self, chain: Sequence[Sequence[float]]) -> list[Point]:
        with warnings.catch_warnings():  # a weighted fit is warned about once, by the caller
            warnings.simplefilter("ignore")
            reopt = Reoptimizer(self.result, self.held, self.minimizer)
        if not self.reoptimize:
            reopt.free_left = False
        return [reopt(values) for values in chain]


def run_chains(
    task: ChainTask,
    chains: Sequence[Sequence[Sequence[float]]],
    executor: ExecutorSpec,
    progress: bool | None,
) -> list[list[Point]]:
    """Run independent chains on ``executor`` (their partition, not the executor, decides the
    warm starts: the numbers are the same everywhere)."""
    outcomes = run_tasks(
        task, list(chains), executor=executor, progress=progress, description="profile chains"
    )
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    return [outcome.value for outcome in outcomes]


def warn_if_points_failed(caller: str, valid: NDArray[np.bool_]) -> None:
    """One :class:`~rootfit.errors.ConvergenceWarning` naming the re-minimisations that did
    not converge (their points stay in the result, marked in ``valid``)."""
    if valid.all():
        return
    bad = [tuple(int(v) for v in k) if k.size > 1 else int(k[0]) for k in np.argwhere(~valid)]
    shown = ", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else "")
    warn(
        f"{caller}: {len(bad)} of {valid.size} re-minimisations did not converge "
        f"(indices {shown}; marked in .valid)",
        ConvergenceWarning,
    )


def profile(
    result: FitResult,
    parameter: int | str,
    values: ArrayLike | None = None,
    *,
    bounds: tuple[float, float] | None = None,
    size: int = 21,
    reoptimize: bool = True,
    minimizer: MinimizerOptions | None = None,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
) -> Profile:
    """The statistic along one parameter (Gammapy's ``stat_profile``, Minuit's ``mnprofile``).

    Parameters
    ----------
    result : FitResult
        A fit that keeps its cost.
    parameter : int or str
        The parameter moved.
    values : array_like, optional
        Its values; default ``size`` points over ``bounds``.
    bounds : (float, float), optional
        Default ``value ± 3·error``.
    size : int
        Number of values when ``values`` is not given.
    reoptimize : bool
        Re-minimise the other free parameters at each value (a profile) or hold them at the
        best fit (a scan).
    minimizer : MinimizerOptions, optional
        For the re-minimisations.
    executor : str, Executor or dask Client
        Where the two chains (up and down from the best fit) run (:mod:`rootfit.executors`;
        the default runs two chains here).
    progress : bool or None
        Progress bar of the chains.

    Returns
    -------
    Profile
        ``profile.interval(sigma=1)`` is the implied interval; with ``reoptimize`` it agrees
        with Minos.
    """
    i = index_of(result, parameter)
    xs = grid_values(result, i, values, size, bounds)
    if not reoptimize:
        return scan(result, i, values=xs)
    reopt = Reoptimizer(result, [i], minimizer)
    statistic = np.empty(xs.size)
    others = np.empty((xs.size, result.npar))
    valid = np.empty(xs.size, dtype=bool)
    best = result.values[i]
    orders = [np.nonzero(xs >= best)[0], np.nonzero(xs < best)[0][::-1]]  # outwards
    chains = [[(float(xs[k]),) for k in order] for order in orders if order.size]
    points = run_chains(ChainTask(result, (i,), minimizer), chains, executor, progress)
    for order, chain in zip([o for o in orders if o.size], points, strict=True):
        for k, (value, at, ok) in zip(order, chain, strict=True):
            statistic[k], others[k], valid[k] = value, at, ok
    warn_if_points_failed("profile", valid)
    return Profile(
        parameter=result.parameter_names[i],
        values=xs,
        statistic=statistic,
        minimum=result.min_fcn,
        best=best,
        errordef=_errordef(result, reopt.cost),
        reoptimized=True,
        others=others,
        valid=valid,
    )


def profile_interval(
    result: FitResult,
    parameter: int | str,
    *,
    cl: float | None = None,
    sigma: float | None = None,
    delta: float | None = None,
    reoptimize: bool = True,
    minimizer: MinimizerOptions | None = None,
    tolerance: float = 1e-4,
) -> tuple[float, float]:
    """The interval where the (profiled) statistic rises by less than ``delta`` (default from
    ``cl``/``sigma`` with the cost's errordef: Δχ² = σ²), found by bracketing and Brent's
    method on each side; ``-inf``/``+inf`` (or the limit) where it never rises that far.

    Returns
    -------
    (float, float)
        Lower and upper ends (values of the parameter, not errors).
    """
    i = index_of(result, parameter)
    cost = cost_of(result)
    level = delta if delta is not None else delta_statistic(_errordef(result, cost), cl, sigma)
    reopt = Reoptimizer(result, [i], minimizer)
    best = result.values[i]
    step = result.errors[i] if result.errors[i] > 0 else max(0.1 * abs(best), 0.1)
    limits = result.bounds[i] or (-math.inf, math.inf)

    def rise(v: float) -> float:
        if reoptimize:
            value, _, _ = reopt([v])
        else:
            p = result.values.to_numpy()
            p[i] = v
            value = float(cost(p))
        return value - result.min_fcn - level

    ends = []
    for direction, limit in ((-1.0, limits[0]), (1.0, limits[1])):
        reopt.restart()
        ends.append(solve_crossing(rise, best, direction * step, limit, tolerance * step)[0])
    return ends[0], ends[1]


def solve_crossing(
    rise: Callable[[float], float], start: float, step: float, limit: float, xtol: float
) -> tuple[float, bool]:
    """Where ``rise`` (negative at ``start``) becomes zero going from ``start`` in the
    direction of ``step``: steps that double after each miss (at most 30, never past
    ``limit``) bracket the crossing, Brent's method finds it. Returns ``(value, True)``, or
    ``(limit, False)`` when ``rise`` stays negative up to the limit (``±inf`` unbounded).
    ``rise`` is evaluated once per point (a re-minimised profile depends slightly on where
    its warm start came from; the bracket must keep its signs)."""
    known: dict[float, float] = {}

    def once(v: float) -> float:
        if v not in known:
            known[v] = rise(v)
        return known[v]

    inner, outer = start, start + step
    for _ in range(30):
        if (outer - limit) * math.copysign(1.0, step) >= 0:
            if not math.isfinite(limit) or once(limit) < 0:
                return float(limit), False
            outer = limit
            break
        if once(outer) >= 0:
            break
        inner, outer = outer, outer + 2.0 * (outer - inner)
    else:
        return math.copysign(math.inf, step), False
    if once(inner) >= 0:  # a noisy profile already above the level at the inner point
        return float(inner), True
    lo, hi = sorted((inner, outer))
    return float(optimize.brentq(once, lo, hi, xtol=xtol)), True

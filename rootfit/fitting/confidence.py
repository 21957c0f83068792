"""lmfit's F-test confidence intervals: ``conf_interval`` and ``conf_interval2d``.

For a least-squares fit with ``nfree = ndata - nvarys`` degrees of freedom, fixing ``nfix``
parameters away from the best fit and re-fitting the others raises χ² from ``χ²₀`` to ``χ²``;
the F-test gives the probability that the change is significant,
``P = F_cdf((χ²/χ²₀ - 1)·nfree/nfix; nfix, nfree)``. :func:`conf_interval` finds, for each
parameter and side, the values where ``P`` reaches the probabilities of the requested sigmas
(``erf(σ/√2)``; a "sigma" below 1 is taken as a probability, as in lmfit), by stepping out
from the best fit and solving with Brent's method. :func:`conf_interval2d` tabulates the
re-fitted χ² on a grid of two parameters.

Both take the result of :func:`rootfit.minimize` (lmfit's spelling) or a least-squares
:class:`~rootfit.FitResult`; the re-fits run Levenberg–Marquardt (``GSLMultiFit``) on
least-squares costs, Minuit2 otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from rootfit.errors import FitError, FitOptionError, FitWarning, warn
from rootfit.fitter.backends.base import is_weighted_least_squares
from rootfit.intervals import Reoptimizer
from rootfit.intervals.profiles import solve_crossing
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["conf_interval", "conf_interval2d", "f_test_probability"]


def f_test_probability(chi2: float, best_chi2: float, nfree: int, nfix: int = 1) -> float:
    """lmfit's ``f_compare``: ``F_cdf((χ²/χ²₀ - 1)·nfree/nfix; nfix, nfree)``."""
    return float(stats.f.cdf((chi2 / best_chi2 - 1.0) * nfree / nfix, nfix, nfree))


def _fit_of(result: Any) -> FitResult:
    fit = getattr(result, "fit", result)
    if not isinstance(fit, FitResult):
        raise FitOptionError(
            f"expected the result of rootfit.minimize or rootfit.fit, not {type(result).__name__}"
        )
    if fit.cost is None:
        raise FitError("this result does not hold its cost; re-run the fit in this process")
    if fit.ndf <= 0 or not fit.min_fcn > 0:
        raise FitError("the F-test needs a least-squares fit with χ² > 0 and ndf > 0")
    return fit


def _stderr(result: Any, fit: FitResult, i: int) -> float:
    """The standard error lmfit would use: the MinimizerResult's (scaled by the reduced χ²
    unless ``scale_covar=False``), else the fit's."""
    params = getattr(result, "params", None)
    name = fit.parameter_names[i]
    if params is not None and name in params and params[name].stderr:
        return float(params[name].stderr)
    return float(fit.errors[i])


def _refit_options(fit: FitResult, minimizer: MinimizerOptions | None) -> MinimizerOptions:
    if minimizer is not None:
        return minimizer
    if is_weighted_least_squares(fit.cost):
        return MinimizerOptions.default().with_(minimizer_type="GSLMultiFit", algorithm="")
    return MinimizerOptions.default()


def _probabilities(sigmas: Sequence[float]) -> list[float]:
    out = []
    for s in sorted(float(v) for v in sigmas):
        if not s > 0:
            raise FitOptionError(f"sigmas must be positive, got {s!r}")
        out.append(s if s < 1 else math.erf(s / math.sqrt(2.0)))
    return out


def conf_interval(
    result: Any,
    p_names: Sequence[str] | None = None,
    sigmas: Sequence[float] = (1, 2, 3),
    *,
    trace: bool = False,
    minimizer: MinimizerOptions | None = None,
) -> Any:
    """Confidence intervals from the F-test (lmfit's ``conf_interval``).

    Parameters
    ----------
    result : MinimizerResult or FitResult
        A least-squares fit.
    p_names : sequence of str, optional
        Parameters (default: every varied one).
    sigmas : sequence of float
        Levels; values below 1 are probabilities.
    trace : bool
        Also return, per parameter, every re-fit made: the values of all parameters and the
        probability (lmfit's profile traces).
    minimizer : MinimizerOptions, optional
        For the re-fits.

    Returns
    -------
    dict or (dict, dict)
        ``{name: [(prob, value), ...]}`` from the lowest to the highest value, with
        ``(0.0, best)`` in the middle; with ``trace`` also
        ``{name: {parameter: values, "prob": probabilities}}``. A side that never reaches a
        probability (a limit, a flat χ²) gives ``∓inf`` there, with a warning.
    """
    fit = _fit_of(result)
    names = list(p_names) if p_names is not None else [
        n for n, fixed in zip(fit.parameter_names, fit.fixed, strict=True) if not fixed
    ]  # fmt: skip
    if sum(not f for f in fit.fixed) < 2:
        raise FitError("conf_interval needs at least two varied parameters")
    probabilities = _probabilities(sigmas)
    options = _refit_options(fit, minimizer)
    out: dict[str, list[tuple[float, float]]] = {}
    traces: dict[str, dict[str, NDArray[np.float64]]] = {}
    for name in names:
        i = fit.parameter_names.index(name)
        if fit.fixed[i]:
            raise FitOptionError(f"parameter {name!r} does not vary in this fit")
        reopt = Reoptimizer(fit, [i], options)
        rows: list[list[float]] = [[*fit.values.to_numpy(), 0.0]]

        known: dict[float, float] = {}

        def prob(
            v: float,
            reopt: Reoptimizer = reopt,
            rows: list[list[float]] = rows,
            known: dict[float, float] = known,
        ) -> float:
            if v not in known:  # each value is re-fitted once (lmfit caches too)
                chi2, values, _ = reopt([v])
                known[v] = f_test_probability(chi2, fit.min_fcn, fit.ndf)
                rows.append([*values, known[v]])
            return known[v]

        sides = []
        for direction in (-1.0, 1.0):
            reopt.restart()
            sides.append(_side(fit, i, _stderr(result, fit, i), direction, prob, probabilities))
        best = fit.values[i]
        out[name] = [*sides[0][::-1], (0.0, best), *sides[1]]
        table = np.array(rows)
        traces[name] = {n: table[:, k] for k, n in enumerate(fit.parameter_names)}
        traces[name]["prob"] = table[:, -1]
    return (out, traces) if trace else out


def _side(
    fit: FitResult,
    i: int,
    error: float,
    direction: float,
    prob: Any,
    probabilities: list[float],
) -> list[tuple[float, float]]:
    best = fit.values[i]
    step = error if 0 < error < abs(best) else max(0.2 * abs(best), 0.001)
    limits = fit.bounds[i] or (-math.inf, math.inf)
    limit = limits[0] if direction < 0 else limits[1]
    found = []
    inner = best
    for p in probabilities:

        def rise(v: float, p: float = p) -> float:
            return float(prob(v)) - p

        end, crossed = solve_crossing(rise, inner, direction * step, limit, 1e-6 * step)
        if not crossed:
            warn(
                f"{fit.parameter_names[i]!r}: the F-test probability does not reach {p:.4g} "
                f"{'below' if direction < 0 else 'above'} the best fit",
                FitWarning,
            )
            end = direction * math.inf
        found.append((p, end))
        if crossed:
            inner = end
    return found


def conf_interval2d(
    result: Any,
    x_name: str,
    y_name: str,
    nx: int = 10,
    ny: int = 10,
    limits: tuple[tuple[float, float], tuple[float, float]] | None = None,
    *,
    nsigma: float = 5.0,
    output: Literal["sigma", "probability", "chi2"] = "sigma",
    minimizer: MinimizerOptions | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The re-fitted χ² on a grid of two parameters (lmfit's ``conf_interval2d``).

    Parameters
    ----------
    result : MinimizerResult or FitResult
        A least-squares fit.
    x_name, y_name : str
        The two parameters.
    nx, ny : int
        Grid size.
    limits : ((x_upper, x_lower), (y_upper, y_lower)), optional
        Default: ``nsigma`` standard errors around the best fit.
    output : {"sigma", "probability", "chi2"}
        ``"sigma"`` (lmfit ≥ 1.2): ``√((χ² - χ²₀)/χ²_red)``; ``"probability"`` (lmfit < 1.2):
        the F-test probability with 2 fixed parameters; ``"chi2"``: χ² itself.

    Returns
    -------
    x, y, grid
        ``grid`` has shape ``(ny, nx)`` (``plt.contour(x, y, grid)``).
    """
    fit = _fit_of(result)
    i, j = (fit.parameter_names.index(n) for n in (x_name, y_name))
    if limits is None:
        limits = tuple(  # type: ignore[assignment]
            (fit.values[k] + nsigma * _stderr(result, fit, k),
             fit.values[k] - nsigma * _stderr(result, fit, k))
            for k in (i, j)
        )  # fmt: skip
    assert limits is not None
    x = np.linspace(limits[0][1], limits[0][0], int(nx))
    y = np.linspace(limits[1][1], limits[1][0], int(ny))
    reopt = Reoptimizer(fit, [i, j], _refit_options(fit, minimizer))
    chi2 = np.empty((y.size, x.size))
    for b in range(y.size):
        order = range(x.size) if b % 2 == 0 else range(x.size - 1, -1, -1)
        for a in order:
            chi2[b, a] = reopt([x[a], y[b]])[0]
    if output == "chi2":
        return x, y, chi2
    best = min(fit.min_fcn, float(chi2.min()))
    if output == "sigma":
        return x, y, np.sqrt(np.clip(chi2 - best, 0.0, None) / (fit.min_fcn / fit.ndf))
    if output == "probability":
        return x, y, stats.f.cdf((chi2 / fit.min_fcn - 1.0) * fit.ndf / 2.0, 2, fit.ndf)
    raise FitOptionError(f"output must be 'sigma', 'probability' or 'chi2', got {output!r}")

"""Bands of a fitted model: confidence (ROOT's ``GetConfidenceIntervals``), prediction and
parametric bootstrap.

Confidence band (spec §5.3): at each point ``σ_f(x) = √(gᵀ C g)`` with ``g = ∂f/∂p`` at the
best fit (0 for fixed parameters) and ``C`` the result's covariance; the half width is
``K·σ_f`` with ``K = z_{(1+cl)/2}`` (ROOT's default, ``norm=False``) or, with ``norm=True``,
``t_{ndf}((1+cl)/2)·√(χ²/ndf)`` (Student's t; only when χ² > 0 and ndf > 0). The derivatives
are symbolic when the model has them (formulas, predefined functions), else ROOT's Richardson
derivative with step ``max(1e-5·error_j, 1e-15)``. Everything is vectorised over the points.

The covariance is used as the result holds it: errors scaled by √(χ²/ndf)
(``result.normalized_errors``, the fit's one scaling switch) scale the band the same way.
``norm=True`` is ROOT's *additional* scaling; on a result whose errors are already scaled it
scales twice, as ROOT does, and warns.

Prediction band: where a *new* measurement at ``x`` falls,
``K·√(σ_f² + noise²)``. Bootstrap band: percentiles of the model refitted to data simulated
from the fit (``method="data"``, a parametric bootstrap) or evaluated at parameters drawn from
the fitted Gaussian (``method="parameters"``), with an explicit random generator.
"""

from __future__ import annotations

import math
import warnings
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from rootfit.errors import FitError, FitOptionError, FitWarning, warn
from rootfit.fitter import Fitter
from rootfit.fitter.parameters import result_settings
from rootfit.functions.numeric import numerical_parameter_gradient
from rootfit.intervals._common import cost_of, model_of, points, shaped_like_input
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult
from rootfit.result.intervals import Band

__all__ = [
    "band_factor",
    "bootstrap_band",
    "confidence_band",
    "model_sigma",
    "parameter_gradient",
    "prediction_band",
]


def _check_cl(cl: float) -> float:
    if not 0.0 < float(cl) < 1.0:
        raise FitOptionError(f"cl is a probability in (0, 1), got {cl!r}")
    return float(cl)


def band_factor(result: FitResult, cl: float = 0.95, norm: bool = False) -> float:
    """ROOT's factor ``K`` of the half width: the two-sided normal quantile, or with ``norm``
    Student's t quantile for ndf times √(χ²/ndf) (the normal quantile when χ² or ndf is not
    positive, as ROOT)."""
    p = 0.5 * (1.0 + _check_cl(cl))
    if norm and result.chi2 > 0 and result.ndf > 0:
        return _t_quantile(p, result.ndf) * math.sqrt(result.chi2 / result.ndf)
    return float(special.ndtri(p))


def _t_quantile(p: float, ndf: int) -> float:
    """Student's t quantile (``scipy.stats.t.ppf`` without its argument checking, which costs
    more than a 1000-point band)."""
    return float(special.stdtrit(ndf, p))


def parameter_gradient(result: FitResult, X: NDArray[np.float64]) -> NDArray[np.float64]:
    """``∂f/∂p_j`` of the fitted model at rows ``X`` (shape ``(n, npar)``), 0 for fixed
    parameters: symbolic when the model has derivatives, else ROOT's Richardson derivative
    with step ``max(1e-5·error_j, 1e-15)`` (``min(max(1e-5·|p_j|, 1e-15), 1e-4)`` without
    an error)."""
    model = model_of(result)
    p = np.ascontiguousarray(result.values.to_numpy())
    if model.has_symbolic_gradient:
        grad = np.array(model.gradient(X, p), dtype=np.float64)
    else:
        errors = result.errors.to_numpy()
        steps = np.where(
            errors > 0,
            np.maximum(1e-5 * errors, 1e-15),
            np.minimum(np.maximum(1e-5 * np.abs(p), 1e-15), 1e-4),
        )
        grad = numerical_parameter_gradient(model.evaluator, X, p, steps)
    grad[:, np.array(result.fixed, dtype=bool)] = 0.0
    return grad


def model_sigma(result: FitResult, x: ArrayLike) -> NDArray[np.float64]:
    """``σ_f(x) = √(gᵀ C g)``: the standard deviation of the fitted model at each point."""
    X = points(model_of(result), x)
    return _sigma(result, X)


def _sigma(result: FitResult, X: NDArray[np.float64]) -> NDArray[np.float64]:
    if result.cov_status < 0 and not np.any(result.covariance):
        raise FitError(
            f"the fit has no covariance ({result.minimizer}, covariance status "
            f"{result.cov_status}); run Hesse (option E) for bands"
        )
    g = parameter_gradient(result, X)
    variance = np.einsum("ij,ij->i", g @ result.covariance, g)  # gᵢᵀ C gᵢ per row
    return np.sqrt(np.clip(variance, 0.0, None))


def _at(result: FitResult, x: ArrayLike | None) -> tuple[Any, NDArray[np.float64]]:
    model = model_of(result)
    if x is None:
        data = result.data
        if data is None or not hasattr(data, "centers"):
            raise FitError("give the points x: this result does not hold binned fit data")
        return model, np.ascontiguousarray(data.centers[:, : model.ndim])
    return model, points(model, x)


def confidence_band(
    result: FitResult, x: ArrayLike | None = None, cl: float = 0.95, *, norm: bool = False
) -> Band:
    """ROOT's confidence interval of the fitted function (``GetConfidenceIntervals``).

    Parameters
    ----------
    result : FitResult
        A fit with a model and a covariance.
    x : array_like, optional
        Points, shape ``(n,)`` for a 1-D model or ``(n, ndim)``; default: the fitted data
        points (bin centres).
    cl : float
        Probability content (ROOT's default 0.95).
    norm : bool
        ROOT's ``norm``: Student's t with ndf times √(χ²/ndf) instead of the normal quantile.

    Returns
    -------
    Band
        ``band.error`` is ROOT's ``ci`` array.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.intervals import confidence_band
    >>> g = rf.Graph([1.0, 2, 3, 4], [2.1, 3.9, 6.2, 7.8], yerr=[0.2] * 4)
    >>> band = confidence_band(rf.fit(g, "pol1"), [2.5], cl=0.683)
    >>> round(float(band.value[0]), 3), round(float(band.error[0]), 4)
    (5.0, 0.1001)
    """
    model, X = _at(result, x)
    if norm and result.normalized_errors:
        warn(
            "the fit's errors are already scaled by √(χ²/ndf); norm=True scales the band again "
            "(ROOT's formula)",
            FitWarning,
        )
    k = band_factor(result, cl, norm)
    value = model.evaluator(X, np.ascontiguousarray(result.values.to_numpy()))
    half = k * _sigma(result, X)
    return Band(shaped_like_input(model, X), value, value - half, value + half, float(cl))


def prediction_band(
    result: FitResult, x: ArrayLike, cl: float = 0.95, *, noise: ArrayLike | None = None
) -> Band:
    """Where a new measurement at ``x`` is expected: ``K·√(σ_f² + noise²)``.

    Parameters
    ----------
    result : FitResult
        A least-squares fit.
    x : array_like
        Points.
    cl : float
        Probability content.
    noise : float or array_like, optional
        Standard deviation of the new measurement at each point. Default for a fit whose
        errors were scaled by √(χ²/ndf) (data without errors): the residual standard deviation
        √(χ²/ndf), with Student's t quantile for ndf (the classical regression prediction
        interval); otherwise it must be given (the data's own errors say nothing about a new
        point).
    """
    model, X = _at(result, x)
    p = 0.5 * (1.0 + _check_cl(cl))
    if noise is None:
        if not (result.normalized_errors and result.ndf > 0):
            raise FitOptionError(
                "give noise= (the standard deviation of a new measurement): this fit used the "
                "data's errors, which do not describe a new point"
            )
        sd = np.full(X.shape[0], math.sqrt(result.chi2 / result.ndf))
        k = _t_quantile(p, result.ndf)
    else:
        sd = np.broadcast_to(np.asarray(noise, dtype=np.float64), (X.shape[0],))
        if not np.all(np.isfinite(sd)) or np.any(sd < 0):
            raise FitOptionError("noise must be finite and non-negative")
        k = float(special.ndtri(p))
    value = model.evaluator(X, np.ascontiguousarray(result.values.to_numpy()))
    half = k * np.sqrt(_sigma(result, X) ** 2 + sd**2)
    return Band(
        shaped_like_input(model, X), value, value - half, value + half, float(cl), "prediction"
    )


def bootstrap_band(
    result: FitResult,
    x: ArrayLike,
    rng: np.random.Generator,
    *,
    cl: float = 0.95,
    size: int = 200,
    method: Literal["data", "parameters"] = "data",
    minimizer: MinimizerOptions | None = None,
) -> Band:
    """A band from the spread of the model over bootstrap replicas (central ``cl`` interval
    of the replicas at each point).

    Parameters
    ----------
    result : FitResult
        The fit (with its cost for ``method="data"``).
    x : array_like
        Points.
    rng : numpy.random.Generator
        The source of randomness (explicit: the band is reproducible).
    cl : float
        Probability content.
    size : int
        Number of replicas.
    method : {"data", "parameters"}
        ``"data"``: a parametric bootstrap — data simulated from the fitted model (Gaussian
        with the data errors for χ², scaled by √(χ²/ndf) when the fit scaled its errors;
        Poisson for likelihoods), refitted from the best fit with the same limits and fixed
        parameters. ``"parameters"``: parameters drawn from the Gaussian of the covariance.
    minimizer : MinimizerOptions, optional
        For the refits (default ROOT's Minuit2 / Migrad).

    Returns
    -------
    Band
        ``value`` is the model at the best fit; ``lower``/``upper`` the replica percentiles.
    """
    if not isinstance(rng, np.random.Generator):
        raise FitOptionError("rng must be a numpy.random.Generator (np.random.default_rng(seed))")
    if int(size) < 2:
        raise FitOptionError(f"size must be at least 2, got {size!r}")
    model, X = _at(result, x)
    best = np.ascontiguousarray(result.values.to_numpy())
    if method == "parameters":
        curves = _parameter_replicas(result, model, X, rng, int(size))
    elif method == "data":
        curves = _data_replicas(result, model, X, rng, int(size), minimizer)
    else:
        raise FitOptionError(f"method must be 'data' or 'parameters', got {method!r}")
    q = 0.5 * (1.0 - _check_cl(cl))
    lower, upper = np.quantile(curves, [q, 1.0 - q], axis=0)
    value = model.evaluator(X, best)
    return Band(shaped_like_input(model, X), value, lower, upper, float(cl), "bootstrap")


def _parameter_replicas(
    result: FitResult, model: Any, X: NDArray[np.float64], rng: np.random.Generator, size: int
) -> NDArray[np.float64]:
    best = result.values.to_numpy()
    free = ~np.array(result.fixed, dtype=bool)
    draws = np.tile(best, (size, 1))
    cov = result.covariance[np.ix_(free, free)]
    draws[:, free] = rng.multivariate_normal(best[free], cov, size=size, method="eigh")
    return np.array([model.evaluator(X, np.ascontiguousarray(p)) for p in draws])


def _data_replicas(
    result: FitResult,
    model: Any,
    X: NDArray[np.float64],
    rng: np.random.Generator,
    size: int,
    minimizer: MinimizerOptions | None,
) -> NDArray[np.float64]:
    cost = cost_of(result)
    best = result.values.to_numpy()
    scale = math.sqrt(result.chi2 / result.ndf) if result.normalized_errors else 1.0
    try:
        cost.simulated(best, np.random.default_rng(0), scale)  # the user's rng is not touched
    except FitError as exc:
        raise FitError(f"{exc}; use method='parameters'") from None
    settings = result_settings(result)
    fitter = Fitter(minimizer)
    curves, failed = [], 0
    for _ in range(size):
        replica = cost.simulated(best, rng, scale)
        with warnings.catch_warnings():  # a replica's validity is in its result
            warnings.simplefilter("ignore")
            refit = fitter.fit(replica, settings)
        if not refit.valid:
            failed += 1
            continue
        curves.append(model.evaluator(X, np.ascontiguousarray(refit.values.to_numpy())))
    if failed > size // 10:
        warn(f"{failed} of {size} bootstrap refits did not converge; they are left out", FitWarning)
    if len(curves) < 2:
        raise FitError("fewer than two bootstrap refits converged")
    return np.array(curves)

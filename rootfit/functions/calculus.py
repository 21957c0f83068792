"""Calculus on a :class:`~rootfit.Function`: integrals (closed forms for the predefined gaus,
expo and polN; otherwise 1-D adaptive Gauss–Kronrod or N-D nested quadrature), integral errors from a covariance, moments, extrema, inverse (``GetX``) and random
numbers (ROOT's inverse CDF on a grid of ``npx`` bins).

Integrals use :func:`scipy.integrate.quad` / :func:`scipy.integrate.nquad` on the compiled
evaluator; the parameter gradient of an integral integrates the model's (symbolic) parameter
gradient. Every function takes a :class:`~rootfit.functions.model.Model` and an explicit
parameter array (:class:`~rootfit.Function` passes its own); ``label`` names the function in
error messages.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import FunctionError, RootfitWarning
from rootfit.functions.traits import ClosedIntegral

if TYPE_CHECKING:
    from rootfit.functions.model import Model

__all__ = [
    "closed_form_integral",
    "get_random",
    "get_x",
    "integral",
    "integral_error",
    "integral_gradient",
    "maximum",
    "minimum",
    "moment",
]

Bounds = Sequence[tuple[float, float]]


def _bounds(
    function: Model, lo: float | Sequence[float], hi: float | Sequence[float]
) -> list[tuple[float, float]]:
    lows = np.atleast_1d(np.asarray(lo, dtype=np.float64))
    highs = np.atleast_1d(np.asarray(hi, dtype=np.float64))
    if lows.size != function.ndim or highs.size != function.ndim:
        raise FunctionError(
            f"a {function.ndim}-D integral needs {function.ndim} lower and upper bounds"
        )
    return [(float(a), float(b)) for a, b in zip(lows, highs, strict=True)]


def _integrate(f, bounds: list[tuple[float, float]], epsrel: float) -> float:
    """Adaptive quadrature; warns (RootfitWarning) only when the error estimate is poor."""
    with warnings.catch_warnings():
        from scipy import integrate  # imported when first needed: it costs a cold start

        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        if len(bounds) == 1:
            (a, b) = bounds[0]
            value, error = integrate.quad(f, a, b, epsabs=0.0, epsrel=epsrel, limit=1000)
        else:
            value, error = integrate.nquad(
                f, bounds, opts={"epsabs": 0.0, "epsrel": epsrel, "limit": 200}
            )
    if not np.isfinite(value) or error > max(1e-6 * abs(value), 1e-12):
        warnings.warn(
            f"integral over {bounds} may be inaccurate: {value:.10g} ± {error:.3g} (estimated)",
            RootfitWarning,
            stacklevel=3,
        )
    return float(value)


def closed_form_integral(
    function: Model, a: float, b: float, p: NDArray[np.float64]
) -> float | None:
    """Closed-form integral of a predefined gaus, expo or polN on finite or infinite bounds
    (None when the model has no closed form there)."""
    kind = function.traits.integral
    if kind is ClosedIntegral.GAUS:
        c, mu, sigma = p
        s2 = math.sqrt(2.0) * sigma
        return float(
            c * sigma * math.sqrt(math.pi / 2) * (math.erf((b - mu) / s2) - math.erf((a - mu) / s2))
        )
    if kind is ClosedIntegral.EXPO and p[1] != 0 and math.isfinite(a) and math.isfinite(b):
        c, s = p
        return float((math.exp(c + s * b) - math.exp(c + s * a)) / s)
    if kind is ClosedIntegral.POLYNOMIAL and math.isfinite(a) and math.isfinite(b):
        k = np.arange(p.size)
        return float(np.sum(p * (b ** (k + 1) - a ** (k + 1)) / (k + 1)))
    return None


def integral(
    function: Model,
    lo: float | Sequence[float],
    hi: float | Sequence[float],
    p: NDArray[np.float64],
    *,
    epsrel: float = 1e-10,
) -> float:
    """∫ f over ``[lo, hi]`` (per axis for 2-D/3-D functions; infinite bounds allowed)."""
    bounds = _bounds(function, lo, hi)
    if len(bounds) == 1:
        exact = closed_form_integral(function, bounds[0][0], bounds[0][1], p)
        if exact is not None:
            return exact
    evaluate = function.evaluator

    def f(*x: float) -> float:
        return float(evaluate(np.array([x]), p)[0])

    return _integrate(f, bounds, epsrel)


def integral_gradient(
    function: Model,
    lo: float | Sequence[float],
    hi: float | Sequence[float],
    p: NDArray[np.float64],
    *,
    epsrel: float = 1e-8,
) -> NDArray[np.float64]:
    """``∂/∂p_j ∫ f`` for every parameter (integrals of the parameter gradient)."""
    bounds = _bounds(function, lo, hi)
    out = np.empty(function.npar)
    for j in range(function.npar):

        def g(*x: float, j: int = j) -> float:
            return float(function.gradient(np.array([x]), p)[0, j])

        out[j] = _integrate(g, bounds, epsrel)
    return out


def integral_error(
    function: Model,
    lo: float | Sequence[float],
    hi: float | Sequence[float],
    covariance: ArrayLike,
    p: NDArray[np.float64],
) -> float:
    """Error of ∫ f from the parameter covariance: ``sqrt(gᵀ C g)``, ``g = ∂I/∂p`` (ROOT's
    ``TF1::IntegralError``)."""
    cov = np.asarray(covariance, dtype=np.float64)
    if cov.shape != (function.npar, function.npar):
        raise FunctionError(f"covariance must be {function.npar}x{function.npar}, got {cov.shape}")
    g = integral_gradient(function, lo, hi, p)
    return float(np.sqrt(max(float(g @ cov @ g), 0.0)))


def moment(
    function: Model,
    n: int,
    lo: float,
    hi: float,
    p: NDArray[np.float64],
    *,
    central: bool = False,
    label: str | None = None,
) -> float:
    """``∫ xⁿ f / ∫ f`` on ``[lo, hi]`` (1-D); ``central=True`` uses ``(x - mean)ⁿ``."""
    if function.ndim != 1:
        raise FunctionError("moments are defined for 1-D functions")
    evaluate = function.evaluator
    norm = integral(function, lo, hi, p)
    if norm == 0:
        raise FunctionError(f"the integral of {label or function.name!r} on [{lo}, {hi}] is 0")
    shift = moment(function, 1, lo, hi, p) if central else 0.0

    def f(x: float) -> float:
        return float((x - shift) ** n * evaluate(np.array([[x]]), p)[0])

    return _integrate(f, [(lo, hi)], 1e-10) / norm


def _extremum(
    function: Model, lo: float, hi: float, p: NDArray[np.float64], sign: float, npx: int
) -> tuple[float, float]:
    if function.ndim != 1:
        raise FunctionError("extrema are searched for 1-D functions")
    grid = np.linspace(lo, hi, npx + 1)
    values = sign * function.evaluator(grid.reshape(-1, 1), p)
    i = int(np.nanargmin(values))
    a, b = grid[max(i - 1, 0)], grid[min(i + 1, npx)]

    def f(x: float) -> float:
        return float(sign * function.evaluator(np.array([[x]]), p)[0])

    from scipy import optimize

    res = optimize.minimize_scalar(
        f, bounds=(a, b), method="bounded", options={"xatol": 1e-10 * max(1.0, abs(b))}
    )
    best_x, best = (
        (float(res.x), float(res.fun))
        if res.fun <= values[i]
        else (float(grid[i]), float(values[i]))
    )
    return best_x, sign * best


def maximum(
    function: Model, lo: float, hi: float, p: NDArray[np.float64], *, npx: int = 100
) -> tuple[float, float]:
    """``(x, f(x))`` of the maximum on ``[lo, hi]`` (grid of ``npx`` then Brent, as ROOT)."""
    return _extremum(function, lo, hi, p, -1.0, npx)


def minimum(
    function: Model, lo: float, hi: float, p: NDArray[np.float64], *, npx: int = 100
) -> tuple[float, float]:
    """``(x, f(x))`` of the minimum on ``[lo, hi]``."""
    return _extremum(function, lo, hi, p, 1.0, npx)


def get_x(
    function: Model,
    y: float,
    lo: float,
    hi: float,
    p: NDArray[np.float64],
    *,
    npx: int = 100,
    label: str | None = None,
) -> float:
    """The first ``x`` in ``[lo, hi]`` with ``f(x) = y`` (grid scan then Brent; ROOT's GetX).

    Raises
    ------
    FunctionError
        If ``f - y`` does not change sign on the grid.
    """
    if function.ndim != 1:
        raise FunctionError("get_x is defined for 1-D functions")
    grid = np.linspace(lo, hi, npx + 1)
    d = function.evaluator(grid.reshape(-1, 1), p) - y
    exact = np.flatnonzero(d == 0)
    change = np.flatnonzero(np.sign(d[:-1]) * np.sign(d[1:]) < 0)
    if exact.size and (not change.size or exact[0] <= change[0]):
        return float(grid[exact[0]])
    if not change.size:
        raise FunctionError(f"{label or function.name!r} does not reach {y} on [{lo}, {hi}]")
    i = int(change[0])

    def f(x: float) -> float:
        return float(function.evaluator(np.array([[x]]), p)[0] - y)

    from scipy import optimize

    return float(optimize.brentq(f, grid[i], grid[i + 1], xtol=1e-14, rtol=1e-14))


def get_random(
    function: Model,
    rng: np.random.Generator,
    lo: float,
    hi: float,
    size: int | None,
    p: NDArray[np.float64],
    *,
    npx: int = 100,
    label: str | None = None,
) -> float | NDArray[np.float64]:
    """Random numbers distributed as ``f`` on ``[lo, hi]`` (ROOT's ``GetRandom``): the integral
    of each of ``npx`` bins is computed, a uniform number picks a bin by the cumulative
    integral, and the position inside the bin inverts the bin's linear cumulative.

    Parameters
    ----------
    rng : numpy.random.Generator
        The random source (always explicit).
    size : int, optional
        Number of values (None: one float).
    """
    if function.ndim != 1:
        raise FunctionError("get_random is defined for 1-D functions")
    if not isinstance(rng, np.random.Generator):
        raise FunctionError(
            "rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed))"
        )
    edges = np.linspace(lo, hi, npx + 1)
    nodes, weights = np.polynomial.legendre.leggauss(8)
    half = 0.5 * (edges[1:] - edges[:-1])
    mid = 0.5 * (edges[1:] + edges[:-1])
    xs = (mid[:, None] + half[:, None] * nodes[None, :]).reshape(-1, 1)
    fx = function.evaluator(np.ascontiguousarray(xs), p).reshape(npx, -1)
    if np.any(fx < 0):
        raise FunctionError(
            f"{label or function.name!r} is negative on [{lo}, {hi}]; cannot sample it"
        )
    bins = half * (fx @ weights)
    cumulative = np.concatenate([[0.0], np.cumsum(bins)])
    if cumulative[-1] <= 0:
        raise FunctionError(f"the integral of {label or function.name!r} on [{lo}, {hi}] is 0")
    cumulative /= cumulative[-1]
    u = rng.random(1 if size is None else size)
    values = np.interp(u, cumulative, edges)
    return float(values[0]) if size is None else values

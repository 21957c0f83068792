"""What the interval tools return: frozen snapshots, like :class:`~rootfit.FitResult`.

:mod:`rootfit.intervals` computes them (from a result and its cost); these classes only hold
and interpret the numbers: a :class:`Band` (confidence, prediction or bootstrap band of the
model), a :class:`Profile` (the statistic along one parameter, scanned or profiled), a
:class:`Contour` (a closed curve in two parameters), a :class:`Surface` (the statistic on a
2-D grid, with TS and significance), a :class:`MinosError` (an asymmetric interval with
Minos's flags) and a :class:`Trace` (every point a minimizer evaluated).

Levels are given as ``cl`` (a probability) or ``sigma`` (a number of standard deviations),
never both; :func:`delta_statistic` turns either into the change of the statistic that
bounds the region, with the cost's ``errordef`` (1 for χ², 0.5 for −log L).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FitOptionError

__all__ = [
    "Band",
    "Contour",
    "MinosError",
    "ParameterIntervals",
    "Profile",
    "Surface",
    "Trace",
    "delta_statistic",
    "level_probability",
]


def level_probability(cl: float | None = None, sigma: float | None = None) -> float:
    """The probability content of a level given as ``cl`` or as ``sigma`` (the two-sided
    normal content ``erf(sigma/√2)``: 0.6827 for 1σ); default 1σ.

    Raises
    ------
    FitOptionError
        Both given, ``cl`` outside (0, 1), or ``sigma`` not positive.
    """
    if cl is not None and sigma is not None:
        raise FitOptionError("give the level as cl= (a probability) or sigma=, not both")
    if cl is not None:
        if not 0.0 < float(cl) < 1.0:
            raise FitOptionError(
                f"cl is a probability in (0, 1), got {cl!r}; use sigma= for a number of sigmas"
            )
        return float(cl)
    s = 1.0 if sigma is None else float(sigma)
    if not s > 0.0 or not math.isfinite(s):
        raise FitOptionError(f"sigma must be a positive number, got {sigma!r}")
    return float(math.erf(s / math.sqrt(2.0)))


def delta_statistic(
    errordef: float, cl: float | None = None, sigma: float | None = None, ndof: int = 1
) -> float:
    """Change of the statistic that bounds a region of ``ndof`` parameters at a level:
    ``errordef · χ²_quantile(p, ndof)`` with ``p`` from :func:`level_probability` (1σ in one
    parameter: Δχ² = 1, Δ(−log L) = 0.5; ROOT's 2-D contour at cl = 0.683: 2.30·errordef)."""
    p = level_probability(cl, sigma)
    from scipy import stats  # imported when first needed: it costs a cold start

    return float(errordef * stats.chi2.ppf(p, ndof))


def _readonly(*arrays: NDArray[Any]) -> None:
    for a in arrays:
        a.flags.writeable = False


def _equal(a: Any, b: Any) -> bool:
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            if not np.array_equal(np.asarray(x), np.asarray(y), equal_nan=True):
                return False
        elif x != y and not (isinstance(x, float) and math.isnan(x) and math.isnan(y)):
            return False
    return True


class _Snapshot:
    """Array fields read-only, equality field by field (NaN equal to NaN)."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return _equal(self, other)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class Band(_Snapshot):
    """A band of the model: its value and lower/upper edges at points.

    Attributes
    ----------
    x : ndarray
        The points, shape ``(n,)`` for a 1-D model, ``(n, ndim)`` otherwise.
    value : ndarray
        The fitted model at the points.
    lower, upper : ndarray
        The edges of the band.
    cl : float
        Its probability content.
    kind : str
        ``"confidence"`` (of the fitted curve), ``"prediction"`` (of a new measurement) or
        ``"bootstrap"`` (percentiles of refitted curves).
    """

    x: NDArray[np.float64]
    value: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    cl: float
    kind: str = "confidence"

    def __post_init__(self) -> None:
        _readonly(self.x, self.value, self.lower, self.upper)

    @property
    def error(self) -> NDArray[np.float64]:
        """Half width ``(upper - lower) / 2`` (ROOT's ``ci`` for symmetric bands)."""
        return np.asarray(0.5 * (self.upper - self.lower))

    def __len__(self) -> int:
        return int(self.value.shape[0])


@dataclass(frozen=True, eq=False)
class Profile(_Snapshot):
    """The statistic along one parameter.

    Attributes
    ----------
    parameter : str
        The parameter moved.
    values : ndarray
        Its values, ascending.
    statistic : ndarray
        The cost at each value (the other parameters at the best fit, or re-minimised).
    minimum : float
        The cost at the best fit (the reference of :attr:`delta`).
    best : float
        The best-fit value of the parameter.
    errordef : float
        The cost's error definition (1 for χ², 0.5 for −log L).
    reoptimized : bool
        The other free parameters were re-minimised at each value (a profile), or held at the
        best fit (a scan).
    others : ndarray or None
        With ``reoptimized``: every parameter at each value, shape ``(n, npar)``.
    valid : ndarray of bool
        Per value: the re-minimisation converged (all True for a scan).
    """

    parameter: str
    values: NDArray[np.float64]
    statistic: NDArray[np.float64]
    minimum: float
    best: float
    errordef: float
    reoptimized: bool
    others: NDArray[np.float64] | None = None
    valid: NDArray[np.bool_] = field(default_factory=lambda: np.ones(0, dtype=bool))

    def __post_init__(self) -> None:
        if self.valid.size != self.values.size:
            object.__setattr__(self, "valid", np.ones(self.values.size, dtype=bool))
        _readonly(self.values, self.statistic, self.valid)
        if self.others is not None:
            _readonly(self.others)

    @property
    def delta(self) -> NDArray[np.float64]:
        """``statistic - minimum``."""
        return np.asarray(self.statistic - self.minimum)

    @property
    def ts(self) -> NDArray[np.float64]:
        """Test statistic ``delta / errordef`` (Δχ², or −2Δlog L)."""
        return np.asarray(self.delta / self.errordef)

    def interval(self, cl: float | None = None, sigma: float | None = None) -> tuple[float, float]:
        """The interval where :attr:`delta` stays below the level (1σ by default), by linear
        interpolation between the points around each crossing; a side where the profile never
        crosses is ``-inf`` / ``+inf``."""
        level = delta_statistic(self.errordef, cl, sigma)
        x, d = self.values, self.delta
        i = int(np.argmin(np.where(np.isfinite(d), d, np.inf)))
        return (
            _crossing(x[: i + 1][::-1], d[: i + 1][::-1], level, -math.inf),
            _crossing(x[i:], d[i:], level, math.inf),
        )

    def __len__(self) -> int:
        return int(self.values.size)


def _crossing(x: NDArray[np.float64], d: NDArray[np.float64], level: float, far: float) -> float:
    """First place, walking from ``x[0]`` outwards, where ``d`` reaches ``level``."""
    above = np.nonzero(d >= level)[0]
    if above.size == 0:
        return far
    k = int(above[0])
    if k == 0:
        return float(x[0])
    x0, x1, d0, d1 = x[k - 1], x[k], d[k - 1], d[k]
    return float(x0 + (level - d0) * (x1 - x0) / (d1 - d0))


@dataclass(frozen=True, eq=False)
class Contour(_Snapshot):
    """A closed curve of two parameters where the (profiled) statistic is ``minimum + delta``.

    Attributes
    ----------
    parameters : (str, str)
        The two parameters (x, y).
    points : ndarray
        Shape ``(n, 2)``, in order around the curve (not repeated at the end).
    cl : float
        Probability content of the 2-D region.
    delta : float
        Change of the statistic on the curve.
    valid : bool
        Every point was found.
    """

    parameters: tuple[str, str]
    points: NDArray[np.float64]
    cl: float
    delta: float
    valid: bool = True

    def __post_init__(self) -> None:
        _readonly(self.points)

    @property
    def x(self) -> NDArray[np.float64]:
        """First coordinate of the points."""
        return np.asarray(self.points[:, 0])

    @property
    def y(self) -> NDArray[np.float64]:
        """Second coordinate of the points."""
        return np.asarray(self.points[:, 1])

    def closed(self) -> NDArray[np.float64]:
        """The points with the first repeated at the end (for drawing)."""
        return np.vstack([self.points, self.points[:1]])

    def __len__(self) -> int:
        return int(self.points.shape[0])


@dataclass(frozen=True, eq=False)
class Surface(_Snapshot):
    """The statistic on a grid of two parameters.

    Attributes
    ----------
    parameters : (str, str)
        The two parameters.
    x, y : ndarray
        Grid values of each.
    statistic : ndarray
        Shape ``(len(x), len(y))``.
    minimum : float
        The statistic at the best fit.
    errordef : float
        The cost's error definition.
    reoptimized : bool
        The other parameters were re-minimised at every grid point.
    valid : ndarray of bool
        Per grid point: the re-minimisation converged.
    """

    parameters: tuple[str, str]
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    statistic: NDArray[np.float64]
    minimum: float
    errordef: float
    reoptimized: bool
    valid: NDArray[np.bool_]

    def __post_init__(self) -> None:
        _readonly(self.x, self.y, self.statistic, self.valid)

    @property
    def delta(self) -> NDArray[np.float64]:
        """``statistic - minimum``."""
        return np.asarray(self.statistic - self.minimum)

    @property
    def ts(self) -> NDArray[np.float64]:
        """Test statistic ``delta / errordef`` of the point against the best fit."""
        return np.asarray(np.clip(self.delta / self.errordef, 0.0, None))

    @property
    def significance(self) -> NDArray[np.float64]:
        """The two-sided normal significance of the TS with 2 degrees of freedom (the
        grid point as a joint hypothesis of both parameters)."""
        from scipy import stats

        p = stats.chi2.sf(self.ts, 2)
        return np.asarray(stats.norm.isf(p / 2.0))

    def levels(
        self, sigmas: Sequence[float] = (1.0, 2.0, 3.0), cl: Sequence[float] | None = None
    ) -> NDArray[np.float64]:
        """Δstatistic of the 2-D regions at the given sigmas (or probabilities ``cl``), for
        drawing contours of :attr:`delta`."""
        if cl is not None:
            return np.array([delta_statistic(self.errordef, cl=c, ndof=2) for c in cl])
        return np.array([delta_statistic(self.errordef, sigma=s, ndof=2) for s in sigmas])


@dataclass(frozen=True)
class MinosError:
    """An asymmetric (profile-likelihood) interval of one parameter, as Minos reports it.

    Attributes
    ----------
    name : str
        The parameter.
    lower, upper : float
        Errors: ``lower`` ≤ 0 ≤ ``upper``, relative to the best-fit value.
    cl : float
        Probability content (0.6827 for 1σ).
    lower_valid, upper_valid : bool
        Each side was found.
    at_limit : bool
        A side stopped at a parameter limit.
    at_call_limit : bool
        A side ran out of function calls.
    new_minimum : bool
        A lower minimum turned up on the way (the fit was not at its minimum).
    """

    name: str
    lower: float
    upper: float
    cl: float
    lower_valid: bool = True
    upper_valid: bool = True
    at_limit: bool = False
    at_call_limit: bool = False
    new_minimum: bool = False

    @property
    def valid(self) -> bool:
        """Both sides were found."""
        return self.lower_valid and self.upper_valid

    @property
    def status_bits(self) -> int:
        """ROOT's Minos bits (1 lower invalid, 2 upper invalid, 4 call limit, 8 new minimum,
        16 at a limit)."""
        return (
            (0 if self.lower_valid else 1)
            | (0 if self.upper_valid else 2)
            | (4 if self.at_call_limit else 0)
            | (8 if self.new_minimum else 0)
            | (16 if self.at_limit else 0)
        )


@dataclass(frozen=True, eq=False)
class Trace(_Snapshot):
    """Every point a minimizer evaluated, in order (Gammapy's ``trace`` table).

    Attributes
    ----------
    parameter_names : tuple of str
    parameters : ndarray
        Shape ``(ncalls, npar)``.
    statistic : ndarray
        The cost at each.
    """

    parameter_names: tuple[str, ...]
    parameters: NDArray[np.float64]
    statistic: NDArray[np.float64]

    def __post_init__(self) -> None:
        _readonly(self.parameters, self.statistic)

    def __len__(self) -> int:
        return int(self.statistic.size)

    def __getitem__(self, name: str) -> NDArray[np.float64]:
        """The values of one parameter along the trace."""
        return np.asarray(self.parameters[:, self.parameter_names.index(name)])


@dataclass(frozen=True, eq=False)
class ParameterIntervals(_Snapshot):
    """Intervals of several parameters from one method (Sherpa's ``get_covar_results`` /
    ``get_conf_results``).

    Attributes
    ----------
    method : str
        ``"covar"``, ``"conf"``, ``"minos"``...
    parameter_names : tuple of str
    values : ndarray
        Best-fit values.
    lower, upper : ndarray
        Errors (``lower`` ≤ 0 ≤ ``upper``); ``±inf`` where a side was not bounded.
    sigma : float
        The level in sigmas.
    cl : float
        Its probability (0.6827 for 1σ).
    """

    method: str
    parameter_names: tuple[str, ...]
    values: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    sigma: float
    cl: float

    def __post_init__(self) -> None:
        _readonly(self.values, self.lower, self.upper)

    def __getitem__(self, name: str) -> tuple[float, float]:
        """``(lower, upper)`` errors of one parameter."""
        i = self.parameter_names.index(name)
        return float(self.lower[i]), float(self.upper[i])

    def __len__(self) -> int:
        return len(self.parameter_names)

    def __str__(self) -> str:
        head = f"{self.method}: {self.sigma:g} sigma ({100 * self.cl:.4g}%) bounds"
        rows = [f"{'Param':<20}{'Best-Fit':>14}{'Lower':>14}{'Upper':>14}"]
        for n, v, lo, hi in zip(
            self.parameter_names, self.values, self.lower, self.upper, strict=True
        ):
            rows.append(f"{n:<20}{v:>14.6g}{lo:>14.6g}{hi:>14.6g}")
        return "\n".join([head, *rows])

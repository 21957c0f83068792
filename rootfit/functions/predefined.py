"""ROOT's predefined functions (``gaus``, ``gausn``, ``landau[n]``, ``expo``, ``crystalball[n]``,
``breitwigner``, ``pol0..9``, ``chebyshev0..9``, ``xygaus``, ``bigaus``, ``xyzgaus``,
``xylandau``, ``xyexpo``) and their automatic start values (``TF1::InitGaus`` / ``InitExpo``,
spec §6.1): InitGaus serves ``gaus``, ``gausn`` and ``landau`` (number 100 and 400)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from rootfit.functions.shortcuts import predefined_formula_text
from rootfit.functions.state import ParameterState
from rootfit.functions.traits import ClosedIntegral, ModelTraits, StartRule

__all__ = [
    "PREDEFINED",
    "Predefined",
    "apply_start_rule",
    "init_2d_gaus",
    "init_expo",
    "init_gaus",
    "lookup_predefined",
]

_POL = re.compile(r"pol(\d)$")


@dataclass(frozen=True)
class Predefined:
    """A predefined function.

    Attributes
    ----------
    name : str
        ``"gaus"``, ``"pol3"``...
    formula : str
        Equivalent formula text.
    parameter_names : tuple of str
        ROOT's parameter names.
    defaults : tuple of float
        Parameter values of ROOT's global function object.
    traits : ModelTraits
        Start-value rule, closed-form integral, linearity, ROOT's number.
    """

    name: str
    formula: str
    parameter_names: tuple[str, ...]
    defaults: tuple[float, ...]
    traits: ModelTraits = field(default_factory=ModelTraits)


def _traits(number: int, start_rule: StartRule = StartRule.NONE, **more: object) -> ModelTraits:
    return ModelTraits(start_rule=start_rule, root_number=number, **more)  # type: ignore[arg-type]


def _catalogue() -> dict[str, Predefined]:
    gaus, expo, gaus2d = StartRule.GAUS, StartRule.EXPO, StartRule.GAUS_2D
    entries: list[tuple[str, tuple[str, ...], tuple[float, ...], ModelTraits]] = [
        ("gaus", ("Constant", "Mean", "Sigma"), (1.0, 0.0, 1.0),
         _traits(100, gaus, integral=ClosedIntegral.GAUS)),
        ("gausn", ("Constant", "Mean", "Sigma"), (1.0, 0.0, 1.0), _traits(100, gaus)),
        ("expo", ("Constant", "Slope"), (1.0, 1.0), _traits(200, expo, integral=ClosedIntegral.EXPO)),
        ("landau", ("Constant", "MPV", "Sigma"), (1.0, 0.0, 1.0), _traits(400, gaus)),
        ("landaun", ("Constant", "MPV", "Sigma"), (1.0, 0.0, 1.0), _traits(400, gaus)),
        ("crystalball", ("Constant", "Mean", "Sigma", "Alpha", "N"), (1.0, 0.0, 1.0, 1.0, 2.0),
         _traits(500)),
        ("crystalballn", ("Constant", "Mean", "Sigma", "Alpha", "N"), (1.0, 0.0, 1.0, 1.0, 2.0),
         _traits(500)),
        ("breitwigner", ("p0", "p1", "p2"), (1.0, 0.0, 1.0), _traits(0)),
        ("xygaus", ("Constant", "MeanX", "SigmaX", "MeanY", "SigmaY"), (1.0, 0.0, 1.0, 0.0, 1.0),
         _traits(110, gaus2d)),
        ("bigaus", ("Constant", "MeanX", "SigmaX", "MeanY", "SigmaY", "Rho"),
         (1.0, 0.0, 1.0, 0.0, 1.0, 0.0), _traits(112, gaus2d)),
        ("xyzgaus", ("Constant", "MeanX", "SigmaX", "MeanY", "SigmaY", "MeanZ", "SigmaZ"),
         (1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0), _traits(120)),
        ("xylandau", ("p0", "p1", "p2", "p3", "p4"), (1.0, 0.0, 1.0, 0.0, 1.0), _traits(410, gaus2d)),
        ("xyexpo", ("p0", "p1", "p2"), (1.0, 1.0, 1.0), _traits(210)),
    ]  # fmt: skip
    for degree in range(10):
        names = tuple(f"p{i}" for i in range(degree + 1))
        entries.append((f"chebyshev{degree}", names, (1.0,) * (degree + 1), _traits(0)))
        polynomial = _traits(
            300 + degree, integral=ClosedIntegral.POLYNOMIAL, linear=True, constant=degree == 0
        )
        entries.append((f"pol{degree}", names, (1.0,) * (degree + 1), polynomial))
    return {
        name: Predefined(name, predefined_formula_text(name) or "", names, defaults, traits)
        for name, names, defaults, traits in entries
    }


#: name -> :class:`Predefined`
PREDEFINED: dict[str, Predefined] = _catalogue()


def lookup_predefined(name: str) -> Predefined | None:
    """The predefined function called ``name`` (surrounding blanks ignored), or None."""
    return PREDEFINED.get(name.strip())


def init_gaus(
    x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[NDArray[np.float64], tuple[float, float]] | None:
    """ROOT's ``InitGaus`` on fit points.

    Parameters
    ----------
    x, y : ndarray
        Coordinates and values of the points that will be fitted (in fit order).

    Returns
    -------
    (values, sigma_limits) or None
        ``(Constant, Mean, Sigma)`` start values and the automatic ``(0, 10·rms)`` limits of
        Sigma; None when there is nothing to initialise from (no points or Σy <= 0).
    """
    n = x.size
    if n == 0:
        return None
    allcha = float(np.sum(y))
    if allcha <= 0:
        return None
    sumx = float(np.sum(y * x))
    sumx2 = float(np.sum(y * x * x))
    valmax = float(np.max(y))
    binwidth = float(x[-1] - x[0]) if n > 1 else 0.0
    if binwidth <= 0:
        binwidth = 1.0
    if n > 1:  # the smallest spacing of consecutive points, if smaller
        binwidth = min(binwidth, float(np.min(np.diff(x))))
    mean = sumx / allcha
    rms2 = sumx2 / allcha - mean * mean
    rms = math.sqrt(rms2) if rms2 > 0 else binwidth * n / 4
    sqrtpi = 2.506628
    constant = 0.5 * (valmax + binwidth * allcha / (sqrtpi * rms))
    return np.array([constant, mean, rms]), (0.0, 10 * rms)


def init_expo(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """ROOT's ``InitExpo``: the line through the (log) values at the smallest and largest x.

    Returns ``(Constant, Slope)`` or None when there are fewer than two distinct x values.
    """
    if x.size == 0:
        return None
    i_min, i_max = int(np.argmin(x)), int(np.argmax(x))
    xmin, xmax = float(x[i_min]), float(x[i_max])
    if xmax <= xmin:
        return None
    vmin, vmax = float(y[i_min]), float(y[i_max])
    if vmin <= 0 and vmax <= 0:
        vmin = vmax = 1.0
    elif vmin <= 0:
        vmin = vmax
    elif vmax <= 0:
        vmax = vmin
    slope = math.log(vmax / vmin) / (xmax - xmin)
    constant = math.log(vmin) - slope * xmin
    return np.array([constant, slope])


def _binwidth(coordinate: NDArray[np.float64]) -> float:
    """ROOT's bin-width guess: the smallest consecutive difference (no absolute value, as ROOT),
    starting from the total span."""
    width = float(coordinate[-1] - coordinate[0])
    if coordinate.size > 1:
        width = min(width, float(np.min(np.diff(coordinate))))
    return width


def init_2d_gaus(
    x: NDArray[np.float64], y: NDArray[np.float64], values: NDArray[np.float64]
) -> tuple[NDArray[np.float64], tuple[float, float], tuple[float, float]] | None:
    """ROOT's ``Init2DGaus`` (xygaus, bigaus, xylandau) on fit points in x-major order.

    Returns ``(Constant, MeanX, SigmaX, MeanY, SigmaY)`` and the ``(0, 10·rms)`` limits of SigmaX
    and SigmaY, or None when Σ values <= 0. ROOT's bin-width guess takes consecutive differences
    without absolute value, so for ordinary 2-D histograms the x width is 0 and the y width
    negative, which makes the Constant negative — reproduced on purpose (ROOT 6.40 behaviour).
    """
    total = float(np.sum(values))
    if x.size == 0 or total <= 0:
        return None
    mean_x, mean_y = float(np.sum(values * x)) / total, float(np.sum(values * y)) / total
    rms_x = float(np.sqrt(max(float(np.sum(values * x * x)) / total - mean_x**2, 0.0)))
    rms_y = float(np.sqrt(max(float(np.sum(values * y * y)) / total - mean_y**2, 0.0)))
    bw_x, bw_y = _binwidth(x), _binwidth(y)
    n = x.size
    rms_x = rms_x if rms_x > 0 else abs(bw_x) * n / 4 or 1.0
    rms_y = rms_y if rms_y > 0 else abs(bw_y) * n / 4 or 1.0
    vmax = float(np.max(values))
    sqrtpi = 2.506628
    constant = (
        0.5 * (vmax + bw_x * total / (sqrtpi * rms_x)) * (vmax + bw_y * total / (sqrtpi * rms_y))
    )
    return np.array([constant, mean_x, rms_x, mean_y, rms_y]), (0.0, 10 * rms_x), (0.0, 10 * rms_y)


def apply_start_rule(
    rule: StartRule,
    state: ParameterState,
    coords: NDArray[np.float64],
    values: NDArray[np.float64],
) -> ParameterState:
    """The state after ROOT's automatic start values (spec §6.1) computed on fit points.

    Parameters
    ----------
    rule : StartRule
        The model's rule.
    state : ParameterState
        The state before (returned unchanged when the rule does not apply or finds nothing
        to start from).
    coords : ndarray, shape (n, ndim)
        Coordinates of the points that will be fitted, in fit order.
    values : ndarray, shape (n,)
        Their values.
    """
    x = coords[:, 0]
    if rule is StartRule.GAUS_2D:
        init2 = init_2d_gaus(x, coords[:, 1], values) if coords.shape[1] >= 2 else None
        if init2 is None:
            return state
        start, limits_x, limits_y = init2
        state = state.replace(values=np.concatenate([start, state.values[5:]]))
        return state.with_limits(2, *limits_x).with_limits(4, *limits_y)
    if rule is StartRule.GAUS:  # the compiled twin of init_gaus, bit for bit
        from rootfit.kernels.starts import gaus_starts  # numba: not at import rootfit

        starts, found = gaus_starts(
            np.ascontiguousarray(x, dtype=np.float64),
            np.ascontiguousarray(values, dtype=np.float64),
            np.array([0, x.size], dtype=np.intp),
        )
        if not found[0]:
            return state
        start = starts[0]
        return state.replace(values=start).with_limits(2, 0.0, 10 * float(start[2]))
    if rule is StartRule.EXPO:
        expo = init_expo(x, values)
        return state if expo is None else state.replace(values=expo)
    return state

"""Sherpa's error-analysis commands on a rootfit result.

==============  ==================================================================  ===========
Sherpa          what it computes                                                    rootfit
==============  ==================================================================  ===========
``covar``       ``±sigma·√C_ii`` from the covariance at the best fit                :func:`covar`
``conf``        profile intervals: Δstat = errordef·sigma², the others re-fitted    :func:`conf`
``int_proj``    the statistic along one parameter, the others re-fitted             :func:`int_proj`
``int_unc``     the same with the others held at the best fit                       :func:`int_unc`
``reg_proj``    the statistic on a 2-D grid, the others re-fitted, with contour     :func:`reg_proj`
                levels at 1, 2, 3 sigma
``reg_unc``     the same with the others held                                       :func:`reg_unc`
==============  ==================================================================  ===========

Sherpa's sigma ↔ Δstatistic rules are the cost's ``errordef``: for χ² statistics and Cash
(``2·(−log L)``) one parameter at ``sigma`` is ``Δ = sigma²``, for ``−log L`` it is
``sigma²/2``; a 2-D region at ``sigma`` has the probability of ±sigma in one dimension, its
Δ is ``errordef·χ²₂`` of that probability (2.30, 6.18, 11.8 for 1, 2, 3σ with χ²).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from rootfit.intervals._common import index_of
from rootfit.intervals.contours import surface
from rootfit.intervals.profiles import profile, profile_interval
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult
from rootfit.result.intervals import ParameterIntervals, Profile, Surface, level_probability

__all__ = ["conf", "covar", "int_proj", "int_unc", "reg_proj", "reg_unc"]


def _chosen(result: FitResult, parameters: Sequence[int | str] | None) -> list[int]:
    if parameters is None:
        return [i for i, fixed in enumerate(result.fixed) if not fixed]
    return [index_of(result, p) for p in parameters]


def covar(
    result: FitResult, parameters: Sequence[int | str] | None = None, *, sigma: float = 1.0
) -> ParameterIntervals:
    """Sherpa's ``covar``: symmetric errors ``±sigma·√C_ii`` from the result's covariance (the
    curvature at the best fit, correlations included; nothing is re-fitted)."""
    chosen = _chosen(result, parameters)
    errors = np.array([math.sqrt(max(result.covariance[i, i], 0.0)) for i in chosen]) * sigma
    return ParameterIntervals(
        "covar",
        tuple(result.parameter_names[i] for i in chosen),
        np.array([result.values[i] for i in chosen]),
        -errors,
        errors.copy(),
        float(sigma),
        level_probability(sigma=sigma),
    )


def conf(
    result: FitResult,
    parameters: Sequence[int | str] | None = None,
    *,
    sigma: float = 1.0,
    minimizer: MinimizerOptions | None = None,
) -> ParameterIntervals:
    """Sherpa's ``conf``: for each parameter the interval where the statistic, re-minimised
    over all the other free parameters, rises by ``errordef·sigma²`` (equal to Minos)."""
    chosen = _chosen(result, parameters)
    values = np.array([result.values[i] for i in chosen])
    lower, upper = np.empty(len(chosen)), np.empty(len(chosen))
    for k, i in enumerate(chosen):
        lo, hi = profile_interval(result, i, sigma=sigma, minimizer=minimizer)
        lower[k], upper[k] = lo - values[k], hi - values[k]
    return ParameterIntervals(
        "conf",
        tuple(result.parameter_names[i] for i in chosen),
        values,
        lower,
        upper,
        float(sigma),
        level_probability(sigma=sigma),
    )


def int_proj(
    result: FitResult,
    parameter: int | str,
    values: ArrayLike | None = None,
    *,
    nloop: int = 20,
    minimizer: MinimizerOptions | None = None,
) -> Profile:
    """Sherpa's ``int_proj``: the statistic along ``parameter`` (``nloop`` values over ±3σ
    unless given), the other free parameters re-minimised at each value."""
    return profile(result, parameter, values, size=nloop, reoptimize=True, minimizer=minimizer)


def int_unc(
    result: FitResult, parameter: int | str, values: ArrayLike | None = None, *, nloop: int = 20
) -> Profile:
    """Sherpa's ``int_unc``: as :func:`int_proj` with the others held at the best fit."""
    return profile(result, parameter, values, size=nloop, reoptimize=False)


def reg_proj(
    result: FitResult,
    x: int | str,
    y: int | str,
    *,
    nloop: tuple[int, int] = (10, 10),
    minimizer: MinimizerOptions | None = None,
) -> Surface:
    """Sherpa's ``reg_proj``: the statistic on a grid of two parameters (±3σ), the others
    re-minimised; ``surface.levels((1, 2, 3))`` are Sherpa's contour levels."""
    return surface(result, x, y, size=nloop, reoptimize=True, minimizer=minimizer)


def reg_unc(
    result: FitResult, x: int | str, y: int | str, *, nloop: tuple[int, int] = (10, 10)
) -> Surface:
    """Sherpa's ``reg_unc``: as :func:`reg_proj` with the others held at the best fit."""
    return surface(result, x, y, size=nloop, reoptimize=False)

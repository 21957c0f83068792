"""Minuit2 through iminuit, configured exactly as ROOT's ``Minuit2Minimizer`` (spec §4, §10b).

This is the only module that imports iminuit. Settings that make iminuit reproduce ROOT:
tolerance 0.01 (same EDM rule), strategy 1, ROOT's step sizes as initial errors, ROOT's call
limit, and a single Migrad pass (``iterate=1``; iminuit would otherwise retry).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from iminuit import Minuit

from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import BackendResult
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["ALGORITHMS", "hesse_covariance", "minimize"]

ALGORITHMS = ("Migrad", "Simplex", "Combined")


def _migrad_status(fmin: object) -> int:
    """ROOT's Minuit2 status: later conditions override earlier ones; 5 = unknown failure."""
    status = 0
    if fmin.has_made_posdef_covar:  # type: ignore[attr-defined]
        status = 1
    if fmin.hesse_failed:  # type: ignore[attr-defined]
        status = 2
    if fmin.is_above_max_edm:  # type: ignore[attr-defined]
        status = 3
    if fmin.has_reached_call_limit:  # type: ignore[attr-defined]
        status = 4
    if not fmin.is_valid and status == 0:  # type: ignore[attr-defined]
        status = 5
    return status


def _cov_status(fmin: object) -> int:
    if fmin.has_accurate_covar:  # type: ignore[attr-defined]
        return 3
    if fmin.has_made_posdef_covar:  # type: ignore[attr-defined]
        return 2
    if fmin.has_posdef_covar:  # type: ignore[attr-defined]
        return 1
    if fmin.has_covariance:  # type: ignore[attr-defined]
        return 0
    return -1


def minimize(
    fcn: Callable[[np.ndarray], float],
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
    *,
    hesse: bool = False,
    minos: bool | Sequence[str] = False,
    grad: Callable[[np.ndarray], np.ndarray] | None = None,
) -> BackendResult:
    """Minimise ``fcn`` with Minuit2.

    Parameters
    ----------
    fcn : callable
        ``fcn(parameters_array) -> float``.
    settings : sequence of ParameterSettings
        Start values, steps, limits, fixed flags.
    options : MinimizerOptions
        Algorithm, strategy, tolerance, call limit, print level.
    errordef : float
        Up value of the objective.
    hesse : bool
        Run Hesse after the minimization (option ``E``).
    minos : bool or sequence of str
        Run Minos for all (True) or the named parameters, if the minimum is valid.
    grad : callable, optional
        Analytic gradient ``grad(parameters_array) -> array`` (ROOT's option ``G``).
    """
    if options.algorithm not in ALGORITHMS:
        raise FitOptionError(
            f"Minuit2 algorithm {options.algorithm!r} is not supported; choose one of {ALGORITHMS}"
        )
    names = [s.name for s in settings]
    m = Minuit(
        lambda p: fcn(p),
        np.array([s.value for s in settings]),
        name=names,
        grad=None if grad is None else (lambda p: grad(p)),
    )
    m.errordef = errordef
    m.tol = options.tolerance
    m.strategy = options.strategy
    m.print_level = options.print_level
    if options.precision > 0:
        m.precision = options.precision
    for s in settings:
        m.errors[s.name] = s.step if s.step > 0 else 0.1
        if s.bounded:
            m.limits[s.name] = (s.lower, s.upper)
        m.fixed[s.name] = s.fixed
    ncall = options.call_limit(len(settings))
    if options.algorithm == "Simplex":
        m.simplex(ncall=ncall)
    else:
        m.migrad(ncall=ncall, iterate=1)
        if options.algorithm == "Combined" and not m.valid:
            m.simplex(ncall=ncall).migrad(ncall=ncall, iterate=1)
    fmin = m.fmin
    assert fmin is not None
    status = _migrad_status(fmin)
    valid = bool(fmin.is_valid)
    ncalls, edm, fval = int(fmin.nfcn), float(fmin.edm), float(fmin.fval)
    if options.algorithm == "Simplex":
        cov_status = -1
        status = 5 if status == 0 else status
    else:
        cov_status = _cov_status(fmin)
    # ROOT 6.40 keeps Migrad's errors when its end-of-Migrad Hesse already gave an accurate
    # covariance (verified: "E" reports the same parabolic errors as a plain fit).
    if hesse and options.algorithm != "Simplex" and not fmin.has_accurate_covar:
        m.hesse()
        hfmin = m.fmin
        assert hfmin is not None
        if hfmin.hesse_failed:
            status += 100
        elif hfmin.has_made_posdef_covar:
            status += 300
        cov_status = _cov_status(hfmin)
    minos_errors: dict[str, tuple[float, float]] = {}
    if minos and valid:
        wanted = [n for n in (names if minos is True else minos) if not m.fixed[n]]
        if wanted:
            m.minos(*wanted)
            bits = 0
            for name in wanted:
                me = m.merrors[name]
                minos_errors[name] = (float(me.lower), float(me.upper))
                bits |= (0 if me.lower_valid else 1) | (0 if me.upper_valid else 2)
                bits |= 4 if (me.at_lower_max_fcn or me.at_upper_max_fcn) else 0
                bits |= 8 if (me.lower_new_min or me.upper_new_min) else 0
                bits |= 16 if (me.at_lower_limit or me.at_upper_limit) else 0
            status += 10 * bits
    values = np.array(m.values, dtype=np.float64)
    fixed = np.array([s.fixed for s in settings])
    errors = np.where(fixed, 0.0, np.array(m.errors, dtype=np.float64))
    n = len(settings)
    cov = np.zeros((n, n))
    if m.covariance is not None:
        cov = np.array(m.covariance, dtype=np.float64)
        cov[fixed, :] = 0.0
        cov[:, fixed] = 0.0
    return BackendResult(
        values=values,
        errors=errors,
        covariance=cov,
        min_fcn=fval,
        edm=edm,
        ncalls=ncalls,
        status=status,
        cov_status=cov_status,
        valid=valid,
        minimizer=f"Minuit2 / {options.algorithm}",
        minos=minos_errors,
    )


def hesse_covariance(
    fcn: Callable[[np.ndarray], float],
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
) -> np.ndarray:
    """Covariance from Hesse alone at the given values (no minimisation), fixed rows zero."""
    names = [s.name for s in settings]
    m = Minuit(lambda p: fcn(p), np.array([s.value for s in settings]), name=names)
    m.errordef = errordef
    m.strategy = options.strategy
    m.print_level = 0
    for s in settings:
        m.errors[s.name] = s.step if s.step > 0 else 0.1
        if s.bounded:
            m.limits[s.name] = (s.lower, s.upper)
        m.fixed[s.name] = s.fixed
    m.hesse()
    cov = np.array(m.covariance, dtype=np.float64)
    fixed = np.array([s.fixed for s in settings])
    cov[fixed, :] = 0.0
    cov[:, fixed] = 0.0
    return cov

"""Minuit2 through iminuit, configured exactly as ROOT's ``Minuit2Minimizer`` (spec §4, §10b).

This is the only module that imports iminuit. Settings that make iminuit reproduce ROOT:
tolerance 0.01 (same EDM rule), strategy 1, ROOT's step sizes as initial errors, ROOT's call
limit, and a single Migrad pass (``iterate=1``; iminuit would otherwise retry). The cost is
handed to iminuit as it is (no wrapper per call): it has ``errordef`` and ``_parameters``.
Hesse (ROOT's ParabErrors, status + 100·code) and Minos (status + 10·bits) are steps on the
:class:`MinuitMinimum`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from iminuit import Minuit
from iminuit.warnings import IMinuitWarning
from numpy.typing import NDArray

from rootfit.costs import Cost
from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities, Minimum
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["ALGORITHMS", "Minuit2", "MinuitMinimum"]

ALGORITHMS = ("Migrad", "Simplex", "Combined")


def _migrad_status(fmin: Any) -> int:
    """ROOT's Minuit2 status: later conditions override earlier ones; 5 = unknown failure."""
    status = 0
    if fmin.has_made_posdef_covar:
        status = 1
    if fmin.hesse_failed:
        status = 2
    if fmin.is_above_max_edm:
        status = 3
    if fmin.has_reached_call_limit:
        status = 4
    if not fmin.is_valid and status == 0:
        status = 5
    return status


def _cov_status(fmin: Any) -> int:
    if fmin.has_accurate_covar:
        return 3
    if fmin.has_made_posdef_covar:
        return 2
    if fmin.has_posdef_covar:
        return 1
    if fmin.has_covariance:
        return 0
    return -1


def _configured(
    cost: Cost,
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
    gradient: bool,
) -> Minuit:
    m = Minuit(
        cost,
        np.array([s.value for s in settings]),
        name=[s.name for s in settings],
        grad=cost.gradient if gradient else None,
    )
    if errordef != cost.errordef:  # a user's ErrorDef overrides the cost's (ROOT's rule)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IMinuitWarning)
            m.errordef = errordef
    m.strategy = options.strategy
    for s in settings:
        m.errors[s.name] = s.step if s.step > 0 else 0.1
        if s.bounded:
            m.limits[s.name] = (s.lower, s.upper)
        m.fixed[s.name] = s.fixed
    return m


def _zero_fixed(matrix: NDArray[np.float64], fixed: NDArray[np.bool_]) -> NDArray[np.float64]:
    matrix[fixed, :] = 0.0
    matrix[:, fixed] = 0.0
    return matrix


class MinuitMinimum(Minimum):
    """The iminuit object after Migrad/Simplex; Hesse and Minos run on it."""

    def __init__(self, m: Minuit, settings: Sequence[ParameterSettings], algorithm: str) -> None:
        self._m = m
        self._fixed = np.array([s.fixed for s in settings])
        self._algorithm = algorithm
        fmin = m.fmin
        assert fmin is not None
        status = _migrad_status(fmin)
        cov_status = _cov_status(fmin)
        if algorithm == "Simplex":
            cov_status, status = -1, (5 if status == 0 else status)
        self.outcome = self._outcome(status, cov_status, {})

    def _outcome(
        self, status: int, cov_status: int, minos: dict[str, tuple[float, float]]
    ) -> BackendResult:
        m = self._m
        fmin = m.fmin
        assert fmin is not None
        n = len(self._fixed)
        cov = np.zeros((n, n))
        if m.covariance is not None:
            cov = _zero_fixed(np.array(m.covariance, dtype=np.float64), self._fixed)
        return BackendResult(
            values=np.array(m.values, dtype=np.float64),
            errors=np.where(self._fixed, 0.0, np.array(m.errors, dtype=np.float64)),
            covariance=cov,
            min_fcn=float(fmin.fval),
            edm=float(fmin.edm),
            ncalls=int(fmin.nfcn),
            status=status,
            cov_status=cov_status,
            valid=bool(fmin.is_valid),
            minimizer=f"Minuit2 / {self._algorithm}",
            minos=minos,
        )

    def hesse(self) -> None:
        """ROOT 6.40 keeps Migrad's errors when its end-of-Migrad Hesse already gave an accurate
        covariance (verified: ``E`` reports the same parabolic errors as a plain fit)."""
        fmin = self._m.fmin
        assert fmin is not None
        if self._algorithm == "Simplex" or fmin.has_accurate_covar:
            return
        self._m.hesse()
        after = self._m.fmin
        assert after is not None
        status = self.outcome.status
        if after.hesse_failed:
            status += 100
        elif after.has_made_posdef_covar:
            status += 300
        self.outcome = self._outcome(status, _cov_status(after), self.outcome.minos)

    def minos(self, names: Sequence[str]) -> None:
        """Minos for the named free parameters; ROOT's bits (1 lower invalid, 2 upper invalid,
        4 call limit, 8 new minimum, 16 at a limit) are added to the status times 10."""
        wanted = [n for n in names if not self._m.fixed[n]]
        if not wanted:
            return
        self._m.minos(*wanted)
        bits = 0
        minos = dict(self.outcome.minos)
        for name in wanted:
            me = self._m.merrors[name]
            minos[name] = (float(me.lower), float(me.upper))
            bits |= (0 if me.lower_valid else 1) | (0 if me.upper_valid else 2)
            bits |= 4 if (me.at_lower_max_fcn or me.at_upper_max_fcn) else 0
            bits |= 8 if (me.lower_new_min or me.upper_new_min) else 0
            bits |= 16 if (me.at_lower_limit or me.at_upper_limit) else 0
        self.outcome = replace(self.outcome, status=self.outcome.status + 10 * bits, minos=minos)


class Minuit2(Backend):
    """ROOT's default minimizer: Minuit2 with Migrad, Simplex or Combined."""

    name = "Minuit2"
    capabilities = Capabilities()

    def check(self, cost: Cost, request: Any, options: MinimizerOptions) -> None:
        if options.algorithm not in ALGORITHMS:
            raise FitOptionError(
                f"Minuit2 algorithm {options.algorithm!r} is not supported; choose one of {ALGORITHMS}"
            )
        super().check(cost, request, options)

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> MinuitMinimum:
        m = _configured(cost, settings, options, errordef, gradient)
        m.tol = options.tolerance
        m.print_level = options.print_level
        if options.precision > 0:
            m.precision = options.precision
        ncall = options.call_limit(len(settings))
        if options.algorithm == "Simplex":
            m.simplex(ncall=ncall)
        else:
            m.migrad(ncall=ncall, iterate=1)
            if options.algorithm == "Combined" and not m.valid:
                m.simplex(ncall=ncall).migrad(ncall=ncall, iterate=1)
        return MinuitMinimum(m, settings, options.algorithm)

    def hesse_covariance(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
    ) -> NDArray[np.float64]:
        """Covariance from Hesse alone at the given values (no minimization), fixed rows zero."""
        m = _configured(cost, settings, options, errordef, gradient=False)
        m.print_level = 0
        m.hesse()
        return _zero_fixed(
            np.array(m.covariance, dtype=np.float64), np.array([s.fixed for s in settings])
        )

"""Migrad on Minuit2's C++ core without an ``iminuit.Minuit`` object: the per-fit path of fits
whose cost has a fused C entry (:mod:`rootfit.kernels.fused`). (The calls into iminuit's core
are :func:`~rootfit.fitter.backends.minuit.core_migrad` and ``core_hesse``: only that module
imports iminuit.)

Building and reading an ``iminuit.Minuit`` object costs about 100 µs of Python per fit, more
than Migrad itself on a 100-bin histogram. Here the parameter state, the FCN and ``MnMigrad``
are made directly, with exactly the settings :func:`~rootfit.fitter.backends.minuit.
configured_minuit` gives iminuit (same steps, limits, fixed flags, strategy, tolerance,
precision, call limit, one Migrad pass), so the minimum and the call count are the same to the
last bit (tests/test_fused.py). Hesse runs on the same C++ minimum (``MnHesse``, as
``Minuit.hesse``). Minos, contours and the iminuit bridge need an ``iminuit.Minuit``: the
first of them builds the ordinary :class:`~rootfit.fitter.backends.minuit.MinuitMinimum` by
running the same Migrad (and Hesse, if it ran) again — identical numbers, paid only by fits
that ask for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from rootfit.costs import Cost
from rootfit.fitter.backends.base import BackendResult, DelegatingMinimum
from rootfit.fitter.backends.minuit import (
    MinuitMinimum,
    core_hesse,
    core_migrad,
    minuit_minimum,
)
from rootfit.fitter.backends.minuit_state import (
    cov_status,
    covariance_change,
    free_covariance,
    hesse_status,
    migrad_status,
)
from rootfit.fitter.parameters import ParameterSettings
from rootfit.kernels.fused import FusedObjective
from rootfit.options import MinimizerOptions

__all__ = ["CoreMigradMinimum"]


class CoreMigradMinimum(DelegatingMinimum):
    """Migrad's minimum of a fused objective, reached without an ``iminuit.Minuit``.

    Parameters
    ----------
    cost : Cost
        The cost (its ``fused`` objective is minimised).
    fused : FusedObjective
        ``cost.fused``.
    settings : sequence of ParameterSettings
        Start values, steps, limits, fixed flags.
    options : MinimizerOptions
        Strategy, tolerance, precision, call limit (algorithm Migrad).
    errordef : float
        Up value.
    """

    def __init__(
        self,
        cost: Cost,
        fused: FusedObjective,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
    ) -> None:
        self._cost = cost
        self._settings = tuple(settings)
        self._options = options
        self._errordef = errordef
        self._fixed = np.array([s.fixed for s in settings], dtype=bool)
        self._any_fixed = bool(self._fixed.any())
        self._hessed = False
        self._steps: MinuitMinimum | None = None
        self._fcn, self._fm = core_migrad(fused, settings, options, errordef)
        self.outcome = self._outcome(migrad_status(self._fm), cov_status(self._fm))

    def _outcome(self, status: int, covariance_status: int) -> BackendResult:
        fm, n = self._fm, len(self._fixed)
        state = fm.state
        params = np.array([(p.value, p.error) for p in state][:n], dtype=np.float64)
        if not state.has_covariance:
            cov = np.zeros((n, n))
        elif not self._any_fixed:
            cov = free_covariance(state.covariance)
        else:
            cov = np.zeros((n, n))
            free = np.flatnonzero(~self._fixed)
            cov[np.ix_(free, free)] = free_covariance(state.covariance)
        return BackendResult(
            values=params[:, 0],
            errors=np.where(self._fixed, 0.0, params[:, 1]),
            covariance=cov,
            min_fcn=float(fm.fval),
            edm=float(fm.edm),
            ncalls=int(self._fcn._nfcn),
            status=status,
            cov_status=covariance_status,
            valid=bool(fm.is_valid and fm.edm >= 0),
            minimizer="Minuit2 / Migrad",
        )

    def hesse(self) -> None:
        """Hesse on the minimum, with :meth:`MinuitMinimum.hesse`'s rule (skipped when Migrad
        ended with its own Hesse)."""
        if self._steps is not None:
            self._steps.hesse()
            self.outcome = self._steps.outcome
            return
        fm = self._fm
        if fm.is_valid and covariance_change(fm) == 0.0:
            return
        core_hesse(self._fcn, fm, self._options, self._errordef)
        self._hessed = True
        status = self.outcome.status + hesse_status(fm)
        self.outcome = replace(self._outcome(status, cov_status(fm)), minos=self.outcome.minos)

    def _delegate(self) -> MinuitMinimum:
        """The same minimum in an ``iminuit.Minuit`` (Migrad, and Hesse if it ran, again)."""
        if self._steps is None:
            steps = minuit_minimum(self._cost, self._settings, self._options, self._errordef)
            if self._hessed:
                steps.hesse()
            self._steps = steps
        return self._steps

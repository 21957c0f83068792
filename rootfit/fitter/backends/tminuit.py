"""ROOT's ``Minuit`` (TMinuit) minimizer: Migrad, Simplex and ``MigradImproved`` (fit option
``M``), with TMinuit's status convention.

The minimization engine is Minuit2's (through iminuit: TMinuit and Minuit2 implement the same
algorithms and agree to minimizer precision), with TMinuit's stopping rule (EDM below
``0.001·tolerance·UP``, half of Minuit2's). What differs besides is the reporting, which ported
macros test: the status is ``migrad + 10·minos + 100·hesse + 1000·improve`` where each part
is 0 (success) or 4 (failure), and the type is ``"Minuit / <algorithm>"``.

``MigradImproved`` runs Migrad, then looks for a lower minimum (TMinuit's IMPROVE): Migrad is
restarted from points three standard deviations away along each eigenvector of the covariance;
a restart that ends clearly lower (by more than Migrad's EDM goal) becomes the minimum and the
improve code is 0, otherwise it is 4 — so a good fit reports status 4000, as in ROOT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from rootfit.costs import Cost
from rootfit.errors import FitOptionError
from rootfit.fitter.backends.minuit import (
    Minuit,
    Minuit2,
    MinuitMinimum,
    configured_minuit,
    run_algorithm,
)
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["TMinuit", "TMinuitMinimum"]

ALGORITHMS = ("Migrad", "MigradImproved", "Simplex", "Minimize", "Combined")

#: Distance of the IMPROVE restarts from the minimum, in standard deviations.
_IMPROVE_SIGMAS = 3.0


class TMinuitMinimum(MinuitMinimum):
    """A Minuit minimum with TMinuit's status codes (each step 0 or 4)."""

    def _minimization_status(self, fmin: Any) -> int:
        return 0 if fmin.is_valid else 4

    def _hesse_status(self, fmin: Any) -> int:
        return 400 if fmin.hesse_failed else 0

    def _minos_status(self, bits: int) -> int:
        return 40 if bits & 0b111 else 0


def _improved(
    m: Minuit,
    cost: Cost,
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
) -> tuple[Minuit, bool, int]:
    """``(minuit, True, calls)`` with a clearly lower minimum from a restart, or
    ``(m, False, calls)``; ``calls`` counts the cost evaluations of the restarts."""
    if m.covariance is None or not m.valid:
        return m, False, 0
    free = np.array([not s.fixed for s in settings])
    best = np.array(m.values, dtype=np.float64)
    cov = np.array(m.covariance, dtype=np.float64)[np.ix_(free, free)]
    eigenvalues, eigenvectors = np.linalg.eigh(cov)
    lower = np.array([s.lower for s in settings])[free]
    upper = np.array([s.upper for s in settings])[free]
    goal = 0.002 * options.tolerance * errordef
    target = float(m.fval) - goal
    calls = 0
    for value, vector in zip(eigenvalues, eigenvectors.T, strict=True):
        if not value > 0:
            continue
        for sign in (1.0, -1.0):
            start = best.copy()
            start[free] = np.clip(
                best[free] + sign * _IMPROVE_SIGMAS * np.sqrt(value) * vector, lower, upper
            )
            moved = [replace(s, value=float(v)) for s, v in zip(settings, start, strict=True)]
            trial = configured_minuit(cost, moved, options, errordef, False)
            run_algorithm(trial, "Migrad", options, len(settings))
            calls += trial.nfcn
            if trial.valid and trial.fval < target:
                return trial, True, calls
    return m, False, calls


class TMinuit(Minuit2):
    """``"Minuit"`` / ``"TMinuit"``: Migrad, MigradImproved, Simplex, Minimize."""

    name = "Minuit"

    def check(self, cost: Cost, request: Any, options: MinimizerOptions) -> None:
        if options.algorithm not in ALGORITHMS:
            raise FitOptionError(
                f"Minuit (TMinuit) algorithm {options.algorithm!r} is not supported; "
                f"choose one of {ALGORITHMS}"
            )
        super(Minuit2, self).check(cost, request, options)

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> TMinuitMinimum:
        algorithm = options.algorithm
        # TMinuit's MIGRAD stops at EDM < 0.001·tolerance·UP, Minuit2's at 0.002·tolerance·UP
        options = options.with_(tolerance=0.5 * options.tolerance)
        m = configured_minuit(cost, settings, options, errordef, gradient)
        run_algorithm(
            m, "Migrad" if algorithm == "MigradImproved" else algorithm, options, len(settings)
        )
        label = f"Minuit / {algorithm}"
        if algorithm != "MigradImproved":
            return TMinuitMinimum(m, settings, algorithm, label)
        first_calls = m.nfcn
        improved, found, calls = _improved(m, cost, settings, options, errordef)
        minimum = TMinuitMinimum(improved, settings, algorithm, label)
        minimum.outcome = replace(
            minimum.outcome,
            status=minimum.outcome.status + (0 if found else 4000),
            ncalls=calls + (first_calls if found else minimum.outcome.ncalls),
        )
        return minimum

"""Minuit2's ``Scan`` algorithm: one-dimensional grid scans, parameter by parameter.

For each free parameter in turn, the cost is evaluated at 41 equally spaced values over the
start value ± 2 steps (clipped to the limits), with the other parameters at their current
values; the lowest point found (strictly lower than the current one) is kept before the next
parameter is scanned. As in ROOT the outcome is not a minimum in Migrad's sense: it has no
covariance (covariance status -1, errors are the steps), status 5 and ``valid=True``. It is
useful to find a start point; option ``E`` adds Minuit2's Hesse at the point found.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootfit.costs import Cost
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities
from rootfit.fitter.backends.minuit import MinuitSteps
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["Scan"]

#: Grid points per parameter (Minuit2's MnScan default).
POINTS = 41


class Scan(Backend):
    """``("Minuit2", "Scan")``."""

    name = "Minuit2"
    capabilities = Capabilities(gradient=False)

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> MinuitSteps:
        x = np.array([s.value for s in settings], dtype=np.float64)
        best = float(cost(x))
        ncalls = 1
        for i, s in enumerate(settings):
            if s.fixed:
                continue
            low = max(s.value - 2.0 * s.step, s.lower)
            high = min(s.value + 2.0 * s.step, s.upper)
            for v in np.linspace(low, high, POINTS):
                trial = x.copy()
                trial[i] = v
                value = float(cost(trial))
                ncalls += 1
                if value < best:
                    best, x = value, trial
        steps = np.array([0.0 if s.fixed else s.step for s in settings])
        outcome = BackendResult(
            values=x,
            errors=steps,
            covariance=np.zeros((len(settings), len(settings))),
            min_fcn=best,
            edm=0.0,
            ncalls=ncalls,
            status=5,
            cov_status=-1,
            valid=True,
            minimizer="Minuit2 / Scan",
        )
        return MinuitSteps(cost, settings, options, errordef, outcome)

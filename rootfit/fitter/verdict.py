"""The honest outcome of a fit: whether its minimum can be trusted, and warnings that say why
not — each of a class a user can filter (:mod:`rootfit.errors`).

* not converged (the minimizer's flag) → :class:`~rootfit.errors.ConvergenceWarning`;
* a free parameter that did not move from its start value, whose error is still its initial
  step, and on which the cost does not depend there (moving it by that step changes nothing:
  all-zero start values of a sum of functions, a flat likelihood) → ``valid=False`` and a
  :class:`~rootfit.errors.StartValueWarning`;
* more free parameters than data points → ``valid=False`` and a
  :class:`~rootfit.errors.DataWarning`; exactly as many → the fit interpolates: a DataWarning;
* a parameter that ended at one of its limits → a :class:`~rootfit.errors.LimitWarning` (ROOT
  keeps such a fit valid; its error there is not reliable);
* a covariance that was not positive definite and had to be forced (Minuit2's status 1,
  covariance status 2: degenerate parameters) → ``valid=False`` with a ConvergenceWarning — ROOT
  calls such a fit valid; rootfit does not, deliberately;
* a failed fit from all-zero start values → also a StartValueWarning saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rootfit.errors import ConvergenceWarning, DataWarning, LimitWarning, StartValueWarning
from rootfit.fitter.backends import BackendResult
from rootfit.fitter.parameters import ParameterSettings

__all__ = ["AT_LIMIT", "Verdict", "assess"]

#: A parameter within this fraction of its range (or of ``max(|value|, 1)`` for one limit) of
#: a limit has ended at it.
AT_LIMIT = 1e-6


@dataclass
class Verdict:
    """Whether the minimum is trustworthy, and the warnings to emit."""

    valid: bool
    warnings: list[tuple[str, type[Warning]]] = field(default_factory=list)


def _flat(cost: Callable[[Any], float], values: np.ndarray, i: int, step: float) -> bool:
    """True if moving parameter ``i`` by ``±step`` leaves the cost unchanged."""
    base = float(cost(values))
    for sign in (1.0, -1.0):
        moved = values.copy()
        moved[i] += sign * step
        if abs(float(cost(moved)) - base) > 1e-12 * (1.0 + abs(base)):
            return False
    return True


def assess(
    cost: Callable[[Any], float],
    ndata: int,
    settings: Sequence[ParameterSettings],
    raw: BackendResult,
) -> Verdict:
    """The verdict on one minimization (see the module docstring).

    Parameters
    ----------
    cost : callable
        The objective (evaluated only to confirm a suspected flat direction).
    ndata : int
        Number of data points of the cost (0 when it has none, e.g. a user objective).
    settings : sequence of ParameterSettings
        The start settings.
    raw : BackendResult
        The minimizer's outcome.
    """
    verdict = Verdict(valid=raw.valid)
    free = [i for i, s in enumerate(settings) if not s.fixed]
    nfree = len(free)
    if 0 < ndata < nfree:
        verdict.valid = False
        verdict.warnings.append(
            (
                f"{nfree} free parameters but only {ndata} data points: the minimum is not "
                "determined (valid=False)",
                DataWarning,
            )
        )
    elif 0 < ndata == nfree:
        verdict.warnings.append(
            (
                f"as many free parameters as data points ({ndata}): no degrees of freedom are "
                "left, the fit interpolates the points",
                DataWarning,
            )
        )
    stuck = [
        settings[i].name
        for i in free
        if raw.values[i] == settings[i].value
        and abs(raw.errors[i] - settings[i].step) <= 1e-12 * max(settings[i].step, 1e-300)
        and _flat(cost, np.array(raw.values, dtype=np.float64), i, settings[i].step)
    ]
    if stuck:
        verdict.valid = False
        zeros = all(settings[i].value == 0.0 for i in free)
        hint = "all start values were 0: give start values" if zeros else "check the start values"
        verdict.warnings.append(
            (
                f"parameter(s) {stuck} did not move from their start values and their errors "
                f"are their initial steps: the cost does not depend on them there ({hint}); "
                "the result is marked valid=False",
                StartValueWarning,
            )
        )
    for i in free:
        s = settings[i]
        if not s.bounded:
            continue
        span = (
            (s.upper - s.lower) if np.isfinite(s.upper - s.lower) else max(abs(raw.values[i]), 1.0)
        )
        near = AT_LIMIT * span
        if (np.isfinite(s.lower) and raw.values[i] - s.lower <= near) or (
            np.isfinite(s.upper) and s.upper - raw.values[i] <= near
        ):
            verdict.warnings.append(
                (
                    f"parameter {s.name!r} ended at its limit ({s.lower:g}, {s.upper:g}): its "
                    "error is not reliable there",
                    LimitWarning,
                )
            )
    if raw.valid and raw.cov_status == 2:
        verdict.valid = False
        verdict.warnings.append(
            (
                f"the covariance matrix was not positive definite and was forced to be (status "
                f"{raw.status}): the parameters are degenerate or the minimum is not one, and "
                "the errors are not reliable; the result is marked valid=False",
                ConvergenceWarning,
            )
        )
    if not raw.valid and free and all(settings[i].value == 0.0 for i in free):
        verdict.warnings.append(
            (
                "all start values were 0, which leaves many models flat or undefined: give "
                "start values",
                StartValueWarning,
            )
        )
    if not raw.valid:
        verdict.warnings.append(
            (
                f"fit did not converge (status {raw.status}, {raw.minimizer}); the result is "
                "marked valid=False",
                ConvergenceWarning,
            )
        )
    return verdict

"""Per-parameter minimizer settings (ROOT::Fit::ParameterSettings) and ROOT's rules for
deriving them from a parameter state (:class:`~rootfit.functions.ParameterState`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FitError
from rootfit.functions import ParameterState
from rootfit.result import FitResult

__all__ = [
    "ParameterSettings",
    "default_step",
    "result_settings",
    "settings_from_state",
    "step_rule",
]


def default_step(value: float) -> float:
    """ROOT's default step: ``0.3·|value|`` (0.3 for a zero value)."""
    return 0.3 * abs(value) if value != 0 else 0.3


@dataclass(frozen=True)
class ParameterSettings:
    """Start value, step size, limits and fixed flag of one parameter.

    Attributes
    ----------
    name : str
    value : float
    step : float
        Initial step (Minuit's initial error).
    lower, upper : float
        Limits (infinite when unbounded on that side).
    fixed : bool
    """

    name: str
    value: float
    step: float
    lower: float = -math.inf
    upper: float = math.inf
    fixed: bool = False

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise FitError(f"start value of parameter {self.name!r} is not finite: {self.value}")
        if not self.lower < self.upper:
            raise FitError(
                f"impossible limits ({self.lower}, {self.upper}) for parameter {self.name!r}"
            )
        if not self.fixed and not self.step > 0:
            raise FitError(f"step of parameter {self.name!r} must be positive, got {self.step}")

    @property
    def bounded(self) -> bool:
        """True if at least one limit is finite."""
        return math.isfinite(self.lower) or math.isfinite(self.upper)


def settings_from_state(
    names: Sequence[str], state: ParameterState
) -> tuple[ParameterSettings, ...]:
    """Settings the way ``TH1::Fit`` derives them from a TF1 (spec §4.2).

    The step is the explicit step of the state if set, else the parameter's error if positive
    (errors left by a previous fit become steps, as in ROOT), else 10 % of a finite limit range
    trimmed to half the distance to a close limit, else ``0.3·|value|``.

    Parameters
    ----------
    names : sequence of str
        Parameter names (of the model or the cost).
    state : ParameterState
        Values, errors, limits, fixed flags, steps.
    """
    if len(names) != len(state):
        raise FitError(f"{len(names)} parameter names for a state of {len(state)} parameters")
    steps, outside = step_rule(
        state.values, state.errors, state.steps, state.lower, state.upper, state.fixed
    )
    out = []
    for i, name in enumerate(names):
        value, lower, upper = float(state.values[i]), float(state.lower[i]), float(state.upper[i])
        if outside[i]:
            raise FitError(
                f"start value {value} of parameter {name!r} lies outside its limits ({lower}, {upper})"
            )
        out.append(
            ParameterSettings(name, value, float(steps[i]), lower, upper, bool(state.fixed[i]))
        )
    return tuple(out)


def step_rule(
    values: NDArray[np.float64],
    errors: NDArray[np.float64],
    steps: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    fixed: NDArray[np.bool_],
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """ROOT's step sizes (:func:`settings_from_state`) and which free start values lie outside
    their limits, elementwise on arrays of any shape (one fit, or many stacked)."""
    values, lower, upper = (np.asarray(a, dtype=np.float64) for a in (values, lower, upper))
    default = np.where(values != 0, 0.3 * np.abs(values), 0.3)
    with np.errstate(invalid="ignore", over="ignore"):
        bounded = np.isfinite(lower) & np.isfinite(upper)
        tenth = np.where(bounded, 0.1 * (upper - lower), 0.0)
        trimmed = np.where(
            (values < upper) & (upper - values < 2 * tenth),
            (upper - values) / 2,
            np.where((values > lower) & (values - lower < 2 * tenth), (values - lower) / 2, tenth),
        )
    step = np.where(
        steps > 0, steps, np.where(errors > 0, errors, np.where(bounded, trimmed, default))
    )
    free = ~np.asarray(fixed, dtype=bool)
    step = np.where(free & ~(step > 0), default, step)
    limited = np.isfinite(lower) | np.isfinite(upper)
    outside = free & limited & ~((lower <= values) & (values <= upper))
    return step, outside


def result_settings(
    result: FitResult, values: Sequence[float] | None = None
) -> tuple[ParameterSettings, ...]:
    """Settings that resume from a result: its values (or ``values``), its errors as steps
    (``0.3·|value|`` where an error is 0), its limits and fixed flags."""
    start = result.values.to_numpy() if values is None else [float(v) for v in values]
    out = []
    for i, name in enumerate(result.parameter_names):
        lower, upper = result.bounds[i] or (-math.inf, math.inf)
        value, error = float(start[i]), float(result.errors[i])
        step = error if error > 0 else default_step(value)
        out.append(ParameterSettings(name, value, step, lower, upper, result.fixed[i]))
    return tuple(out)

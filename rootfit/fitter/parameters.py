"""Per-parameter minimizer settings (ROOT::Fit::ParameterSettings) and ROOT's rules for
deriving them from a parameter state (:class:`~rootfit.functions.ParameterState`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rootfit.errors import FitError
from rootfit.functions import ParameterState
from rootfit.result import FitResult

__all__ = ["ParameterSettings", "default_step", "result_settings", "settings_from_state"]


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
    out = []
    for i, name in enumerate(names):
        value = float(state.values[i])
        limits = state.limits(i)
        lower, upper = limits if limits is not None else (-math.inf, math.inf)
        step = default_step(value)
        if state.steps[i] > 0:
            step = float(state.steps[i])
        elif state.errors[i] > 0:
            step = float(state.errors[i])
        elif math.isfinite(lower) and math.isfinite(upper):
            step = 0.1 * (upper - lower)
            if value < upper and upper - value < 2 * step:
                step = (upper - value) / 2
            elif value > lower and value - lower < 2 * step:
                step = (value - lower) / 2
        fixed = bool(state.fixed[i])
        if not fixed and limits is not None and not lower <= value <= upper:
            raise FitError(
                f"start value {value} of parameter {name!r} lies outside its limits ({lower}, {upper})"
            )
        if not fixed and not step > 0:
            step = default_step(value)
        out.append(ParameterSettings(name, value, step, lower, upper, fixed))
    return tuple(out)


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

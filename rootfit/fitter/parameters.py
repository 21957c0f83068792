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
    "start_outside",
    "step_of",
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
    values, errors, steps = state.values.tolist(), state.errors.tolist(), state.steps.tolist()
    lowers, uppers, fixed = state.lower.tolist(), state.upper.tolist(), state.fixed.tolist()
    out = []
    for i, name in enumerate(names):
        value, lower, upper = values[i], lowers[i], uppers[i]
        if start_outside(value, lower, upper, fixed[i]):
            raise FitError(
                f"start value {value} of parameter {name!r} lies outside its limits ({lower}, {upper})"
            )
        step = step_of(value, errors[i], steps[i], lower, upper, fixed[i])
        out.append(ParameterSettings(name, value, step, lower, upper, bool(fixed[i])))
    return tuple(out)


def step_of(
    value: float, error: float, step: float, lower: float, upper: float, fixed: bool
) -> float:
    """ROOT's step of one parameter (:func:`settings_from_state`)."""
    chosen = default_step(value)
    if step > 0:
        chosen = float(step)
    elif error > 0:
        chosen = float(error)
    elif math.isfinite(lower) and math.isfinite(upper):
        chosen = 0.1 * (upper - lower)
        if value < upper and upper - value < 2 * chosen:
            chosen = (upper - value) / 2
        elif value > lower and value - lower < 2 * chosen:
            chosen = (value - lower) / 2
    if not fixed and not chosen > 0:
        chosen = default_step(value)
    return chosen


def start_outside(value: float, lower: float, upper: float, fixed: bool) -> bool:
    """Whether a free parameter's start value lies outside its limits (an error)."""
    limited = lower != -math.inf or upper != math.inf
    return not fixed and limited and not lower <= value <= upper


def step_rule(
    values: NDArray[np.float64],
    errors: NDArray[np.float64],
    steps: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    fixed: NDArray[np.bool_],
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """:func:`step_of` and :func:`start_outside` on the rows of many fits (``values``,
    ``lower``, ``upper`` of shape ``(nfit, npar)``; the others per parameter, or per fit too):
    the steps and which start values lie outside their limits."""
    shape = np.shape(values)
    by_parameter = [
        np.ascontiguousarray(np.broadcast_to(a, shape).T).tolist()
        for a in (values, errors, steps, lower, upper, fixed)
    ]
    out = np.empty(shape[::-1])
    outside = np.empty(shape[::-1], dtype=bool)
    for i, (v, e, st, lo, hi, fx) in enumerate(zip(*by_parameter, strict=True)):
        out[i] = [step_of(*args) for args in zip(v, e, st, lo, hi, fx, strict=True)]
        outside[i] = [start_outside(a, b, c, d) for a, b, c, d in zip(v, lo, hi, fx, strict=True)]
    out, outside = out.T, outside.T
    return out, outside


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

"""``ParameterState``: the changeable part of a function, as an immutable value.

Values, errors, limits, fixed flags and explicit step sizes of every parameter. Each change
returns a new state (the arrays are read-only), so a fit can take a snapshot of a
:class:`~rootfit.Function` by reference and never see it change, and two fits of one function
in two threads cannot disturb each other.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import FunctionError

__all__ = ["ParameterState"]

_ARRAYS = ("values", "errors", "lower", "upper", "fixed", "steps")
_DEFAULTS = {"errors": 0.0, "lower": -np.inf, "upper": np.inf, "fixed": False, "steps": 0.0}


def _dtype(name: str) -> Any:
    return np.bool_ if name == "fixed" else np.float64


def _frozen(a: ArrayLike, dtype: Any, n: int | None, name: str) -> NDArray[Any]:
    out = np.array(a, dtype=dtype).ravel()
    if n is not None and out.size != n:
        raise FunctionError(f"expected {n} parameter {name}, got {out.size}")
    out.flags.writeable = False
    return out


@functools.lru_cache(maxsize=64)
def _default(name: str, n: int) -> NDArray[Any]:
    """Read-only default arrays, shared by every state of ``n`` parameters (immutable)."""
    return _frozen(np.full(n, _DEFAULTS[name]), _dtype(name), n, name)


@dataclass(frozen=True, eq=False)
class ParameterState:
    """Values, errors, limits, fixed flags and steps of the parameters of a function.

    Parameters
    ----------
    values : array_like
        Parameter values.
    errors : array_like, optional
        Errors (zeros before a fit). A fit reads positive errors as Minuit step sizes (ROOT).
    lower, upper : array_like, optional
        Limits (``-inf``/``inf``: unbounded on that side).
    fixed : array_like of bool, optional
        Fixed parameters.
    steps : array_like, optional
        Explicit step sizes; 0 lets ROOT's rule choose (error, limits, ``0.3·|value|``).
    """

    values: NDArray[np.float64]
    errors: NDArray[np.float64] = None  # type: ignore[assignment]
    lower: NDArray[np.float64] = None  # type: ignore[assignment]
    upper: NDArray[np.float64] = None  # type: ignore[assignment]
    fixed: NDArray[np.bool_] = None  # type: ignore[assignment]
    steps: NDArray[np.float64] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        values = _frozen(self.values, np.float64, None, "values")
        n = values.size
        object.__setattr__(self, "values", values)
        for name in _DEFAULTS:
            given = getattr(self, name)
            array = _default(name, n) if given is None else _frozen(given, _dtype(name), n, name)
            object.__setattr__(self, name, array)

    @classmethod
    def initial(cls, values: Sequence[float] | NDArray[np.float64]) -> ParameterState:
        """A fresh state: the given values, no errors, no limits, nothing fixed."""
        return cls(np.asarray(values, dtype=np.float64))

    def __len__(self) -> int:
        return int(self.values.size)

    def replace(self, **arrays: ArrayLike) -> ParameterState:
        """A new state with some arrays replaced (``values=``, ``errors=``, ``lower=`` ...)."""
        unknown = set(arrays) - set(_ARRAYS)
        if unknown:
            raise FunctionError(f"unknown parameter-state field(s) {sorted(unknown)}")
        new = object.__new__(ParameterState)
        n = len(self)
        for name in _ARRAYS:  # unchanged arrays are shared: they are read-only
            given = arrays.get(name)
            array = getattr(self, name) if given is None else _frozen(given, _dtype(name), n, name)
            object.__setattr__(new, name, array)
        return new

    def _with(self, name: str, i: int, value: Any) -> ParameterState:
        array = getattr(self, name).copy()
        array[i] = value
        return self.replace(**{name: array})

    def with_value(self, i: int, value: float) -> ParameterState:
        """Parameter ``i`` set to ``value``."""
        return self._with("values", i, float(value))

    def with_error(self, i: int, error: float) -> ParameterState:
        """Error of parameter ``i`` set."""
        return self._with("errors", i, float(error))

    def with_step(self, i: int, step: float) -> ParameterState:
        """Explicit step size of parameter ``i`` (0: ROOT's rule)."""
        if not float(step) >= 0:
            raise FunctionError(f"a step size must be >= 0, got {step}")
        return self._with("steps", i, float(step))

    def with_limits(self, i: int, lower: float, upper: float) -> ParameterState:
        """Parameter ``i`` bounded to ``[lower, upper]`` (one side may be infinite)."""
        lo, up = float(lower), float(upper)
        if math.isnan(lo) or math.isnan(up) or not lo < up:
            raise FunctionError(f"impossible limits ({lo}, {up}): need lower < upper")
        lower_, upper_ = self.lower.copy(), self.upper.copy()
        lower_[i], upper_[i] = lo, up
        return self.replace(lower=lower_, upper=upper_)

    def without_limits(self, i: int) -> ParameterState:
        """Parameter ``i`` unbounded."""
        return self.with_limits(i, -np.inf, np.inf)

    def with_fixed(self, i: int, fixed: bool = True) -> ParameterState:
        """Parameter ``i`` fixed (or released)."""
        return self._with("fixed", i, bool(fixed))

    def with_overrides(
        self,
        names: Sequence[str],
        *,
        start: Mapping[str, float] | Sequence[float] | None = None,
        fix: Sequence[str] | Mapping[str, float] | None = None,
        limits: Mapping[str, tuple[float | None, float | None] | None] | None = None,
    ) -> ParameterState:
        """Start values, fixed parameters and limits given by name (a fit's call site).

        Parameters
        ----------
        names : sequence of str
            The parameter names, in order.
        start : mapping of name to value, or values in parameter order, optional
        fix : sequence of names, or mapping of name to the value to fix it at, optional
        limits : mapping of name to (lower, upper), optional
            None on one side means unbounded there; None for the pair removes the limits.

        Raises
        ------
        FunctionError
            An unknown name (with a did-you-mean), a non-finite value or impossible limits.
        """
        from rootfit.errors import did_you_mean

        def index(name: str, what: str) -> int:
            if name not in names:
                raise FunctionError(
                    f"{what} names parameter {name!r}{did_you_mean(name, names)}; parameters "
                    f"are {list(names)}"
                )
            return list(names).index(name)

        if start is not None and not isinstance(start, Mapping):
            values = list(start)  # start values in parameter order, as ROOT's SetParameters
            if len(values) != len(names):
                raise FunctionError(
                    f"start has {len(values)} values for {len(names)} parameters {list(names)}"
                )
            start = dict(zip(names, values, strict=True))
        state = self
        for name, value in (start or {}).items():
            if not math.isfinite(float(value)):
                raise FunctionError(f"start value of {name!r} is not finite: {value!r}")
            state = state.with_value(index(name, "start"), float(value))
        for name, pair in (limits or {}).items():
            i = index(name, "limits")
            if pair is None:
                state = state.without_limits(i)
                continue
            lo, up = pair
            state = state.with_limits(
                i, -np.inf if lo is None else float(lo), np.inf if up is None else float(up)
            )
        fixed: list[tuple[str, float | None]] = (
            list(fix.items()) if isinstance(fix, Mapping) else [(n, None) for n in (fix or ())]
        )
        for name, at in fixed:
            i = index(name, "fix")
            if at is not None:
                state = state.with_value(i, float(at))
            state = state.with_fixed(i)
        return state

    def limits(self, i: int) -> tuple[float, float] | None:
        """``(lower, upper)`` of a bounded parameter, or None."""
        lo, up = float(self.lower[i]), float(self.upper[i])
        if lo == -math.inf and up == math.inf:
            return None
        return lo, up

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParameterState):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, n), getattr(other, n), equal_nan=n != "fixed")
            for n in _ARRAYS
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ParameterState, tuple(getattr(self, f.name) for f in fields(self)))

    def __repr__(self) -> str:
        return f"ParameterState(values={self.values.tolist()}, errors={self.errors.tolist()})"

"""Python callables as models: signature rules and the evaluator over many points.

A callable is either ROOT-style ``f(x, p)`` (``x[0]`` the coordinate, ``p`` the parameter
array; ``npar`` required) or ``f(x, a, b, ...)`` (parameters named after the arguments).
Vectorised numpy code is called once for all points; a numba-jitted ``f(x, p)`` is compiled
into a point loop.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FunctionError, FunctionTypeError

__all__ = ["CallableEvaluator", "callable_defaults", "callable_signature", "is_importable"]

_ROOT_STYLE_NAMES = {"p", "par", "pars", "params", "parameters"}


def callable_signature(func: Callable[..., Any], npar: int | None) -> tuple[list[str], bool]:
    """Parameter names of a model callable and whether it has ROOT's ``f(x, p)`` signature."""
    target = getattr(func, "py_func", func)
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError) as exc:
        if npar is None:
            raise FunctionError("cannot inspect the callable; give npar=") from exc
        return [f"p{i}" for i in range(npar)], True
    params = [
        p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(params) < 2:
        raise FunctionError(
            "a model callable takes the coordinate and the parameters: f(x, p) or f(x, a, b, ...)"
        )
    if len(params) == 2 and (npar is not None or params[1].name in _ROOT_STYLE_NAMES):
        if npar is None:
            raise FunctionError(
                f"callable {getattr(func, '__name__', func)!r} has ROOT's signature f(x, p); "
                "give the number of parameters with npar="
            )
        if npar < 1:
            raise FunctionError(f"npar must be >= 1, got {npar}")
        return [f"p{i}" for i in range(npar)], True
    names = [p.name for p in params[1:]]
    if npar is not None and npar != len(names):
        raise FunctionError(f"callable takes {len(names)} parameters {names}, not npar={npar}")
    return names, False


def callable_defaults(func: Callable[..., Any], names: Sequence[str]) -> tuple[float, ...]:
    """Start values from the signature: ``f(x, a=1.0, b=2.0)`` starts at a=1, b=2 (lmfit's
    convention); parameters without a default start at 0."""
    target = getattr(func, "py_func", func)
    try:
        params = inspect.signature(target).parameters
    except (TypeError, ValueError):
        return (0.0,) * len(names)
    out = []
    for name in names:
        default: Any = params[name].default if name in params else inspect.Parameter.empty
        try:
            out.append(0.0 if default is inspect.Parameter.empty else float(default))
        except (TypeError, ValueError):
            raise FunctionError(
                f"the default of parameter {name!r} must be a number, not {default!r}"
            ) from None
    return tuple(out)


def is_importable(func: Any) -> bool:
    """True unless ``func`` is a plain function another process could not import by name
    (a lambda, a function defined inside another function, or one from ``__main__`` of a
    script that is not re-run)."""
    target = getattr(func, "py_func", func)
    if not isinstance(target, types.FunctionType):
        return True  # callable objects, builtins, partials: pickled by their own rules
    qualname = target.__qualname__
    if "<lambda>" in qualname or "<locals>" in qualname:
        return False
    obj: Any = sys.modules.get(target.__module__)
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    return obj is func or obj is target


class CallableEvaluator:
    """``evaluate(X, p)`` of a user callable on the rows of ``X`` (shape ``(n, ndim)``).

    Parameters
    ----------
    func : callable
        The model.
    root_style : bool
        ``func(x, p)`` rather than ``func(x, a, b, ...)``.
    ndim : int
        Number of coordinates.
    """

    def __init__(self, func: Callable[..., Any], root_style: bool, ndim: int) -> None:
        self.func = func
        self.root_style = root_style
        self.ndim = ndim
        self.vectorized: bool | None = None  # decided at the first evaluation
        self.jitted: Any = None
        from rootfit.kernels.formula import is_numba_function

        if root_style and is_numba_function(func):
            from rootfit.kernels.formula import jit_row_model

            self.jitted = jit_row_model(func)

    def _call_vectorized(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> Any:
        if self.root_style:
            return self.func(X.T, p)
        arg = X[:, 0] if self.ndim == 1 else X.T
        return self.func(arg, *p)

    def _name(self) -> str:
        return str(getattr(self.func, "__name__", type(self.func).__name__))

    def _call_point(self, x: NDArray[np.float64], p: NDArray[np.float64]) -> float:
        try:
            out = (
                self.func(x, p) if self.root_style else self.func(x[0] if self.ndim == 1 else x, *p)
            )
        except FunctionError:
            raise
        except Exception as exc:
            raise FunctionError(
                f"model {self._name()!r} raised {type(exc).__name__}: {exc} at x={x.tolist()} "
                f"with parameters {p.tolist()}"
            ) from exc
        try:
            return float(out)
        except (TypeError, ValueError):
            shape = f" of shape {np.shape(out)}" if np.ndim(out) else ""
            raise FunctionTypeError(
                f"model {self._name()!r} returned {type(out).__name__}{shape} ({out!r:.40}) at "
                f"x={x.tolist()}; it must return one number per point"
            ) from None

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        if self.jitted is not None:
            return self.jitted(X, p)
        n = X.shape[0]
        if self.vectorized is not False:
            try:
                with np.errstate(all="ignore"):
                    raw = self._call_vectorized(X, p)
                out = None if raw is None else np.asarray(raw)
                if out is not None and out.dtype.kind in "fiub" and out.shape in ((n,), ()):
                    self.vectorized = True
                    return np.broadcast_to(out.astype(np.float64), (n,)).copy()
            except Exception as exc:
                if self.vectorized:
                    raise FunctionError(
                        f"model {self._name()!r} raised {type(exc).__name__}: {exc} with "
                        f"parameters {p.tolist()}"
                    ) from exc
            self.vectorized = False
        return np.array([self._call_point(X[i], p) for i in range(n)], dtype=np.float64)

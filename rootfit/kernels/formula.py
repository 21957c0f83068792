"""numba side of formula evaluation: scalar math helpers and the point loop.

:func:`jit_model` takes a plain Python ``model(x, p)`` for one point (generated from a formula
tree, or a user's numba-compatible function) and returns ``evaluate(X, p)`` that loops over
the rows of ``X`` (shape ``(n, ndim)``) in compiled code.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numba
import numpy as np

from rootfit.kernels.special import (
    digamma,
    faddeeva_im,
    faddeeva_re,
    landau_density,
    landau_density_derivative,
)

__all__ = ["SCALAR_NAMESPACE", "jit_model", "jit_scalar", "jit_vector_model"]

_jit = numba.njit(error_model="numpy", cache=False)


@_jit
def _sign(a: float) -> float:
    return 1.0 if a > 0 else (-1.0 if a < 0 else 0.0)


@_jit
def _sq(a: float) -> float:
    return a * a


@_jit
def _fmin(a: float, b: float) -> float:
    return a if a < b else b


@_jit
def _fmax(a: float, b: float) -> float:
    return a if a > b else b


@_jit
def _lt(a: float, b: float) -> float:
    return 1.0 if a < b else 0.0


@_jit
def _le(a: float, b: float) -> float:
    return 1.0 if a <= b else 0.0


@_jit
def _gt(a: float, b: float) -> float:
    return 1.0 if a > b else 0.0


@_jit
def _ge(a: float, b: float) -> float:
    return 1.0 if a >= b else 0.0


@_jit
def _eq(a: float, b: float) -> float:
    return 1.0 if a == b else 0.0


@_jit
def _ne(a: float, b: float) -> float:
    return 1.0 if a != b else 0.0


@_jit
def _and(a: float, b: float) -> float:
    return 1.0 if (a != 0 and b != 0) else 0.0


@_jit
def _or(a: float, b: float) -> float:
    return 1.0 if (a != 0 or b != 0) else 0.0


@_jit
def _not(a: float) -> float:
    return 1.0 if a == 0 else 0.0


@_jit
def _pow(a: float, b: float) -> float:
    return a**b


@_jit
def _tgamma(a: float) -> float:
    return math.gamma(a)


#: numba implementations of every formula library name (see :mod:`rootfit.functions.library`).
SCALAR_NAMESPACE: dict[str, Any] = {
    "f_sin": math.sin, "f_cos": math.cos, "f_tan": math.tan, "f_asin": math.asin,
    "f_acos": math.acos, "f_atan": math.atan, "f_atan2": math.atan2, "f_sinh": math.sinh,
    "f_cosh": math.cosh, "f_tanh": math.tanh, "f_exp": math.exp, "f_log": math.log,
    "f_log10": math.log10, "f_sqrt": math.sqrt, "f_ceil": math.ceil, "f_floor": math.floor,
    "f_pow": _pow, "f_abs": abs, "f_sign": _sign, "f_sq": _sq, "f_min": _fmin, "f_max": _fmax,
    "f_erf": math.erf, "f_erfc": math.erfc, "f_lgamma": math.lgamma, "f_tgamma": _tgamma,
    "f_digamma": digamma, "f_landau_density": landau_density,
    "f_landau_density_d": landau_density_derivative,
    "f_faddeeva_re": faddeeva_re, "f_faddeeva_im": faddeeva_im,
    "_lt": _lt, "_le": _le, "_gt": _gt, "_ge": _ge, "_eq": _eq, "_ne": _ne,
    "_and": _and, "_or": _or, "_not": _not,
}  # fmt: skip


def jit_scalar(model: Callable[..., float]) -> Any:
    """numba-compile a one-point ``model(x, p)``."""
    if isinstance(model, numba.core.dispatcher.Dispatcher):
        return model
    return _jit(model)


def jit_model(scalar: Any) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Compiled loop ``evaluate(X, p) -> values`` over the rows of ``X`` for a jitted scalar."""

    @_jit
    def evaluate(X: np.ndarray, p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
        n = X.shape[0]
        out = np.empty(n)
        for i in range(n):
            out[i] = scalar(X[i], p)
        return out

    return evaluate


def jit_vector_model(
    vector: Callable[..., None], size: int
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Compiled loop ``evaluate(X, p) -> (n, size)`` for a one-point ``vector(x, p, out)``."""
    scalar = _jit(vector)

    @_jit
    def evaluate(X: np.ndarray, p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
        n = X.shape[0]
        out = np.empty((n, size))
        for i in range(n):
            scalar(X[i], p, out[i])
        return out

    return evaluate


def is_numba_function(obj: object) -> bool:
    """True if ``obj`` is a numba-jitted function."""
    return isinstance(obj, numba.core.dispatcher.Dispatcher)

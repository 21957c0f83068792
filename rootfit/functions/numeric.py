"""Numerical derivatives for models without symbolic ones (callables, special functions)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = ["numerical_parameter_gradient", "numerical_variable_derivative"]

Evaluator = Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]


def _richardson(
    f_plus_minus: Callable[[float], NDArray[np.float64]], h: NDArray[np.float64] | float
) -> NDArray[np.float64]:
    """``(4·D(h/2) - D(h))/3`` with ``D(h) = (f(+h) - f(-h)) / 2h`` (ROOT's Richardson step)."""
    d_full = f_plus_minus(1.0) / (2 * np.asarray(h))
    d_half = f_plus_minus(0.5) / np.asarray(h)
    return np.asarray((4 * d_half - d_full) / 3, dtype=np.float64)


def numerical_parameter_gradient(
    evaluate: Evaluator, X: NDArray[np.float64], p: NDArray[np.float64]
) -> NDArray[np.float64]:
    """``∂f/∂p_j`` at every point, shape ``(n, npar)``; step ``max(1e-5·|p_j|, 1e-8)``."""
    out = np.empty((X.shape[0], p.size))
    for j in range(p.size):
        h = max(1e-5 * abs(p[j]), 1e-8)

        def diff(scale: float, j: int = j, h: float = h) -> NDArray[np.float64]:
            up, down = p.copy(), p.copy()
            up[j] += scale * h
            down[j] -= scale * h
            return evaluate(X, up) - evaluate(X, down)

        out[:, j] = _richardson(diff, h)
    return out


def numerical_variable_derivative(
    evaluate: Evaluator, X: NDArray[np.float64], p: NDArray[np.float64], variable: int = 0
) -> NDArray[np.float64]:
    """``∂f/∂x_d`` at every point with step ``max(1e-5·|x|, 1e-8)`` per point."""
    h = np.maximum(1e-5 * np.abs(X[:, variable]), 1e-8)

    def diff(scale: float) -> NDArray[np.float64]:
        up, down = X.copy(), X.copy()
        up[:, variable] += scale * h
        down[:, variable] -= scale * h
        return evaluate(up, p) - evaluate(down, p)

    return _richardson(diff, h)

"""Numerical derivatives for models without symbolic ones (callables, special functions)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = ["central_gradient", "numerical_parameter_gradient", "numerical_variable_derivative"]

Evaluator = Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]


def _richardson(
    f_plus_minus: Callable[[float], NDArray[np.float64]], h: NDArray[np.float64] | float
) -> NDArray[np.float64]:
    """``(4·D(h/2) - D(h))/3`` with ``D(h) = (f(+h) - f(-h)) / 2h`` (ROOT's Richardson step)."""
    d_full = f_plus_minus(1.0) / (2 * np.asarray(h))
    d_half = f_plus_minus(0.5) / np.asarray(h)
    return np.asarray((4 * d_half - d_full) / 3, dtype=np.float64)


def numerical_parameter_gradient(
    evaluate: Evaluator,
    X: NDArray[np.float64],
    p: NDArray[np.float64],
    steps: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """``∂f/∂p_j`` at every point, shape ``(n, npar)``, by Richardson extrapolation; step
    ``steps[j]`` if given, else ``max(1e-5·|p_j|, 1e-8)``."""
    out = np.empty((X.shape[0], p.size))
    for j in range(p.size):
        h = float(steps[j]) if steps is not None else max(1e-5 * abs(p[j]), 1e-8)

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


def central_gradient(
    f: Callable[[NDArray[np.float64]], object], p: NDArray[np.float64], relative: float = 1e-6
) -> NDArray[np.float64]:
    """Central differences of ``f`` (a number or an array of numbers) with respect to each
    component of ``p``: shape ``(npar,)`` for a scalar ``f``, ``(m, npar)`` for ``m`` values;
    step ``relative·max(1, |p_j|)``."""
    p = np.asarray(p, dtype=np.float64)
    columns = []
    for j in range(p.size):
        h = relative * max(1.0, abs(float(p[j])))
        up, down = p.copy(), p.copy()
        up[j] += h
        down[j] -= h
        columns.append(
            (np.asarray(f(up), dtype=np.float64) - np.asarray(f(down), dtype=np.float64)) / (2 * h)
        )
    return np.stack(columns, axis=-1) if columns else np.empty((0,))

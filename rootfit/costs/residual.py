"""``ResidualCost``: ``Σ r(p)²`` of a user's residual function, with the least-squares view
that Levenberg–Marquardt needs (lmfit's objective functions; ROOT's ``FitFCN`` with
``chi2fit``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType, pickles
from rootfit.errors import FitError
from rootfit.functions.numeric import central_gradient

__all__ = ["ResidualCost"]


class ResidualCost(Cost):
    """The sum of squares of ``residual(parameters_array) -> array``.

    The residuals play the role of ``(y - f)/e``: as a weighted least-squares problem the
    "data" are zeros with unit weights and the "model" is ``-residual``; its Jacobian is taken
    by central differences.

    Parameters
    ----------
    residual : callable
        Called with a float64 array of the parameters; returns the residuals.
    parameter_names : sequence of str
    ndata : int
        Number of residuals.
    """

    errordef = 1.0
    fit_type = FitType.LEAST_SQUARES
    linear = False

    def __init__(
        self,
        residual: Callable[[NDArray[np.float64]], Any],
        parameter_names: Sequence[str],
        ndata: int,
    ) -> None:
        if not callable(residual):
            raise FitError(f"the residual function must be callable, not {type(residual).__name__}")
        super().__init__(parameter_names, ndata)
        self.residual = residual
        self._zeros = np.zeros(ndata)
        self._ones = np.ones(ndata)
        self._picklable: bool | None = None

    def residuals(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """The residuals at ``parameters`` (checked: finite, the announced number)."""
        r = np.asarray(self.residual(np.asarray(parameters, dtype=np.float64)), dtype=np.float64)
        r = r.ravel()
        if r.size != self.ndata:
            raise FitError(f"the residual function returned {r.size} values, not {self.ndata}")
        return r

    @property
    def picklable(self) -> bool:
        """True if the user's callable pickles (checked once)."""
        if self._picklable is None:
            self._picklable = pickles(self.residual)
        return self._picklable

    def __call__(self, parameters: ArrayLike) -> float:
        r = self.residuals(parameters)
        if not np.all(np.isfinite(r)):
            return float("inf")
        with np.errstate(over="ignore"):  # huge residuals: the sum is inf, which is the answer
            return float(r @ r)

    def least_squares_targets(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(0, 1)``: the residuals are already weighted differences."""
        return self._zeros, self._ones

    def model_values(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-residual``: with data 0 and weight 1, ``(y - f)·w`` is the residual."""
        return -self.residuals(parameters)

    def model_gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``∂(-r)/∂p`` by central differences, shape ``(ndata, npar)``."""
        jac = central_gradient(self.residuals, np.asarray(parameters, dtype=np.float64), 1e-7)
        return np.asarray(-jac.reshape(self.ndata, -1))

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``2 Jᵀr``."""
        p = np.asarray(parameters, dtype=np.float64)
        return np.asarray(2.0 * (-self.model_gradient(p)).T @ self.residuals(p))

"""``CallableCost``: a user's objective function as a cost (ROOT's ``Fitter::FitFCN``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType, pickles
from rootfit.errors import FitError

__all__ = ["CallableCost"]


class CallableCost(Cost):
    """Wrap ``fcn(parameters_array) -> float`` as a cost.

    Parameters
    ----------
    fcn : callable
        The objective, called with one float64 array.
    parameter_names : sequence of str
        Names of the parameters.
    errordef : float
        1 for χ²-like objectives, 0.5 for negative log-likelihoods.
    ndata : int
        Number of data points (for the degrees of freedom; 0 if not applicable).
    gradient : callable, optional
        ``gradient(parameters_array) -> array``.
    fit_type : FitType
        What the minimum means (least squares: ROOT reports Chi2 = minimum and may normalise
        errors).

    Examples
    --------
    >>> cost = CallableCost(lambda p: (p[0] - 2.0) ** 2, ["a"])
    >>> cost([3.0])
    1.0
    """

    def __init__(
        self,
        fcn: Callable[[NDArray[np.float64]], float],
        parameter_names: Sequence[str],
        *,
        errordef: float = 1.0,
        ndata: int = 0,
        gradient: Callable[[NDArray[np.float64]], Any] | None = None,
        fit_type: FitType = FitType.GENERIC,
    ) -> None:
        if not callable(fcn):
            raise FitError(f"the objective must be callable, not {type(fcn).__name__}")
        if not errordef > 0:
            raise FitError(f"errordef must be positive, got {errordef}")
        super().__init__(parameter_names, ndata)
        self.fcn = fcn
        self.errordef = float(errordef)
        self.fit_type = fit_type
        self._gradient = gradient
        self._picklable: bool | None = None

    @property
    def picklable(self) -> bool:
        """True if the user's callable pickles (checked once)."""
        if self._picklable is None:
            self._picklable = pickles(self.fcn)
        return self._picklable

    def __call__(self, parameters: ArrayLike) -> float:
        return float(self.fcn(np.asarray(parameters, dtype=np.float64)))

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """The user's gradient."""
        if self._gradient is None:
            raise NotImplementedError("this CallableCost was given no gradient")
        return np.asarray(
            self._gradient(np.asarray(parameters, dtype=np.float64)), dtype=np.float64
        )

    @property
    def has_gradient(self) -> bool:
        """True if a gradient was given."""
        return self._gradient is not None

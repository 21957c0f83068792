"""``TracedCost``: a cost that records every point it is evaluated at (Gammapy's ``trace``).

A :class:`~rootfit.costs.view.CostView` (every minimizer runs on it unchanged): each call of
the statistic (or of its Gauss–Newton view, which Fumili uses) appends the parameter vector
and the value. Levenberg–Marquardt and the linear solver work on residuals: only the
statistic evaluations they make are recorded.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost
from rootfit.costs.view import CostView

__all__ = ["TracedCost"]


class TracedCost(CostView):
    """Record the evaluations of ``cost``.

    Parameters
    ----------
    cost : Cost
        The statistic to trace.

    Examples
    --------
    >>> from rootfit.costs import GaussianConstraint
    >>> traced = TracedCost(GaussianConstraint(["a"], [1.0], errors=[0.5]))
    >>> traced([2.0]), traced([1.0])
    (4.0, 0.0)
    >>> traced.points().tolist(), traced.values().tolist()
    ([[2.0], [1.0]], [4.0, 0.0])
    """

    def __init__(self, cost: Cost) -> None:
        super().__init__(cost)
        self._points: list[NDArray[np.float64]] = []
        self._values: list[float] = []

    def seen(self, parameters: ArrayLike, value: float) -> float:
        """Record the point and its value."""
        self._points.append(np.array(parameters, dtype=np.float64))
        self._values.append(float(value))
        return value

    def points(self) -> NDArray[np.float64]:
        """The evaluated parameter vectors, shape ``(ncalls, npar)``."""
        return np.array(self._points).reshape(len(self._points), self.npar)

    def values(self) -> NDArray[np.float64]:
        """The statistic at each."""
        return np.array(self._values)

"""``TracedCost``: a cost that records every point it is evaluated at (Gammapy's ``trace``).

The wrapper answers the whole cost protocol by delegation (errordef, ndata, gradient, the
least-squares and Gauss–Newton views...), so every minimizer runs on it unchanged; each call
of the statistic (or of its Gauss–Newton view, which Fumili uses) appends the parameter
vector and the value. Levenberg–Marquardt and the linear solver work on residuals: only the
statistic evaluations they make are recorded.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost

__all__ = ["TracedCost"]


class TracedCost(Cost):
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
        super().__init__(cost.parameter_names, cost.ndata)
        self.cost = cost
        self.errordef = cost.errordef
        self.fit_type = cost.fit_type
        self._points: list[NDArray[np.float64]] = []
        self._values: list[float] = []

    def __call__(self, parameters: ArrayLike) -> float:
        p = np.array(parameters, dtype=np.float64)
        value = self.cost(p)
        self._record(p, value)
        return value

    def _record(self, parameters: ArrayLike, value: float) -> None:
        self._points.append(np.array(parameters, dtype=np.float64))
        self._values.append(float(value))

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        return self.cost.gradient(parameters)

    @property
    def has_gradient(self) -> bool:
        return self.cost.has_gradient

    def reported_chi2(self, min_fcn: float) -> float:
        return self.cost.reported_chi2(min_fcn)

    def default_parameters(self) -> NDArray[np.float64] | None:
        return self.cost.default_parameters()

    def __getattr__(self, name: str) -> Any:
        # the optional views (least_squares_targets, model_values, gauss_newton, linear,
        # squared_weight_cost, data, model...) of the traced cost
        if name == "cost":
            raise AttributeError(name)
        attribute = getattr(self.cost, name)
        if name == "gauss_newton":  # Fumili evaluates the statistic through this view
            view = attribute

            def traced(parameters: ArrayLike) -> Any:
                value, gradient, hessian = view(parameters)
                self._record(parameters, value)
                return value, gradient, hessian

            return traced
        return attribute

    def points(self) -> NDArray[np.float64]:
        """The evaluated parameter vectors, shape ``(ncalls, npar)``."""
        return np.array(self._points).reshape(len(self._points), self.npar)

    def values(self) -> NDArray[np.float64]:
        """The statistic at each."""
        return np.array(self._values)

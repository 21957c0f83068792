"""``CostView``: a cost wrapped so that every value it reports passes through one hook.

The wrapper answers the whole cost protocol by delegation (errordef, ndata, gradient, the
least-squares and Gauss–Newton views...), so every minimizer runs on it unchanged; the value of
the statistic — from ``__call__`` or from the Gauss–Newton view Fumili uses — goes through
:meth:`CostView.seen`. :class:`~rootfit.costs.tracing.TracedCost` records it,
:class:`~rootfit.costs.offset.OffsetCost` shifts it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost

__all__ = ["CostView"]


class CostView(Cost):
    """Delegate the cost protocol to ``cost``; values pass through :meth:`seen`."""

    #: No fused kernel: it would compute the wrapped statistic without passing through the hook.
    fused = None

    def __init__(self, cost: Cost) -> None:
        super().__init__(cost.parameter_names, cost.ndata)
        self.cost = cost
        self.errordef = cost.errordef
        self.fit_type = cost.fit_type

    def seen(self, parameters: ArrayLike, value: float) -> float:
        """The value reported for ``parameters`` (the statistic itself by default)."""
        return value

    def __call__(self, parameters: ArrayLike) -> float:
        p = np.array(parameters, dtype=np.float64)
        return self.seen(p, self.cost(p))

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
        # squared_weight_cost, data, model...) of the wrapped cost
        if name == "cost":
            raise AttributeError(name)
        attribute = getattr(self.cost, name)
        if name == "gauss_newton":  # Fumili evaluates the statistic through this view
            view = attribute

            def seen(parameters: ArrayLike) -> Any:
                value, gradient, hessian = view(parameters)
                return self.seen(parameters, value), gradient, hessian

            return seen
        return attribute

"""``OffsetCost``: a statistic minus a constant, for fits whose statistic is large.

Minuit's numerical derivatives and its EDM are set by the function's absolute size: its
smallest meaningful change is taken as ``8·2√ε·(|F| + errordef)``. A likelihood of 10⁸ events
is ~10⁹, so that change is hundreds of units of the statistic and Migrad cannot reach its EDM
goal (RooFit's *offsetting* answers the same problem). Minimising ``F − F(start)`` leaves the
minimum, the curvature and every difference unchanged and keeps the values near 0; the
:class:`~rootfit.Fitter` adds the offset back to the reported minimum. Costs ask for it through
:attr:`Cost.offset_values` (large unbinned likelihoods do).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost

__all__ = ["OffsetCost"]


class OffsetCost(Cost):
    """``cost(p) − offset`` with the rest of the cost protocol delegated.

    Examples
    --------
    >>> from rootfit.costs import GaussianConstraint
    >>> shifted = OffsetCost(GaussianConstraint(["a"], [1.0], errors=[0.5]), 10.0)
    >>> shifted([2.0]), shifted.reported_chi2(-6.0)
    (-6.0, 4.0)
    """

    def __init__(self, cost: Cost, offset: float) -> None:
        super().__init__(cost.parameter_names, cost.ndata)
        self.cost = cost
        self.offset = float(offset)
        self.errordef = cost.errordef
        self.fit_type = cost.fit_type

    def __call__(self, parameters: ArrayLike) -> float:
        return self.cost(parameters) - self.offset

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        return self.cost.gradient(parameters)

    @property
    def has_gradient(self) -> bool:
        return self.cost.has_gradient

    def reported_chi2(self, min_fcn: float) -> float:
        return self.cost.reported_chi2(min_fcn + self.offset)

    def default_parameters(self) -> NDArray[np.float64] | None:
        return self.cost.default_parameters()

    def __getattr__(self, name: str) -> Any:
        if name == "cost":
            raise AttributeError(name)
        attribute = getattr(self.cost, name)
        if name == "gauss_newton":  # Fumili's view carries the value too
            view = attribute

            def shifted(parameters: ArrayLike) -> Any:
                value, gradient, hessian = view(parameters)
                return value - self.offset, gradient, hessian

            return shifted
        return attribute

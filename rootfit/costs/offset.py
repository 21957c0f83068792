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

from numpy.typing import ArrayLike

from rootfit.costs.base import Cost
from rootfit.costs.view import CostView

__all__ = ["OffsetCost"]


class OffsetCost(CostView):
    """``cost(p) − offset`` (a :class:`~rootfit.costs.view.CostView`).

    Examples
    --------
    >>> from rootfit.costs import GaussianConstraint
    >>> shifted = OffsetCost(GaussianConstraint(["a"], [1.0], errors=[0.5]), 10.0)
    >>> shifted([2.0]), shifted.reported_chi2(-6.0)
    (-6.0, 4.0)
    """

    def __init__(self, cost: Cost, offset: float) -> None:
        super().__init__(cost)
        self.offset = float(offset)

    def seen(self, parameters: ArrayLike, value: float) -> float:
        """The statistic minus the offset."""
        return value - self.offset

    def reported_chi2(self, min_fcn: float) -> float:
        return self.cost.reported_chi2(min_fcn + self.offset)

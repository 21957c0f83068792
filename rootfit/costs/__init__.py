"""Fit statistics (objective functions): the :class:`Cost` protocol and its implementations.

Binned costs on :class:`~rootfit.fitdata.BinData` (:class:`Chi2`, :class:`PearsonChi2`,
:class:`EffectiveChi2`, :class:`PoissonLikelihood`, :class:`BinomialEfficiency`), the
Barlow–Beeston :class:`TemplateFractions`, the unbinned :class:`UnbinnedNLL`,
:class:`CostSum` (costs add), :class:`GaussianConstraint` and :class:`CallableCost` for a user
objective.
"""

from rootfit.costs.base import Cost, FitType, GaussNewton, WeightedLeastSquares, has_gauss_newton
from rootfit.costs.binned import (
    BinnedCost,
    Chi2,
    EffectiveChi2,
    PearsonChi2,
    PoissonLikelihood,
    SquaredWeightPoissonLikelihood,
)
from rootfit.costs.callable import CallableCost
from rootfit.costs.combined import CostSum
from rootfit.costs.constraints import GaussianConstraint
from rootfit.costs.efficiency import BinomialEfficiency
from rootfit.costs.prediction import AtCentre, BinAverage, Prediction, prediction_for
from rootfit.costs.residual import ResidualCost
from rootfit.costs.templates import TemplateFractions
from rootfit.costs.unbinned import UnbinnedNLL

__all__ = [
    "AtCentre",
    "BinAverage",
    "BinnedCost",
    "BinomialEfficiency",
    "CallableCost",
    "Chi2",
    "Cost",
    "CostSum",
    "EffectiveChi2",
    "FitType",
    "GaussNewton",
    "GaussianConstraint",
    "PearsonChi2",
    "PoissonLikelihood",
    "Prediction",
    "ResidualCost",
    "SquaredWeightPoissonLikelihood",
    "TemplateFractions",
    "UnbinnedNLL",
    "WeightedLeastSquares",
    "has_gauss_newton",
    "prediction_for",
]

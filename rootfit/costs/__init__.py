"""Fit statistics (objective functions) over :class:`~rootfit.fitdata.BinData`."""

from rootfit.costs.base import Cost
from rootfit.costs.binned import Chi2, EffectiveChi2, PearsonChi2, PoissonLikelihood

__all__ = ["Chi2", "Cost", "EffectiveChi2", "PearsonChi2", "PoissonLikelihood"]

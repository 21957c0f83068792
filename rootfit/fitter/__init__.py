"""The Fitter: runs a minimizer backend on a cost and builds the FitResult."""

from rootfit.fitter.fitter import Fitter
from rootfit.fitter.parameters import ParameterSettings

__all__ = ["Fitter", "ParameterSettings"]

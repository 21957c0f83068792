"""The Fitter: runs a minimizer backend on a cost and builds the FitResult."""

from rootfit.fitter.backends import BACKENDS, Backend, BackendRegistry, Capabilities
from rootfit.fitter.fitter import Fitter
from rootfit.fitter.parameters import ParameterSettings, settings_from_state

__all__ = [
    "BACKENDS",
    "Backend",
    "BackendRegistry",
    "Capabilities",
    "Fitter",
    "ParameterSettings",
    "settings_from_state",
]

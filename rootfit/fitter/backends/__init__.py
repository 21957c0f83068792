"""Minimizer backends: each module turns (cost, settings, options) into a BackendResult."""

from rootfit.fitter.backends.base import BackendResult

__all__ = ["BackendResult"]

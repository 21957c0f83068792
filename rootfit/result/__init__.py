"""Fit results: frozen snapshots of a minimization and their ROOT-style rendering."""

from rootfit.result.fit_result import FitResult, ParameterKeyError, ParameterView

__all__ = ["FitResult", "ParameterKeyError", "ParameterView"]

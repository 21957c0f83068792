"""Fit options: the one option-string parser and the minimizer configuration."""

from rootfit.options.fit_options import FitOptions, parse_fit_options
from rootfit.options.minimizer_options import MinimizerOptions

__all__ = ["FitOptions", "MinimizerOptions", "parse_fit_options"]

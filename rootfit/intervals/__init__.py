"""Error analysis on a fit result: bands, scans and profiles, contours and surfaces, Minos at
any level, Sherpa's and lmfit's interval methods (layer 7: above the Fitter, below the fit
pipeline). Every tool takes a :class:`~rootfit.FitResult` (which keeps its cost) and returns a
new frozen object from :mod:`rootfit.result.intervals`; nothing is changed in place.
"""

from rootfit.intervals.bands import (
    band_factor,
    bootstrap_band,
    confidence_band,
    model_sigma,
    parameter_gradient,
    prediction_band,
)
from rootfit.intervals.contours import contour, contours, minos, surface, to_minuit
from rootfit.intervals.profiles import Reoptimizer, profile, profile_interval, scan, scan_values
from rootfit.intervals.sherpa import conf, covar, int_proj, int_unc, reg_proj, reg_unc
from rootfit.result.intervals import (
    Band,
    Contour,
    MinosError,
    ParameterIntervals,
    Profile,
    Surface,
    Trace,
    delta_statistic,
    level_probability,
)

__all__ = [
    "Band",
    "Contour",
    "MinosError",
    "ParameterIntervals",
    "Profile",
    "Reoptimizer",
    "Surface",
    "Trace",
    "band_factor",
    "bootstrap_band",
    "conf",
    "confidence_band",
    "contour",
    "contours",
    "covar",
    "delta_statistic",
    "int_proj",
    "int_unc",
    "level_probability",
    "minos",
    "model_sigma",
    "parameter_gradient",
    "prediction_band",
    "profile",
    "profile_interval",
    "reg_proj",
    "reg_unc",
    "scan",
    "scan_values",
    "surface",
    "to_minuit",
]

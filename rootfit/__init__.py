"""rootfit: fit histograms and graphs the way CERN ROOT does, from Python.

The light objects (histograms, graphs, functions, options) are imported eagerly; the fitting
machinery (numba kernels, iminuit) is imported on first use.
"""

from __future__ import annotations

from typing import Any

from rootfit import errors
from rootfit.functions import Function
from rootfit.hist import Axis, Graph, Graph2D, Histogram, MultiGraph, Profile
from rootfit.options import FitOptions, MinimizerOptions, parse_fit_options

__version__ = "0.1.0"

_LAZY = {
    "FitResult": "rootfit.result",
    "Fitter": "rootfit.fitter",
    "ParameterSettings": "rootfit.fitter",
    "BinData": "rootfit.fitdata",
    "DataOptions": "rootfit.fitdata",
    "Chi2": "rootfit.costs",
    "PearsonChi2": "rootfit.costs",
    "PoissonLikelihood": "rootfit.costs",
    "EffectiveChi2": "rootfit.costs",
    "fit": "rootfit.fitting",
}

__all__ = [
    "Axis",
    "BinData",
    "Chi2",
    "DataOptions",
    "EffectiveChi2",
    "FitOptions",
    "FitResult",
    "Fitter",
    "Function",
    "Graph",
    "Graph2D",
    "Histogram",
    "MinimizerOptions",
    "MultiGraph",
    "ParameterSettings",
    "PearsonChi2",
    "PoissonLikelihood",
    "Profile",
    "errors",
    "fit",
    "parse_fit_options",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rootfit' has no attribute {name!r}")

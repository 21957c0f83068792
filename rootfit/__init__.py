"""rootfit: fit histograms and graphs the way CERN ROOT does, from Python.

The light objects (histograms, graphs, functions, options) are imported eagerly; the fitting
machinery (numba kernels, iminuit) is imported on first use. ``rootfit.fit(data, model, opt)``
is the pure fit; ``data.fit(model, opt)`` adds ROOT's side effects (update the Function,
attach it, print).
"""

from __future__ import annotations

from typing import Any

from rootfit import errors
from rootfit.functions import Function, Model, ParameterState
from rootfit.hist import Axis, Graph, Graph2D, Histogram, MultiGraph, Profile
from rootfit.options import FitOptions, MinimizerOptions, parse_fit_options

__version__ = "0.1.0"

_LAZY = {
    "FitResult": "rootfit.result",
    "Fitter": "rootfit.fitter",
    "ParameterSettings": "rootfit.fitter",
    "BinData": "rootfit.fitdata",
    "DataOptions": "rootfit.fitdata",
    "DataRange": "rootfit.fitdata",
    "CallableCost": "rootfit.costs",
    "Chi2": "rootfit.costs",
    "CostSum": "rootfit.costs",
    "EffectiveChi2": "rootfit.costs",
    "GaussianConstraint": "rootfit.costs",
    "PearsonChi2": "rootfit.costs",
    "PoissonLikelihood": "rootfit.costs",
    "UnbinnedNLL": "rootfit.costs",
    "FitProblem": "rootfit.fitting",
    "fit": "rootfit.fitting",
    "plan_fit": "rootfit.fitting",
    "prepare_fit": "rootfit.fitting",
    "minimize": "rootfit.fitting.minimize",
    "fit_many": "rootfit.batch",
    "conf_interval": "rootfit.fitting.confidence",
    "conf_interval2d": "rootfit.fitting.confidence",
    "BatchResult": "rootfit.batch",
    "MinimizerResult": "rootfit.fitting.minimize",
    "Parameter": "rootfit.fitting.parameters",
    "Parameters": "rootfit.fitting.parameters",
    "ResidualCost": "rootfit.costs",
    "BinomialEfficiency": "rootfit.costs",
    "TemplateFractions": "rootfit.costs",
    "fit_efficiency": "rootfit.fitting.efficiency",
    "fit_fractions": "rootfit.fitting.templates",
    "UnBinData": "rootfit.fitdata",
    "ChunkedEvents": "rootfit.fitdata",
}

__all__ = [
    "Axis",
    "BatchResult",
    "BinData",
    "BinomialEfficiency",
    "CallableCost",
    "Chi2",
    "ChunkedEvents",
    "CostSum",
    "DataOptions",
    "DataRange",
    "EffectiveChi2",
    "FitOptions",
    "FitProblem",
    "FitResult",
    "Fitter",
    "Function",
    "GaussianConstraint",
    "Graph",
    "Graph2D",
    "Histogram",
    "MinimizerOptions",
    "MinimizerResult",
    "Model",
    "MultiGraph",
    "Parameter",
    "ParameterSettings",
    "ParameterState",
    "Parameters",
    "PearsonChi2",
    "PoissonLikelihood",
    "Profile",
    "ResidualCost",
    "TemplateFractions",
    "UnBinData",
    "UnbinnedNLL",
    "conf_interval",
    "conf_interval2d",
    "errors",
    "fit",
    "fit_efficiency",
    "fit_fractions",
    "fit_many",
    "minimize",
    "parse_fit_options",
    "plan_fit",
    "prepare_fit",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rootfit' has no attribute {name!r}")

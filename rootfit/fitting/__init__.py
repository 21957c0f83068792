"""The fit pipeline: one plan, a pure core, ROOT's side effects at the edge.

* :func:`plan_fit` (:mod:`~rootfit.fitting.plan`) decides every ROOT rule once, as a frozen
  :class:`FitPlan`;
* :func:`prepare_fit` / :func:`fit` (:mod:`~rootfit.fitting.problem`) build a picklable
  :class:`FitProblem` and solve it without changing anything they are given;
* :func:`root_style_fit` (:mod:`~rootfit.fitting.root_style`) adds what ROOT does besides
  fitting (update the TF1, attach it, print) — used by ``Histogram.fit``, ``Graph.fit`` and the
  façade.
"""

from rootfit.fitting.plan import (
    CostChoice,
    ErrorScaling,
    FitPlan,
    Report,
    SolverPath,
    Storage,
    plan_fit,
)
from rootfit.fitting.problem import COSTS, FitProblem, fit, prepare_fit, resolve_model
from rootfit.fitting.root_style import apply_root_side_effects, root_style_fit

__all__ = [
    "COSTS",
    "CostChoice",
    "ErrorScaling",
    "FitPlan",
    "FitProblem",
    "Report",
    "SolverPath",
    "Storage",
    "apply_root_side_effects",
    "fit",
    "plan_fit",
    "prepare_fit",
    "resolve_model",
    "root_style_fit",
]

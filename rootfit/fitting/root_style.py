"""ROOT's side effects of a fit, in one place: what ``TH1::Fit`` does besides fitting.

``Histogram.fit``, ``Graph.fit`` (and the façade's ``Fit``) call :func:`root_style_fit`: the
pure :func:`~rootfit.fitting.problem.fit` followed by :func:`apply_root_side_effects`, which
does what ROOT does after a fit (spec §5.1):

1. a :class:`~rootfit.Function` given as the model is updated in place: values, errors,
   limits set by automatic start values, Chi2, NDF and the number of fit points. Its errors
   then become the step sizes of the next fit of that function, as in ROOT;
2. unless ``N``, a copy of the fitted function is attached to the fitted object
   (``obj.functions``), replacing earlier ones unless ``+``, not drawn with ``0``, its range the
   fit range (else the visible range of the data);
3. unless ``Q``, the result is printed (``V``: with the matrices).
"""

from __future__ import annotations

from typing import Any

from rootfit.fitdata import as_fit_target, drawing_range
from rootfit.fitdata.targets import NanPolicy
from rootfit.fitting.plan import Report, Storage
from rootfit.fitting.problem import FitProblem, prepare_fit
from rootfit.functions import Function
from rootfit.options import FitOptions, MinimizerOptions
from rootfit.result import FitResult

__all__ = ["apply_root_side_effects", "root_style_fit"]


def root_style_fit(
    obj: Any,
    function: Any,
    option: str | FitOptions = "",
    *,
    range: Any = None,
    minimizer: MinimizerOptions | None = None,
    nan_policy: NanPolicy = "raise",
    strict: bool = False,
    store_trace: bool = False,
    **settings: Any,
) -> FitResult:
    """Fit as ROOT's ``TH1::Fit`` / ``TGraph::Fit`` do, side effects included (module docstring);
    the parameters are those of :func:`rootfit.fit` (``settings``: ``start``, ``fix``,
    ``limits``, ``objective``, ``scale_errors``)."""
    problem = prepare_fit(
        obj, function, option, range=range, minimizer=minimizer, nan_policy=nan_policy, **settings
    )
    # a strict failure raises before any side effect
    result = problem.solve(strict=strict, store_trace=store_trace)
    apply_root_side_effects(obj, function, problem, result)
    return result


def apply_root_side_effects(
    obj: Any, function: Any, problem: FitProblem, result: FitResult
) -> Function | None:
    """Update ``function`` (if it is a Function), attach a copy to ``obj`` and print, as ROOT.

    Returns
    -------
    Function or None
        The updated function (a new one when ``function`` was a name, formula or callable and
        a copy is attached; None when there is nothing to update or attach).
    """
    plan = problem.plan
    if plan.report is not Report.QUIET:
        result.print("V" if plan.report is Report.VERBOSE else "")
    if plan.storage is Storage.NONE and not isinstance(function, Function):
        return None
    # the start state keeps limits set by automatic start values, fixed flags and steps
    fitted = problem.start.replace(values=result.values.to_numpy(), errors=result.errors.to_numpy())
    if isinstance(function, Function):
        function.state = fitted
        updated = function
    else:
        model = problem.model or problem.cost.model  # type: ignore[attr-defined]
        updated = Function.from_model(model, fitted, name=problem.function_name)
    updated.chi2, updated.ndf, updated.n_fit_points = result.chi2, result.ndf, result.n_points
    if plan.storage is not Storage.NONE:
        stored = updated.copy()
        stored.range = drawing_range(as_fit_target(obj), problem.fit_range).as_tuple()
        stored.drawable = plan.storage is Storage.STORE
        if not plan.keep_previous:
            obj.functions[:] = [f for f in obj.functions if not isinstance(f, Function)]
        obj.functions.append(stored)
    return updated

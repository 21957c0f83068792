"""The pure fit: ``rootfit.fit(target, model, option)`` returns a result and changes nothing.

:func:`prepare_fit` resolves the model, parses the options once, plans every rule
(:func:`~rootfit.fitting.plan.plan_fit`), validates the range, builds the fit points through
the target's adapter, applies automatic start values to a *copy* of the parameter state and
builds the cost. The outcome is a :class:`FitProblem`: frozen, picklable (a batch or a Dask
worker can receive it), holding the cost that later tools (scans, contours, bands) need.
:meth:`FitProblem.solve` runs the :class:`~rootfit.Fitter`; :func:`fit` is both in one call.

A :class:`~rootfit.Function` given as the model is read (its model and its parameter state,
including errors left by a previous fit, which ROOT uses as step sizes) and never written:
the same fits in any order or in several threads give bit-identical results. ROOT's side
effects live in :mod:`rootfit.fitting.root_style`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from rootfit.costs import (
    CallableCost,
    Chi2,
    Cost,
    EffectiveChi2,
    PearsonChi2,
    PoissonLikelihood,
    UnbinnedNLL,
)
from rootfit.errors import (
    DataError,
    DataWarning,
    FitError,
    FitOptionError,
    FitWarning,
    FunctionError,
    FunctionTypeError,
    NoParametersError,
    warn,
)
from rootfit.fitdata import BinData, DataRange, Events, as_fit_target
from rootfit.fitdata.points_cache import reused
from rootfit.fitdata.targets import NanPolicy
from rootfit.fitter import Fitter, ParameterSettings, settings_from_state
from rootfit.fitter.backends import BackendResult
from rootfit.fitting.events import event_start_state, fix_scale_parameters
from rootfit.fitting.plan import CostChoice, ErrorScaling, FitPlan, plan_fit
from rootfit.functions import Function, Model, ParameterState, apply_start_rule
from rootfit.options import FitOptions, MinimizerOptions, parse_fit_options
from rootfit.result import FitResult

__all__ = ["COSTS", "FitProblem", "fit", "fit_range_of", "prepare_fit", "resolve_model"]

FitData = BinData | Events

#: How each planned statistic is built on the fit data (a new statistic is a new entry).
COSTS: dict[CostChoice, Callable[[Any, Model, FitPlan], Cost]] = {
    CostChoice.CHI2: lambda data, model, plan: Chi2(data, model),
    CostChoice.PEARSON: lambda data, model, plan: PearsonChi2(data, model),
    CostChoice.PEARSON_WEIGHTED: lambda data, model, plan: PearsonChi2(data, model, weighted=True),
    CostChoice.EFFECTIVE_CHI2: lambda data, model, plan: EffectiveChi2(data, model),
    CostChoice.POISSON: lambda data, model, plan: PoissonLikelihood(data, model),
    CostChoice.MULTINOMIAL: lambda data, model, plan: PoissonLikelihood(
        data, model, extended=False
    ),
    CostChoice.UNBINNED: lambda data, model, plan: UnbinnedNLL(
        data, model, extended=plan.extended, normalize=plan.normalize
    ),
}


def user_cost(objective: Any, data: Any, model: Model) -> Cost:
    """The cost of option ``U``: the user's ``objective(parameters)`` or
    ``objective(parameters, data)`` (``data`` the fit points), reported as is (Chi2 = its
    minimum, ErrorDef 1 unless the minimizer options say otherwise)."""
    if objective is None:
        raise FitOptionError("option U minimises a user objective: give objective=callable")
    if not callable(objective):
        raise FitOptionError(f"objective must be callable, not {type(objective).__name__}")
    try:
        takes_data = len(inspect.signature(objective).parameters) >= 2
    except (TypeError, ValueError):
        takes_data = False

    def fcn(p: Any) -> float:
        return float(objective(p, data) if takes_data else objective(p))

    return CallableCost(fcn, model.parameter_names, ndata=data.size)


@dataclass(frozen=True)
class ResolvedModel:
    """A model with the parameter state and range a fit starts from."""

    model: Model
    state: ParameterState
    range: Any
    name: str


def resolve_model(function: Any, ndim: int, *, reduced_ok: bool = False) -> ResolvedModel:
    """The model (and start state) of a name, formula, callable, Model or Function.

    ``reduced_ok`` also accepts a model of ``ndim - 1`` variables (a histogram fitted with a
    function of one dimension less, e.g. a TH2 with a TF1 ``y = f(x)``).

    Raises
    ------
    FunctionError
        Objects that are not models, or a model of another dimension than the data.
    """
    if isinstance(function, Function):
        resolved = ResolvedModel(function.model, function.state, function.range, function.name)
    elif isinstance(function, Model):
        resolved = ResolvedModel(
            function, ParameterState.initial(function.defaults), None, function.name
        )
    elif isinstance(function, str) or callable(function):
        model = Model.from_spec(function, ndim=ndim if callable(function) else None)
        # ROOT names the function it makes from a string after the string ("1 ++ exp(-x)")
        name = function if isinstance(function, str) else model.name
        resolved = ResolvedModel(model, ParameterState.initial(model.defaults), None, name)
    else:
        raise FunctionTypeError(
            f"cannot fit {type(function).__name__!r}: give a predefined name, a formula, "
            "a callable, a rootfit.Function or a Model"
        )
    if resolved.model.ndim != ndim and not (reduced_ok and resolved.model.ndim == ndim - 1):
        raise FunctionError(
            f"function {resolved.name!r} has {resolved.model.ndim} variable(s) but the data is "
            f"{ndim}-dimensional"
        )
    if resolved.model.npar == 0:
        raise NoParametersError(
            f"function {resolved.name!r} has no parameters: there is nothing to fit"
        )
    return resolved


@dataclass(frozen=True)
class FitProblem:
    """A fit with every decision made and every input built, not yet run.

    Attributes
    ----------
    plan : FitPlan
        The decisions.
    data : BinData or Events
        The fit points, or the events of an unbinned fit.
    cost : Cost
        The statistic to minimise.
    start : ParameterState
        Start values, errors (steps), limits and fixed flags (after automatic start values).
    fit_range : DataRange
        The range the points were selected in.
    function_name : str
        Name of the fitted function (for ROOT's result names).
    model : Model or None
        The fitted model (also when the cost is the user's own, option ``U``).
    """

    plan: FitPlan
    data: FitData
    cost: Cost
    start: ParameterState
    fit_range: DataRange
    function_name: str = "f"
    model: Model | None = None

    @property
    def settings(self) -> tuple[ParameterSettings, ...]:
        """Minimizer settings of the start state (ROOT's step-size rules)."""
        return settings_from_state(self.cost.parameter_names, self.start)

    def solve(self, *, strict: bool = False, store_trace: bool = False) -> FitResult:
        """Run the Fitter as planned; with ``strict=True`` a fit that is not valid raises
        :class:`~rootfit.errors.FitError` (its ``result`` attribute holds the result); with
        ``store_trace=True`` the result keeps every point the minimizer evaluated."""
        plan = self.plan
        result = Fitter(plan.minimizer).fit(
            self.cost,
            self.settings,
            hesse=plan.hesse,
            minos=plan.minos,
            normalize_errors=plan.error_scaling is ErrorScaling.CHI2_PER_NDF,
            gradient=plan.gradient,
            weight_correction=plan.weight_correction,
            store_trace=store_trace,
        )
        result = self._in_context(result)
        if strict and not result.valid:
            raise FitError(
                f"the fit of {self.function_name!r} is not valid (status {result.status}, "
                f"{result.minimizer}); strict=True turns that into an error",
                result,
            )
        return result

    def result_of(self, raw: BackendResult) -> FitResult:
        """What :meth:`solve` returns when the minimizer's outcome is ``raw`` (an outcome
        computed elsewhere: a stacked batch runs the minimisations of many problems in one
        compiled loop, :mod:`rootfit.batch.stacked`). Only for plans without Hesse, Minos,
        gradient or weight correction, whose result is the outcome itself."""
        plan = self.plan
        if plan.hesse or plan.minos or plan.gradient or plan.weight_correction:
            raise FitError("result_of needs a plan whose result is the minimizer's outcome")
        result = Fitter(plan.minimizer).result_of(
            self.cost,
            self.settings,
            raw,
            normalize_errors=plan.error_scaling is ErrorScaling.CHI2_PER_NDF,
        )
        return self._in_context(result)

    def _in_context(self, result: FitResult) -> FitResult:
        """The result with the plan's options, the fit range and the model."""
        result = result.with_context(options=self.plan.options, fit_range=self.fit_range)
        if result.model is None and self.model is not None:
            result = result.replaced(model=self.model)
        return result


def fit_range_of(range: Any, plan: FitPlan, resolved: ResolvedModel, ndim: int) -> DataRange:
    if range is not None:
        return DataRange.from_user(range, ndim)
    if plan.use_function_range:
        if resolved.range is None:
            raise FitOptionError(
                f"option R uses the function range, but function {resolved.name!r} has none; "
                "give Function(..., range=(lo, hi)) or range= to fit"
            )
        return DataRange.from_user(resolved.range, ndim, argument="function range")
    return DataRange()


def prepare_fit(
    target: Any,
    function: Any,
    option: str | FitOptions = "",
    *,
    range: Any = None,
    minimizer: MinimizerOptions | None = None,
    nan_policy: NanPolicy = "raise",
    extended: bool | None = None,
    normalize: bool | None = None,
    start: Mapping[str, float] | None = None,
    fix: Sequence[str] | Mapping[str, float] | None = None,
    limits: Mapping[str, Any] | None = None,
    objective: Any = None,
    scale_errors: bool | None = None,
) -> FitProblem:
    """Decide and build everything for a fit (see :func:`fit` for the parameters)."""
    fit_target = as_fit_target(target)
    options = parse_fit_options(option, fit_target.kind)
    resolved = resolve_model(
        function, fit_target.ndim, reduced_ok=fit_target.kind == "histogram" and fit_target.ndim > 1
    )
    plan = plan_fit(
        options,
        resolved.model,
        fit_target,
        minimizer=minimizer,
        extended=extended,
        normalize=normalize,
        scale_errors=scale_errors,
    )
    for note in plan.notes:
        warn(note, FitWarning)
    fit_range = fit_range_of(range, plan, resolved, fit_target.ndim)
    if not fit_range.single and fit_target.kind != "unbinned":
        raise DataError(
            f"range gives several intervals for one axis ({fit_range.intervals(0)}); they "
            f"apply to unbinned fits, a {fit_target.description} is fitted in one interval per axis"
        )
    data = fit_target.fit_data(plan.data_options, fit_range, nan_policy)
    names = resolved.model.parameter_names
    if isinstance(data, Events):
        state = event_start_state(plan.start_rule, resolved.state, data)
        state = state.with_overrides(names, start=start, fix=fix, limits=limits)
        if plan.normalize:
            state, _ = fix_scale_parameters(resolved.model, state, data)
    else:
        keep = resolved.model.point_mask(data.centers, np.asarray(resolved.state.values))
        if keep is not None and not keep.all():  # points the model rejects (TF1::RejectPoint)
            if not keep.any():
                raise DataError(f"the model rejects every point of {fit_target.description}")
            data = data.selected(keep)
        state = apply_start_rule(plan.start_rule, resolved.state, data.coords, data.values)
        state = state.with_overrides(names, start=start, fix=fix, limits=limits)
        likelihood = plan.cost in (CostChoice.POISSON, CostChoice.MULTINOMIAL)
        negative = int(np.sum(data.values < 0)) if likelihood else 0
        if negative:
            warn(
                f"{negative} bin(s) of {fit_target.description} have negative contents: a Poisson "
                "likelihood counts them as f - y with no log term (as ROOT); a χ² fit may suit "
                "such data better",
                DataWarning,
            )
    if plan.cost is CostChoice.USER:
        cost = user_cost(objective, data, resolved.model)
    else:
        cost = _cost(plan, data, resolved.model)
    return FitProblem(
        plan=plan,
        data=data,
        cost=cost,
        start=state,
        fit_range=fit_range,
        function_name=resolved.name,
        model=resolved.model,
    )


def _cost(plan: FitPlan, data: FitData, model: Model) -> Cost:
    """The planned statistic on ``data`` for ``model``. Costs do not change once built, so the
    cost of cached fit points (:mod:`rootfit.fitdata.points_cache`) and the same model object is
    built once and shared by every fit of them, its compiled context with it."""

    def build() -> Cost:
        return COSTS[plan.cost](data, model, plan)

    if not isinstance(data, BinData):
        return build()
    return cast(Cost, reused(data, (plan.cost,), (model,), build))


def fit(
    target: Any,
    function: Any,
    option: str | FitOptions = "",
    *,
    range: Any = None,
    minimizer: MinimizerOptions | None = None,
    nan_policy: NanPolicy = "raise",
    extended: bool | None = None,
    normalize: bool | None = None,
    start: Mapping[str, float] | None = None,
    fix: Sequence[str] | Mapping[str, float] | None = None,
    limits: Mapping[str, Any] | None = None,
    objective: Any = None,
    scale_errors: bool | None = None,
    store_trace: bool = False,
    strict: bool = False,
) -> FitResult:
    """Fit ``function`` to a histogram, profile, graph or events with ROOT's semantics,
    changing nothing that is given (no printing, no function attached, the Function not
    updated).

    Parameters
    ----------
    target : Histogram, Profile, Graph, Graph2D, MultiGraph, Events, ndarray or FitTarget
        The data; :class:`~rootfit.fitdata.UnBinData`, :class:`~rootfit.fitdata.ChunkedEvents`
        (events on a Dask cluster; a ``dask.array`` becomes one) or a numpy array of events (shape
        ``(n,)`` or ``(n, ndim)``) is fitted by an unbinned likelihood.
    function : str, Function, Model or callable
        The model (a Function's parameters are the start values, its errors the steps).
    option : str or FitOptions
        ROOT option letters (``Q``, ``N``, ``0``, ``+`` have no effect here; see
        ``Histogram.fit`` for ROOT's side effects).
    range : (lo, hi) or sequence of (lo, hi) per axis, optional
        Fit range; otherwise the function range with ``R``. For 1-D events, several
        ``(lo, hi)`` pairs are several intervals.
    minimizer : MinimizerOptions, optional
        Minimizer configuration.
    nan_policy : {"raise", "omit"}
        Non-finite data.
    extended : bool, optional
        Events only: extended likelihood — the model is the density of expected events and
        its integral over the range is added (default False).
    normalize : bool, optional
        Events only: divide the model by its integral over the range, so any shape can be
        fitted as a density (default: True unless extended); parameters that only scale the
        model cancel and are fixed.
    start : mapping of name to value, optional
        Start values for this fit (they win over ROOT's automatic start values).
    fix : sequence of names, or mapping of name to value, optional
        Parameters fixed for this fit (at their start value, or at the value given).
    limits : mapping of name to (lower, upper), optional
        Limits for this fit; ``None`` on a side means unbounded there.
    objective : callable, optional
        With option ``U``: ``objective(parameters)`` or ``objective(parameters, data)``
        (``data`` the fit points) replaces the built-in statistic.
    scale_errors : bool, optional
        Scale errors and covariance by √(χ²/ndf): None follows ROOT (least squares on data
        without errors), True for any least-squares fit, False never; bands computed from the
        result follow the same scaling.
    store_trace : bool
        Keep every parameter vector the minimizer evaluated and the statistic there
        (``result.trace``, a :class:`~rootfit.result.intervals.Trace`).
    strict : bool
        Raise :class:`~rootfit.errors.FitError` (holding the result) when the fit is not valid,
        for pipelines that must stop; by default an invalid fit returns ``valid=False`` with a
        warning.

    Returns
    -------
    FitResult

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> h = rf.Histogram(50, -4, 4)
    >>> h.fill(np.random.default_rng(2).normal(0.5, 1.0, 5000))
    >>> r = rf.fit(h, "gaus", "L")
    >>> round(r.values["Mean"], 1), len(h.functions)
    (0.5, 0)
    """
    return prepare_fit(
        target,
        function,
        option,
        range=range,
        minimizer=minimizer,
        nan_policy=nan_policy,
        extended=extended,
        normalize=normalize,
        start=start,
        fix=fix,
        limits=limits,
        objective=objective,
        scale_errors=scale_errors,
    ).solve(strict=strict, store_trace=store_trace)

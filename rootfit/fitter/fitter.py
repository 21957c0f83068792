"""``Fitter``: runs a backend on a cost and turns the outcome into a :class:`FitResult`
(ROOT::Fit::Fitter).

The Fitter holds only its (frozen) :class:`MinimizerOptions` and the backend they name; each
:meth:`Fitter.fit` call is independent and changes nothing it is given. The sequence is always
the same: check that the backend can serve the request, minimise, then the explicit steps
after the minimum — Hesse, Minos, the weighted-likelihood correction — then ROOT's reporting
rules (Chi2 and ndf, spec §3.7; error normalisation, §3.2). ErrorDef comes from the cost (1 for
χ², 0.5 for likelihoods) unless the options override it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from rootfit.costs import (
    CallableCost,
    Chi2,
    Cost,
    EffectiveChi2,
    FitType,
    PoissonLikelihood,
    UnbinnedNLL,
)
from rootfit.costs.offset import OffsetCost
from rootfit.costs.tracing import TracedCost
from rootfit.errors import FitError, FitOptionError, StartValueWarning, warn
from rootfit.fitdata import BinData, ErrorType, Events
from rootfit.fitter.backends import (
    BACKENDS,
    Backend,
    BackendRegistry,
    BackendResult,
    Minimum,
    Request,
)
from rootfit.fitter.parameters import (
    ParameterSettings,
    default_step,
    result_settings,
    settings_from_state,
)
from rootfit.fitter.verdict import assess
from rootfit.functions import Function, Model, ParameterState
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult, ParameterView
from rootfit.result.intervals import Trace

__all__ = ["Fitter"]

Parameters = (
    Sequence[ParameterSettings] | Sequence[float] | np.ndarray | ParameterState | Any | None
)


class Fitter:
    """Minimise a cost and build a :class:`FitResult`.

    Parameters
    ----------
    options : MinimizerOptions, optional
        Defaults to ROOT 6.40's (Minuit2 / Migrad, strategy 1, tolerance 0.01).
    backends : BackendRegistry, optional
        Where minimizer names are looked up (default: the built-in backends).

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.fitdata import BinData
    >>> data = BinData(np.arange(5.0), [1.1, 2.9, 5.2, 7.1, 8.8], errors=np.full(5, 0.2))
    >>> cost = rf.Chi2(data, rf.Function("pol1"))
    >>> r = rf.Fitter().fit(cost, [0.0, 1.0])
    >>> r.valid
    True
    """

    def __init__(
        self, options: MinimizerOptions | None = None, *, backends: BackendRegistry = BACKENDS
    ) -> None:
        self.options = options or MinimizerOptions.default()
        self.backends = backends
        self.backend: Backend = backends.get(self.options)

    def fit(
        self,
        cost: Cost,
        parameters: Parameters = None,
        *,
        hesse: bool = False,
        minos: bool | Sequence[str] = False,
        normalize_errors: bool = False,
        gradient: bool = False,
        weight_correction: bool = False,
        store_trace: bool = False,
    ) -> FitResult:
        """Minimise ``cost``.

        Parameters
        ----------
        cost : Cost
            The objective (carries errordef, data size and parameter names).
        parameters : optional
            Start values (steps ``0.3·|v|``, no limits), a sequence of
            :class:`ParameterSettings`, a :class:`~rootfit.functions.ParameterState` or a
            :class:`~rootfit.Function` (its state, with ROOT's step rules); default: the cost's
            default start values.
        hesse : bool
            Run Hesse after the minimum (ROOT's ``E``/ParabErrors).
        minos : bool or sequence of str
            Minos errors for all or the named parameters (only at a valid minimum).
        normalize_errors : bool
            Scale errors by ``sqrt(chi2/ndf)`` (least-squares fits without data errors).
        gradient : bool
            Give the minimizer the cost's analytic gradient (ROOT's option ``G``).
        weight_correction : bool
            Weighted-histogram likelihood (ROOT's ``WL``): the covariance becomes ``C·H₂·C`` with
            ``H₂`` the Hessian of the cost's squared-weight companion at the minimum.
        store_trace : bool
            Record every point the minimizer (and Hesse, Minos) evaluated:
            ``result.trace`` (:class:`~rootfit.result.intervals.Trace`).

        Returns
        -------
        FitResult
        """
        settings = self._settings(cost, parameters)
        request = Request(hesse, minos, gradient, weight_correction)
        self.backend.check(cost, request, self.options)
        _check_start(cost, settings)
        errordef = self.options.error_def or cost.errordef
        objective: Cost = TracedCost(cost) if store_trace else cost
        offset = _offset(cost, settings)
        if offset:
            objective = OffsetCost(objective, offset)
        minimum = self.backend.minimize(
            objective, settings, self.options, errordef, gradient=gradient
        )
        if hesse:
            minimum.hesse()
        if minos and minimum.outcome.valid:
            minimum.minos(cost.parameter_names if minos is True else list(minos))
        raw = minimum.outcome
        if offset:  # the statistic itself, not its offset version, is reported
            raw = replace(raw, min_fcn=raw.min_fcn + offset)
        if weight_correction:
            raw = self._weight_corrected(cost, settings, raw, errordef)
        result = self._result(cost, settings, raw, normalize_errors, errordef)
        traced = objective.cost if isinstance(objective, OffsetCost) else objective
        if isinstance(traced, TracedCost):
            trace = Trace(cost.parameter_names, traced.points(), traced.values())
            result = result.replaced(trace=trace)
        return result

    def result_of(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        raw: BackendResult,
        *,
        normalize_errors: bool = False,
    ) -> FitResult:
        """The FitResult :meth:`fit` makes of a minimizer outcome ``raw`` of ``cost`` from
        ``settings`` (verdict, warnings, χ², ndf, scaled errors): for outcomes computed
        elsewhere, e.g. by a stacked batch's compiled loop."""
        errordef = self.options.error_def or cost.errordef
        return self._result(cost, settings, raw, normalize_errors, errordef)

    # -- ROOT::Fit::Fitter's entry points on data and a model ----------------------------------
    def least_squares_fit(
        self, data: BinData, model: Model | Function, parameters: Parameters = None, **steps: Any
    ) -> FitResult:
        """ROOT's ``Fit(BinData)`` / ``LeastSquareFit``: the Neyman χ² (effective variance when
        the data has coordinate or asymmetric errors). Start values: ``parameters``, else the
        Function's state or the model's defaults. ``steps`` are those of :meth:`fit`."""
        cost = (
            EffectiveChi2(data, model) if data.error_type >= ErrorType.COORD else Chi2(data, model)
        )
        return self.fit(cost, _start(model, parameters), **steps)

    def likelihood_fit(
        self,
        data: BinData | Events,
        model: Model | Function,
        parameters: Parameters = None,
        *,
        extended: bool | None = None,
        **steps: Any,
    ) -> FitResult:
        """ROOT's ``LikelihoodFit``: the Poisson likelihood of binned data (extended by
        default) or the unbinned likelihood of events (not extended by default) — ROOT's two
        different defaults."""
        if isinstance(data, Events):
            cost: Cost = UnbinnedNLL(data, model, extended=bool(extended))
        else:
            cost = PoissonLikelihood(data, model, extended=True if extended is None else extended)
        return self.fit(cost, _start(model, parameters), **steps)

    def linear_fit(
        self, data: BinData, model: Model | Function, parameters: Parameters = None
    ) -> FitResult:
        """ROOT's ``LinearFit``: the closed-form linear least-squares solver for this call."""
        linear = Fitter(self.options.with_(minimizer_type="Linear"), backends=self.backends)
        return linear.fit(Chi2(data, model), _start(model, parameters))

    def fit_fcn(
        self,
        fcn: Any,
        parameters: Parameters,
        *,
        names: Sequence[str] | None = None,
        data_size: int = 0,
        chi2: bool = False,
        errordef: float = 1.0,
        gradient: Any = None,
        **steps: Any,
    ) -> FitResult:
        """ROOT's ``FitFCN``: minimise ``fcn(parameters_array)``. With ``chi2=True`` and
        ``data_size`` the result has ``chi2 = min_fcn`` and ``ndf = data_size - n_free``."""
        items = list(parameters) if parameters is not None else []  # type: ignore[arg-type]
        if names is None:
            names = [
                s.name if isinstance(s, ParameterSettings) else f"Par_{i}"
                for i, s in enumerate(items)
            ]
        cost = CallableCost(
            fcn,
            names,
            errordef=errordef,
            ndata=data_size,
            gradient=gradient,
            fit_type=FitType.LEAST_SQUARES if chi2 else FitType.GENERIC,
        )
        return self.fit(cost, items, **steps)

    def eval_fcn(self, cost: Cost | FitResult, parameters: Any = None) -> float:
        """The objective at ``parameters`` (default: a result's values)."""
        if isinstance(cost, FitResult):
            parameters = cost.values.to_numpy() if parameters is None else parameters
            objective: Cost = cost.cost
        else:
            objective = cost
        return float(objective(np.asarray(parameters, dtype=np.float64)))

    def calculate_hess_errors(self, result: FitResult) -> FitResult:
        """The result with errors and covariance from Minuit2's Hesse at its values (ROOT's
        ``CalculateHessErrors``)."""
        cost, settings = self._resume(result)
        offset = _offset(cost, settings)
        if offset:
            cost = OffsetCost(cost, offset)
        errordef = self.options.error_def or result.errordef
        cov = self._steps_backend().hesse_covariance(cost, settings, self.options, errordef)
        return result.replaced(
            covariance=cov,
            errors=ParameterView(result.parameter_names, np.sqrt(np.clip(np.diag(cov), 0, None))),
            cov_status=3,
            normalized_errors=False,
        )

    def calculate_minos_errors(
        self, result: FitResult, names: Sequence[str] | None = None
    ) -> FitResult:
        """The result with Minos errors of ``names`` (default: all free parameters), ROOT's
        ``CalculateMinosErrors``."""
        minimum = self.resume(result)
        before = minimum.outcome.status
        minimum.minos(list(names) if names is not None else list(result.parameter_names))
        return result.replaced(
            minos={**result.minos, **minimum.outcome.minos},
            status=result.status + minimum.outcome.status - before,
        )

    def resume(self, result: FitResult) -> Minimum:
        """Minuit2's state at a result's minimum — Migrad (with these options' strategy and
        tolerance) run again from the result's values with its errors as steps, its limits,
        fixed parameters and errordef — for Minos at any level, contours and the iminuit
        bridge (:meth:`Minimum.to_minuit`).

        Raises
        ------
        FitError
            The result does not keep its cost.
        """
        cost, settings = self._resume(result)
        offset = _offset(cost, settings)
        if offset:
            cost = OffsetCost(cost, offset)
        errordef = self.options.error_def or result.errordef
        options = MinimizerOptions.default().with_(
            strategy=self.options.strategy, tolerance=self.options.tolerance
        )
        return self._steps_backend().minimize(cost, settings, options, errordef)

    def _steps_backend(self) -> Backend:
        return self.backends.get(MinimizerOptions.default())

    @staticmethod
    def _resume(result: FitResult) -> tuple[Cost, tuple[ParameterSettings, ...]]:
        if result.cost is None:
            raise FitError("this result does not hold its cost; Hesse and Minos need it")
        return result.cost, result_settings(result)

    def _result(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        raw: BackendResult,
        normalize_errors: bool,
        errordef: float,
    ) -> FitResult:
        nfree = sum(not s.fixed for s in settings)
        ndf = max(cost.ndata - nfree, 0)
        verdict = assess(cost, cost.ndata, settings, raw)
        chi2 = cost.reported_chi2(raw.min_fcn)
        errors, cov, normalized = raw.errors, raw.covariance, False
        if normalize_errors and cost.fit_type is FitType.LEAST_SQUARES and ndf > 0 and chi2 > 0:
            scale = chi2 / ndf
            errors, cov, normalized = errors * math.sqrt(scale), cov * scale, True
        names = tuple(s.name for s in settings)
        result = FitResult(
            parameter_names=names,
            values=ParameterView(names, raw.values),
            errors=ParameterView(names, errors),
            covariance=cov,
            fixed=tuple(s.fixed for s in settings),
            bounds=tuple((s.lower, s.upper) if s.bounded else None for s in settings),
            min_fcn=raw.min_fcn,
            chi2=chi2,
            ndf=ndf,
            n_points=cost.ndata,
            edm=raw.edm,
            ncalls=raw.ncalls,
            status=raw.status,
            cov_status=raw.cov_status,
            valid=verdict.valid,
            minimizer=raw.minimizer,
            minos=raw.minos,
            normalized_errors=normalized,
            errordef=float(errordef),
            model=getattr(cost, "model", None),
            cost=cost,
        )
        for message, category in verdict.warnings:
            warn(message, category)
        return result

    def _weight_corrected(
        self, cost: Cost, settings: Sequence[ParameterSettings], raw: BackendResult, errordef: float
    ) -> BackendResult:
        at_minimum = [replace(s, value=float(v)) for s, v in zip(settings, raw.values, strict=True)]
        companion = cost.squared_weight_cost()  # type: ignore[attr-defined]
        c2 = self.backend.hesse_covariance(companion, at_minimum, self.options, errordef)
        free = np.array([not s.fixed for s in settings])
        c1f = raw.covariance[np.ix_(free, free)]
        corrected = np.zeros_like(raw.covariance)
        corrected[np.ix_(free, free)] = c1f @ np.linalg.inv(c2[np.ix_(free, free)]) @ c1f
        errors = np.sqrt(np.clip(np.diag(corrected), 0.0, None))
        return replace(raw, covariance=corrected, errors=errors, minos={})

    @staticmethod
    def _settings(cost: Cost, parameters: Parameters) -> tuple[ParameterSettings, ...]:
        names = cost.parameter_names
        if parameters is None:
            parameters = cost.default_parameters()
            if parameters is None:
                raise FitError(f"give start values: {type(cost).__name__} has no defaults")
        state = getattr(parameters, "state", parameters)  # a Function gives its state
        if isinstance(state, ParameterState):
            return settings_from_state(names, state)
        items = list(parameters)  # type: ignore[arg-type]
        if len(items) != len(names):
            raise FitOptionError(f"cost has {len(names)} parameters, {len(items)} settings given")
        if all(isinstance(p, ParameterSettings) for p in items):
            return tuple(items)
        return tuple(
            ParameterSettings(n, float(v), default_step(float(v)))
            for n, v in zip(names, items, strict=True)
        )


def _offset(cost: Cost, settings: Sequence[ParameterSettings]) -> float:
    """The cost at the start values when the cost asks to be offset (else, or if that value
    is not finite, 0)."""
    if not cost.offset_values:
        return 0.0
    with np.errstate(all="ignore"):
        value = float(cost(np.array([s.value for s in settings])))
    return value if math.isfinite(value) else 0.0


def _start(model: Model | Function, parameters: Parameters) -> Parameters:
    """Start values of an entry point: the given ones, else a Function's state (ROOT's
    ``SetFunction`` takes the model's current values), else the model's defaults."""
    if parameters is not None:
        return parameters
    if isinstance(model, Function):
        return model.state
    return np.array(model.defaults, dtype=np.float64)


def _check_start(cost: Cost, settings: Sequence[ParameterSettings]) -> None:
    """Refuse a cost without parameters; warn when the cost is not finite at the start values
    (the model is NaN or infinite there): the minimizer still runs — it may walk out of that
    region — and its verdict says whether the fit is valid."""
    if not settings:
        raise FitError(f"{type(cost).__name__} has no parameters: there is nothing to fit")
    if all(s.fixed for s in settings):
        return  # ROOT evaluates the cost once and reports it
    start = np.array([s.value for s in settings], dtype=np.float64)
    with np.errstate(all="ignore"):
        value = cost(start)
    if not np.isfinite(value):
        model = getattr(cost, "model", None)
        what = f"model {model.name!r}" if model is not None else type(cost).__name__
        values = dict(zip(cost.parameter_names, start.tolist(), strict=True))
        warn(
            f"the cost is {value} at the start values {values}: {what} is not finite there; "
            "give start values where it is",
            StartValueWarning,
        )

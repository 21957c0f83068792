"""``ROOT.Fit.Fitter`` with its ``FitConfig`` and ``ParameterSettings``, and the objective
functions ``Chi2Function``, ``PoissonLikelihoodFunction`` and ``LogLikelihoodFunction``.

ROOT's Fitter is stateful — configure, fit, read ``Result()``, re-run Hesse or Minos — and so is
this façade; each fit is a call to rootfit's stateless :class:`~rootfit.Fitter` with the
configuration's frozen settings and the process's default minimizer options copied when the
configuration was made (spec §4.9).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from rootfit.compat.fit_data import BinData, UnBinData
from rootfit.compat.fitresult import TFitResult
from rootfit.compat.math_functions import WrappedMultiTF1
from rootfit.compat.math_options import MinimizerOptions as _MathOptions
from rootfit.costs import (
    CallableCost,
    Chi2,
    Cost,
    EffectiveChi2,
    FitType,
    PoissonLikelihood,
    UnbinnedNLL,
)
from rootfit.errors import FitError
from rootfit.fitdata import ErrorType
from rootfit.fitdata import UnBinData as _UnBinData
from rootfit.fitter import Fitter as _Fitter
from rootfit.fitter import ParameterSettings as _Settings
from rootfit.fitter.parameters import default_step
from rootfit.functions import Function
from rootfit.result import FitResult

__all__ = [
    "Chi2Function",
    "FitConfig",
    "Fitter",
    "LogLikelihoodFunction",
    "ParameterSettings",
    "PoissonLikelihoodFunction",
]


class ParameterSettings:
    """ROOT's ``ROOT::Fit::ParameterSettings`` (mutable)."""

    def __init__(self, name: str, value: float, step: float = 0.0) -> None:
        self._name = str(name)
        self._value = float(value)
        self._step = float(step) if step > 0 else default_step(float(value))
        self._lower, self._upper = -math.inf, math.inf
        self._fixed = False

    def Name(self) -> str:
        return self._name

    def Value(self) -> float:
        return self._value

    def StepSize(self) -> float:
        return self._step

    def LowerLimit(self) -> float:
        return self._lower

    def UpperLimit(self) -> float:
        return self._upper

    def IsFixed(self) -> bool:
        return self._fixed

    def IsBound(self) -> bool:
        return math.isfinite(self._lower) or math.isfinite(self._upper)

    def IsDoubleBound(self) -> bool:
        return math.isfinite(self._lower) and math.isfinite(self._upper)

    def HasLowerLimit(self) -> bool:
        return math.isfinite(self._lower)

    def HasUpperLimit(self) -> bool:
        return math.isfinite(self._upper)

    def SetName(self, name: str) -> None:
        self._name = str(name)

    def SetValue(self, value: float) -> None:
        self._value = float(value)

    def SetStepSize(self, step: float) -> None:
        self._step = float(step)

    def SetLimits(self, lower: float, upper: float) -> None:
        self._lower, self._upper = float(lower), float(upper)

    def SetLowerLimit(self, lower: float) -> None:
        self._lower = float(lower)

    def SetUpperLimit(self, upper: float) -> None:
        self._upper = float(upper)

    def RemoveLimits(self) -> None:
        self._lower, self._upper = -math.inf, math.inf

    def Fix(self) -> None:
        self._fixed = True

    def Release(self) -> None:
        self._fixed = False

    def settings(self) -> _Settings:
        """rootfit's frozen :class:`~rootfit.fitter.ParameterSettings`."""
        return _Settings(self._name, self._value, self._step, self._lower, self._upper, self._fixed)


class FitConfig:
    """ROOT's ``ROOT::Fit::FitConfig``: parameter settings, minimizer options and the steps
    after the minimum (``ParabErrors``, ``MinosErrors``, ``NormErrors``, ``WeightCorrection``)."""

    def __init__(self) -> None:
        self._pars: list[ParameterSettings] = []
        self._options = _MathOptions()
        self._parab = False
        self._minos: bool | list[int] = False
        self._norm = False
        self._weight_correction = False
        self._update = True

    # parameters
    def NPar(self) -> int:
        return len(self._pars)

    def ParSettings(self, i: int | str) -> ParameterSettings:
        if isinstance(i, str):
            return next(p for p in self._pars if p.Name() == i)
        return self._pars[i]

    def ParamsSettings(self) -> list[ParameterSettings]:
        return self._pars

    def SetParamsSettings(self, *args: Any) -> None:
        """``SetParamsSettings(n, values[, steps])`` or ``SetParamsSettings(list)``."""
        if len(args) == 1:
            self._pars = list(args[0])
            return
        n, values = int(args[0]), np.asarray(args[1], dtype=np.float64)
        steps = (
            np.asarray(args[2], dtype=np.float64) if len(args) > 2 and args[2] is not None else None
        )
        names = (
            [p.Name() for p in self._pars]
            if len(self._pars) == n
            else [f"Par_{i}" for i in range(n)]
        )
        self._pars = [
            ParameterSettings(names[i], values[i], steps[i] if steps is not None else 0.0)
            for i in range(n)
        ]

    def settings(self) -> tuple[_Settings, ...]:
        """The frozen settings of every parameter."""
        return tuple(p.settings() for p in self._pars)

    # minimizer
    def MinimizerOptions(self) -> _MathOptions:
        return self._options

    def SetMinimizerOptions(self, options: _MathOptions) -> None:
        self._options = options

    def SetMinimizer(self, minimizer_type: str, algorithm: str = "") -> None:
        self._options.SetMinimizerType(minimizer_type)
        self._options.SetMinimizerAlgorithm(algorithm)

    def MinimizerType(self) -> str:
        return self._options.MinimizerType()

    def MinimizerAlgoType(self) -> str:
        return self._options.MinimizerAlgorithm()

    # steps after the minimum
    def SetParabErrors(self, on: bool = True) -> None:
        self._parab = bool(on)

    def ParabErrors(self) -> bool:
        return self._parab

    def SetMinosErrors(self, on: bool | Sequence[int] = True) -> None:
        self._minos = on if isinstance(on, bool) else [int(i) for i in on]

    def MinosErrors(self) -> bool:
        return bool(self._minos)

    def SetNormErrors(self, on: bool = True) -> None:
        self._norm = bool(on)

    def NormalizeErrors(self) -> bool:
        return self._norm

    def SetWeightCorrection(self, on: bool = True) -> None:
        self._weight_correction = bool(on)

    def UseWeightCorrection(self) -> bool:
        return self._weight_correction

    def SetUpdateAfterFit(self, on: bool = True) -> None:
        self._update = bool(on)

    def UpdateAfterFit(self) -> bool:
        return self._update

    def minos_names(self) -> bool | list[str]:
        if isinstance(self._minos, bool):
            return self._minos
        return [self._pars[i].Name() for i in self._minos]


class _ObjectiveFunction:
    """A ROOT objective function (``Chi2Function``...): callable with a parameter array."""

    cost: Cost

    def __call__(self, parameters: Any) -> float:
        return float(self.cost(np.ascontiguousarray(parameters, dtype=np.float64)))

    def NDim(self) -> int:
        return self.cost.npar

    def NPoints(self) -> int:
        return self.cost.ndata


class Chi2Function(_ObjectiveFunction):
    """``ROOT::Fit::Chi2Function(data, wrapped_function)``."""

    def __init__(self, data: BinData, function: WrappedMultiTF1 | Function) -> None:
        points, model = data.data(), _model(function)
        self.cost = (
            EffectiveChi2(points, model)
            if points.error_type >= ErrorType.COORD
            else Chi2(points, model)
        )


class PoissonLikelihoodFunction(_ObjectiveFunction):
    """``ROOT::Fit::PoissonLikelihoodFunction(data, wrapped_function)``."""

    def __init__(
        self, data: BinData, function: WrappedMultiTF1 | Function, extended: bool = True
    ) -> None:
        self.cost = PoissonLikelihood(data.data(), _model(function), extended=extended)


class LogLikelihoodFunction(_ObjectiveFunction):
    """``ROOT::Fit::LogLikelihoodFunction(data, wrapped_function)``."""

    def __init__(
        self, data: UnBinData, function: WrappedMultiTF1 | Function, extended: bool = False
    ) -> None:
        self.cost = UnbinnedNLL(data.data(), _model(function), extended=extended)


def _model(function: Any) -> Function:
    if isinstance(function, WrappedMultiTF1):
        return function.function
    if isinstance(function, Function):
        return function
    raise FitError(f"expected a TF1 or WrappedMultiTF1, not {type(function).__name__}")


class Fitter:
    """ROOT's ``ROOT::Fit::Fitter``."""

    def __init__(self) -> None:
        self._config = FitConfig()
        self._function: Function | None = None
        self._use_gradient = False
        self._result: FitResult | None = None

    def Config(self) -> FitConfig:
        return self._config

    def SetFunction(self, function: Any, useGradient: bool = False) -> None:
        """The model, and parameter settings made from its current values (names from the
        model, steps ``0.3·|v|``, no limits)."""
        self._function = _model(function).copy()
        self._use_gradient = bool(useGradient)
        f = self._function
        self._config.SetParamsSettings(
            [
                ParameterSettings(n, v)
                for n, v in zip(f.parameter_names, f.state.values, strict=True)
            ]
        )

    # fits -----------------------------------------------------------------------------------
    def Fit(self, data: Any, function: Any = None) -> bool:
        """Least squares for ``BinData``, the (not extended) likelihood for ``UnBinData``."""
        if isinstance(data, UnBinData):
            return self.LikelihoodFit(data, function)
        return self.LeastSquareFit(data, function)

    def LeastSquareFit(self, data: BinData, function: Any = None) -> bool:
        model = self._model_for(function)
        points = data.data()
        cost = (
            EffectiveChi2(points, model)
            if points.error_type >= ErrorType.COORD
            else Chi2(points, model)
        )
        return self._run(cost)

    def LikelihoodFit(self, data: Any, *args: Any) -> bool:
        """``LikelihoodFit(data[, function][, extended])``: extended by default for binned data,
        not for events (ROOT's two defaults). Event weights count only with the weight
        correction on (ROOT's rule)."""
        function = next((a for a in args if not isinstance(a, bool)), None)
        extended = next((a for a in args if isinstance(a, bool)), None)
        model = self._model_for(function)
        if isinstance(data, UnBinData):
            events = data.data()
            if not self._config.UseWeightCorrection() and events.weighted:
                events = _UnBinData(events.coords, range=events.range)
            cost: Cost = UnbinnedNLL(events, model, extended=bool(extended))
        else:
            cost = PoissonLikelihood(
                data.data(), model, extended=True if extended is None else extended
            )
        return self._run(cost)

    def LinearFit(self, data: BinData, function: Any = None) -> bool:
        model = self._model_for(function)
        return self._run(Chi2(data.data(), model), minimizer_type="Linear")

    def SetFCN(self, *args: Any) -> bool:
        """``SetFCN(fcn[, params[, dataSize[, chi2fit]]])``: the objective (and start values)
        that a later ``FitFCN()`` minimises."""
        fcn = args[0] if not isinstance(args[0], int) else args[1]
        npar = fcn.NDim() if hasattr(fcn, "NDim") else None
        params = args[1] if len(args) > 1 and not isinstance(args[0], int) else None
        if isinstance(args[0], int):
            npar = int(args[0])
        if params is not None and not (np.isscalar(params) and params == 0):
            count = npar if npar is not None else len(params)
            self._config.SetParamsSettings(count, np.asarray(params, dtype=np.float64)[:count])
        elif npar is not None and self._config.NPar() != npar:  # no values: npar settings at 0
            self._config.SetParamsSettings(npar, np.zeros(npar))
        self._fcn_args = args
        return True

    def FitFCN(self, *args: Any) -> bool:
        """``FitFCN(fcn[, params[, dataSize[, chi2fit]]])`` or ``FitFCN(npar, fcn, params,
        dataSize, chi2fit)``; ``params`` 0/None keeps the configured settings. Without
        arguments, the objective given to ``SetFCN``."""
        if not args:
            stored = getattr(self, "_fcn_args", None)
            if stored is None:
                raise FitError("FitFCN() needs an objective: call SetFCN first")
            fcn = stored[0] if not isinstance(stored[0], int) else stored[1]
            args = (
                (fcn, 0, *stored[2:]) if not isinstance(stored[0], int) else (fcn, 0, *stored[3:])
            )
        if args and isinstance(args[0], int) and not callable(args[0]):
            npar, args = args[0], args[1:]
        else:
            npar = None
        fcn = args[0]
        params = args[1] if len(args) > 1 else None
        data_size = int(args[2]) if len(args) > 2 else 0
        chi2fit = bool(args[3]) if len(args) > 3 else False
        if npar is None:
            npar = fcn.NDim() if hasattr(fcn, "NDim") else self._config.NPar()
        if params is not None and not (np.isscalar(params) and params == 0):
            self._config.SetParamsSettings(npar, np.asarray(params, dtype=np.float64)[:npar])
        if self._config.NPar() != npar:
            raise FitError(
                f"the objective has {npar} parameters but {self._config.NPar()} are configured"
            )
        if isinstance(fcn, _ObjectiveFunction):
            cost = fcn.cost
        else:
            gradient = getattr(fcn, "Gradient", None)  # a GradFunctor: Minuit gets the gradient
            cost = CallableCost(
                fcn,
                [p.Name() for p in self._config.ParamsSettings()],
                ndata=data_size,
                gradient=gradient,
                fit_type=FitType.LEAST_SQUARES if chi2fit else FitType.GENERIC,
            )
            if gradient is not None:
                return self._run(cost, use_gradient=True)
        return self._run(cost)

    # after the fit --------------------------------------------------------------------------
    def Result(self) -> TFitResult:
        if self._result is None:
            raise FitError("no fit has been done")
        return TFitResult(self._result)

    def CalculateHessErrors(self) -> bool:
        self._result = _Fitter(self._options()).calculate_hess_errors(self._need_result())
        return self._result.valid

    def CalculateMinosErrors(self) -> bool:
        names = self._config.minos_names()
        result = self._need_result()
        chosen = None if isinstance(names, bool) else names
        self._result = _Fitter(self._options()).calculate_minos_errors(result, chosen)
        return bool(self._result.minos)

    def EvalFCN(self) -> float:
        """The objective at the configured parameter values (of the last fit's cost)."""
        result = self._need_result()
        values = [p.Value() for p in self._config.ParamsSettings()]
        return _Fitter(self._options()).eval_fcn(result, values)

    # internals ------------------------------------------------------------------------------
    def _need_result(self) -> FitResult:
        if self._result is None:
            raise FitError("no fit has been done")
        return self._result

    def _model_for(self, function: Any) -> Function:
        if function is not None:
            self.SetFunction(function)
        if self._function is None:
            raise FitError("no model function: call SetFunction first")
        return self._function

    def _options(self) -> Any:
        return self._config.MinimizerOptions().options()

    def _run(
        self, cost: Cost, minimizer_type: str | None = None, use_gradient: bool = False
    ) -> bool:
        options = self._options()
        if minimizer_type is not None:
            options = options.with_(minimizer_type=minimizer_type)
        config = self._config
        result = _Fitter(options).fit(
            cost,
            config.settings(),
            hesse=config.ParabErrors(),
            minos=config.minos_names(),
            normalize_errors=config.NormalizeErrors(),
            gradient=self._use_gradient or use_gradient,
            weight_correction=config.UseWeightCorrection() and hasattr(cost, "squared_weight_cost"),
        )
        if config.UpdateAfterFit():
            for p, value, error in zip(
                config.ParamsSettings(),
                result.values.to_numpy(),
                result.errors.to_numpy(),
                strict=True,
            ):
                p.SetValue(float(value))
                if error > 0:
                    p.SetStepSize(float(error))
        self._result = result
        return result.valid

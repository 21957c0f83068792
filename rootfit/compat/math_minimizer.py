"""``ROOT::Math::Minimizer`` made by ``ROOT.Math.Factory.CreateMinimizer(type, algo)``: a
function of ``n`` variables minimised directly (``NumericalMinimization``).

Configure (``SetTolerance``, ``SetVariable``...), ``SetFunction(functor)``, ``Minimize()``,
then read ``X()``, ``Errors()``, ``MinValue()``, ``CovMatrix(i, j)``, ``GetMinosError``. Each
``Minimize`` is one run of rootfit's :class:`~rootfit.Fitter` on the functor with the settings
of that moment.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from rootfit.compat.fit_fitter import ParameterSettings
from rootfit.compat.math_options import MinimizerOptions
from rootfit.costs import CallableCost, FitType
from rootfit.errors import FitError, FitOptionError
from rootfit.fitter import Fitter
from rootfit.result import FitResult

__all__ = ["Factory", "Minimizer"]


class Minimizer:
    """ROOT's ``ROOT::Math::Minimizer`` (Minuit2 and the other backends rootfit runs)."""

    def __init__(self, minimizer_type: str = "", algorithm: str = "") -> None:
        self._options = MinimizerOptions()
        if minimizer_type:
            self._options.SetMinimizerType(minimizer_type)
            self._options.SetMinimizerAlgorithm(algorithm)
        self._variables: dict[int, ParameterSettings] = {}
        self._function: Any = None
        self._result: FitResult | None = None
        self._minos: dict[int, tuple[float, float]] = {}

    # configuration ------------------------------------------------------------------------
    def SetTolerance(self, tolerance: float) -> None:
        self._options.SetTolerance(tolerance)

    def SetPrecision(self, precision: float) -> None:
        self._options.SetPrecision(precision)

    def SetStrategy(self, strategy: int) -> None:
        self._options.SetStrategy(strategy)

    def SetMaxFunctionCalls(self, calls: int) -> None:
        self._options.SetMaxFunctionCalls(calls)

    def SetMaxIterations(self, iterations: int) -> None:
        self._options.SetMaxIterations(iterations)

    def SetPrintLevel(self, level: int) -> None:
        self._options.SetPrintLevel(level)

    def SetErrorDef(self, up: float) -> None:
        self._options.SetErrorDef(up)

    def Options(self) -> MinimizerOptions:
        return self._options

    def SetFunction(self, function: Any) -> None:
        """The objective: a ``ROOT.Math.Functor`` (or any callable of the parameter array)."""
        if not callable(function):
            raise FitError(
                f"SetFunction needs a Functor or a callable, not {type(function).__name__}"
            )
        self._function = function

    def SetVariable(self, i: int, name: str, value: float, step: float) -> bool:
        self._variables[int(i)] = ParameterSettings(name, value, step)
        return True

    def SetLimitedVariable(
        self, i: int, name: str, value: float, step: float, lower: float, upper: float
    ) -> bool:
        if not float(lower) < float(upper):
            raise FitOptionError(f"variable {name!r}: lower limit {lower} is not below {upper}")
        self.SetVariable(i, name, value, step)
        self._variables[int(i)].SetLimits(lower, upper)
        return True

    def SetLowerLimitedVariable(
        self, i: int, name: str, value: float, step: float, lower: float
    ) -> bool:
        self.SetVariable(i, name, value, step)
        self._variables[int(i)].SetLowerLimit(lower)
        return True

    def SetUpperLimitedVariable(
        self, i: int, name: str, value: float, step: float, upper: float
    ) -> bool:
        self.SetVariable(i, name, value, step)
        self._variables[int(i)].SetUpperLimit(upper)
        return True

    def SetFixedVariable(self, i: int, name: str, value: float) -> bool:
        self.SetVariable(i, name, value, 0.0)
        self._variables[int(i)].Fix()
        return True

    def SetVariableLimits(self, i: int, lower: float, upper: float) -> bool:
        if not float(lower) < float(upper):
            raise FitOptionError(f"variable {i}: lower limit {lower} is not below {upper}")
        self._variable(i).SetLimits(lower, upper)
        return True

    def Clear(self) -> None:
        """Forget the variables and the last minimum (the function is kept)."""
        self._variables.clear()
        self._result = None

    def SetVariableValue(self, i: int, value: float) -> bool:
        self._variable(i).SetValue(value)
        return True

    def FixVariable(self, i: int) -> bool:
        self._variable(i).Fix()
        return True

    def ReleaseVariable(self, i: int) -> bool:
        self._variable(i).Release()
        return True

    def NDim(self) -> int:
        return len(self._variables)

    def NFree(self) -> int:
        return sum(not v.IsFixed() for v in self._variables.values())

    def VariableName(self, i: int) -> str:
        return self._variable(i).Name()

    # minimisation -------------------------------------------------------------------------
    def Minimize(self) -> bool:
        """Minimise the function from the variables' values; True when the minimum is valid."""
        if self._function is None:
            raise FitError("no function to minimise: call SetFunction first")
        settings = self._settings()
        cost = CallableCost(
            self._function, [s.name for s in settings], ndata=0, fit_type=FitType.GENERIC
        )
        self._result = Fitter(self._options.options()).fit(cost, settings)
        self._minos = {}
        return self._result.valid

    def Hesse(self) -> bool:
        self._result = Fitter(self._options.options()).calculate_hess_errors(self._need())
        return self._result.valid

    def GetMinosError(self, i: int, *ignored: Any) -> tuple[bool, float, float]:
        """``(ok, lower, upper)`` Minos errors of variable ``i`` (ROOT fills its references)."""
        result = self._need()
        name = self._variable(i).Name()
        if name not in result.minos:
            result = Fitter(self._options.options()).calculate_minos_errors(result, [name])
            self._result = result
        interval = result.minos.get(name)
        if interval is None:
            return False, 0.0, 0.0
        return True, float(interval[0]), float(interval[1])

    def X(self) -> np.ndarray:
        return self._need().values.to_numpy()

    def Errors(self) -> np.ndarray:
        return self._need().errors.to_numpy()

    def MinValue(self) -> float:
        return float(self._need().min_fcn)

    def Edm(self) -> float:
        return float(self._need().edm)

    def NCalls(self) -> int:
        return int(self._need().ncalls)

    def Status(self) -> int:
        return int(self._need().status)

    def CovMatrix(self, i: int, j: int) -> float:
        return float(self._need().covariance[int(i), int(j)])

    def Correlation(self, i: int, j: int) -> float:
        c_ij, c_ii, c_jj = self.CovMatrix(i, j), self.CovMatrix(i, i), self.CovMatrix(j, j)
        return c_ij / math.sqrt(c_ii * c_jj) if c_ii > 0 and c_jj > 0 else 0.0

    def PrintResults(self) -> None:
        print(self._need())

    # internals ------------------------------------------------------------------------------
    def _variable(self, i: int) -> ParameterSettings:
        try:
            return self._variables[int(i)]
        except KeyError:
            raise FitOptionError(f"variable {i} has not been set (SetVariable)") from None

    def _settings(self) -> list[Any]:
        indices = sorted(self._variables)
        if indices != list(range(len(indices))):
            raise FitOptionError(f"variables must be numbered 0..n-1, got {indices}")
        return [self._variables[i].settings() for i in indices]

    def _need(self) -> FitResult:
        if self._result is None:
            raise FitError("Minimize has not been called")
        return self._result


class Factory:
    """``ROOT::Math::Factory``."""

    @staticmethod
    def CreateMinimizer(minimizer_type: str = "", algorithm: str = "") -> Minimizer:
        """A minimizer of the given type (default: the process default), as ROOT."""
        return Minimizer(minimizer_type, algorithm)

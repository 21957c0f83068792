"""``ROOT.Math`` function wrappers ported fitting code builds: ``WrappedMultiTF1``,
``WrappedTF1`` and ``Functor``.

In ROOT they adapt a TF1 or a C++/Python callable to the ``IParamMultiFunction`` /
``IMultiGenFunction`` interfaces the Fitter takes; here they carry the rootfit model (and
current parameter values) or the callable and its number of parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.errors import FitError
from rootfit.functions import Function, Model

__all__ = [
    "Functor",
    "Functor1D",
    "GradFunctor",
    "GradFunctor1D",
    "WrappedMultiTF1",
    "WrappedTF1",
]


class WrappedMultiTF1:
    """``ROOT::Math::WrappedMultiTF1(tf1, ndim)``: a TF1 as a parametric multi-dimensional
    function (parameter values are read from the TF1 when the wrapper is made)."""

    def __init__(self, function: Function, ndim: int = 0) -> None:
        if not isinstance(function, Function):
            raise FitError(f"WrappedMultiTF1 wraps a TF1, not {type(function).__name__}")
        self.function = function
        self._ndim = int(ndim) or function.model.ndim

    @property
    def model(self) -> Model:
        """The wrapped model."""
        return self.function.model

    def NDim(self) -> int:
        return self._ndim

    def NPar(self) -> int:
        return self.function.npar

    def Parameters(self) -> np.ndarray:
        return np.array(self.function.state.values, dtype=np.float64)

    def SetParameters(self, values: ArrayLike) -> None:
        self.function.set_parameters(*np.asarray(values, dtype=np.float64)[: self.NPar()])

    def ParameterName(self, i: int) -> str:
        return self.function.parameter_names[i]

    def __call__(self, x: ArrayLike, p: ArrayLike | None = None) -> float:
        point = np.atleast_1d(np.asarray(x, dtype=np.float64))[: self.model.ndim]
        params = self.Parameters() if p is None else np.asarray(p, dtype=np.float64)
        return float(self.model.evaluator(point.reshape(1, -1), params)[0])


class WrappedTF1(WrappedMultiTF1):
    """``ROOT::Math::WrappedTF1(tf1)``: the one-dimensional form."""

    def __init__(self, function: Function) -> None:
        super().__init__(function, 1)


class Functor:
    """``ROOT::Math::Functor(callable, npar)``: an objective of ``npar`` parameters, called with
    a float64 array (ROOT passes a ``double*``; ``np.frombuffer`` reads both)."""

    def __init__(self, fcn: Callable[..., Any], npar: int) -> None:
        if not callable(fcn):
            raise FitError(f"Functor needs a callable, not {type(fcn).__name__}")
        self.fcn = fcn
        self._npar = int(npar)

    def NDim(self) -> int:
        return self._npar

    def __call__(self, parameters: ArrayLike) -> float:
        return float(self.fcn(np.ascontiguousarray(parameters, dtype=np.float64)))


class Functor1D:
    """``ROOT::Math::Functor1D(f)``: a function of one variable."""

    def __init__(self, fcn: Callable[[float], float]) -> None:
        if not callable(fcn):
            raise FitError(f"Functor1D needs a callable, not {type(fcn).__name__}")
        self.fcn = fcn

    def __call__(self, x: float) -> float:
        return float(self.fcn(x))


class GradFunctor1D(Functor1D):
    """``ROOT::Math::GradFunctor1D(f, df)``: a function of one variable and its derivative."""

    def __init__(self, fcn: Callable[[float], float], derivative: Callable[[float], float]) -> None:
        super().__init__(fcn)
        self.derivative = derivative

    def Derivative(self, x: float) -> float:
        return float(self.derivative(x))


class GradFunctor(Functor):
    """``ROOT::Math::GradFunctor(f, df, n)``: ``f(x)`` of ``n`` variables and its partial
    derivatives ``df(x, icoord)``; ``Fit.Fitter.FitFCN`` hands the gradient to Minuit."""

    def __init__(self, fcn: Callable[..., Any], derivative: Callable[..., Any], npar: int) -> None:
        super().__init__(fcn, npar)
        self.derivative = derivative

    def Derivative(self, x: ArrayLike, icoord: int) -> float:
        return float(self.derivative(np.ascontiguousarray(x, dtype=np.float64), int(icoord)))

    def Gradient(self, x: ArrayLike) -> np.ndarray:
        p = np.ascontiguousarray(x, dtype=np.float64)
        return np.array([self.derivative(p, i) for i in range(self.NDim())], dtype=np.float64)

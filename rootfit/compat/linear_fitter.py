"""``TLinearFitter`` with ROOT's ``TVectorD``/``TMatrixD``: a model linear in its parameters
(``"hyp5"``, ``"x0++x1++x2"``, ``"pol3"``, ``"1 ++ sin(x) ++ cos(x)"``) fitted in closed form to
points given all at once (``AssignData``) or one by one (``AddPoint``); ``EvalRobust`` for
least trimmed squares.

Each ``Eval`` is one run of rootfit's linear solver on the points with the parameters fixed by
``FixParameter``; results fill the caller's ``TVectorD``/``TMatrixD`` as ROOT's references do.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.costs import Chi2
from rootfit.errors import DataError, FitError
from rootfit.fitdata import BinData
from rootfit.fitter import Fitter, ParameterSettings
from rootfit.functions import Function
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["TLinearFitter"]


def _fill(target: Any, values: np.ndarray) -> np.ndarray:
    """Copy ``values`` into a caller's vector/matrix (resized as ROOT does) and return them."""
    if target is None:
        return values
    if isinstance(target, np.ndarray):
        if target.shape != values.shape:
            target.resize(values.shape, refcheck=False)
        target[...] = values
    return values


def linear_formula(text: str, ndim: int) -> str:
    """ROOT's linear-fitter formula in rootfit's language: ``hypN`` is ``1 ++ x0 ++ ... ++
    x{N-1}``, ``x0``, ``x1``... are the coordinates ``x[0]``, ``x[1]``..."""
    text = text.strip()
    hyper = re.fullmatch(r"hyp(\d+)", text)
    if hyper:
        n = int(hyper.group(1))
        text = " ++ ".join(["1", *(f"x{i}" for i in range(n))])
    if ndim > 1 or re.search(r"\bx\d\b", text):
        text = re.sub(r"\bx(\d)\b", r"x[\1]", text)
    return text


class TLinearFitter:
    """``TLinearFitter(ndim[, formula[, "D"]])`` or ``TLinearFitter(formula)``."""

    def __init__(self, ndim: int | str = 1, formula: str = "", option: str = "") -> None:
        if isinstance(ndim, str):
            formula, ndim = ndim, 1
        self._ndim = int(ndim)
        self._function: Function | None = None
        self._coords = np.empty((0, self._ndim))
        self._values = np.empty(0)
        self._errors: np.ndarray | None = np.empty(0)
        self._fixed: dict[int, float] = {}
        self._result: FitResult | None = None
        if formula:
            self.SetFormula(formula)

    # the model ------------------------------------------------------------------------------
    def SetFormula(self, formula: str | Function) -> None:
        """The linear model: a formula (``"hyp3"``, ``"x0++x1"``, ``"pol2"``) or a TF1."""
        if isinstance(formula, Function):
            self._function = formula.copy()
        else:
            self._function = Function(linear_formula(formula, self._ndim))
        if self._function.ndim != self._ndim and not (self._ndim == 1 and self._function.ndim == 1):
            raise FitError(
                f"the formula has {self._function.ndim} variables, the fitter {self._ndim}"
            )
        self._result = None

    def GetNumberTotalParameters(self) -> int:
        return self._need_function().npar

    def GetNumberFreeParameters(self) -> int:
        return self.GetNumberTotalParameters() - len(self._fixed)

    def FixParameter(self, i: int, value: float | None = None) -> None:
        """Keep parameter ``i`` at ``value`` (default: its last fitted value)."""
        if value is None:
            if self._result is None:
                raise FitError("FixParameter(i) without a value needs a fit first")
            value = float(self._result.values.to_numpy()[i])
        self._fixed[int(i)] = float(value)

    def ReleaseParameter(self, i: int) -> None:
        self._fixed.pop(int(i), None)

    # the data -------------------------------------------------------------------------------
    def AssignData(
        self, npoints: int, xncols: int, x: ArrayLike, y: ArrayLike, e: ArrayLike | None = None
    ) -> None:
        """Replace the points: ``x`` holds ``npoints`` rows of ``xncols`` coordinates, row by row."""
        n, k = int(npoints), int(xncols)
        if k != self._ndim:
            raise DataError(
                f"AssignData gives {k} coordinates per point, the fitter has {self._ndim}"
            )
        xa = np.asarray(x, dtype=np.float64).ravel()
        if xa.size < n * k:
            raise DataError(f"AssignData needs {n * k} coordinates, got {xa.size}")
        self._coords = xa[: n * k].reshape(n, k).copy()
        self._values = np.asarray(y, dtype=np.float64)[:n].copy()
        self._errors = None if e is None else np.asarray(e, dtype=np.float64)[:n].copy()
        self._result = None

    def AddPoint(self, x: ArrayLike, y: float, e: float = 1.0) -> None:
        xa = np.asarray(x, dtype=np.float64).ravel()[: self._ndim]
        self._coords = np.vstack([self._coords, xa])
        self._values = np.append(self._values, float(y))
        errors = self._errors if self._errors is not None else np.ones(self._values.size - 1)
        self._errors = np.append(errors, float(e))
        self._result = None

    def ClearPoints(self) -> None:
        self.AssignData(0, self._ndim, [], [], [])

    def GetNpoints(self) -> int:
        return int(self._values.size)

    # fitting --------------------------------------------------------------------------------
    def Eval(self) -> int:
        """The least-squares solution; 0 on success, 1 when it could not be found (ROOT)."""
        return self._fit(MinimizerOptions(minimizer_type="Linear"))

    def EvalRobust(self, h: float = -1.0) -> int:
        """Least trimmed squares keeping a fraction ``h`` of the points (ROOT's default with
        ``h <= 0``); no parameter errors."""
        fraction = float(h) if 0 < h < 1 else 0.0
        options = MinimizerOptions(minimizer_type="Linear", algorithm="Robust").with_extra(
            robust_fraction=fraction
        )
        return self._fit(options)

    def _fit(self, options: MinimizerOptions) -> int:
        f = self._need_function()
        if self._values.size == 0:
            raise DataError("the linear fitter has no points (AssignData or AddPoint)")
        errors = self._errors if self._errors is not None else np.ones(self._values.size)
        data = BinData(self._coords, self._values, errors)
        settings = [
            ParameterSettings(name, self._fixed.get(i, 0.0), 1.0, fixed=i in self._fixed)
            for i, name in enumerate(f.parameter_names)
        ]
        self._result = Fitter(options).fit(Chi2(data, f), settings)
        return 0 if self._result.valid else 1

    # results --------------------------------------------------------------------------------
    def GetParameters(self, vector: Any = None) -> np.ndarray:
        return _fill(vector, self._need().values.to_numpy().copy())

    def GetErrors(self, vector: Any = None) -> np.ndarray:
        """The parameter errors; a fixed parameter's is 1, as ROOT's linear fitter reports."""
        errors = self._need().errors.to_numpy().copy()
        errors[list(self._fixed)] = 1.0
        return _fill(vector, errors)

    def GetParameter(self, i: int) -> float:
        return float(self._need().values.to_numpy()[i])

    def GetParError(self, i: int) -> float:
        return float(self.GetErrors()[i])

    def GetChisquare(self) -> float:
        return float(self._need().chi2)

    def GetCovarianceMatrix(self, matrix: Any = None) -> np.ndarray:
        return _fill(matrix, np.array(self._need().covariance, dtype=np.float64))

    def GetParTValue(self, i: int) -> float:
        error = self.GetParError(i)
        return self.GetParameter(i) / error if error > 0 else math.inf

    def _need_function(self) -> Function:
        if self._function is None:
            raise FitError("no formula: call SetFormula first")
        return self._function

    def _need(self) -> FitResult:
        if self._result is None:
            raise FitError("no fit yet: call Eval first")
        return self._result

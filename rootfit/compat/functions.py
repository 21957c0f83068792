"""``TF1`` over :class:`~rootfit.Function` with ROOT's parameter conventions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat import session
from rootfit.compat.attributes import FUNCTION_DEFAULTS, RootAttributes
from rootfit.compat.composites import Composite, parameters_into
from rootfit.errors import FunctionError
from rootfit.functions import Function
from rootfit.functions.state import ParameterState

__all__ = ["TF1", "TF2", "TF3", "TFormula"]


class PointRejecting:
    """A ROOT-style model ``f(x, p)`` that may call ``TF1.RejectPoint()``. Vectorised calls are
    kept when nothing is rejected; a call that rejects falls back to point-by-point evaluation.
    The fit drops the points rejected at the start values (ROOT re-checks at every call;
    rejection that depends on the coordinates only, as in ``fitExclude``, is the same)."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        self.__name__ = getattr(func, "__name__", "f")

    def __call__(self, x: Any, p: Any) -> Any:
        session.clear_rejection()
        value = self.func(x, p)
        if session.point_rejected():
            session.clear_rejection()
            if np.ndim(x[0]) > 0:
                raise TypeError("a point was rejected: evaluate point by point")
            return 0.0
        return value

    def point_mask(self, X: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Which rows of ``X`` are kept (not rejected)."""
        keep = np.ones(X.shape[0], dtype=bool)
        try:  # one vectorised call answers when nothing is rejected
            session.clear_rejection()
            with np.errstate(all="ignore"):
                self.func(X.T, p)
            if not session.point_rejected():
                return keep
        except Exception:
            pass
        for i in range(X.shape[0]):
            session.clear_rejection()
            self.func(X[i], p)
            keep[i] = not session.point_rejected()
        session.clear_rejection()
        return keep


class TF1(RootAttributes, Function):
    """ROOT's ``TF1(name, formula_or_callable, xmin=0, xmax=1, npar=0, ndim=1)``.

    A callable is either ROOT-style ``f(x, p)`` (give ``npar``; ``x[0]`` is the coordinate) or
    ``f(x, a, b, ...)``.
    """

    _attribute_defaults = FUNCTION_DEFAULTS

    def __init__(
        self,
        name: str,
        formula: str | Callable[..., Any] | Composite,
        xmin: float = 0.0,
        xmax: float = 1.0,
        npar: int | str = 0,
        ndim: int = 1,
    ) -> None:
        if isinstance(npar, str):  # TF1(name, formula, xmin, xmax, "VEC"): an option
            npar = 0
        rng = (float(xmin), float(xmax)) if float(xmin) < float(xmax) else None
        if isinstance(formula, Composite):  # named p0..pN, as ROOT names a functor's TF1
            model = formula.model()
            model = model.renamed([f"p{i}" for i in range(model.npar)])
            self._setup(model, ParameterState.initial(formula.values()), name, rng)
            session.functions.Add(self)
            return
        if callable(formula) and npar:  # ROOT-style f(x, p): may call TF1.RejectPoint()
            formula = PointRejecting(formula)
        super().__init__(
            formula,
            name=name,
            range=rng,
            npar=npar or None,
            ndim=ndim if callable(formula) else None,
            # functions made earlier, by name (``"x*gaus(0) + [3]*form1"``)
            functions=session.functions.referenced_in(formula)
            if isinstance(formula, str)
            else None,
        )
        if isinstance(formula, str):  # a fresh TF1 starts with all parameters at 0
            self.state = self.state.replace(values=np.zeros(self.npar))
        session.functions.Add(self)

    @classmethod
    def from_function(cls, function: Function) -> TF1:
        """View a rootfit Function as a TF1 (shares nothing: a copy)."""
        new = cls.__new__(cls)
        new.__dict__.update(function.copy().__dict__)
        return new

    # parameters ---------------------------------------------------------------------------
    def GetNpar(self) -> int:
        return self.npar

    def GetName(self) -> str:
        return self.name

    def SetName(self, name: str) -> None:
        session.functions.Remove(self)
        self.name = name
        session.functions.Add(self)

    def SetParameters(self, *values: float | ArrayLike) -> None:
        flat = np.asarray(values[0] if len(values) == 1 else values, dtype=np.float64).ravel()
        current = self.parameters
        current[: flat.size] = flat[: self.npar]
        self.set_parameters(current)

    def SetParameter(self, key: int | str, value: float) -> None:
        self.set_parameter(key, value)

    def GetParameter(self, key: int | str) -> float:
        return self.parameter(key)

    def GetParameters(self, buffer: Any = None) -> Any:
        """``GetParameters()``: the values (indexable, with ``.data()``); ``GetParameters(buf)``
        fills the caller's array (a numpy array or a slice of one) as ROOT fills a pointer."""
        return parameters_into(self.parameters, buffer)

    def GetParError(self, key: int | str) -> float:
        return self.error(key)

    def GetParErrors(self) -> np.ndarray:
        return self.errors

    def SetParError(self, key: int | str, error: float) -> None:
        self.set_error(key, error)

    def SetParErrors(self, errors: ArrayLike) -> None:
        self.set_errors(errors)

    def SetParName(self, key: int, name: str) -> None:
        self.set_parameter_name(key, name)

    def SetParNames(self, *names: str) -> None:
        for i, name in enumerate(names[: self.npar]):
            self.set_parameter_name(i, name)

    def GetParName(self, i: int) -> str:
        return self.parameter_names[i]

    def GetParNumber(self, name: str) -> int:
        return self.index(name)

    def SetParLimits(self, key: int | str, lo: float, hi: float) -> None:
        """ROOT rules: ``lo*hi != 0 and lo >= hi`` fixes the parameter at its current value,
        ``(0, 0)`` frees it, ``lo < hi`` bounds it."""
        i = self.index(key)
        lo, hi = float(lo), float(hi)
        if lo == 0.0 and hi == 0.0:
            self.remove_limits(i)
            self.release(i)
        elif lo * hi != 0 and lo >= hi:
            self.fix(i)
        elif lo < hi:
            self.set_limits(i, lo, hi)
            self.release(i)

    def GetParLimits(self, key: int | str) -> tuple[float, float]:
        """``(lo, hi)``; ``(v, v)`` for a fixed parameter, ``(0, 0)`` when free (ROOT's values)."""
        i = self.index(key)
        if self.is_fixed(i):
            v = self.parameter(i)
            return (float(v), float(v)) if v != 0 else (1.0, 1.0)
        lim = self.limits(i)
        return lim if lim is not None else (0.0, 0.0)

    def FixParameter(self, key: int | str, value: float) -> None:
        self.fix(key, value)

    def ReleaseParameter(self, key: int | str) -> None:
        i = self.index(key)
        self.release(i)
        self.remove_limits(i)

    def IsFixed(self, key: int | str) -> bool:
        return self.is_fixed(key)

    # fit results --------------------------------------------------------------------------
    @staticmethod
    def RejectPoint(reject: bool = True) -> None:
        """Called inside a model function: reject the point being evaluated."""
        session.reject_point(reject)

    @staticmethod
    def RejectedPoint() -> bool:
        return session.point_rejected()

    def SetFitResult(self, result: Any, indpar: ArrayLike | None = None) -> None:
        """Values, errors, Chi2, NDF and number of fit points from a fit result; ``indpar[i]``
        is the index, in the result, of this function's parameter ``i`` (combined fits)."""
        r = getattr(result, "result", result)
        index = np.arange(self.npar) if indpar is None else np.asarray(indpar, dtype=np.intp)
        if index.size != self.npar:
            raise FunctionError(
                f"SetFitResult needs {self.npar} parameter indices, got {index.size}"
            )
        self.state = self.state.replace(
            values=r.values.to_numpy()[index], errors=r.errors.to_numpy()[index]
        )
        self.chi2, self.ndf, self.n_fit_points = r.chi2, r.ndf, r.n_points

    def SetChisquare(self, chi2: float) -> None:
        self.chi2 = float(chi2)

    def SetNDF(self, ndf: int) -> None:
        self.ndf = int(ndf)

    def SetNumberFitPoints(self, npoints: int) -> None:
        self.n_fit_points = int(npoints)

    def GetChisquare(self) -> float:
        return float(self.chi2) if self.chi2 is not None else 0.0

    def GetNDF(self) -> int:
        return int(self.ndf) if self.ndf is not None else 0

    def GetNumberFitPoints(self) -> int:
        return int(self.n_fit_points) if self.n_fit_points is not None else 0

    def GetProb(self) -> float:
        from scipy import stats

        if not self.ndf or self.chi2 is None or self.chi2 < 0:
            return 0.0
        return float(stats.chi2.sf(self.chi2, self.ndf))

    # evaluation and range -----------------------------------------------------------------
    def Eval(self, x: float, y: float = 0.0, z: float = 0.0, t: float = 0.0) -> float:
        point = np.array([[x, y, z, t][: max(self.ndim, 1)]])
        return float(self.evaluate(point)[0])

    def EvalPar(self, x: ArrayLike, params: ArrayLike | None = None) -> float:
        point = np.asarray(x, dtype=np.float64).ravel()[: self.ndim].reshape(1, -1)
        return float(self.evaluate(point, params)[0])

    def SetRange(self, *bounds: float) -> None:
        """``SetRange(xmin, xmax)``, ``(xmin, ymin, xmax, ymax)`` or the 3-D form (ROOT order)."""
        if len(bounds) == 2:
            self.range = self._check_range(bounds)
        else:
            half = len(bounds) // 2
            self.range = self._check_range(tuple(zip(bounds[:half], bounds[half:], strict=True)))

    def _axis_range(self, axis: int) -> tuple[float, float] | None:
        if self.range is None:
            return None
        if np.ndim(self.range[0]) > 0:
            return self.range[axis] if axis < len(self.range) else None
        return self.range if axis == 0 else None

    def GetXmin(self) -> float:
        r = self._axis_range(0)
        return r[0] if r else 0.0

    def GetXmax(self) -> float:
        r = self._axis_range(0)
        return r[1] if r else 1.0

    def GetYmin(self) -> float:
        r = self._axis_range(1)
        return r[0] if r else 0.0

    def GetYmax(self) -> float:
        r = self._axis_range(1)
        return r[1] if r else 1.0

    def GetZmin(self) -> float:
        r = self._axis_range(2)
        return r[0] if r else 0.0

    def GetZmax(self) -> float:
        r = self._axis_range(2)
        return r[1] if r else 1.0

    def GetHistogram(self) -> Any:
        """The function sampled at ``GetNpx()`` bin centres over its range, as a TH1D (ROOT's
        drawing histogram); not attached to a directory."""
        from rootfit.compat.histogram_classes import TH1D

        npx = self.GetNpx()
        lo, hi = self.GetXmin(), self.GetXmax()
        h = TH1D(f"{self.name}_histogram", self.GetTitle(), npx, lo, hi)
        h.SetDirectory(None)
        centres = h.axis.centers.reshape(-1, 1)
        with np.errstate(all="ignore"):
            h.set_values(self.evaluate(centres))
        return h

    def Update(self) -> None:
        """Nothing to recompute (ROOT refreshes cached integrals after parameter changes)."""

    def SetVectorized(self, vectorized: bool = True) -> None:
        """Accepted: rootfit evaluates functions on arrays always."""

    def SetNpx(self, npx: int = 100) -> None:
        """Points used to draw the function along x (ROOT's default 100)."""
        self.npx = int(npx)

    def SetNpy(self, npy: int = 30) -> None:
        self.npy = int(npy)

    def GetNpx(self) -> int:
        return int(getattr(self, "npx", 100))

    def GetExpFormula(self, option: str = "") -> str:
        return self.expanded_formula or self.formula or ""

    def GetTitle(self) -> str:
        return str(self.__dict__.get("title") or self.formula or self.name)

    def SetTitle(self, title: str) -> None:
        """The drawn title (``"title;x title;y title"`` also names the axes)."""
        parts = str(title).split(";")
        self.__dict__["title"] = parts[0]
        for axis, text in zip((self.GetXaxis, self.GetYaxis), parts[1:], strict=False):
            axis().SetTitle(text)

    def Print(self, option: str = "") -> None:
        """The name, formula, dimension, parameters and expanded expression (ROOT's layout)."""
        print(f"Formula based function:     {self.name}")
        print(
            f"{self.name:>20} : {self.GetTitle()} Ndim= {self.ndim}, Npar= {self.npar}, Number= 0"
        )
        print(" Formula expression: ")
        print(f"\t{self.GetExpFormula()}")

    # calculus ------------------------------------------------------------------------------
    def Integral(self, a: float, b: float, epsrel: float = 1e-10) -> float:
        return self.integral(a, b, epsrel=epsrel)

    def IntegralError(
        self, a: float, b: float, params: ArrayLike | None = None, covmat: ArrayLike | None = None
    ) -> float:
        """Error of ``Integral(a, b)``; the covariance is required (ROOT takes the last fit's)."""
        if covmat is None:
            raise ValueError("IntegralError needs the covariance matrix: r.GetCovarianceMatrix()")
        cov = np.asarray(covmat, dtype=np.float64)
        if cov.ndim == 1 and cov.size == self.npar * self.npar:  # GetMatrixArray(): row by row
            cov = cov.reshape(self.npar, self.npar)
        return self.integral_error(a, b, cov, params)

    def Derivative(self, x: float, params: ArrayLike | None = None) -> float:
        return float(self.derivative([x], params)[0])

    def GradientPar(self, x: ArrayLike, grad: Any = None) -> np.ndarray:
        g = self.gradient(
            np.atleast_1d(np.asarray(x, dtype=np.float64))[: self.ndim].reshape(1, -1)
        )[0]
        if grad is not None:
            grad[: g.size] = g
        return g

    def GetRandom(self, rng: np.random.Generator, xmin: float = 0.0, xmax: float = 0.0) -> float:
        """One random value; the numpy Generator is explicit (``GetRandom(rng)``)."""
        lo, hi = (xmin, xmax) if xmin < xmax else (None, None)
        return float(self.get_random(rng, lo=lo, hi=hi))

    def GetMaximum(self, xmin: float = 0.0, xmax: float = 0.0) -> float:
        return self.maximum(*self._window(xmin, xmax))[1]

    def GetMaximumX(self, xmin: float = 0.0, xmax: float = 0.0) -> float:
        return self.maximum(*self._window(xmin, xmax))[0]

    def GetMinimum(self, xmin: float = 0.0, xmax: float = 0.0) -> float:
        return self.minimum(*self._window(xmin, xmax))[1]

    def GetMinimumX(self, xmin: float = 0.0, xmax: float = 0.0) -> float:
        return self.minimum(*self._window(xmin, xmax))[0]

    def GetX(self, y: float, xmin: float = 0.0, xmax: float = 0.0) -> float:
        return self.get_x(y, *self._window(xmin, xmax))

    def Moment(self, n: float, a: float, b: float) -> float:
        return self.moment(int(n), a, b)

    def CentralMoment(self, n: float, a: float, b: float) -> float:
        return self.moment(int(n), a, b, central=True)

    def Mean(self, a: float, b: float) -> float:
        return self.mean(a, b)

    def Variance(self, a: float, b: float) -> float:
        return self.variance(a, b)

    def _window(self, xmin: float, xmax: float) -> tuple[float, float]:
        if xmin < xmax:
            return float(xmin), float(xmax)
        return self._range_or(None, None)

    def Clone(self, name: str | None = None) -> TF1:
        new = self.copy()
        if name:
            new.name = name
        return new  # type: ignore[return-value]

    def __float__(self) -> float:  # pragma: no cover - guard against misuse
        return math.nan


class TF2(TF1):
    """``TF2(name, formula, xmin, xmax, ymin, ymax[, npar])`` (callables take ``x[0], x[1]``)."""

    def __init__(
        self,
        name: str,
        formula: str | Callable[..., Any],
        xmin: float = 0.0,
        xmax: float = 1.0,
        ymin: float = 0.0,
        ymax: float = 1.0,
        npar: int = 0,
    ) -> None:
        super().__init__(name, formula, xmin, xmax, npar, ndim=2)
        self.range = self._check_range(((xmin, xmax), (ymin, ymax)))

    def Eval(self, x: float, y: float = 0.0, z: float = 0.0, t: float = 0.0) -> float:
        return float(self.evaluate(np.array([[x, y]]))[0])

    def Integral(self, ax: float, bx: float, ay: float, by: float, epsrel: float = 1e-6) -> float:  # type: ignore[override]
        return self.integral([ax, ay], [bx, by], epsrel=epsrel)


class TF3(TF1):
    """``TF3(name, formula, xmin, xmax, ymin, ymax, zmin, zmax[, npar])``."""

    def __init__(
        self,
        name: str,
        formula: str | Callable[..., Any],
        xmin: float = 0.0,
        xmax: float = 1.0,
        ymin: float = 0.0,
        ymax: float = 1.0,
        zmin: float = 0.0,
        zmax: float = 1.0,
        npar: int = 0,
    ) -> None:
        super().__init__(name, formula, xmin, xmax, npar, ndim=3)
        self.range = self._check_range(((xmin, xmax), (ymin, ymax), (zmin, zmax)))

    def Eval(self, x: float, y: float = 0.0, z: float = 0.0, t: float = 0.0) -> float:
        return float(self.evaluate(np.array([[x, y, z]]))[0])

    def Integral(  # type: ignore[override]
        self, ax: float, bx: float, ay: float, by: float, az: float, bz: float, epsrel: float = 1e-6
    ) -> float:
        return self.integral([ax, ay, az], [bx, by, bz], epsrel=epsrel)


class TFormula(TF1):
    """``TFormula(name, expression)``: a formula without a range; ``Eval(x, y, z, t)``."""

    def __init__(self, name: str, expression: str) -> None:
        super().__init__(name, expression)
        self.range = None

    def Eval(self, x: float, y: float = 0.0, z: float = 0.0, t: float = 0.0) -> float:
        point = np.array([[x, y, z, t][: max(self.ndim, 1)]])
        return float(self.evaluate(point)[0])

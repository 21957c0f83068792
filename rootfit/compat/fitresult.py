"""``TFitResultPtr`` / ``TFitResult`` over :class:`~rootfit.FitResult`."""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.compat.matrices import TMatrixDSym
from rootfit.errors import FitError
from rootfit.result import FitResult

__all__ = ["TFitResult", "TFitResultPtr", "TMatrixDSym"]


class TFitResult:
    """ROOT-spelled view of a :class:`FitResult` (``r.Parameter(0)``, ``r.Chi2()``...).

    Attribute access falls through to the wrapped result (``r.values``, ``r.chi2``...).
    """

    def __init__(self, result: FitResult, name: str = "", title: str = "") -> None:
        self._r = result
        self._name = name
        self._title = title

    @property
    def result(self) -> FitResult:
        """The rootfit result."""
        return self._r

    def __getattr__(self, name: str) -> Any:
        return getattr(self._r, name)

    # ROOT spellings ---------------------------------------------------------------------
    def Get(self) -> TFitResult:
        return self

    def GetName(self) -> str:
        return self._name

    def GetTitle(self) -> str:
        return self._title

    def Status(self) -> int:
        return self._r.status

    def IsValid(self) -> bool:
        return self._r.valid

    def IsEmpty(self) -> bool:
        return self._r.npar == 0

    def CovMatrixStatus(self) -> int:
        return self._r.cov_status

    def Parameter(self, i: int) -> float:
        return self._r.values[i]

    def ParError(self, i: int) -> float:
        return self._r.errors[i]

    Error = ParError

    def ParName(self, i: int) -> str:
        return self._r.parameter_names[i]

    def Parameters(self) -> np.ndarray:
        return self._r.values.to_numpy()

    def GetParams(self) -> np.ndarray:
        """The parameter values (ROOT's ``const double*``)."""
        return self.Parameters()

    def GetErrors(self) -> np.ndarray:
        return self.Errors()

    def Errors(self) -> np.ndarray:
        return self._r.errors.to_numpy()

    def NPar(self) -> int:
        return self._r.npar

    def NTotalParameters(self) -> int:
        return self._r.npar

    def NFreeParameters(self) -> int:
        return self._r.nfree

    def IsParameterFixed(self, i: int) -> bool:
        return self._r.fixed[i]

    def Chi2(self) -> float:
        return self._r.chi2

    def Ndf(self) -> int:
        return self._r.ndf

    def Prob(self) -> float:
        return self._r.prob

    def MinFcnValue(self) -> float:
        return self._r.min_fcn

    def Edm(self) -> float:
        return self._r.edm

    def NCalls(self) -> int:
        return self._r.ncalls

    def MinimizerType(self) -> str:
        return self._r.minimizer

    def NormalizedErrors(self) -> bool:
        return self._r.normalized_errors

    def HasMinosError(self, i: int) -> bool:
        return self._r.parameter_names[i] in self._r.minos

    def LowerError(self, i: int) -> float:
        return self._r.lower_error(i)

    def UpperError(self, i: int) -> float:
        return self._r.upper_error(i)

    def CovMatrix(self, i: int, j: int) -> float:
        return float(self._r.covariance[i, j])

    def Correlation(self, i: int, j: int) -> float:
        return float(self._r.correlation[i, j])

    def GetCovarianceMatrix(self) -> TMatrixDSym:
        return np.array(self._r.covariance).view(TMatrixDSym)

    def GetCorrelationMatrix(self) -> TMatrixDSym:
        return np.array(self._r.correlation).view(TMatrixDSym)

    def GlobalCC(self, i: int) -> float:
        return float(self._r.global_cc[i])

    def IsParameterBound(self, i: int) -> bool:
        return self._r.bounds[i] is not None

    def ParameterBounds(self, i: int) -> tuple[float, float]:
        bounds = self._r.bounds[i]
        return bounds if bounds is not None else (-np.inf, np.inf)

    # error analysis ---------------------------------------------------------------------
    def GetConfidenceIntervals(self, *args: Any) -> Any:
        """ROOT's two forms: ``(n, stride1, stride2, x, ci, cl=0.95, norm=False)`` fills
        ``ci[i]`` with the interval at the point whose coordinate ``k`` is
        ``x[i*stride1 + k*stride2]``; ``(cl=0.95, norm=False)`` returns the intervals at the
        fitted data points (spec §5.3)."""
        from rootfit.intervals import confidence_band

        if len(args) >= 5:
            n, stride1, stride2, x, ci = args[:5]
            cl, norm = (list(args[5:]) + [0.95, False][len(args) - 5 :])[:2]
            ndim = self._r.model.ndim if self._r.model is not None else 1
            flat = np.asarray(x, dtype=np.float64).ravel()
            idx = np.arange(int(n))[:, None] * int(stride1) + np.arange(ndim)[None, :] * int(
                stride2
            )
            band = confidence_band(self._r, flat[idx], float(cl), norm=bool(norm))
            for i, value in enumerate(band.error):
                ci[i] = float(value)
            return None
        cl = float(args[0]) if args else 0.95
        norm = bool(args[1]) if len(args) > 1 else False
        return confidence_band(self._r, None, cl, norm=norm).error.tolist()

    def Scan(self, ipar: int, graph: Any, xmin: float = 0.0, xmax: float = 0.0) -> bool:
        """Fill ``graph`` with the statistic along parameter ``ipar`` (the others at the best
        fit): ``graph.GetN()`` points (40 if empty) over ``[xmin, xmax]`` (value ± 2 errors if
        ``xmin >= xmax``) including the best fit (spec §5.4)."""
        from rootfit.compat.graphs import set_points
        from rootfit.intervals import scan

        n = graph.GetN() or 40
        profile = scan(self._r, int(ipar), (float(xmin), float(xmax)), n)
        set_points(graph, profile.values, profile.statistic)
        return True

    def Contour(self, ipar: int, jpar: int, graph: Any, cl: float = 0.683) -> bool:
        """Fill ``graph`` with ``graph.GetN()`` points (40 if empty) of the 2-D region of
        ``ipar`` and ``jpar`` at probability ``cl`` (ErrorDef × χ²₂ quantile, spec §5.4);
        False, and the graph untouched, when Minuit cannot find the contour."""
        from rootfit.compat.graphs import set_points
        from rootfit.intervals import contour

        try:
            c = contour(self._r, int(ipar), int(jpar), cl=float(cl), size=graph.GetN() or 40)
        except FitError:
            return False
        if not c.valid:
            return False
        set_points(graph, c.x, c.y)
        return True

    def Print(self, out: Any = "", verbose: bool = False) -> None:
        """``Print(option)`` (TObject) or ``Print(std::cout, verbose)`` (FitResult)."""
        if isinstance(out, str):
            self._r.print(out)
            return
        out.write(self._r.to_string("V" if verbose else ""))

    def __str__(self) -> str:
        return self._r.to_string()

    def __repr__(self) -> str:
        return f"<TFitResult {self._name} {self._r!r}>"


class TFitResultPtr(TFitResult):
    """What ``Fit`` returns: the result, and ``int(ptr)`` is the fit status (ROOT's rule)."""

    def __int__(self) -> int:
        return self._r.status

    def __index__(self) -> int:
        return self._r.status

    def __eq__(self, other: object) -> bool:
        if isinstance(other, int):
            return self._r.status == other
        return NotImplemented

    def __hash__(self) -> int:
        return id(self)

    def __bool__(self) -> bool:
        return True

"""``ROOT.Math.MinimizerOptions`` and ``TVirtualFitter``'s calls (default fitter, the last
fit's confidence intervals).

The static ``SetDefault…`` methods change the process defaults held by
:mod:`rootfit.compat.session`; an instance is a mutable copy of the defaults taken when it is
made (ROOT's semantics), convertible to a frozen :class:`~rootfit.MinimizerOptions` with
:meth:`MinimizerOptions.options`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from rootfit.compat import session
from rootfit.options import MinimizerOptions as _Options

__all__ = ["IntegratorOneDimOptions", "MinimizerOptions", "TVirtualFitter"]


def _error_def(value: float) -> float | None:
    """ROOT switches likelihood fits to 0.5 only while ErrorDef is the load-time 1."""
    return None if float(value) == session.LOAD_TIME_ERROR_DEF else float(value)


class MinimizerOptions:
    """ROOT's ``ROOT::Math::MinimizerOptions`` (a copy of the process defaults)."""

    def __init__(self) -> None:
        self._options = session.default_minimizer_options()

    def options(self) -> _Options:
        """These options as rootfit's frozen :class:`~rootfit.MinimizerOptions`."""
        return self._options

    def _set(self, **changes: Any) -> None:
        self._options = dataclasses.replace(self._options, **changes)

    # -- the process defaults (static) ----------------------------------------------------
    @staticmethod
    def SetDefaultMinimizer(minimizer_type: str, algorithm: str = "") -> None:
        session.set_default_minimizer_options(minimizer_type=minimizer_type, algorithm=algorithm)

    @staticmethod
    def SetDefaultTolerance(tolerance: float) -> None:
        session.set_default_minimizer_options(tolerance=float(tolerance))

    @staticmethod
    def SetDefaultPrecision(precision: float) -> None:
        session.set_default_minimizer_options(precision=float(precision))

    @staticmethod
    def SetDefaultStrategy(strategy: int) -> None:
        session.set_default_minimizer_options(strategy=int(strategy))

    @staticmethod
    def SetDefaultMaxFunctionCalls(calls: int) -> None:
        session.set_default_minimizer_options(max_function_calls=int(calls))

    @staticmethod
    def SetDefaultMaxIterations(iterations: int) -> None:
        session.set_default_minimizer_options(max_iterations=int(iterations))

    @staticmethod
    def SetDefaultPrintLevel(level: int) -> None:
        session.set_default_minimizer_options(print_level=int(level))

    @staticmethod
    def SetDefaultErrorDef(up: float) -> None:
        session.set_default_minimizer_options(error_def=_error_def(up))

    @staticmethod
    def DefaultMinimizerType() -> str:
        return session.default_minimizer_options().minimizer_type

    @staticmethod
    def DefaultMinimizerAlgo() -> str:
        return session.default_minimizer_options().algorithm

    @staticmethod
    def DefaultTolerance() -> float:
        return session.default_minimizer_options().tolerance

    @staticmethod
    def DefaultPrecision() -> float:
        return session.default_minimizer_options().precision

    @staticmethod
    def DefaultStrategy() -> int:
        return session.default_minimizer_options().strategy

    @staticmethod
    def DefaultMaxFunctionCalls() -> int:
        return session.default_minimizer_options().max_function_calls

    @staticmethod
    def DefaultMaxIterations() -> int:
        return session.default_minimizer_options().max_iterations

    @staticmethod
    def DefaultPrintLevel() -> int:
        return session.default_minimizer_options().print_level

    @staticmethod
    def DefaultErrorDef() -> float:
        up = session.default_minimizer_options().error_def
        return session.LOAD_TIME_ERROR_DEF if up is None else up

    @staticmethod
    def PrintDefault() -> None:
        MinimizerOptions().Print()

    # -- this instance ---------------------------------------------------------------------
    def MinimizerType(self) -> str:
        return self._options.minimizer_type

    def MinimizerAlgorithm(self) -> str:
        return self._options.algorithm

    def Tolerance(self) -> float:
        return self._options.tolerance

    def Precision(self) -> float:
        return self._options.precision

    def Strategy(self) -> int:
        return self._options.strategy

    def MaxFunctionCalls(self) -> int:
        return self._options.max_function_calls

    def MaxIterations(self) -> int:
        return self._options.max_iterations

    def PrintLevel(self) -> int:
        return self._options.print_level

    def ErrorDef(self) -> float:
        up = self._options.error_def
        return session.LOAD_TIME_ERROR_DEF if up is None else up

    def SetMinimizerType(self, minimizer_type: str) -> None:
        self._set(minimizer_type=minimizer_type)

    def SetMinimizerAlgorithm(self, algorithm: str) -> None:
        self._set(algorithm=algorithm)

    def SetTolerance(self, tolerance: float) -> None:
        self._set(tolerance=float(tolerance))

    def SetPrecision(self, precision: float) -> None:
        self._set(precision=float(precision))

    def SetStrategy(self, strategy: int) -> None:
        self._set(strategy=int(strategy))

    def SetMaxFunctionCalls(self, calls: int) -> None:
        self._set(max_function_calls=int(calls))

    def SetMaxIterations(self, iterations: int) -> None:
        self._set(max_iterations=int(iterations))

    def SetPrintLevel(self, level: int) -> None:
        self._set(print_level=int(level))

    def SetErrorDef(self, up: float) -> None:
        self._set(error_def=_error_def(up))

    def Print(self) -> None:
        """The options as ROOT prints them."""
        o = self._options
        rows = [
            ("Minimizer Type", o.minimizer_type),
            ("Minimizer Algorithm", o.algorithm),
            ("Strategy", o.strategy),
            ("Tolerance", f"{o.tolerance:g}"),
            ("Max func calls", o.max_function_calls),
            ("Max iterations", o.max_iterations),
            ("Func Precision", f"{o.precision:g}"),
            ("Error definition", f"{self.ErrorDef():g}"),
            ("Print Level", o.print_level),
        ]
        for label, value in rows:
            print(f"{label:<25}:      {value}")


class _LastFitter:
    """What ``TVirtualFitter::GetFitter()`` returns after a fit: the fit's confidence
    intervals on an object (spec §5.3)."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def GetConfidenceIntervals(self, obj: Any, cl: float = 0.95) -> bool:
        """Fill ``obj`` with the fitted function and its confidence interval (``norm=False``):
        a histogram gets ``f(bin centre)`` as content and the interval as error in every bin;
        a ``TGraphErrors`` the points ``(x, f(x))``, sorted by x, with the interval as y error; a
        ``TGraph2DErrors`` ``z = f(x, y)`` with the interval as z error."""
        from rootfit.compat.graphs import set_points
        from rootfit.hist import Graph, Graph2D, Histogram
        from rootfit.intervals import confidence_band

        if isinstance(obj, Histogram):
            grids = np.meshgrid(*(axis.centers for axis in obj.axes), indexing="ij")
            X = np.column_stack([g.ravel() for g in grids])
            band = confidence_band(self._result, X, float(cl))
            shape = grids[0].shape
            obj.set_values(band.value.reshape(shape), variances=(band.error**2).reshape(shape))
            return True
        if isinstance(obj, Graph) and obj.has_y_errors:
            obj.sort()  # ROOT leaves the graph sorted by x (verified on ConfidenceIntervals.C)
            band = confidence_band(self._result, obj.x, float(cl))
            set_points(obj, obj.x, band.value, ey=band.error)
            return True
        if isinstance(obj, Graph2D) and obj.zerr is not None:
            band = confidence_band(self._result, np.column_stack([obj.x, obj.y]), float(cl))
            obj.z, obj.zerr = band.value.copy(), band.error.copy()
            return True
        raise TypeError(
            "GetConfidenceIntervals fills a histogram, a TGraphErrors or a TGraph2DErrors, not "
            f"{type(obj).__name__} (ROOT refuses it too)"
        )


class TVirtualFitter:
    """The default-fitter calls of ``TVirtualFitter`` that ported macros make."""

    @staticmethod
    def GetFitter() -> _LastFitter | None:
        """The fitter of the façade's last ``Fit`` (None before any fit, ROOT's null)."""
        result = session.last_fit()
        return None if result is None else _LastFitter(result)

    @staticmethod
    def Fitter(obj: Any = None, maxpar: int = 25) -> Any:
        """A legacy Minuit fitter driven by commands (``SetParameter``, ``SetFCN``,
        ``ExecuteCommand("MIGRAD", args, n)``, ``GetStats``)."""
        from rootfit.compat.minuit_commands import TFitter

        return TFitter(obj, maxpar)

    @staticmethod
    def SetDefaultFitter(name: str = "") -> None:
        """``TVirtualFitter::SetDefaultFitter("Minuit2")``: the default minimizer type (and, for
        ``"Fumili2"``, Minuit2's Fumili)."""
        session.set_default_minimizer_options(minimizer_type=name or "Minuit2", algorithm="")

    @staticmethod
    def GetDefaultFitter() -> str:
        return session.default_minimizer_options().minimizer_type

    @staticmethod
    def SetFCN(fcn: Any) -> None:
        """The objective minimised by fits with option ``U``: ROOT's
        ``fcn(npar, gin, f, par, iflag)`` (the value is written to ``f[0]``) or a Python
        ``fcn(par)`` returning the value."""
        session.set_user_fcn(fcn)


class IntegratorOneDimOptions:
    """``ROOT::Math::IntegratorOneDimOptions``: the default 1-D integrator is accepted (rootfit
    integrates with adaptive Gauss–Kronrod quadrature, or Gauss–Legendre nodes per bin)."""

    @staticmethod
    def SetDefaultIntegrator(name: str) -> None:
        session.set_default_integrator(name)

    @staticmethod
    def DefaultIntegrator() -> str:
        return session.default_integrator()

    @staticmethod
    def SetDefaultRelTolerance(tolerance: float) -> None:
        """Accepted."""

    @staticmethod
    def SetDefaultAbsTolerance(tolerance: float) -> None:
        """Accepted."""

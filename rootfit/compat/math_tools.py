"""``ROOT.Math.Integrator`` (1-D integrals of a ``Functor1D`` or Python function, finite or
infinite ranges) and ``ROOT.Math.RootFinder`` (Brent's method in a bracket, or Newton's from a
start with a ``GradFunctor1D``), with scipy doing the numerics."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from scipy import integrate, optimize

from rootfit.errors import FitError

__all__ = ["Integrator", "RootFinder"]


class Integrator:
    """``ROOT::Math::Integrator([f])``: adaptive Gauss–Kronrod quadrature (ROOT's default
    ``kADAPTIVE``), relative tolerance 1e-9."""

    def __init__(self, function: Any = None, *options: Any) -> None:
        self._f: Callable[[float], float] | None = None
        if callable(function):
            self.SetFunction(function)
        self._error = 0.0
        self._status = 0

    def SetFunction(self, function: Callable[[float], float], *ignored: Any) -> None:
        if not callable(function):
            raise FitError(f"Integrator needs a callable, not {type(function).__name__}")
        self._f = function

    def _quad(self, a: float, b: float) -> float:
        if self._f is None:
            raise FitError("no function: call SetFunction first")
        f = self._f
        value, error = integrate.quad(
            lambda x: float(f(x)), a, b, epsabs=1e-9, epsrel=1e-9, limit=200
        )
        self._error = float(error)
        return float(value)

    def Integral(self, a: float = -math.inf, b: float = math.inf) -> float:
        """``Integral(a, b)``; ``Integral()`` over the whole line."""
        return self._quad(float(a), float(b))

    def IntegralUp(self, a: float) -> float:
        """∫ from ``a`` to +∞."""
        return self._quad(float(a), math.inf)

    def IntegralLow(self, b: float) -> float:
        """∫ from -∞ to ``b``."""
        return self._quad(-math.inf, float(b))

    def Error(self) -> float:
        return self._error

    def Status(self) -> int:
        return self._status


class RootFinder:
    """``ROOT::Math::RootFinder(kind)``: ``SetFunction(f, xlow, xup)`` (a bracket: Brent) or
    ``SetFunction(gradf, x0)`` (a start: Newton's method with the derivative), ``Solve()``,
    ``Root()``."""

    kBRENT, kGSL_BISECTION, kGSL_FALSE_POS, kGSL_BRENT = 0, 1, 2, 3
    kGSL_NEWTON, kGSL_SECANT, kGSL_STEFFENSON = 4, 5, 6

    def __init__(self, kind: int = 0) -> None:
        self.kind = int(kind)
        self._f: Any = None
        self._start: tuple[float, ...] = ()
        self._root = math.nan
        self._iterations = 0

    def SetFunction(self, function: Any, *where: float) -> bool:
        if len(where) not in (1, 2):
            raise FitError("SetFunction(f, xlow, xup) for a bracket or (gradf, x0) for a start")
        self._f, self._start = function, tuple(float(w) for w in where)
        return True

    def Solve(self, maxiter: int = 100, absTol: float = 1e-8, relTol: float = 1e-10) -> bool:
        if self._f is None:
            raise FitError("no function: call SetFunction first")
        f = self._f
        if len(self._start) == 2:
            root, info = optimize.brentq(
                lambda x: float(f(x)), *self._start, xtol=absTol, rtol=max(relTol, 4.5e-16),
                maxiter=maxiter, full_output=True,
            )  # fmt: skip
        else:
            derivative = getattr(f, "Derivative", None)
            root, info = optimize.newton(
                lambda x: float(f(x)), self._start[0],
                fprime=(lambda x: float(derivative(x))) if derivative else None,
                tol=absTol, rtol=relTol, maxiter=maxiter, full_output=True,
            )  # fmt: skip
        self._root, self._iterations = float(root), int(info.iterations)
        return bool(info.converged)

    def Root(self) -> float:
        return self._root

    def Iterations(self) -> int:
        return self._iterations

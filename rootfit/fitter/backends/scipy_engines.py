"""scipy's minimizers behind the backend protocol, and ROOT's GSL/Genetic minimizer names
mapped to the nearest scipy engine.

=====================================  ==========================================
ROOT ``(type, algorithm)``             engine
=====================================  ==========================================
``("scipy", <method>)``                ``scipy.optimize.minimize(method=<method>)``
``("GSLMultiMin", "BFGS2")``, ``BFGS``  ``minimize(method="BFGS")``
``("GSLMultiMin", "ConjugateFR")``,    ``minimize(method="CG")`` (scipy's CG is
``ConjugatePR``, ``SteepestDescent``   Polak–Ribière; it has no plain steepest descent)
``("GSLSimAn", ...)``                  ``scipy.optimize.dual_annealing``
``("Genetic", ...)``                   ``scipy.optimize.differential_evolution``
=====================================  ==========================================

Local engines run on the free parameters in Minuit's internal coordinates
(:mod:`~rootfit.fitter.backends.transform`), so limits hold for every method, as in ROOT's GSL
wrappers. The global engines search a box: the parameter limits, or ``value ± 10·step`` for an
unbounded side; they are seeded (``MinimizerOptions.with_extra(seed=...)``, default 0), so a fit
is reproducible. Every engine is followed by Minuit2's Hesse at the point found: the result has
a covariance and errors (ROOT's GSL minimizers report zero errors; this is a deliberate
difference). Status: 0 when the engine reports success, 4 when it stopped at the call limit, 5
for any other failure, plus 100 if Hesse fails; ``valid`` requires both to succeed. Options for
the engine pass through ``MinimizerOptions.with_extra(scipy_options={...})``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import optimize

from rootfit.costs import Cost
from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities
from rootfit.fitter.backends.minuit import MinuitSteps
from rootfit.fitter.backends.transform import ParameterTransform
from rootfit.fitter.parameters import ParameterSettings
from rootfit.functions.numeric import central_gradient
from rootfit.options import MinimizerOptions

__all__ = [
    "GSL_MULTIMIN",
    "SCIPY_METHODS",
    "GSLMultiMin",
    "Genetic",
    "ScipyMinimize",
    "SimulatedAnnealing",
]

#: GSL multimin algorithm → scipy method.
GSL_MULTIMIN = {
    "": "BFGS",
    "BFGS2": "BFGS",
    "BFGS": "BFGS",
    "ConjugateFR": "CG",
    "ConjugatePR": "CG",
    "SteepestDescent": "CG",
}

#: scipy methods that use a gradient, and those that need it as a callable.
_USES_GRADIENT = {"CG", "BFGS", "L-BFGS-B", "TNC", "SLSQP", "trust-constr", "Newton-CG"}
_NEEDS_CALLABLE_GRADIENT = {"Newton-CG", "dogleg", "trust-ncg", "trust-krylov", "trust-exact"}
_NEEDS_HESSIAN = {"dogleg", "trust-ncg", "trust-krylov", "trust-exact"}
#: The methods of ``scipy.optimize.minimize``.
SCIPY_METHODS = (
    "Nelder-Mead", "Powell", "CG", "BFGS", "Newton-CG", "L-BFGS-B", "TNC", "COBYLA", "COBYQA",
    "SLSQP", "trust-constr", "dogleg", "trust-ncg", "trust-exact", "trust-krylov",
)  # fmt: skip
#: scipy's message flags for "stopped at the iteration/evaluation limit".
_LIMIT_WORDS = ("maximum number", "max", "limit", "exceeded")


def _label(kind: str, algorithm: str) -> str:
    return f"{kind} / {algorithm}" if algorithm else kind


def _status(success: bool, message: str) -> int:
    if success:
        return 0
    return 4 if any(word in message.lower() for word in _LIMIT_WORDS) else 5


def _central_gradient(
    fun: Callable[[NDArray[np.float64]], float],
) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
    """A central-difference gradient of ``fun`` (for methods that need a callable)."""
    return lambda u: central_gradient(fun, u)


def _finish(
    cost: Cost,
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
    values: NDArray[np.float64],
    ncalls: int,
    success: bool,
    message: str,
    label: str,
) -> MinuitSteps:
    """The engine's point with Minuit2's Hesse covariance."""
    status = _status(success, message)
    n = len(settings)
    outcome = BackendResult(
        values=values,
        errors=np.zeros(n),
        covariance=np.zeros((n, n)),
        min_fcn=float(cost(values)),
        edm=0.0,
        ncalls=ncalls + 1,
        status=status,
        cov_status=0,
        valid=status == 0,
        minimizer=label,
    )
    steps = MinuitSteps(cost, settings, options, errordef, outcome)
    steps.hesse()
    return steps


class ScipyMinimize(Backend):
    """``("scipy", method)``: any ``scipy.optimize.minimize`` method (default BFGS)."""

    name = "scipy"
    capabilities = Capabilities()

    def check(self, cost: Cost, request: Any, options: MinimizerOptions) -> None:
        known = {m.lower(): m for m in SCIPY_METHODS}
        if self.method(options).lower() not in known:
            raise FitOptionError(
                f"scipy method {self.method(options)!r} is not one of scipy.optimize.minimize's "
                f"methods: {', '.join(SCIPY_METHODS)}"
            )
        super().check(cost, request, options)

    def method(self, options: MinimizerOptions) -> str:
        """The scipy method for these options."""
        return options.algorithm if options.algorithm not in ("", "Migrad") else "BFGS"

    def label(self, options: MinimizerOptions) -> str:
        """ROOT's MinimizerType string."""
        return _label(self.name, self.method(options))

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> MinuitSteps:
        method = self.method(options)
        transform = ParameterTransform.of(settings)
        calls = [0]

        def fun(u: NDArray[np.float64]) -> float:
            calls[0] += 1
            value = float(cost(transform.to_external(u)))
            return value if np.isfinite(value) else 1e300

        jac: Any = None
        if gradient or method in _NEEDS_CALLABLE_GRADIENT:
            if gradient and cost.has_gradient:

                def jac(u: NDArray[np.float64]) -> NDArray[np.float64]:
                    g = cost.gradient(transform.to_external(u))[transform.free]
                    return np.asarray(g * transform.derivative(u))

            else:
                jac = _central_gradient(fun)
        elif method in _USES_GRADIENT:
            jac = "3-point"
        extra = dict(options.extra_option("scipy_options", {}) or {})
        extra.setdefault("maxiter", options.max_iterations or options.call_limit(len(settings)))
        hess = optimize.BFGS() if method in _NEEDS_HESSIAN else None
        try:
            res = optimize.minimize(
                fun,
                transform.to_internal(transform.start),
                method=method,
                jac=jac,
                hess=hess,
                options=extra,
            )
        except ValueError as exc:
            raise FitOptionError(f"scipy minimizer {method!r}: {exc}") from None
        return _finish(
            cost,
            settings,
            options,
            errordef,
            transform.to_external(res.x),
            calls[0],
            bool(res.success),
            str(res.message),
            self.label(options),
        )


class GSLMultiMin(ScipyMinimize):
    """``"GSLMultiMin"`` with GSL's algorithm names (mapped by :data:`GSL_MULTIMIN`)."""

    name = "GSLMultiMin"

    def check(self, cost: Cost, request: Any, options: MinimizerOptions) -> None:
        if options.algorithm not in GSL_MULTIMIN:
            raise FitOptionError(
                f"GSLMultiMin algorithm {options.algorithm!r} is not supported; "
                f"choose one of {sorted(a for a in GSL_MULTIMIN if a)}"
            )
        super().check(cost, request, options)

    def method(self, options: MinimizerOptions) -> str:
        return GSL_MULTIMIN[options.algorithm]

    def label(self, options: MinimizerOptions) -> str:
        return _label(self.name, options.algorithm)


def search_box(settings: Sequence[ParameterSettings]) -> list[tuple[float, float]]:
    """The box a global engine searches: the limits, or ``value ± 10·step`` where unbounded."""
    box = []
    for s in settings:
        if s.fixed:
            continue
        low = s.lower if np.isfinite(s.lower) else s.value - 10.0 * s.step
        high = s.upper if np.isfinite(s.upper) else s.value + 10.0 * s.step
        box.append((float(low), float(high)))
    return box


class _GlobalEngine(Backend):
    """A global scipy engine on the search box, seeded, then Hesse.

    Subclasses name the scipy function (``engine``) and the keyword of its evaluation limit
    (``limit_keyword``, None if it has none).
    """

    capabilities = Capabilities(gradient=False)
    engine: Callable[..., Any]
    limit_keyword: str | None = None

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> MinuitSteps:
        start = np.array([s.value for s in settings], dtype=np.float64)
        free = np.array([not s.fixed for s in settings])
        calls = [0]

        def fun(x: NDArray[np.float64]) -> float:
            calls[0] += 1
            full = start.copy()
            full[free] = x
            value = float(cost(full))
            return value if np.isfinite(value) else 1e300

        extra = dict(options.extra_option("scipy_options", {}) or {})
        if self.limit_keyword:
            extra.setdefault(self.limit_keyword, 10 * options.call_limit(len(settings)))
        res = type(self).engine(
            fun,
            search_box(settings),
            x0=start[free],
            rng=int(options.extra_option("seed", 0)),
            **extra,
        )
        values = start.copy()
        values[free] = res.x
        return _finish(
            cost,
            settings,
            options,
            errordef,
            values,
            calls[0],
            bool(res.success),
            str(res.message),
            self.name,
        )


class SimulatedAnnealing(_GlobalEngine):
    """``"GSLSimAn"``: ``scipy.optimize.dual_annealing`` (with its local search)."""

    name = "GSLSimAn"
    engine = optimize.dual_annealing
    limit_keyword = "maxfun"


class Genetic(_GlobalEngine):
    """``"Genetic"``: ``scipy.optimize.differential_evolution`` (polished by L-BFGS-B)."""

    name = "Genetic"
    engine = optimize.differential_evolution

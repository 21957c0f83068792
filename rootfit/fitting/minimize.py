"""``minimize``: an objective or residual function of named parameters, as lmfit users write it.

``rf.minimize(residual, params, args=(x, data), method="leastsq")`` calls
``residual(params, *args, **kws)`` with a :class:`~rootfit.fitting.parameters.Parameters` and
minimises the sum of squares of what it returns (or the number itself, for a scalar). The
parameters that vary, within their bounds, are handed to one of rootfit's minimizers:

====================================  ========================================================
method                                engine
====================================  ========================================================
``"leastsq"``, ``"least_squares"``    Levenberg–Marquardt (``GSLMultiFit``)
``"migrad"``, ``"simplex"``           Minuit2
``"lbfgsb"``, ``"nelder"``,           scipy ``L-BFGS-B``, ``Nelder-Mead``, ``Powell``,
``"powell"``, ``"bfgs"``, ``"cg"``    ``BFGS``, ``CG``
``"dual_annealing"``                  scipy ``dual_annealing`` (``GSLSimAn``)
``"differential_evolution"``          scipy ``differential_evolution`` (``Genetic``)
====================================  ========================================================

The result carries lmfit's goodness-of-fit figures (``chisqr``, ``redchi``, ``nfree``,
``ndata``, ``nvarys``, ``aic``, ``bic``), the covariance of the varied parameters (from the
Jacobian of the residuals at the minimum whatever the method, from Hesse for a scalar
objective; scaled by ``redchi`` as lmfit does unless ``scale_covar=False``) and the fitted :class:`~rootfit.fitting.parameters.Parameters` with
``stderr`` and ``correl`` — derived parameters (``expr``) get errors propagated through their
expressions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import CallableCost, Cost, ResidualCost
from rootfit.errors import FitError, FitOptionError, did_you_mean
from rootfit.fitter import Fitter, ParameterSettings
from rootfit.fitter.parameters import default_step
from rootfit.fitting.parameters import Parameters, as_parameters, evaluate
from rootfit.functions.numeric import central_gradient
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["METHODS", "MinimizerResult", "minimize"]

#: Tolerances of the scipy engines for lmfit-style use (scipy's defaults stop early).
_SCIPY_TOLERANCES = {
    "Nelder-Mead": {"xatol": 1e-10, "fatol": 1e-12},
    "Powell": {"xtol": 1e-10, "ftol": 1e-13},
    "L-BFGS-B": {"ftol": 1e-15, "gtol": 1e-10},
}
#: lmfit method name → (minimizer type, algorithm).
METHODS: dict[str, tuple[str, str]] = {
    "leastsq": ("GSLMultiFit", ""),
    "least_squares": ("GSLMultiFit", ""),
    "migrad": ("Minuit2", "Migrad"),
    "simplex": ("Minuit2", "Simplex"),
    "lbfgsb": ("scipy", "L-BFGS-B"),
    "nelder": ("scipy", "Nelder-Mead"),
    "powell": ("scipy", "Powell"),
    "bfgs": ("scipy", "BFGS"),
    "cg": ("scipy", "CG"),
    "dual_annealing": ("GSLSimAn", ""),
    "differential_evolution": ("Genetic", ""),
}


@dataclass(frozen=True, eq=False)
class MinimizerResult:
    """What :func:`minimize` returns (lmfit's ``MinimizerResult``)."""

    params: Parameters
    success: bool
    message: str
    method: str
    nfev: int
    ndata: int
    nvarys: int
    nfree: int
    chisqr: float
    redchi: float
    aic: float
    bic: float
    var_names: tuple[str, ...]
    covar: NDArray[np.float64] | None
    residual: NDArray[np.float64]
    fit: FitResult

    @property
    def errorbars(self) -> bool:
        """True if the covariance (and so the standard errors) could be computed."""
        return self.covar is not None

    def __repr__(self) -> str:
        return (
            f"MinimizerResult(method={self.method!r}, success={self.success}, "
            f"chisqr={self.chisqr:.6g}, redchi={self.redchi:.6g}, params={self.params!r})"
        )


class _Objective:
    """The user's function of a free-parameter vector (values set, constraints updated)."""

    def __init__(
        self,
        fcn: Callable[..., Any],
        params: Parameters,
        args: tuple[Any, ...],
        kws: Mapping[str, Any],
    ) -> None:
        self.fcn, self.params, self.args, self.kws = fcn, params, args, dict(kws)
        self.free = params.varying
        self.expressions = params.compile_expressions()
        self.calls = 0

    def parameters_at(self, values: NDArray[np.float64]) -> Parameters:
        p = self.params.copy()
        for name, v in zip(self.free, values, strict=True):
            p[name].value = float(v)
        for name, model, reads in self.expressions:
            p[name].value = evaluate(model, [p[r].value for r in reads])
        return p

    def __call__(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        self.calls += 1
        out = self.fcn(self.parameters_at(values), *self.args, **self.kws)
        try:
            return np.asarray(out, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            raise FitError(
                f"the objective returned {type(out).__name__}, not a number or an array of numbers"
            ) from None


def minimize(
    fcn: Callable[..., Any],
    params: Parameters | Mapping[str, float],
    *,
    args: tuple[Any, ...] = (),
    kws: Mapping[str, Any] | None = None,
    method: str = "leastsq",
    scale_covar: bool = True,
    minimizer: MinimizerOptions | None = None,
) -> MinimizerResult:
    """Minimise ``fcn(params, *args, **kws)`` over the varying parameters.

    Parameters
    ----------
    fcn : callable
        Returns residuals (minimised as a sum of squares) or one number (minimised as is).
    params : Parameters or mapping of name to start value
    args, kws : optional
        Extra arguments of ``fcn``.
    method : str
        One of :data:`METHODS`.
    scale_covar : bool
        Scale the covariance by the reduced chi-square (lmfit's default).
    minimizer : MinimizerOptions, optional
        Tolerance, strategy, call limit ... (the type and algorithm come from ``method``).

    Returns
    -------
    MinimizerResult

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> x = np.linspace(0, 5, 40)
    >>> data = 3.0 * np.exp(-x / 1.5)
    >>> p = rf.Parameters()
    >>> p.add("amp", 1.0, min=0)
    >>> p.add("tau", 1.0, min=0.01)
    >>> out = rf.minimize(lambda p, x, y: p["amp"].value * np.exp(-x / p["tau"].value) - y,
    ...                   p, args=(x, data))
    >>> round(out.params["tau"].value, 6), out.nfree
    (1.5, 38)
    """
    if method not in METHODS:
        raise FitOptionError(
            f"unknown method {method!r}{did_you_mean(method, METHODS)}; methods: {', '.join(METHODS)}"
        )
    parameters = as_parameters(params)
    objective = _Objective(fcn, parameters, args, kws or {})
    if not objective.free:
        raise FitError("no parameter varies: every parameter is fixed or derived")
    start = np.array([parameters[n].value for n in objective.free])
    first = objective(start)
    scalar = (
        first.size == 1 and np.ndim(fcn(objective.parameters_at(start), *args, **(kws or {}))) == 0
    )
    cost: Cost
    if scalar:
        cost = CallableCost(lambda v: float(objective(v)[0]), objective.free)
    else:
        cost = ResidualCost(objective, objective.free, first.size)
    kind, algorithm = METHODS[method]
    options = (minimizer or MinimizerOptions()).with_(minimizer_type=kind, algorithm=algorithm)
    if algorithm in _SCIPY_TOLERANCES and options.extra_option("scipy_options") is None:
        options = options.with_extra(scipy_options=_SCIPY_TOLERANCES[algorithm])
    settings = [
        ParameterSettings(n, parameters[n].value, default_step(parameters[n].value),
                          parameters[n].min, parameters[n].max)
        for n in objective.free
    ]  # fmt: skip
    fit = Fitter(options).fit(cost, settings)
    if not scalar and kind == "Minuit2" and fit.ndf > 0 and 0 < fit.min_fcn < fit.ndf:
        # Minuit's EDM goal is in units of ErrorDef: with residuals much smaller than one,
        # finish from the minimum with ErrorDef = the reduced sum of squares
        again = [
            ParameterSettings(s.name, float(v), s.step, s.lower, s.upper)
            for s, v in zip(settings, fit.values.to_numpy(), strict=True)
        ]
        fit = Fitter(options.with_(error_def=fit.min_fcn / fit.ndf)).fit(cost, again)
    return _result(objective, cost, fit, method, scalar, scale_covar)


def _covariance(cost: Cost, fit: FitResult, scalar: bool) -> NDArray[np.float64] | None:
    """From the Jacobian of the residuals at the minimum (``(JᵀJ)⁻¹``, as lmfit's leastsq) or,
    for a scalar objective, the fit's Hesse covariance."""
    if scalar or not isinstance(cost, ResidualCost):
        return np.array(fit.covariance) if fit.cov_status >= 1 else None
    jac = cost.model_gradient(fit.values.to_numpy())
    try:
        return np.asarray(np.linalg.inv(jac.T @ jac))
    except np.linalg.LinAlgError:
        return None


def _result(
    objective: _Objective,
    cost: Cost,
    fit: FitResult,
    method: str,
    scalar: bool,
    scale_covar: bool,
) -> MinimizerResult:
    values = fit.values.to_numpy()
    residual = objective(values)
    ndata = residual.size
    nvarys = len(objective.free)
    nfree = ndata - nvarys
    chisqr = float(residual[0]) if scalar else float(residual @ residual)
    redchi = chisqr / max(nfree, 1)
    chi = max(chisqr, 1e-250) / max(ndata, 1)
    aic = ndata * math.log(chi) + 2 * nvarys
    bic = ndata * math.log(chi) + math.log(max(ndata, 1)) * nvarys
    cov = _covariance(cost, fit, scalar)
    if cov is not None and scale_covar and not scalar:
        cov = cov * redchi
    params = objective.parameters_at(values)
    if cov is not None:
        errors = np.sqrt(np.clip(np.diag(cov), 0.0, None))
        for i, name in enumerate(objective.free):
            params[name].stderr = float(errors[i])
            params[name].correl = {
                other: float(cov[i, j] / (errors[i] * errors[j])) if errors[i] * errors[j] > 0 else 0.0
                for j, other in enumerate(objective.free) if j != i
            }  # fmt: skip
        _propagate(objective, params, values, cov)
    return MinimizerResult(
        params=params,
        success=fit.valid,
        message="Fit succeeded." if fit.valid else f"Fit did not converge (status {fit.status}).",
        method=method,
        nfev=objective.calls,
        ndata=ndata,
        nvarys=nvarys,
        nfree=nfree,
        chisqr=chisqr,
        redchi=redchi,
        aic=aic,
        bic=bic,
        var_names=tuple(objective.free),
        covar=None if cov is None else np.array(cov),
        residual=residual,
        fit=fit,
    )


def _propagate(
    objective: _Objective, params: Parameters, values: NDArray[np.float64], cov: NDArray[np.float64]
) -> None:
    """Standard errors of the derived parameters: ``g C gᵀ`` with ``g`` their derivatives with
    respect to the varied parameters (through every expression they depend on)."""
    derived = [name for name, _, _ in objective.expressions]
    if not derived:
        return
    jac = central_gradient(
        lambda v: [objective.parameters_at(v)[n].value for n in derived], values
    ).reshape(len(derived), values.size)
    variances = np.einsum("ij,ij->i", jac @ cov, jac)
    for name, var in zip(derived, variances, strict=True):
        params[name].stderr = float(math.sqrt(max(var, 0.0)))

"""Levenberg–Marquardt for least-squares costs: ROOT's ``GSLMultiFit`` and lmfit's ``leastsq``.

The cost must offer the weighted-least-squares view (:class:`~rootfit.costs.Chi2`): residuals
``r = (y - f(p))·w`` and their Jacobian ``-∂f/∂p·w`` from the model's parameter derivatives
(symbolic where the formula has them). The iteration runs on the free parameters in Minuit's
internal coordinates, so limits hold:

* solve ``(JᵀJ + μ·D) h = -Jᵀr`` with Marquardt's scaling ``D`` (the largest diagonal of
  ``JᵀJ`` seen so far, as MINPACK), accept the step if the cost drops and update ``μ`` from
  the gain ratio (Nielsen's rule);
* stop when the relative step or the relative decrease of the cost is below 1e-15 (tighter
  than ROOT's GSL defaults: the NIST certified problems need it), or at the call limit (20×
  Minuit's automatic limit unless ``max_function_calls`` is set);
* if the end point has a rank-deficient Jacobian — a parameter that no longer influences the
  model, typically one that ran off to infinity on a plateau — restart once from the start
  values with Levenberg's plain damping ``D = 1``, which does not follow such directions.

The covariance is ``errordef·(JᵀJ)⁻¹`` (the Gauss–Newton Hessian of ``Σr²`` is ``2JᵀJ``);
``EDM = ½ gᵀH⁻¹g``. Status 0 when the EDM is below Minuit's goal, 3 when it is not, 4 at the
call limit; ``valid`` needs status 0 and a full-rank Jacobian.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost
from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import (
    Backend,
    BackendResult,
    Capabilities,
    Request,
    is_weighted_least_squares,
)
from rootfit.fitter.backends.minuit import MinuitSteps
from rootfit.fitter.backends.transform import ParameterTransform
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["LevenbergMarquardt", "levenberg_marquardt"]

Vector = NDArray[np.float64]

#: Relative step and relative cost decrease below which the iteration stops.
TOLERANCE = 1e-15
#: The automatic call limit is this many times Minuit's (a step costs one model evaluation, and
#: badly scaled problems such as NIST's MGH10 from its far start need ~15 000 of them).
AUTOMATIC_CALLS_FACTOR = 20
#: Reciprocal condition number below which ``JᵀJ`` counts as rank deficient.
_RANK_TOLERANCE = 1e-14


@dataclass(frozen=True)
class Solution:
    """Outcome of :func:`levenberg_marquardt`."""

    x: Vector
    cost: float
    jacobian: NDArray[np.float64]
    residuals: Vector
    nfev: int
    at_limit: bool


def levenberg_marquardt(
    residual: Callable[[Vector], Vector],
    jacobian: Callable[[Vector], NDArray[np.float64]],
    x0: Vector,
    max_calls: int,
    *,
    marquardt_scaling: bool = True,
) -> Solution:
    """Minimise ``Σ residual(x)²`` from ``x0``.

    Parameters
    ----------
    residual, jacobian : callable
        ``r(x)`` (shape ``(n,)``) and ``∂r/∂x`` (shape ``(n, k)``).
    x0 : ndarray
        Start point.
    max_calls : int
        Limit on residual + Jacobian evaluations.
    marquardt_scaling : bool
        Damp with the diagonal of ``JᵀJ`` (Marquardt) or with the identity (Levenberg).
    """
    x = np.array(x0, dtype=np.float64)
    r = residual(x)
    J = jacobian(x)
    calls = 2
    cost = float(r @ r)
    A, g = J.T @ J, J.T @ r
    scale = np.where(np.diag(A) > 0, np.diag(A), 1.0) if marquardt_scaling else np.ones(x.size)
    mu = 1e-3 * float(np.max(np.diag(A) / scale)) if x.size else 0.0
    nu = 2.0
    while calls < max_calls and x.size:
        if marquardt_scaling:
            scale = np.maximum(scale, np.diag(A))
        try:
            h = np.linalg.solve(A + mu * np.diag(scale), -g)
        except np.linalg.LinAlgError:
            mu, nu = mu * nu, nu * 2.0
            continue
        root = np.sqrt(scale)
        if np.linalg.norm(h * root) <= TOLERANCE * (np.linalg.norm(x * root) + TOLERANCE):
            break
        trial = x + h
        r_trial = residual(trial)
        calls += 1
        with np.errstate(over="ignore"):  # a step to huge residuals: an infinite cost, rejected
            cost_trial = float(r_trial @ r_trial) if np.all(np.isfinite(r_trial)) else np.inf
        predicted = float(h @ (mu * scale * h - g))
        gain = (cost - cost_trial) / predicted if predicted > 0 else -1.0
        if gain > 0:
            decrease = cost - cost_trial
            x, r, cost = trial, r_trial, cost_trial
            J = jacobian(x)
            calls += 1
            A, g = J.T @ J, J.T @ r
            mu *= max(1.0 / 3.0, 1.0 - (2.0 * gain - 1.0) ** 3)
            nu = 2.0
            if decrease <= TOLERANCE * cost:
                break
        else:
            mu, nu = mu * nu, nu * 2.0
            if not np.isfinite(mu) or mu > 1e300:
                break
    return Solution(x, cost, J, r, calls, calls >= max_calls)


def _rank_deficient(J: NDArray[np.float64]) -> bool:
    if J.size == 0:
        return False
    if not np.all(np.isfinite(J)):  # the model is not finite around the end point
        return True
    s = np.linalg.svd(J, compute_uv=False)
    return bool(s[-1] <= _RANK_TOLERANCE * s[0])


class LevenbergMarquardt(Backend):
    """``"GSLMultiFit"`` (and lmfit's ``leastsq``) on weighted least-squares costs."""

    name = "GSLMultiFit"
    capabilities = Capabilities(gradient=False)

    def check(self, cost: Cost, request: Request, options: MinimizerOptions) -> None:
        if not (is_weighted_least_squares(cost) and hasattr(cost, "model_gradient")):
            raise FitOptionError(
                f"minimizer {self.name!r} (Levenberg–Marquardt) solves least-squares costs "
                f"(Chi2 of points or bins); it cannot minimise a {type(cost).__name__}"
            )
        super().check(cost, request, options)

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> MinuitSteps:
        transform = ParameterTransform.of(settings)
        y, w = cost.least_squares_targets()  # type: ignore[attr-defined]

        def residual(u: Vector) -> Vector:
            f = cost.model_values(transform.to_external(u))  # type: ignore[attr-defined]
            return np.asarray((y - f) * w)

        def jacobian(u: Vector) -> NDArray[np.float64]:
            ext = transform.to_external(u)
            jac = cost.model_gradient(ext)[:, transform.free]  # type: ignore[attr-defined]
            return np.asarray(-jac * w[:, None] * transform.derivative(u)[None, :])

        limit = options.call_limit(len(settings))
        if options.max_function_calls == 0:
            limit *= AUTOMATIC_CALLS_FACTOR
        u0 = transform.to_internal(transform.start)
        solution = levenberg_marquardt(residual, jacobian, u0, limit)
        if _rank_deficient(solution.jacobian):
            retry = levenberg_marquardt(residual, jacobian, u0, limit, marquardt_scaling=False)
            if not _rank_deficient(retry.jacobian) or retry.cost < solution.cost:
                solution = Solution(
                    retry.x,
                    retry.cost,
                    retry.jacobian,
                    retry.residuals,
                    solution.nfev + retry.nfev,
                    retry.at_limit,
                )
        return MinuitSteps(
            cost,
            settings,
            options,
            errordef,
            self._outcome(cost, transform, solution, options, errordef),
        )

    def _outcome(
        self,
        cost: Cost,
        transform: ParameterTransform,
        solution: Solution,
        options: MinimizerOptions,
        errordef: float,
    ) -> BackendResult:
        J, u = solution.jacobian, solution.x
        n = transform.free.size
        deficient = _rank_deficient(J)
        cov_int: NDArray[np.float64]
        if deficient:
            cov_int, edm = np.zeros((J.shape[1], J.shape[1])), np.inf
        else:
            inverse = np.linalg.inv(J.T @ J)
            g = J.T @ solution.residuals
            cov_int, edm = np.asarray(errordef * inverse), float(g @ inverse @ g)
        covariance = transform.external_covariance(u, cov_int) if n else np.zeros((n, n))
        goal = 0.002 * options.tolerance * errordef
        status = 4 if solution.at_limit else (0 if edm < goal else 3)
        values = transform.to_external(u)
        return BackendResult(
            values=values,
            errors=np.sqrt(np.clip(np.diag(covariance), 0.0, None)),
            covariance=covariance,
            min_fcn=float(cost(values)),
            edm=edm if np.isfinite(edm) else 0.0,
            ncalls=solution.nfev,
            status=status,
            cov_status=0 if deficient else 3,
            valid=status == 0 and not deficient,
            minimizer=self.name,
        )

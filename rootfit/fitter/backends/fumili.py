"""Fumili: Newton steps with the Gauss–Newton (Fumili) Hessian of a sum of point terms.

ROOT's ``Fumili2`` (Minuit2's Fumili) and ``Fumili`` (TFumili) exploit that χ² and
likelihood costs are sums of terms of the model values: the Hessian is approximated from the
model's parameter derivatives alone, ``H ≈ Σ_i b_i ∂f_i/∂p ∂f_i/∂pᵀ`` (the cost computes it
with a numba kernel, :meth:`~rootfit.costs.GaussNewton.gauss_newton`), so each iteration needs
one pass over the data and converges in a handful of iterations near the minimum.

The iteration runs on the free parameters in Minuit's internal coordinates
(:mod:`~rootfit.fitter.backends.transform`), takes the Newton step ``-H⁻¹g`` and, when a step
does not lower the cost, damps it Levenberg–Marquardt style (``H + λ·diag(H)``). It stops when
Minuit's estimated distance to the minimum ``EDM = ½ gᵀH⁻¹g`` falls below
``0.002·tolerance·errordef`` (status 0), at the call limit (status 4), or when no damped step
lowers the cost any more while the EDM is still above the goal (status 3). Like Minuit2's
Fumili it keeps iterating while the EDM is above 10⁻⁴ of that goal, as long as steps still
lower the cost (a step costs one pass over the data and converges quadratically). The covariance is
Fumili's, ``2·errordef·H⁻¹`` (ROOT reports the same: its errors differ slightly from Hesse's);
option ``E`` replaces it by Minuit2's Hesse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost, has_gauss_newton
from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities, Request
from rootfit.fitter.backends.minuit import MinuitSteps
from rootfit.fitter.backends.transform import ParameterTransform
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["Fumili2", "TFumili"]

Terms = tuple[float, NDArray[np.float64], NDArray[np.float64]]

#: Largest damping tried before giving up on lowering the cost.
_MAX_DAMPING = 1e12
#: Minuit2's Fumili iterates to an EDM this much below Migrad's goal.
_TIGHTER = 1e-4


def _internal_terms(
    cost: Cost, transform: ParameterTransform
) -> Callable[[NDArray[np.float64]], Terms]:
    """Value, gradient and Fumili Hessian as functions of the internal coordinates."""
    free = transform.free
    gauss_newton = cost.gauss_newton  # type: ignore[attr-defined]

    def terms(u: NDArray[np.float64]) -> Terms:
        value, g, h = gauss_newton(transform.to_external(u))
        d = transform.derivative(u)
        return float(value), g[free] * d, h[np.ix_(free, free)] * np.outer(d, d)

    return terms


def _solve(h: NDArray[np.float64], g: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """``H⁻¹g`` or None if ``H`` is not positive definite."""
    try:
        chol = np.linalg.cholesky(h)
    except np.linalg.LinAlgError:
        return None
    return np.asarray(np.linalg.solve(chol.T, np.linalg.solve(chol, g)))


class Fumili2(Backend):
    """Minuit2's Fumili (``Fumili2``, ``("Minuit2", "Fumili")``)."""

    name = "Fumili2"
    label = "Minuit2 / Fumili"
    #: Option G is accepted: Fumili always uses the model's parameter derivatives.
    capabilities = Capabilities(gradient=True)

    def check(self, cost: Cost, request: Request, options: MinimizerOptions) -> None:
        if not has_gauss_newton(cost):
            raise FitOptionError(
                f"minimizer {self.label!r} needs a cost that is a sum of point terms of the "
                "model (Chi2, PoissonLikelihood, UnbinnedNLL, their sums and Gaussian "
                f"constraints); {type(cost).__name__} is not"
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
        terms = _internal_terms(cost, transform)
        goal = 0.002 * options.tolerance * errordef
        tight_goal = goal * _TIGHTER  # Fumili converges quadratically: iterate further
        limit = options.call_limit(len(settings))
        u = transform.to_internal(transform.start)
        value, g, h = terms(u)
        ncalls, damping, status = 1, 0.0, 0
        while True:
            newton = _solve(h, g)
            edm = 0.5 * float(g @ newton) if newton is not None else np.inf
            if edm < tight_goal:
                break
            accepted = False
            while ncalls < limit and damping <= _MAX_DAMPING and not accepted:
                step = _solve(h + damping * np.diag(np.diag(h)), g) if damping else newton
                if step is not None:
                    t_value, t_g, t_h = terms(u - step)
                    ncalls += 1
                    accepted = bool(np.isfinite(t_value) and t_value < value)
                    if accepted:
                        u, value, g, h = u - step, t_value, t_g, t_h
                        damping = damping / 10.0 if damping > 1e-6 else 0.0
                        continue
                damping = max(10.0 * damping, 1e-3)
            if not accepted:
                status = 0 if edm < goal else (4 if ncalls >= limit else 3)
                break
        inverse = _solve(h, np.eye(len(u)))
        positive = inverse is not None
        cov_int = 2.0 * errordef * inverse if inverse is not None else np.zeros_like(h)
        covariance = transform.external_covariance(u, cov_int)
        outcome = BackendResult(
            values=transform.to_external(u),
            errors=np.sqrt(np.clip(np.diag(covariance), 0.0, None)),
            covariance=covariance,
            min_fcn=value,
            edm=float(edm) if np.isfinite(edm) else 0.0,
            ncalls=ncalls,
            status=status if positive else max(status, 3),
            cov_status=3 if positive else 0,
            valid=status == 0 and positive,
            minimizer=self.label,
        )
        return MinuitSteps(cost, settings, options, errordef, outcome)


class TFumili(Fumili2):
    """ROOT's original ``Fumili`` (TFumili): the same method, reported as ``"Fumili"``."""

    name = "Fumili"
    label = "Fumili"

"""Closed-form weighted least squares for models linear in their parameters (ROOT's
``TLinearMinimizer``).

The design matrix column of parameter ``j`` is the model evaluated with ``p = e_j`` (exact for a
linear model); fixed parameters are moved to the data side. The weights are the inverse errors
of the cost's least-squares view (:class:`~rootfit.costs.WeightedLeastSquares`: 1 when the
data has no errors, e.g. ``W``, ``WW``, ``P`` or a graph without errors). Only such costs are
accepted (checked before solving); the objective is evaluated once at the solution, as ROOT
reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost, WeightedLeastSquares
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities, Minimum
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["LinearSolver", "Solved", "linear_design"]


def linear_design(
    cost: WeightedLeastSquares, settings: Sequence[ParameterSettings]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.intp]]:
    """Design matrix of a linear model: ``y - f(base) = A · p_free``.

    Returns
    -------
    A : ndarray, shape (n, nfree)
        Basis functions ``∂f/∂p_j`` of the free parameters at every point.
    y : ndarray
        Data values minus the contribution of the fixed parameters.
    base : ndarray
        Parameter vector with the fixed values and zeros for the free ones.
    free : ndarray
        Indices of the free parameters.
    """
    fixed = np.array([s.fixed for s in settings])
    base = np.array([s.value if s.fixed else 0.0 for s in settings])
    offset = cost.model_values(base)
    free = np.flatnonzero(~fixed)
    columns = []
    for j in free:
        unit = base.copy()
        unit[j] += 1.0
        columns.append(cost.model_values(unit) - offset)
    y, _ = cost.least_squares_targets()
    A = np.column_stack(columns) if columns else np.zeros((y.size, 0))
    return A, y - offset, base, free


class Solved(Minimum):
    """The solution of a closed-form solver (no steps after it)."""

    def __init__(self, outcome: BackendResult) -> None:
        self.outcome = outcome


class LinearSolver(Backend):
    """ROOT's ``Linear`` minimizer: the weighted normal equations."""

    name = "Linear"
    capabilities = Capabilities(
        linear_least_squares_only=True, hesse=False, minos=False, gradient=False
    )

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> Solved:
        ls = cast(WeightedLeastSquares, cost)  # the view was checked by Backend.check
        n = len(settings)
        A, y, base, free = linear_design(ls, settings)
        _, w = ls.least_squares_targets()
        values, cov = base.copy(), np.zeros((n, n))
        try:
            solution, cov_free = self._solve(A, y, w, options)
        except np.linalg.LinAlgError:
            solution, cov_free = None, None
        valid = solution is not None
        if solution is not None:
            values[free] = solution
        if cov_free is not None:
            cov[np.ix_(free, free)] = cov_free
        return Solved(
            BackendResult(
                values=values,
                errors=np.sqrt(np.clip(np.diag(cov), 0.0, None)),
                covariance=cov,
                min_fcn=float(cost(values)),
                edm=0.0,
                ncalls=1,
                status=0 if valid else 1,
                cov_status=3 if cov_free is not None else -1,
                valid=valid,
                minimizer=self.type_name(options),
            )
        )

    def _solve(
        self,
        A: NDArray[np.float64],
        y: NDArray[np.float64],
        w: NDArray[np.float64],
        options: MinimizerOptions,
    ) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """The free parameters and their covariance (None: not computed)."""
        Aw = A * w[:, None]
        solution, *_ = np.linalg.lstsq(Aw, y * w, rcond=None)
        return np.asarray(solution, dtype=np.float64), np.linalg.inv(Aw.T @ Aw).astype(np.float64)

    def type_name(self, options: MinimizerOptions) -> str:
        """ROOT's ``MinimizerType()``: the algorithm string is inherited from the defaults."""
        return f"Linear / {options.algorithm}"

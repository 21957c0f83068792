"""Closed-form weighted least squares for models linear in their parameters (ROOT's
``TLinearMinimizer``).

The design matrix column of parameter ``j`` is the model evaluated with ``p = e_j`` (exact for a
linear model); fixed parameters are moved to the data side. Weights are ``1/e²`` of the data
(1 when the data has no errors, e.g. ``W``, ``WW``, ``P`` or a graph without errors).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost
from rootfit.fitter.backends.base import BackendResult
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions

__all__ = ["linear_design", "solve"]


def linear_design(
    cost: Cost, settings: Sequence[ParameterSettings]
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
    A = np.column_stack(columns) if columns else np.zeros((cost.ndata, 0))
    return A, cost.data.values - offset, base, free


def solve(
    cost: Cost, settings: Sequence[ParameterSettings], options: MinimizerOptions
) -> BackendResult:
    """Solve the weighted normal equations of a linear model.

    Parameters
    ----------
    cost : Cost
        A least-squares cost on BinData (its data errors give the weights; the cost itself is
        only used to report the objective at the solution, as ROOT does).
    settings : sequence of ParameterSettings
        Fixed parameters keep their value.
    options : MinimizerOptions
        Only the algorithm name is used, for the reported minimizer type.
    """
    n = len(settings)
    A, y, base, free = linear_design(cost, settings)
    w = cost.data.inv_errors
    Aw = A * w[:, None]
    values = base.copy()
    cov = np.zeros((n, n))
    valid = True
    try:
        solution, *_ = np.linalg.lstsq(Aw, y * w, rcond=None)
        values[free] = solution
        cov_free = np.linalg.inv(Aw.T @ Aw)
        cov[np.ix_(free, free)] = cov_free
    except np.linalg.LinAlgError:
        valid = False
    errors = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    fval = float(cost(values))
    return BackendResult(
        values=values,
        errors=errors,
        covariance=cov,
        min_fcn=fval,
        edm=0.0,
        ncalls=1,
        status=0 if valid else 1,
        cov_status=3 if valid else -1,
        valid=valid,
        minimizer=f"Linear / {options.algorithm}",
    )

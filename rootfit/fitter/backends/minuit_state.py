"""Reading Minuit2's outcome into ROOT's numbers: the status codes ROOT reports after Migrad,
Hesse and for the covariance, Migrad's last covariance update, and the covariance matrix of
the free parameters (no iminuit import: these read the objects iminuit returns)."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "cov_status",
    "covariance_change",
    "free_covariance",
    "hesse_status",
    "migrad_status",
    "zero_fixed",
]


def migrad_status(fmin: Any) -> int:
    """ROOT's Minuit2 status of a minimum (iminuit's ``FMin``, the C++ ``FunctionMinimum`` or
    the compiled Migrad's flags of the same names): later conditions override earlier ones;
    5 = unknown failure."""
    status = 0
    if fmin.has_made_posdef_covar:
        status = 1
    if fmin.hesse_failed:
        status = 2
    if fmin.is_above_max_edm:
        status = 3
    if fmin.has_reached_call_limit:
        status = 4
    if not (fmin.is_valid and fmin.edm >= 0) and status == 0:
        status = 5
    return status


def hesse_status(fmin: Any) -> int:
    """What Minuit2's Hesse adds to ROOT's status: 100 when it failed, 300 when it had to make
    the matrix positive-definite."""
    if fmin.hesse_failed:
        return 100
    return 300 if fmin.has_made_posdef_covar else 0


def cov_status(fmin: Any) -> int:
    """ROOT's covariance status (3 accurate, 2 forced positive-definite, 1 approximate, 0 not
    positive-definite, -1 none)."""
    if fmin.has_accurate_covar:
        return 3
    if fmin.has_made_posdef_covar:
        return 2
    if fmin.has_posdef_covar:
        return 1
    if fmin.has_covariance:
        return 0
    return -1


@functools.lru_cache(maxsize=64)
def _lower_triangle(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Row-major lower-triangle indices (``np.tril_indices`` costs more than a small fit's
    covariance; cached per size)."""
    return np.tril_indices(n)


def free_covariance(matrix: Any) -> NDArray[np.float64]:
    """A Minuit2 ``MnUserCovariance`` (free parameters) as a numpy array: read at once from its
    packed lower triangle (its pickle layout, pinned by tests/test_fused.py), element by
    element if this iminuit stores it otherwise."""
    n = int(matrix.nrow)
    out = np.empty((n, n))
    try:
        packed, nrow = matrix.__getstate__()
        packed = np.asarray(packed, dtype=np.float64)
        if nrow != n or packed.shape != (n * (n + 1) // 2,):
            raise ValueError("unexpected layout")
        rows, cols = _lower_triangle(n)
        out[rows, cols] = packed
        out[cols, rows] = packed
    except (AttributeError, TypeError, ValueError):
        for i in range(n):
            for j in range(n):
                out[i, j] = matrix[i, j]
    return out


def covariance_change(minimum: Any) -> float | None:
    """Minuit2's ``Dcovar`` of the final state of a C++ ``FunctionMinimum``: 0 when Migrad
    ended with its own Hesse, the relative change of the last variable-metric update otherwise
    (None if this iminuit does not expose it; read from the state's pickle layout, which
    tests/test_minimizers.py pins)."""
    try:
        states = minimum.__getstate__()[2]
        return float(states[-1].__getstate__()[1][1])
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def zero_fixed(matrix: NDArray[np.float64], fixed: NDArray[np.bool_]) -> NDArray[np.float64]:
    matrix[fixed, :] = 0.0
    matrix[:, fixed] = 0.0
    return matrix

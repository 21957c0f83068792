"""Plain-numpy twins of :mod:`rootfit.kernels.costs` (same formulas, vectorised).

They are the readable definition the compiled kernels are tested against; they import no numba.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["chi2", "effective_chi2", "pearson_chi2", "poisson_nll", "safe_log"]

_DBL_MAX = np.finfo(np.float64).max
_EPS = 2.0 * np.finfo(np.float64).tiny
_LOG_EPS = math.log(_EPS)


def safe_log(v: np.ndarray) -> np.ndarray:
    """ROOT's safe log, vectorised."""
    v = np.asarray(v, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(v > _EPS, np.log(np.where(v > _EPS, v, 1.0)), v / _EPS + _LOG_EPS - 1.0)


def chi2(y: np.ndarray, inv_err: np.ndarray, f: np.ndarray) -> float:
    """Neyman χ²."""
    cap = _DBL_MAX / max(len(y), 1)
    with np.errstate(over="ignore"):
        return float(np.minimum(((y - f) * inv_err) ** 2, cap).sum())


def pearson_chi2(y: np.ndarray, w_inv: np.ndarray, f: np.ndarray) -> float:
    """Pearson χ² over f > 0."""
    cap = _DBL_MAX / max(len(y), 1)
    pos = f > 0
    return float(np.minimum((y[pos] - f[pos]) ** 2 * w_inv[pos] / f[pos], cap).sum())


def poisson_nll(y: np.ndarray, f: np.ndarray, extended: bool) -> float:
    """Binned Poisson NLL with the saturated term."""
    f = np.maximum(f, 0.0)
    total = float((f - y).sum()) if extended else 0.0
    pos = y > 0
    return total + float((y[pos] * (np.log(y[pos]) - safe_log(f[pos]))).sum())


def effective_chi2(
    y: np.ndarray, f: np.ndarray, ey_low: np.ndarray, ey_high: np.ndarray, ex_df2: np.ndarray
) -> float:
    """Effective-variance χ²."""
    d = y - f
    ey = np.where(d < 0, ey_high, ey_low)
    var = ey * ey + ex_df2
    ok = var > 0
    return float((d[ok] ** 2 / var[ok]).sum())

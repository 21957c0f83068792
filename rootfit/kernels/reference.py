"""Plain-numpy twins of :mod:`rootfit.kernels.costs` (same formulas, vectorised).

They are the readable definition the compiled kernels are tested against; they import no numba.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "add_saturating",
    "chi2",
    "effective_chi2",
    "gauss_newton_terms",
    "logs",
    "pearson_chi2",
    "poisson_nll",
    "safe_log",
    "unbinned_nll",
    "weighted_poisson_nll",
]

_DBL_MAX = np.finfo(np.float64).max
_EPS = 2.0 * np.finfo(np.float64).tiny
_LOG_EPS = math.log(_EPS)


def safe_log(v: np.ndarray) -> np.ndarray:
    """ROOT's safe log, vectorised."""
    v = np.asarray(v, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(v > _EPS, np.log(np.where(v > _EPS, v, 1.0)), v / _EPS + _LOG_EPS - 1.0)


def logs(y: np.ndarray) -> np.ndarray:
    """``log(y)`` where ``y > 0``, else 0."""
    y = np.asarray(y, dtype=np.float64)
    return np.log(np.where(y > 0, y, 1.0))


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


def _poisson_terms(y: np.ndarray, f: np.ndarray, extended: bool) -> np.ndarray:
    """Each bin's ``f - y + y·(log y - log f)`` (``f - y`` only when extended, the log term
    only where y > 0), with f clamped at 0."""
    f = np.maximum(f, 0.0)
    term = (f - y) if extended else np.zeros_like(y)
    pos = y > 0
    term[pos] += y[pos] * (np.log(y[pos]) - safe_log(f[pos]))
    return term


def poisson_nll(y: np.ndarray, f: np.ndarray, extended: bool) -> float:
    """Binned Poisson NLL with the saturated term."""
    return float(_poisson_terms(y, f, extended).sum())


def weighted_poisson_nll(y: np.ndarray, f: np.ndarray, w: np.ndarray, extended: bool) -> float:
    """Squared-weight Poisson NLL."""
    return float((w * _poisson_terms(y, f, extended)).sum())


def effective_chi2(
    y: np.ndarray, f: np.ndarray, ey_low: np.ndarray, ey_high: np.ndarray, ex_df2: np.ndarray
) -> float:
    """Effective-variance χ²."""
    d = y - f
    ey = np.where(d < 0, ey_high, ey_low)
    var = ey * ey + ex_df2
    ok = var > 0
    return float((d[ok] ** 2 / var[ok]).sum())


def gauss_newton_terms(
    jac: np.ndarray, grad_coeff: np.ndarray, hess_coeff: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(Jᵀa, Jᵀ diag(b) J)``: gradient and Fumili Hessian of a sum of point terms."""
    return jac.T @ grad_coeff, (jac * hess_coeff[:, None]).T @ jac


def add_saturating(
    contents: np.ndarray,
    bins: np.ndarray,
    increments: np.ndarray,
    low: int,
    high: int,
    maximum: int,
) -> None:
    """ROOT's saturating integer ``AddBinContent`` applied in order (readable twin)."""
    for b, step in zip(bins.tolist(), increments.tolist(), strict=True):
        value = int(contents[b]) + int(step)
        if low < value < high:
            contents[b] = value
        elif value < -maximum:
            contents[b] = -maximum
        elif value > maximum:
            contents[b] = maximum


def unbinned_nll(f: np.ndarray, w: np.ndarray) -> float:
    """Unbinned NLL ``-Σ w·log f`` with the safe log, summed exactly (``math.fsum``)."""
    return -math.fsum((w * safe_log(f)).tolist())


def landau_density(v: np.ndarray) -> np.ndarray:
    """Landau density φ(v), vectorised (twin of :func:`rootfit.kernels.special.landau_density`)."""
    from numpy.polynomial import polynomial as P

    from rootfit.kernels.special import LANDAU_HIGH, LANDAU_LOW, LANDAU_TABLE

    v = np.asarray(v, dtype=np.float64)
    out = np.zeros_like(v)
    with np.errstate(all="ignore"):
        low = v < -5.5
        u = np.exp(v[low] + 1.0)
        val = 0.3989422803 * np.exp(-1.0 / u) / np.sqrt(u) * (1 + P.polyval(u, [0.0, *LANDAU_LOW]))
        out[low] = np.where(u < 1e-10, 0.0, val)
        lower = -5.5
        for row, coeffs in enumerate(LANDAU_TABLE):
            sel = (v >= lower) & (v < coeffs[0])
            lower = coeffs[0]
            t = v[sel] if row < 3 else 1.0 / v[sel]
            ratio = P.polyval(t, coeffs[1:6]) / P.polyval(t, coeffs[6:11])
            if row == 0:
                u = np.exp(-v[sel] - 1.0)
                ratio = np.exp(-u) * np.sqrt(u) * ratio
            elif row >= 3:
                ratio = t * t * ratio
            out[sel] = ratio
        high = v >= 300.0
        u = 1.0 / (v[high] - v[high] * np.log(v[high]) / (v[high] + 1.0))
        out[high] = u * u * (1 + P.polyval(u, [0.0, *LANDAU_HIGH]))
    out[np.isnan(v)] = np.nan
    return out


def landau_density_derivative(v: np.ndarray) -> np.ndarray:
    """dφ/dv by a Richardson central difference of :func:`landau_density` (the twin of the
    analytic kernel; accurate to ~1e-8 away from the interval boundaries)."""
    v = np.asarray(v, dtype=np.float64)
    h = 1e-4 * np.maximum(1.0, np.abs(v))
    d1 = (landau_density(v + h) - landau_density(v - h)) / (2 * h)
    d2 = (landau_density(v + h / 2) - landau_density(v - h / 2)) / h
    return (4 * d2 - d1) / 3


def faddeeva(u: np.ndarray, y: np.ndarray) -> np.ndarray:
    """w(u + iy), vectorised Weideman approximation."""
    from rootfit.kernels.special import WEIDEMAN_A, WEIDEMAN_L

    z = np.asarray(u, dtype=np.float64) + 1j * np.asarray(y, dtype=np.float64)
    denominator = WEIDEMAN_L - 1j * z
    w = 2.0 * np.polyval(WEIDEMAN_A, (WEIDEMAN_L + 1j * z) / denominator) / denominator**2
    return w + 1.0 / np.sqrt(np.pi) / denominator

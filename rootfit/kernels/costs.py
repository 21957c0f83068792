"""numba kernels of the fit statistics (ROOT's ``FitUtil::Evaluate*`` formulas).

Each takes contiguous float64 arrays prepared once by the cost's constructor and the model
values of the current iteration. The plain-numpy twins live in :mod:`rootfit.kernels.reference`.
Their logarithm is :func:`rootfit.kernels.elementary.log`, the one every compiled kernel uses.
"""

from __future__ import annotations

import math

import numpy as np

from rootfit.kernels.elementary import log
from rootfit.kernels.jit import jit as _jit
from rootfit.kernels.jit import jit_inline

__all__ = [
    "chi2",
    "effective_chi2",
    "gauss_newton_terms",
    "logs",
    "neumaier_add",
    "pearson_chi2",
    "poisson_nll",
    "safe_log",
    "unbinned_nll",
    "weighted_poisson_nll",
]

_DBL_MAX = np.finfo(np.float64).max
_EPS = 2.0 * np.finfo(np.float64).tiny  # ROOT's safelog threshold (2·DBL_MIN)
_LOG_EPS = math.log(_EPS)


@jit_inline
def safe_log(v: float) -> float:
    """log(v) for v > ε, linear continuation below (ROOT's ``safelog``); both computed and
    one selected, so that a loop calling it is vectorised."""
    logarithm = log(v)
    return logarithm if v > _EPS else v / _EPS + _LOG_EPS - 1.0


@_jit
def logs(y: np.ndarray) -> np.ndarray:
    """``log(y)`` where ``y > 0``, else 0 (with the same ``log`` as the kernels, so that a
    precomputed value equals the one computed in a loop bit for bit)."""
    out = np.zeros(y.shape[0])
    for i in range(y.shape[0]):
        if y[i] > 0:
            out[i] = log(y[i])
    return out


@_jit
def chi2(y: np.ndarray, inv_err: np.ndarray, f: np.ndarray) -> float:
    """Neyman χ² ``Σ ((y - f)·inv_err)²``, each term capped at DBL_MAX/n."""
    n = y.shape[0]
    cap = _DBL_MAX / max(n, 1)
    total = 0.0
    for i in range(n):
        r = (y[i] - f[i]) * inv_err[i]
        term = r * r
        total += term if term < cap else cap
    return total


@_jit
def pearson_chi2(y: np.ndarray, w_inv: np.ndarray, f: np.ndarray) -> float:
    """Pearson χ² ``Σ (y - f)²·w_inv / f`` over terms with f > 0."""
    n = y.shape[0]
    cap = _DBL_MAX / max(n, 1)
    total = 0.0
    for i in range(n):
        if f[i] > 0:
            d = y[i] - f[i]
            term = d * d * w_inv[i] / f[i]
            total += term if term < cap else cap
    return total


@_jit
def poisson_nll(y: np.ndarray, f: np.ndarray, extended: bool) -> float:
    """Binned Poisson NLL with the saturated term (½ Baker–Cousins χ²).

    ``Σ f - y + y·(log y - log f)`` (extended) or ``Σ y·(log y - log f)`` (multinomial);
    model values are clamped at 0 and the log is ROOT's safe log. Each bin's term is made
    whole and then added, in ROOT's order (``FitUtil::EvaluatePoissonLogL``).
    """
    total = 0.0
    for i in range(y.shape[0]):
        fi = f[i] if f[i] > 0.0 else 0.0
        yi = y[i]
        term = fi - yi if extended else 0.0
        if yi > 0:
            term += yi * (log(yi) - safe_log(fi))
        total += term
    return total


@_jit
def weighted_poisson_nll(y: np.ndarray, f: np.ndarray, w: np.ndarray, extended: bool) -> float:
    """``Σ w·[f - y + y·(log y - log f)]`` (the squared-weight pass of ROOT's ``WL``)."""
    total = 0.0
    for i in range(y.shape[0]):
        fi = f[i] if f[i] > 0.0 else 0.0
        yi = y[i]
        term = fi - yi if extended else 0.0
        if yi > 0:
            term += yi * (log(yi) - safe_log(fi))
        total += w[i] * term
    return total


@_jit
def effective_chi2(
    y: np.ndarray, f: np.ndarray, ey_low: np.ndarray, ey_high: np.ndarray, ex_df2: np.ndarray
) -> float:
    """Effective-variance χ²: ``Σ Δ² / (ey² + (ex·f')²)`` with Δ = y - f.

    ``ey`` is ``ey_high`` when the model lies above the point (Δ < 0), else ``ey_low``;
    ``ex_df2`` holds ``Σ_d (ex_d·∂f/∂x_d)²``. Points with zero total variance contribute 0.
    """
    total = 0.0
    for i in range(y.shape[0]):
        d = y[i] - f[i]
        ey = ey_high[i] if d < 0 else ey_low[i]
        var = ey * ey + ex_df2[i]
        if var > 0:
            total += d * d / var
    return total


@_jit
def unbinned_nll(f: np.ndarray, w: np.ndarray) -> float:
    """Unbinned negative log-likelihood ``-Σ w·log f`` with ROOT's safe log (weights ``w``),
    summed with Neumaier's compensation: the rounding of a plain running sum grows like
    ``√n·ε·|NLL|`` and would exceed Migrad's EDM goal (≈1e-5) at ~10⁸ events."""
    total = 0.0
    compensation = 0.0
    for i in range(f.shape[0]):
        total, compensation = neumaier_add(total, compensation, -w[i] * safe_log(f[i]))
    return total + compensation


@_jit
def neumaier_add(total: float, compensation: float, term: float) -> tuple[float, float]:
    """One step of Neumaier's compensated sum: ``(total + term, compensation)`` updated."""
    t = total + term
    if abs(total) >= abs(term):
        compensation += (total - t) + term
    else:
        compensation += (term - t) + total
    return t, compensation


@_jit
def gauss_newton_terms(
    jac: np.ndarray, grad_coeff: np.ndarray, hess_coeff: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient ``Σ_i a_i·J_i`` and Fumili's Hessian ``Σ_i b_i·J_i J_iᵀ`` of a sum of point terms.

    ``J_i = ∂f_i/∂p`` (rows of ``jac``); ``a_i``, ``b_i`` are the first and second derivatives of
    each term with respect to the model value (the second-derivative-of-model term is dropped,
    which is the Fumili / Gauss–Newton approximation).
    """
    n, k = jac.shape
    g = np.zeros(k)
    h = np.zeros((k, k))
    for i in range(n):
        a = grad_coeff[i]
        b = hess_coeff[i]
        for r in range(k):
            jr = jac[i, r]
            g[r] += a * jr
            if b != 0.0:
                bj = b * jr
                for c in range(r + 1):
                    h[r, c] += bj * jac[i, c]
    for r in range(k):
        for c in range(r):
            h[c, r] = h[r, c]
    return g, h

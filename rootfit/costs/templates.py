"""Fractions of Monte Carlo templates in data, with the templates' own statistical
fluctuations (Barlow & Beeston, Comput. Phys. Commun. 77 (1993) 219; ROOT's
``TFractionFitter``).

Each data bin ``i`` holds ``d_i`` events; each template ``j`` holds ``a_ji`` simulated ones
(optionally with a per-bin weight ``w_ji``). For fractions ``P_j`` the template strengths are
``p_j = P_j·N_D/N_j`` (``N_D``, ``N_j``: the data's and the template's totals over the bins
used; with weights ``N_j = Σ w_ji a_ji``). The unknown true template contents ``A_ji`` are
profiled out bin by bin: with ``t_i`` the root of
``Σ_j p_j w_ji a_ji/(1 + p_j w_ji t_i) = d_i/(1 - t_i)`` (monotonic on ``(-1/max p w, 1)``,
found by bisection to double precision), ``A_ji = a_ji/(1 + p_j w_ji t_i)`` and the prediction
is ``f_i = Σ_j p_j w_ji A_ji``. Where the strongest source has no simulated event, the paper's
special solution is used. The statistic is the Poisson likelihood of the data and of the
templates relative to the saturated model, so twice its minimum is ROOT's
likelihood-ratio χ².
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.errors import DataError

__all__ = ["TemplateFractions"]

_BISECTIONS = 200


def _xlogx_terms(n: NDArray[np.float64], m: NDArray[np.float64]) -> NDArray[np.float64]:
    """``n·log(m) - m`` where the terms exist (``n = 0`` keeps ``-m``; ``m = 0`` gives 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(m > 0, np.where(n > 0, n * np.log(m), 0.0) - m, 0.0)


class TemplateFractions(Cost):
    """Barlow–Beeston likelihood of template fractions (see the module docstring).

    Parameters
    ----------
    data : array_like
        Data counts of the bins used, shape ``(n,)``.
    templates : array_like
        Template counts, shape ``(k, n)``.
    weights : array_like, optional
        Per-bin template weights, shape ``(k, n)`` (all positive); default 1.
    names : sequence of str, optional
        Parameter names (default ``frac0``, ``frac1``...).
    """

    errordef = 0.5
    fit_type = FitType.BINNED_LIKELIHOOD

    def __init__(
        self,
        data: ArrayLike,
        templates: ArrayLike,
        weights: ArrayLike | None = None,
        names: Sequence[str] | None = None,
    ) -> None:
        d = np.asarray(data, dtype=np.float64)
        a = np.atleast_2d(np.asarray(templates, dtype=np.float64))
        if d.ndim != 1 or a.shape[1:] != d.shape:
            raise DataError(f"templates of shape {a.shape} do not match {d.size} data bins")
        w = np.ones_like(a) if weights is None else np.asarray(weights, dtype=np.float64)
        if w.shape != a.shape or np.any(w <= 0):
            raise DataError("template weights must be positive and shaped like the templates")
        if (
            np.any(d < 0)
            or np.any(a < 0)
            or not np.all(np.isfinite(d))
            or not np.all(np.isfinite(a))
        ):
            raise DataError("data and template counts must be finite and non-negative")
        totals = np.sum(w * a, axis=1)
        if d.sum() <= 0 or np.any(totals <= 0):
            raise DataError("the data and every template need entries in the bins used")
        k = a.shape[0]
        super().__init__(
            list(names) if names is not None else [f"frac{j}" for j in range(k)], d.size
        )
        self.data, self.templates, self.weights = d, a, w
        self._scale = d.sum() / totals  # p_j = P_j · N_D / N_j
        self._saturated = float(np.sum(_xlogx_terms(d, d)) + np.sum(_xlogx_terms(a, a)))

    def default_parameters(self) -> NDArray[np.float64]:
        """ROOT's start: equal fractions ``1/k``."""
        return np.full(self.npar, 1.0 / self.npar)

    def strengths(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``p_j w_ji``, shape ``(k, n)``."""
        p = np.asarray(parameters, dtype=np.float64) * self._scale
        return p[:, None] * self.weights

    def predictions(self, parameters: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(f, A)``: the predicted data per bin and the fitted template contents ``A_ji``."""
        s = self.strengths(parameters)
        a = self.templates
        if np.any(s == 0):
            raise DataError("a template strength is 0: the fractions must not vanish")
        t = self._solve_t(s)
        special, strongest, value = self._special(s)
        t = np.where(special, -1.0 / np.max(s, axis=0), t)  # the paper's t where it applies
        with np.errstate(divide="ignore", invalid="ignore"):  # the strongest: replaced below
            A = a / (1.0 + s * t[None, :])
        A = np.where(special[None, :] & strongest, value[None, :], A)
        return np.sum(s * A, axis=0), A

    def _solve_t(self, s: NDArray[np.float64]) -> NDArray[np.float64]:
        """``t_i`` of every bin (1 where the data bin is empty)."""
        d, a = self.data, self.templates
        lo = -1.0 / np.max(s, axis=0)
        hi = np.ones_like(d)
        empty = d == 0
        for _ in range(_BISECTIONS):
            mid = 0.5 * (lo + hi)
            with np.errstate(divide="ignore", invalid="ignore"):
                g = np.sum(a / (mid[None, :] + 1.0 / s), axis=0) - d / (1.0 - mid)
            above = g > 0  # g decreases with t: the root lies above mid
            lo = np.where(above, mid, lo)
            hi = np.where(above, hi, mid)
            if np.all(hi - lo <= 1e-15 * np.maximum(1.0, np.abs(lo))):
                break
        return np.where(empty, 1.0, 0.5 * (lo + hi))

    def _special(
        self, s: NDArray[np.float64]
    ) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.float64]]:
        """Where the strongest source has no simulated event and the paper's special solution
        holds (``t = -1/p_k``): the bins, the strongest sources of each bin (several when their
        strengths are equal) and the content ``A`` each of them gets."""
        d, a = self.data, self.templates
        top = np.max(s, axis=0)
        strongest = s == top[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            pulled = np.where(strongest, 0.0, a * s / (top[None, :] - s))
        value = (d / (1.0 + top) - np.sum(pulled, axis=0)) / np.sum(strongest, axis=0)
        empty_strongest = np.sum(np.where(strongest, a, 0.0), axis=0) == 0
        return (d > 0) & empty_strongest & (value > 0), strongest, value

    def __call__(self, parameters: ArrayLike) -> float:
        f, A = self.predictions(parameters)
        log_likelihood = np.sum(_xlogx_terms(self.data, f)) + np.sum(
            _xlogx_terms(self.templates, A)
        )
        return float(self._saturated - log_likelihood)

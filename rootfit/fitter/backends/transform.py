"""Minuit's transformation between bounded external parameters and unbounded internal ones.

Engines that only know unbounded problems (Fumili's Gauss–Newton step, the scipy minimizers,
Levenberg–Marquardt) run on the *free* parameters in Minuit's internal coordinates, so that
limits are respected the same way Minuit (and ROOT's GSL wrappers) respect them:

* both limits: ``ext = lo + (up - lo)/2 · (sin(int) + 1)``;
* lower only: ``ext = lo - 1 + sqrt(int² + 1)``;
* upper only: ``ext = up + 1 - sqrt(int² + 1)``;
* no limit: ``ext = int``.

Fixed parameters keep their values and are not part of the internal vector.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.fitter.parameters import ParameterSettings

__all__ = ["ParameterTransform"]

_FREE, _BOTH, _LOWER, _UPPER = 0, 1, 2, 3


@dataclass(frozen=True)
class ParameterTransform:
    """External ↔ internal coordinates of the free parameters of ``settings``.

    Attributes
    ----------
    start : ndarray
        External values of all parameters (fixed ones keep these).
    free : ndarray of bool
        Which parameters vary.
    lower, upper : ndarray
        Limits of the free parameters.
    kind : ndarray of int
        0 unbounded, 1 both limits, 2 lower only, 3 upper only (free parameters).
    """

    start: NDArray[np.float64]
    free: NDArray[np.bool_]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    kind: NDArray[np.int_]

    @classmethod
    def of(cls, settings: Sequence[ParameterSettings]) -> ParameterTransform:
        """The transformation for these settings."""
        free = np.array([not s.fixed for s in settings], dtype=bool)
        lo = np.array([s.lower for s in settings if not s.fixed], dtype=np.float64)
        up = np.array([s.upper for s in settings if not s.fixed], dtype=np.float64)
        has_lo, has_up = np.isfinite(lo), np.isfinite(up)
        kind = np.where(
            has_lo & has_up, _BOTH, np.where(has_lo, _LOWER, np.where(has_up, _UPPER, _FREE))
        )
        start = np.array([s.value for s in settings], dtype=np.float64)
        return cls(start, free, lo, up, kind.astype(np.int_))

    @property
    def nfree(self) -> int:
        """Number of internal coordinates."""
        return int(self.free.sum())

    def to_internal(self, external: ArrayLike) -> NDArray[np.float64]:
        """Internal coordinates of the free parameters of a full external vector (values on a
        limit are moved a hair inside, where the transformation is invertible)."""
        x = np.asarray(external, dtype=np.float64)[self.free]
        lo, up, kind = self.lower, self.upper, self.kind
        out = x.copy()
        with np.errstate(invalid="ignore", divide="ignore"):
            both = kind == _BOTH
            ratio = np.clip(2.0 * (x - lo) / (up - lo) - 1.0, -1.0 + 1e-12, 1.0 - 1e-12)
            out[both] = np.arcsin(ratio[both])
            low = kind == _LOWER
            out[low] = np.sqrt(np.maximum((x - lo + 1.0) ** 2 - 1.0, 0.0))[low]
            upp = kind == _UPPER
            out[upp] = np.sqrt(np.maximum((up - x + 1.0) ** 2 - 1.0, 0.0))[upp]
        return out

    def to_external(self, internal: ArrayLike) -> NDArray[np.float64]:
        """The full external vector (fixed parameters at their start values)."""
        u = np.asarray(internal, dtype=np.float64)
        lo, up, kind = self.lower, self.upper, self.kind
        ext_free = u.copy()
        with np.errstate(invalid="ignore"):
            both = kind == _BOTH
            ext_free[both] = (lo + 0.5 * (up - lo) * (np.sin(u) + 1.0))[both]
            root = np.sqrt(u * u + 1.0)
            low = kind == _LOWER
            ext_free[low] = (lo - 1.0 + root)[low]
            upp = kind == _UPPER
            ext_free[upp] = (up + 1.0 - root)[upp]
        out = self.start.copy()
        out[self.free] = ext_free
        return out

    def derivative(self, internal: ArrayLike) -> NDArray[np.float64]:
        """``d ext / d int`` of each free parameter (the diagonal Jacobian)."""
        u = np.asarray(internal, dtype=np.float64)
        kind = self.kind
        root = np.sqrt(u * u + 1.0)
        return np.where(
            kind == _BOTH,
            0.5 * (self.upper - self.lower) * np.cos(u),
            np.where(kind == _LOWER, u / root, np.where(kind == _UPPER, -u / root, 1.0)),
        )

    def external_covariance(
        self, internal: ArrayLike, covariance_internal: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """The full external covariance (zero rows for fixed parameters) of an internal one."""
        d = self.derivative(internal)
        n = self.free.size
        out = np.zeros((n, n))
        out[np.ix_(self.free, self.free)] = covariance_internal * np.outer(d, d)
        return out

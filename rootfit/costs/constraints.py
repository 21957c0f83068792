"""Constraint terms: external knowledge of parameters, as costs that add to a fit's cost."""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.errors import FitError

__all__ = ["GaussianConstraint"]


class GaussianConstraint(Cost):
    """``(p - μ)ᵀ C⁻¹ (p - μ)``: Gaussian knowledge of some parameters (a χ² term).

    Parameters
    ----------
    names : sequence of str
        The constrained parameters (shared by name with the cost it is added to).
    values : array_like
        The central values μ.
    errors : array_like, optional
        Standard deviations (uncorrelated).
    covariance : array_like, optional
        Full covariance matrix C instead of ``errors``.

    Examples
    --------
    >>> c = GaussianConstraint(["Sigma"], [1.0], errors=[0.1])
    >>> round(c([1.2]), 6), c.ndata
    (4.0, 1)
    """

    errordef = 1.0
    fit_type = FitType.LEAST_SQUARES

    def __init__(
        self,
        names: Sequence[str],
        values: ArrayLike,
        errors: ArrayLike | None = None,
        *,
        covariance: ArrayLike | None = None,
    ) -> None:
        names = [names] if isinstance(names, str) else list(names)
        mu = np.atleast_1d(np.asarray(values, dtype=np.float64))
        if mu.shape != (len(names),):
            raise FitError(f"{len(names)} constrained parameters but {mu.size} values")
        if (errors is None) == (covariance is None):
            raise FitError("give either errors= or covariance=")
        if covariance is None:
            sigma = np.atleast_1d(np.asarray(errors, dtype=np.float64))
            if sigma.shape != mu.shape or not np.all(sigma > 0):
                raise FitError(f"errors must be {mu.size} positive numbers, got {errors!r}")
            cov = np.diag(sigma**2)
        else:
            cov = np.asarray(covariance, dtype=np.float64)
            if cov.shape != (mu.size, mu.size) or not np.allclose(cov, cov.T):
                raise FitError(f"covariance must be a symmetric {mu.size}x{mu.size} matrix")
        try:
            np.linalg.cholesky(cov)
        except np.linalg.LinAlgError:
            raise FitError("the constraint covariance is not positive definite") from None
        super().__init__(names, len(names))
        self.values = mu
        self.covariance = cov
        self._inverse = np.linalg.inv(cov)

    def __call__(self, parameters: ArrayLike) -> float:
        d = np.asarray(parameters, dtype=np.float64) - self.values
        return float(d @ self._inverse @ d)

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``2 C⁻¹ (p - μ)``."""
        d = np.asarray(parameters, dtype=np.float64) - self.values
        return np.asarray(2.0 * (self._inverse @ d))

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """Value, gradient and the exact Hessian ``2 C⁻¹`` (the term is quadratic)."""
        d = np.asarray(parameters, dtype=np.float64) - self.values
        hessian = np.asarray(2.0 * self._inverse, dtype=np.float64)
        return float(d @ self._inverse @ d), np.asarray(2.0 * (self._inverse @ d)), hessian

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> GaussianConstraint:
        """The constraint with central values drawn around ``parameters`` (the auxiliary
        measurement of a toy)."""
        new = copy.copy(self)
        new.values = rng.multivariate_normal(
            np.asarray(parameters, dtype=np.float64), self.covariance
        )
        return new

    def default_parameters(self) -> NDArray[np.float64]:
        """The central values."""
        return self.values.copy()

"""Unbinned negative log-likelihood (ROOT's ``LogLikelihoodFCN``, spec §3.6).

``NLL = -Σ w_i·log f(x_i)`` with ROOT's safe log; the model must be a normalised density
(ROOT does not normalise it either). The extended form (``+ ∫f`` over the data ranges) and the
weighted-events correction belong to the unbinned-data work (``UnBinData``) and plug in here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.costs.binned import as_model
from rootfit.errors import DataError, FitError
from rootfit.functions import Function, Model
from rootfit.kernels import costs as kernels

__all__ = ["UnbinnedNLL"]

_EPS = 2.0 * np.finfo(np.float64).tiny  # ROOT's safelog threshold


class UnbinnedNLL(Cost):
    """``-Σ w·log f(x)`` over events.

    Parameters
    ----------
    events : array_like, shape (n,) or (n, ndim)
        Event coordinates (finite).
    model : Model or Function
        A normalised density.
    weights : array_like, shape (n,), optional
        Per-event weights (default 1).
    """

    errordef = 0.5
    fit_type = FitType.UNBINNED_LIKELIHOOD

    def __init__(
        self, events: ArrayLike, model: Model | Function, weights: ArrayLike | None = None
    ) -> None:
        model = as_model(model)
        X = np.asarray(events, dtype=np.float64)
        X = X.reshape(-1, 1) if X.ndim == 1 else X
        if X.ndim != 2 or X.shape[1] < model.ndim:
            raise DataError(f"events must have shape (n, {model.ndim}), got {np.shape(events)}")
        if X.shape[0] == 0:
            raise FitError("cannot build a cost on empty fit data")
        if not np.all(np.isfinite(X)):
            raise DataError("events contain NaN or infinite coordinates")
        w = np.ones(X.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
        if w.shape != (X.shape[0],) or not np.all(np.isfinite(w)):
            raise DataError(f"weights must be {X.shape[0]} finite numbers")
        super().__init__(model.parameter_names, X.shape[0])
        self.model = model
        self.events = np.ascontiguousarray(X)
        self.weights = np.ascontiguousarray(w)
        self._evaluate = model.evaluator

    def default_parameters(self) -> NDArray[np.float64]:
        """The model's default start values."""
        return np.array(self.model.defaults, dtype=np.float64)

    def __call__(self, parameters: ArrayLike) -> float:
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        return float(kernels.unbinned_nll(self._evaluate(self.events, p), self.weights))

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-Σ w·(∂f/∂p)/f`` (the derivative of the safe log below its threshold)."""
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        f = self._evaluate(self.events, p)
        inverse = 1.0 / np.where(f > _EPS, f, _EPS)
        return np.asarray(-(self.model.gradient(self.events, p).T @ (self.weights * inverse)))

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """NLL, gradient ``-Σ w ∂f/f`` and Fumili's Hessian ``Σ w ∂f ∂fᵀ / f²``."""
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        f = self._evaluate(self.events, p)
        inverse = 1.0 / np.where(f > _EPS, f, _EPS)
        jac = np.ascontiguousarray(self.model.gradient(self.events, p))
        g, h = kernels.gauss_newton_terms(
            jac, -self.weights * inverse, self.weights * inverse * inverse
        )
        return float(kernels.unbinned_nll(f, self.weights)), g, h

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_evaluate"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._evaluate = self.model.evaluator

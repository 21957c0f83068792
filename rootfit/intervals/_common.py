"""Helpers shared by the interval tools: the fitted model's points, a result's cost, and a
parameter's index."""

from __future__ import annotations

import operator
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import (
    FitError,
    FitWarning,
    FunctionError,
    ParameterKeyError,
    did_you_mean,
    warn,
)
from rootfit.result import FitResult

__all__ = ["cost_of", "index_of", "model_of", "points", "warn_if_weight_corrected"]


def model_of(result: FitResult) -> Any:
    """The fitted model of a result (a frozen Model)."""
    if result.model is None:
        raise FitError(
            "this result has no model (a fit of a cost without one, e.g. a CostSum or an FCN); "
            "bands need the fitted function"
        )
    return result.model


def cost_of(result: FitResult) -> Any:
    """The minimised cost a result keeps."""
    if result.cost is None:
        raise FitError(
            "this result does not hold its cost (it was pickled with a cost of a local "
            "callable); re-run the fit in this process for scans, profiles and contours"
        )
    return result.cost


def index_of(result: FitResult, key: int | str) -> int:
    """Position of a parameter given by name or index (errors name the alternatives)."""
    names = result.parameter_names
    if isinstance(key, str):
        if key not in names:
            raise ParameterKeyError(
                f"no parameter {key!r}{did_you_mean(key, names)}; parameters are {list(names)}"
            )
        return names.index(key)
    try:
        i = operator.index(key)
    except TypeError:
        raise ParameterKeyError(
            f"parameters are given by name or position, not {type(key).__name__}"
        ) from None
    if not -len(names) <= i < len(names):
        raise ParameterKeyError(f"parameter index {i} out of range for {len(names)} parameters")
    return i % len(names)


def points(model: Any, x: ArrayLike) -> NDArray[np.float64]:
    """``x`` as contiguous rows of ``model.ndim`` coordinates: ``(n,)`` or ``(n, 1)`` for a 1-D
    model, ``(n, ndim)`` otherwise (a single point may be given as ``(ndim,)``)."""
    X = as_floats(x, "points")
    ndim = int(model.ndim)
    if X.ndim == 0:
        X = X.reshape(1, 1)
    if X.ndim == 1:
        X = X.reshape(-1, 1) if ndim == 1 else X.reshape(1, -1)
    if X.ndim != 2 or X.shape[1] != ndim:
        raise FunctionError(
            f"points of a {ndim}-D model must have shape (n, {ndim}), got {X.shape}"
        )
    if not np.all(np.isfinite(X)):
        raise FunctionError("points must be finite numbers")
    return np.ascontiguousarray(X)


def shaped_like_input(model: Any, X: NDArray[np.float64]) -> NDArray[np.float64]:
    """Points as returned in results: ``(n,)`` for a 1-D model."""
    return np.array(X[:, 0]) if int(model.ndim) == 1 else np.array(X)


def warn_if_weight_corrected(result: FitResult) -> None:
    """Profile-based tools (Minos, profiles, contours) walk the likelihood itself; the
    weighted-likelihood correction of ``WL`` exists only as a covariance. Say so."""
    options = result.options
    if options is not None and getattr(options, "likelihood", None) == "weighted":
        warn(
            "this is a weighted likelihood fit (WL): its errors and bands use the corrected "
            "covariance, but profile-based intervals (Minos, profiles, contours) follow the "
            "uncorrected likelihood and are too narrow or wide by the weights' effective "
            "size; use the covariance (covar, bands) or a bootstrap",
            FitWarning,
        )

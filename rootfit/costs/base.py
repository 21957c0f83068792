"""Base class of the costs.

A cost is a callable ``cost(parameters) -> float`` that owns everything a minimizer needs to
know about it: ``errordef`` (1 for χ², 0.5 for negative log-likelihoods), ``ndata`` and the
parameter names. It never imports a minimizer; an instance can be handed to
``iminuit.Minuit`` directly (it has ``errordef`` and ``_parameters``).

The constructor converts, masks and allocates once; ``__call__`` evaluates the model and runs
one compiled kernel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import FitError
from rootfit.fitdata import BinData
from rootfit.functions import Function

__all__ = ["Cost"]

Evaluator = Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]


#: Gauss–Legendre nodes per bin and dimension for bin averages (option ``I``).
_NODES_PER_DIMENSION = {1: 16, 2: 8, 3: 6}


def _bin_average_nodes(data: BinData) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Quadrature points of every bin (point-major) and the weights that average over a bin.

    ROOT integrates each bin adaptively to 1e-9; a 16-point Gauss–Legendre rule per bin and
    dimension is exact for polynomials of degree 31 and agrees with it to ~1e-10 for the smooth
    models fitted in practice, at a fixed cost.
    """
    assert data.bin_up_edges is not None
    ndim = data.ndim
    k = _NODES_PER_DIMENSION.get(ndim, 4)
    t, w = np.polynomial.legendre.leggauss(k)
    grids = np.meshgrid(*([(t + 1) / 2] * ndim), indexing="ij")
    unit = np.column_stack([g.ravel() for g in grids])  # (k^ndim, ndim) in [0, 1]
    weights = np.ones(1)
    for _ in range(ndim):
        weights = np.multiply.outer(weights, w / 2).ravel()
    low, width = data.coords, data.bin_up_edges - data.coords
    points = (low[:, None, :] + width[:, None, :] * unit[None, :, :]).reshape(-1, ndim)
    return np.ascontiguousarray(points), np.ascontiguousarray(weights)


class Cost:
    """Base class: a statistic of a model on fit data.

    Parameters
    ----------
    data : BinData
        The fit points.
    model : Function
        The model; its ``evaluator`` is used, its parameter state is not touched.
    """

    #: 1 for χ² costs, 0.5 for negative log-likelihoods.
    errordef: float = 1.0
    #: Fit type: what the minimum means and how Chi2 is reported.
    kind: Literal["least_squares", "poisson", "unbinned"] = "least_squares"

    def __init__(self, data: BinData, model: Function) -> None:
        if data.size == 0:
            raise FitError("cannot build a cost on empty fit data")
        if model.ndim > data.ndim:
            raise FitError(
                f"model has {model.ndim} variables but the data has {data.ndim} coordinate(s)"
            )
        self.data = data
        self.model = model
        self._evaluate: Evaluator = model.evaluator
        self._points = np.ascontiguousarray(data.centers)
        factor = None
        if data.bin_volume:
            vol = data.volumes
            factor = vol / data.ref_volume if data.bin_volume == 2 else vol
        self._volume_factor = None if factor is None else np.ascontiguousarray(factor)
        self._nodes_per_point = 0
        if data.integral:
            self._points, self._node_weights = _bin_average_nodes(data)
            self._nodes_per_point = self._node_weights.size
        self._parameters = {name: None for name in model.parameter_names}

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names, in order."""
        return tuple(self._parameters)

    @property
    def npar(self) -> int:
        """Number of parameters."""
        return len(self._parameters)

    @property
    def ndata(self) -> int:
        """Number of data points (for degrees of freedom)."""
        return self.data.size

    def model_values(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """Model prediction per point (times bin volume for ``WIDTH``)."""
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        f = self._evaluate(self._points, p)
        if self._nodes_per_point:
            f = f.reshape(-1, self._nodes_per_point) @ self._node_weights
        if self._volume_factor is not None:
            f = f * self._volume_factor
        return f

    def model_gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``∂f_i/∂p_j`` per point, shape ``(n, npar)`` (times bin volume for ``WIDTH``)."""
        g = self.model.gradient(self._points, parameters)
        if self._nodes_per_point:
            g = np.einsum(
                "iqj,q->ij", g.reshape(-1, self._nodes_per_point, g.shape[1]), self._node_weights
            )
        if self._volume_factor is not None:
            g = g * self._volume_factor[:, None]
        return g

    def __call__(self, parameters: ArrayLike) -> float:
        """Value of the statistic at ``parameters``."""
        raise NotImplementedError

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """Gradient of the statistic with respect to the parameters."""
        raise NotImplementedError(f"{type(self).__name__} has no gradient")

    @property
    def has_gradient(self) -> bool:
        """True if :meth:`gradient` is implemented."""
        return type(self).gradient is not Cost.gradient

    def reported_chi2(self, min_fcn: float) -> float:
        """ROOT's ``FitResult::Chi2`` for a minimum ``min_fcn`` of this cost."""
        return min_fcn

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.ndata} points, parameters={list(self._parameters)})"

"""Prediction strategies: how a binned cost turns the model into one value per bin.

* :class:`AtCentre`: the model at the bin centre (or graph point) — ROOT's default;
* :class:`BinAverage`: the average of the model over the bin (option ``I``), by
  Gauss–Legendre quadrature;
* either multiplied by the bin width/volume (``WIDTH``) or by the volume relative to the
  smallest bin (``NORMWIDTH``): the ``scale`` of the strategy.

:func:`prediction_for` chooses the strategy from the flags stored in
:class:`~rootfit.fitdata.BinData`; a fused kernel (performance issue) replaces a strategy
without touching the costs above it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from rootfit.fitdata import BinData

__all__ = ["AtCentre", "BinAverage", "Prediction", "prediction_for"]

Evaluator = Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]

#: Gauss–Legendre nodes per bin and dimension for bin averages (option ``I``).
_NODES_PER_DIMENSION = {1: 16, 2: 8, 3: 6}


class Prediction:
    """Base class: ``values(evaluate, p)`` per point, ``jacobian(gradient, p)`` per point;
    :meth:`bind` gives the per-call function ``p -> values`` a cost keeps."""

    #: Points where the model is evaluated (contiguous, shape ``(m, ndim)``).
    points: NDArray[np.float64]
    #: Per-point factor (bin volume), or None.
    scale: NDArray[np.float64] | None

    def _reduce(self, f: NDArray[np.float64]) -> NDArray[np.float64]:
        return f

    def values(self, evaluate: Evaluator, p: NDArray[np.float64]) -> NDArray[np.float64]:
        """The prediction of every point for parameters ``p``."""
        f = self._reduce(evaluate(self.points, p))
        return f if self.scale is None else f * self.scale

    def bind(self, evaluate: Evaluator) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
        """``predict(p)`` for one evaluator, with as little Python per call as possible."""
        return functools.partial(self.values, evaluate)

    def jacobian(self, gradient: Evaluator, p: NDArray[np.float64]) -> NDArray[np.float64]:
        """``∂prediction_i/∂p_j``, shape ``(n, npar)``."""
        g = self._reduce_jacobian(gradient(self.points, p))
        return g if self.scale is None else g * self.scale[:, None]

    def _reduce_jacobian(self, g: NDArray[np.float64]) -> NDArray[np.float64]:
        return g


@dataclass(frozen=True, eq=False)
class AtCentre(Prediction):
    """The model at each point (bin centre)."""

    points: NDArray[np.float64]
    scale: NDArray[np.float64] | None = None

    def bind(self, evaluate: Evaluator) -> Callable[[NDArray[np.float64]], NDArray[np.float64]]:
        """The evaluator itself on the stored points when there is no scale (no Python frame
        between the cost and the compiled loop)."""
        if self.scale is None:
            return functools.partial(evaluate, self.points)
        return functools.partial(self.values, evaluate)


@dataclass(frozen=True, eq=False)
class BinAverage(Prediction):
    """The model averaged over each bin: ``points`` hold ``k`` quadrature nodes per bin
    (bin-major), ``weights`` the ``k`` weights that average them."""

    points: NDArray[np.float64]
    weights: NDArray[np.float64]
    scale: NDArray[np.float64] | None = None

    def _reduce(self, f: NDArray[np.float64]) -> NDArray[np.float64]:
        return f.reshape(-1, self.weights.size) @ self.weights

    def _reduce_jacobian(self, g: NDArray[np.float64]) -> NDArray[np.float64]:
        k = self.weights.size
        return np.einsum("iqj,q->ij", g.reshape(-1, k, g.shape[1]), self.weights)

    @classmethod
    def of_bins(cls, data: BinData, scale: NDArray[np.float64] | None = None) -> BinAverage:
        """Quadrature nodes of every bin of ``data`` (which stores low and up edges).

        ROOT integrates each bin adaptively to 1e-9; a 16-point Gauss–Legendre rule per bin
        and dimension is exact for polynomials of degree 31 and agrees with it to ~1e-10 for
        the smooth models fitted in practice, at a fixed cost.
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
        return cls(np.ascontiguousarray(points), np.ascontiguousarray(weights), scale)


def prediction_for(data: BinData) -> Prediction:
    """ROOT's strategy for ``data``: bin averages for ``I``, times the bin volume for
    ``WIDTH`` (relative to the smallest bin for ``NORMWIDTH``), else the value at the centre."""
    scale = None
    if data.bin_volume:
        volumes = data.volumes
        scale = np.ascontiguousarray(volumes / data.ref_volume if data.bin_volume == 2 else volumes)
    if data.integral:
        return BinAverage.of_bins(data, scale)
    return AtCentre(np.ascontiguousarray(data.centers), scale)

"""``RangeIntegral``: the integral of a model over a fit range, as a function of the parameters.

An extended unbinned fit adds ``ν(p) = ∫ f`` over the data range (summed over several
intervals); a normalised fit divides the model by it. On a finite range the integral is a
fixed composite Gauss–Legendre rule evaluated by the model's compiled evaluator in one call
(and its parameter gradient by the model's gradient at the same nodes); a predefined gaus,
expo or polN uses its closed form for the value. An unbounded axis (no range given, as ROOT's
"integral over (−∞, +∞)") goes through adaptive quadrature instead.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FitError
from rootfit.fitdata import DataRange
from rootfit.functions import Model
from rootfit.functions.calculus import closed_form_integral, integral, integral_gradient
from rootfit.functions.numeric import central_gradient

__all__ = ["RangeIntegral"]

#: (panels, nodes per panel) of the Gauss–Legendre rule per axis, by dimension.
_RULE = {1: (64, 16), 2: (16, 8), 3: (8, 6)}


def _axis_rule(lo: float, hi: float, panels: int, nodes: int) -> tuple[NDArray[np.float64], ...]:
    t, w = np.polynomial.legendre.leggauss(nodes)
    edges = np.linspace(lo, hi, panels + 1)
    half = 0.5 * np.diff(edges)
    mid = 0.5 * (edges[1:] + edges[:-1])
    return (mid[:, None] + half[:, None] * t).ravel(), (half[:, None] * w).ravel()


class RangeIntegral:
    """``∫ f(x; p) dx`` over the boxes of a :class:`~rootfit.fitdata.DataRange`.

    Parameters
    ----------
    model : Model
        The model.
    data_range : DataRange
        The range; axes without an interval are integrated over (−∞, +∞).

    Raises
    ------
    FitError
        For an unbounded axis when the model does not vanish at ±∞ (ROOT refuses the
        extended fit then: "A range has not been set and the function is not zero at +/- inf").
    """

    def __init__(self, model: Model, data_range: DataRange) -> None:
        self.model = model
        self.data_range = data_range
        per_axis = [data_range.intervals(i) or ((-math.inf, math.inf),) for i in range(model.ndim)]
        self.boxes = [tuple(box) for box in itertools.product(*per_axis)]
        self.finite = all(math.isfinite(v) for box in self.boxes for iv in box for v in iv)
        self._closed = (
            model.ndim == 1
            and closed_form_integral(model, 0.0, 1.0, np.array(model.defaults, dtype=np.float64))
            is not None
        )
        self._build()

    _nodes: NDArray[np.float64] | None
    _weights: NDArray[np.float64] | None

    def _build(self) -> None:
        if not self.finite:
            self._nodes = self._weights = None
            return
        panels, nodes = _RULE.get(self.model.ndim, (4, 4))
        points, weights = [], []
        for box in self.boxes:
            rules = [_axis_rule(lo, hi, panels, nodes) for lo, hi in box]
            grids = np.meshgrid(*(r[0] for r in rules), indexing="ij")
            wgrid = np.meshgrid(*(r[1] for r in rules), indexing="ij")
            points.append(np.stack([g.ravel() for g in grids], axis=1))
            weights.append(np.prod([w.ravel() for w in wgrid], axis=0))
        self._nodes = np.ascontiguousarray(np.concatenate(points))
        self._weights = np.concatenate(weights)

    def check_vanishes_at_infinity(self, p: NDArray[np.float64]) -> None:
        """Raise :class:`FitError` if an unbounded axis meets a model that is not 0 at ±∞."""
        if self.finite:
            return
        far = np.array([[-1e100] * self.model.ndim, [1e100] * self.model.ndim])
        with np.errstate(all="ignore"):
            ends = self.model.evaluator(far, p)
        if not np.all(np.abs(np.nan_to_num(ends, nan=1.0)) < 1e-300):
            raise FitError(
                "a range has not been set and the function is not zero at +/- inf: an extended "
                "or normalised unbinned fit needs range= (as ROOT)"
            )

    def __call__(self, p: NDArray[np.float64]) -> float:
        """The integral at parameters ``p``."""
        if self._closed:
            total = 0.0
            for ((lo, hi),) in self.boxes:
                value = closed_form_integral(self.model, lo, hi, p)
                if value is None:
                    break
                total += value
            else:
                return total
        if self._nodes is not None and self._weights is not None:
            return float(self._weights @ self.model.evaluator(self._nodes, p))
        return sum(
            integral(self.model, [a for a, _ in b], [z for _, z in b], p) for b in self.boxes
        )

    def gradient(self, p: NDArray[np.float64]) -> NDArray[np.float64]:
        """``∂/∂p`` of the integral (the closed form's by central differences on an unbounded
        range, where the nodes do not reach)."""
        if self._nodes is not None and self._weights is not None:
            return np.asarray(self._weights @ self.model.gradient(self._nodes, p))
        if self._closed:
            return central_gradient(self, p)
        return np.sum(
            [
                integral_gradient(self.model, [a for a, _ in b], [z for _, z in b], p)
                for b in self.boxes
            ],
            axis=0,
        )

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "data_range": self.data_range}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model"], state["data_range"])  # type: ignore[misc]

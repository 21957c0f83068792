"""``Graph2D``: points ``(x, y)`` with a value ``z`` and optional errors (ROOT's TGraph2D /
TGraph2DErrors), fittable with 2-D functions."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError
from rootfit.hist.fittable import Fittable

__all__ = ["Graph2D"]


class Graph2D(Fittable):
    """Points ``(x, y, z)`` with optional errors ``xerr``, ``yerr``, ``zerr``.

    For a fit (ROOT's rules): no ``zerr`` → all errors 1 (normalised afterwards); ``xerr`` and
    ``yerr`` with any positive → effective variance; otherwise ``zerr`` with points of zero error
    skipped.
    """

    def __init__(
        self,
        x: ArrayLike,
        y: ArrayLike,
        z: ArrayLike,
        *,
        xerr: ArrayLike | None = None,
        yerr: ArrayLike | None = None,
        zerr: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> None:
        arrays = [as_floats(a, n) for a, n in ((x, "x"), (y, "y"), (z, "z"))]
        if any(a.ndim != 1 for a in arrays) or len({a.size for a in arrays}) != 1:
            raise DataError(
                f"x, y and z must be 1-D of equal length, got {[a.shape for a in arrays]}"
            )
        n = arrays[0].size

        def column(label: str, values: ArrayLike | None) -> NDArray[np.float64] | None:
            if values is None:
                return None
            a = np.broadcast_to(np.asarray(values, dtype=np.float64), (n,)).copy()
            if np.any(a < 0):
                raise DataError(f"{label} must be >= 0")
            return a

        self.x, self.y, self.z = (a.copy() for a in arrays)
        self.xerr, self.yerr, self.zerr = (
            column("xerr", xerr),
            column("yerr", yerr),
            column("zerr", zerr),
        )
        self.name, self.title = name, title
        self.functions: list[Any] = []

    @property
    def ndim(self) -> int:
        """Number of coordinates (2)."""
        return 2

    def __len__(self) -> int:
        return int(self.x.size)

    def __getitem__(self, index: int) -> tuple[float, float, float]:
        return float(self.x[index]), float(self.y[index]), float(self.z[index])

    def __repr__(self) -> str:
        return f"Graph2D({len(self)} points, {'errors' if self.zerr is not None else 'no errors'})"

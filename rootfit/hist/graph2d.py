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

    def interpolate(self, x: ArrayLike, y: ArrayLike) -> NDArray[np.float64] | float:
        """z at ``(x, y)`` by linear interpolation in the Delaunay triangles of the points
        (ROOT's ``TGraph2D::Interpolate``): each axis is first scaled to its own range, as ROOT
        does, so the triangles are ROOT's; 0 outside the points' convex hull."""
        from scipy.spatial import Delaunay

        xs, ys = self.x, self.y
        if len(xs) < 3:
            raise DataError("interpolation needs at least 3 points")
        key = (xs.tobytes(), ys.tobytes(), self.z.tobytes())
        cached = self.__dict__.get("_delaunay")
        if cached is None or cached[0] != key:
            lo = np.array([xs.min(), ys.min()])
            scale = np.array([xs.max(), ys.max()]) - lo
            scale[scale == 0] = 1.0
            triangles = Delaunay((np.column_stack([xs, ys]) - lo) / scale)
            cached = (key, triangles, lo, scale)
            self.__dict__["_delaunay"] = cached
        _, triangles, lo, scale = cached
        points = (
            np.column_stack(np.broadcast_arrays(np.atleast_1d(x), np.atleast_1d(y))) - lo
        ) / scale
        simplex = triangles.find_simplex(points)
        inside = simplex >= 0
        out = np.zeros(points.shape[0])
        transform = triangles.transform[simplex[inside]]
        b = np.einsum("ijk,ik->ij", transform[:, :2], points[inside] - transform[:, 2])
        weights = np.column_stack([b, 1.0 - b.sum(axis=1)])
        out[inside] = np.einsum("ij,ij->i", weights, self.z[triangles.simplices[simplex[inside]]])
        return float(out[0]) if np.ndim(x) == 0 and np.ndim(y) == 0 else out

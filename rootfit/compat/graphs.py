"""``TGraph``, ``TGraphErrors``, ``TGraphAsymmErrors`` over :class:`~rootfit.Graph`."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit._validation import as_floats
from rootfit.compat._common import RootFitTarget
from rootfit.errors import DataError, DataWarning, warn
from rootfit.hist import Graph, Graph2D, MultiGraph

__all__ = [
    "TCutG",
    "TGraph",
    "TGraph2D",
    "TGraph2DErrors",
    "TGraphAsymmErrors",
    "TGraphBentErrors",
    "TGraphErrors",
    "TMultiGraph",
    "as_root_graph",
    "set_points",
]


def _take(n: int, values: ArrayLike) -> np.ndarray:
    """The first ``n`` values; ROOT would read past the end of a shorter buffer, rootfit
    refuses (``n`` larger than the arrays, or negative)."""
    a = np.atleast_1d(as_floats(values, "graph values"))
    if int(n) != n:
        raise DataError(f"the number of points must be an integer, got {n!r}")
    if n < 0:
        warn(f"negative number of points {n}: an empty graph (as ROOT)", DataWarning)
        return a[:0]
    if n > a.size:
        raise DataError(
            f"the graph is given n={n} points but an array holds only {a.size} values (ROOT "
            "would read past its end)"
        )
    return a[: int(n)]


def set_points(graph: Graph, x: ArrayLike, y: ArrayLike, ey: ArrayLike | None = None) -> None:
    """Replace every point of ``graph`` (errors of the graph's kinds become 0, or ``ey`` for
    the y errors), as ROOT's ``Scan``/``Contour``/``GetConfidenceIntervals`` fill a graph."""
    xs = np.asarray(x, dtype=np.float64)
    columns = graph._columns()
    zeros = np.zeros(xs.size)
    new: dict[str, Any] = {k: None if v is None else zeros for k, v in columns.items()}
    new.update(x=xs, y=np.asarray(y, dtype=np.float64))
    if ey is not None:
        e = np.asarray(ey, dtype=np.float64)
        if columns["yerr_low"] is not None:
            new.update(yerr_low=e, yerr_high=e)
        else:
            new.update(yerr=e)
    graph._replace_columns(new)


def _size(n: int) -> int:
    """The number of points of ``TGraph(n)`` (negative: an empty graph, with a warning)."""
    return int(_take(n, np.zeros(max(int(n), 0))).size)


class _GraphMethods(RootFitTarget):
    """ROOT spellings of the graph classes."""

    def GetN(self) -> int:
        return len(self)  # type: ignore[arg-type]

    def GetX(self) -> np.ndarray:
        return self.x  # type: ignore[attr-defined]

    def GetPointX(self, i: int) -> float:
        return float(self.x[i])  # type: ignore[attr-defined]

    def GetPointY(self, i: int) -> float:
        return float(self.y[i])  # type: ignore[attr-defined]

    def GetPoint(self, i: int, x: Any = None, y: Any = None) -> tuple[float, float]:
        """``(x, y)`` of point ``i`` (ROOT writes them into its reference arguments)."""
        return self.GetPointX(i), self.GetPointY(i)

    def GetErrorX(self, i: int) -> float:
        e = self.xerr  # type: ignore[attr-defined]
        return 0.0 if e is None else float(e[i])

    def GetErrorY(self, i: int) -> float:
        e = self.yerr  # type: ignore[attr-defined]
        return 0.0 if e is None else float(e[i])

    def Set(self, n: int) -> None:
        """Resize to ``n`` points (new points are (0, 0), as ROOT)."""
        columns = self._columns()  # type: ignore[attr-defined]
        m = len(columns["x"])
        self._replace_columns(  # type: ignore[attr-defined]
            {
                k: None if v is None else np.concatenate([v[:n], np.zeros(max(n - m, 0))])
                for k, v in columns.items()
            }
        )

    def SetPoint(self, i: int, x: float, y: float) -> None:
        """Set point ``i``; the graph grows when ``i >= GetN()`` (as ROOT)."""
        if i >= self.GetN():
            self.Set(i + 1)
        columns = self._columns()  # type: ignore[attr-defined]
        xs, ys = columns["x"].copy(), columns["y"].copy()
        xs[i], ys[i] = x, y
        self._replace_columns({"x": xs, "y": ys})  # type: ignore[attr-defined]

    def AddPoint(self, x: float, y: float) -> None:
        self.SetPoint(self.GetN(), x, y)

    def ComputeRange(
        self, xmin: Any = None, ymin: Any = None, xmax: Any = None, ymax: Any = None
    ) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` of the points (with their errors); written into the
        ``ctypes`` references when given, as ROOT's pointer arguments."""
        from rootfit.compat.minuit_commands import write_reference

        x, y = self.x, self.y  # type: ignore[attr-defined]
        ex = self.xerr if self.xerr is not None else 0.0  # type: ignore[attr-defined]
        ey = self.yerr if self.yerr is not None else 0.0  # type: ignore[attr-defined]
        box = (
            float(np.min(x - ex)),
            float(np.min(y - ey)),
            float(np.max(x + ex)),
            float(np.max(y + ey)),
        )
        for ref, value in zip((xmin, ymin, xmax, ymax), box, strict=True):
            write_reference(ref, value)
        return box

    def SetNameTitle(self, name: str, title: str) -> None:
        self.SetName(name)
        self.SetTitle(title)

    def Eval(self, x: float, spline: Any = None, option: str = "") -> float:
        """ROOT's ``TGraph::Eval`` (linear interpolation)."""
        return float(self.interpolate(x))  # type: ignore[attr-defined]

    def GetY(self) -> np.ndarray:
        return self.y  # type: ignore[attr-defined]


class TGraph(_GraphMethods, Graph):
    """``TGraph(n, x, y)``; ``TGraph()`` is empty and ``TGraph(n)`` has ``n`` points at
    (0, 0), to be filled (e.g. by ``TFitResult.Scan``/``Contour``)."""

    def __init__(self, n: int = 0, x: ArrayLike | None = None, y: ArrayLike | None = None) -> None:
        if x is None and y is None:
            Graph.__init__(self, np.zeros(_size(n)), np.zeros(_size(n)))
            return
        if x is None or y is None:
            raise DataError("TGraph(n, x, y) needs both x and y")
        Graph.__init__(self, _take(n, x), _take(n, y))


class TCutG(TGraph):
    """``TCutG(name, n[, x, y])``: a closed polygon (a graphical cut) with ``IsInside(x, y)``."""

    def __init__(
        self, name: str = "", n: int = 0, x: ArrayLike | None = None, y: ArrayLike | None = None
    ) -> None:
        TGraph.__init__(self, n, x, y)
        self.name = name

    def IsInside(self, x: float, y: float) -> bool:
        """Whether ``(x, y)`` lies inside the polygon of the points (even–odd rule: a ray from
        the point crosses its edges an odd number of times)."""
        xs, ys = self.x.tolist(), self.y.tolist()
        inside = False
        j = len(xs) - 1
        for i in range(len(xs)):
            if (ys[i] < y) != (ys[j] < y):
                # the edge (j, i) straddles the horizontal line through the point
                if xs[i] + (y - ys[i]) / (ys[j] - ys[i]) * (xs[j] - xs[i]) < x:
                    inside = not inside
            j = i
        return inside


class TGraphErrors(_GraphMethods, Graph):
    """``TGraphErrors(n, x, y, ex=None, ey=None)``; ``TGraphErrors(n)`` has ``n`` points and
    errors at 0."""

    def __init__(
        self,
        n: int = 0,
        x: ArrayLike | None = None,
        y: ArrayLike | None = None,
        ex: ArrayLike | None = None,
        ey: ArrayLike | None = None,
    ) -> None:
        if x is None and y is None:
            zeros = np.zeros(_size(n))
            Graph.__init__(self, zeros, zeros, xerr=zeros, yerr=zeros)
            return
        if x is None or y is None:
            raise DataError("TGraphErrors(n, x, y, ex, ey) needs both x and y")
        Graph.__init__(
            self,
            _take(n, x),
            _take(n, y),
            xerr=_take(n, ex) if ex is not None else np.zeros(n),
            yerr=_take(n, ey) if ey is not None else np.zeros(n),
        )

    def SetPointError(self, i: int, ex: float, ey: float) -> None:
        columns = self._columns()
        xe, ye = columns["xerr"].copy(), columns["yerr"].copy()  # type: ignore[union-attr]
        xe[i], ye[i] = ex, ey
        self._replace_columns({"xerr": xe, "yerr": ye})

    def GetEX(self) -> np.ndarray:
        return self.xerr  # type: ignore[return-value]

    def GetEY(self) -> np.ndarray:
        return self.yerr  # type: ignore[return-value]


class TGraphAsymmErrors(_GraphMethods, Graph):
    """``TGraphAsymmErrors(n, x, y, exl, exh, eyl, eyh)``."""

    def __init__(
        self, n: int, x: ArrayLike, y: ArrayLike,
        exl: ArrayLike | None = None, exh: ArrayLike | None = None,
        eyl: ArrayLike | None = None, eyh: ArrayLike | None = None,
    ) -> None:  # fmt: skip
        zeros = np.zeros(n)
        Graph.__init__(
            self,
            _take(n, x),
            _take(n, y),
            xerr_low=_take(n, exl) if exl is not None else zeros,
            xerr_high=_take(n, exh) if exh is not None else zeros,
            yerr_low=_take(n, eyl) if eyl is not None else zeros,
            yerr_high=_take(n, eyh) if eyh is not None else zeros,
        )


class TGraphBentErrors(TGraphAsymmErrors):
    """``TGraphBentErrors(n, x, y, exl, exh, eyl, eyh, exld, exhd, eyld, eyhd)``; the bend
    offsets only change drawing in ROOT and are kept but not used by fits."""

    def __init__(
        self, n: int, x: ArrayLike, y: ArrayLike,
        exl: ArrayLike | None = None, exh: ArrayLike | None = None,
        eyl: ArrayLike | None = None, eyh: ArrayLike | None = None,
        exld: ArrayLike | None = None, exhd: ArrayLike | None = None,
        eyld: ArrayLike | None = None, eyhd: ArrayLike | None = None,
    ) -> None:  # fmt: skip
        super().__init__(n, x, y, exl, exh, eyl, eyh)
        self.bends = tuple(None if v is None else _take(n, v) for v in (exld, exhd, eyld, eyhd))


class TGraph2D(RootFitTarget, Graph2D):
    """``TGraph2D(n, x, y, z)``; ``TGraph2D(n)`` has ``n`` points at 0 to be set with
    ``SetPoint``."""

    def __init__(
        self,
        n: int = 0,
        x: ArrayLike | None = None,
        y: ArrayLike | None = None,
        z: ArrayLike | None = None,
    ) -> None:
        if x is None and y is None and z is None:
            zeros = np.zeros(_size(n))
            Graph2D.__init__(self, zeros, zeros, zeros)
            return
        if x is None or y is None or z is None:
            raise DataError("TGraph2D(n, x, y, z) needs x, y and z")
        Graph2D.__init__(self, _take(n, x), _take(n, y), _take(n, z))

    def GetN(self) -> int:
        return len(self)

    def GetX(self) -> np.ndarray:
        return self.x

    def GetY(self) -> np.ndarray:
        return self.y

    def GetZ(self) -> np.ndarray:
        return self.z

    def GetErrorZ(self, i: int) -> float:
        return 0.0 if self.zerr is None else float(self.zerr[i])

    def Interpolate(self, x: float, y: float) -> float:
        """z at ``(x, y)`` in the Delaunay triangles of the points (0 outside them)."""
        return float(self.interpolate(x, y))

    def SetMargin(self, margin: float = 0.1) -> None:
        """Extra margin of the drawn interpolation grid (accepted)."""

    def SetNpx(self, npx: int = 40) -> None:
        """Cells along x of the drawn interpolation grid (ROOT's default 40)."""
        self.npx = int(npx)

    def SetNpy(self, npy: int = 40) -> None:
        self.npy = int(npy)

    def SetPoint(self, i: int, x: float, y: float, z: float) -> None:
        """Set point ``i``; the graph grows when ``i >= GetN()`` (as ROOT)."""
        n = max(len(self), i + 1)
        for name in ("x", "y", "z", "xerr", "yerr", "zerr"):
            column = getattr(self, name)
            if column is not None and column.size < n:
                setattr(self, name, np.concatenate([column, np.zeros(n - column.size)]))
        self.x[i], self.y[i], self.z[i] = x, y, z


class TGraph2DErrors(TGraph2D):
    """``TGraph2DErrors(n, x, y, z, ex, ey, ez)``; ``TGraph2DErrors(n)`` has ``n`` points and
    errors at 0."""

    def __init__(
        self, n: int = 0, x: ArrayLike | None = None, y: ArrayLike | None = None,
        z: ArrayLike | None = None,
        ex: ArrayLike | None = None, ey: ArrayLike | None = None, ez: ArrayLike | None = None,
    ) -> None:  # fmt: skip
        if x is None and y is None and z is None:
            zeros = np.zeros(_size(n))
            Graph2D.__init__(self, zeros, zeros, zeros, xerr=zeros, yerr=zeros, zerr=zeros)
            return
        if x is None or y is None or z is None:
            raise DataError("TGraph2DErrors(n, x, y, z, ...) needs x, y and z")
        Graph2D.__init__(
            self, _take(n, x), _take(n, y), _take(n, z),
            xerr=_take(n, ex) if ex is not None else np.zeros(n),
            yerr=_take(n, ey) if ey is not None else np.zeros(n),
            zerr=_take(n, ez) if ez is not None else np.zeros(n),
        )  # fmt: skip


class TMultiGraph(RootFitTarget, MultiGraph):
    """``TMultiGraph(name="", title="")`` with ``Add(graph)``; ``Fit`` uses all points."""

    def __init__(self, name: str = "", title: str = "") -> None:
        MultiGraph.__init__(self, name=name, title=title)

    def Add(self, graph: Graph, option: str = "") -> None:
        self.add(graph)

    def GetListOfGraphs(self) -> list[Graph]:
        return list(self.graphs)


def as_root_graph(graph: Any) -> Any:
    """TGraph / TGraphErrors / TGraphAsymmErrors view (a copy) of a rootfit Graph."""
    if not isinstance(graph, Graph):
        raise TypeError(f"no ROOT class for {type(graph).__name__}")
    cls = (
        TGraphAsymmErrors
        if graph.is_asymmetric
        else (TGraphErrors if graph.has_y_errors or graph.has_x_errors else TGraph)
    )
    out = cls.__new__(cls)
    out.__dict__.update(graph.__dict__)
    out.functions = []
    return out

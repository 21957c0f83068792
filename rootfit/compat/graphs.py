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
    "TGraph",
    "TGraph2D",
    "TGraph2DErrors",
    "TGraphAsymmErrors",
    "TGraphBentErrors",
    "TGraphErrors",
    "TMultiGraph",
    "as_root_graph",
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


class _GraphMethods(RootFitTarget):
    """ROOT spellings of the graph classes."""

    def GetN(self) -> int:
        return len(self)  # type: ignore[arg-type]

    def GetX(self) -> np.ndarray:
        return self.x  # type: ignore[attr-defined]

    def Eval(self, x: float, spline: Any = None, option: str = "") -> float:
        """ROOT's ``TGraph::Eval`` (linear interpolation)."""
        return float(self.interpolate(x))  # type: ignore[attr-defined]

    def GetY(self) -> np.ndarray:
        return self.y  # type: ignore[attr-defined]


class TGraph(_GraphMethods, Graph):
    """``TGraph(n, x, y)``."""

    def __init__(self, n: int, x: ArrayLike, y: ArrayLike) -> None:
        Graph.__init__(self, _take(n, x), _take(n, y))


class TGraphErrors(_GraphMethods, Graph):
    """``TGraphErrors(n, x, y, ex=None, ey=None)``."""

    def __init__(
        self,
        n: int,
        x: ArrayLike,
        y: ArrayLike,
        ex: ArrayLike | None = None,
        ey: ArrayLike | None = None,
    ) -> None:
        Graph.__init__(
            self,
            _take(n, x),
            _take(n, y),
            xerr=_take(n, ex) if ex is not None else np.zeros(n),
            yerr=_take(n, ey) if ey is not None else np.zeros(n),
        )

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
    """``TGraph2D(n, x, y, z)``."""

    def __init__(self, n: int, x: ArrayLike, y: ArrayLike, z: ArrayLike) -> None:
        Graph2D.__init__(self, _take(n, x), _take(n, y), _take(n, z))

    def GetN(self) -> int:
        return len(self)


class TGraph2DErrors(TGraph2D):
    """``TGraph2DErrors(n, x, y, z, ex, ey, ez)``."""

    def __init__(
        self, n: int, x: ArrayLike, y: ArrayLike, z: ArrayLike,
        ex: ArrayLike | None = None, ey: ArrayLike | None = None, ez: ArrayLike | None = None,
    ) -> None:  # fmt: skip
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

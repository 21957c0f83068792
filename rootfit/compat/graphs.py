"""``TGraph``, ``TGraphErrors``, ``TGraphAsymmErrors`` over :class:`~rootfit.Graph`."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat._common import RootFitTarget
from rootfit.hist import Graph

__all__ = ["TGraph", "TGraphAsymmErrors", "TGraphErrors"]


def _take(n: int, values: ArrayLike) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)[:n]


class _GraphMethods(RootFitTarget):
    """ROOT spellings of the graph classes."""

    def GetN(self) -> int:
        return len(self)  # type: ignore[arg-type]

    def GetX(self) -> np.ndarray:
        return self.x  # type: ignore[attr-defined]

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

"""``TH1D`` / ``TH1F`` and ``TAxis`` over :class:`~rootfit.Histogram` with ROOT bin numbers."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat._common import RootFitTarget
from rootfit.hist import Axis, Histogram

__all__ = ["TH1", "TH1D", "TH1F", "TAxis"]


class TAxis:
    """ROOT-spelled view of an :class:`~rootfit.Axis` (bin numbers 1..n)."""

    def __init__(self, axis: Axis) -> None:
        self._axis = axis

    def GetNbins(self) -> int:
        return self._axis.nbins

    def GetXmin(self) -> float:
        return self._axis.lo

    def GetXmax(self) -> float:
        return self._axis.hi

    def FindBin(self, x: float) -> int:
        return int(self._axis.find_bin(x))

    FindFixBin = FindBin

    def GetBinCenter(self, b: int) -> float:
        return float(self._axis.bin_center(b))

    def GetBinLowEdge(self, b: int) -> float:
        return float(self._axis.bin_low_edge(b))

    def GetBinUpEdge(self, b: int) -> float:
        return float(self._axis.bin_up_edge(b))

    def GetBinWidth(self, b: int) -> float:
        return float(self._axis.bin_width(b))

    def SetRange(self, first: int = 0, last: int = 0) -> None:
        self._axis.set_range(first, last)

    def SetRangeUser(self, lo: float, hi: float) -> None:
        self._axis.set_range_user(lo, hi)

    def GetFirst(self) -> int:
        return self._axis.first

    def GetLast(self) -> int:
        return self._axis.last

    def SetTitle(self, title: str) -> None:
        self._axis.label = title

    def GetTitle(self) -> str:
        return self._axis.label


class TH1(RootFitTarget, Histogram):
    """ROOT-spelled 1-D histogram: ``TH1D(name, title, nbins, xlow, xup)`` or
    ``TH1D(name, title, nbins, edges)``."""

    def __init__(
        self,
        name: str = "",
        title: str = "",
        nbins: int = 1,
        xlow: float | ArrayLike = 0.0,
        xup: float | None = None,
    ) -> None:
        if xup is None:
            edges = np.asarray(xlow, dtype=np.float64)
            super().__init__(edges=edges[: int(nbins) + 1], name=name, title=title)
        else:
            super().__init__(int(nbins), float(xlow), float(xup), name=name, title=title)  # type: ignore[arg-type]

    # axes ---------------------------------------------------------------------------------
    def GetXaxis(self) -> TAxis:
        return TAxis(self.axis)

    def GetNbinsX(self) -> int:
        return self.axis.nbins

    def FindBin(self, x: float) -> int:
        return int(self.axis.find_bin(x))

    def GetBinCenter(self, b: int) -> float:
        return float(self.axis.bin_center(b))

    def GetBinLowEdge(self, b: int) -> float:
        return float(self.axis.bin_low_edge(b))

    def GetBinWidth(self, b: int) -> float:
        return float(self.axis.bin_width(b))

    # contents ------------------------------------------------------------------------------
    def Fill(self, x: float, w: float | None = None) -> int:
        self.fill(x, weights=w)
        return int(self.axis.find_bin(x))

    def FillN(self, n: int, x: ArrayLike, w: ArrayLike | None = None) -> None:
        self.fill(np.asarray(x)[:n], weights=None if w is None else np.asarray(w)[:n])

    def SetBinContent(self, b: int, content: float) -> None:
        self.set_value(b, content, flow=True)

    def GetBinContent(self, b: int) -> float:
        return float(self.values(flow=True)[b])

    def SetBinError(self, b: int, error: float) -> None:
        self.set_error(b, error, flow=True)

    def GetBinError(self, b: int) -> float:
        return float(self.errors(flow=True)[b])

    def Sumw2(self, on: bool = True) -> None:
        self.enable_sumw2(on)

    def GetSumw2N(self) -> int:
        return self.axis.nbins + 2 if self.has_sumw2 else 0

    def Reset(self, option: str = "") -> None:
        self.reset()

    # statistics ----------------------------------------------------------------------------
    def GetEntries(self) -> float:
        return self.entries

    def SetEntries(self, n: float) -> None:
        self.entries = n

    def GetEffectiveEntries(self) -> float:
        return self.effective_entries

    def GetSumOfWeights(self) -> float:
        return self.integral()

    def GetMean(self, axis: int = 1) -> float:
        return self.mean()

    def GetStdDev(self, axis: int = 1) -> float:
        return self.std()

    GetRMS = GetStdDev

    def Integral(self, first: int | None = None, last: int | None = None) -> float:
        if first is None:
            return self.integral()
        stop = self.axis.nbins if last is None else last
        return float(self.values(flow=True)[max(first, 0) : stop + 1].sum())

    def GetMaximum(self) -> float:
        a = self.axis
        return float(self.values(flow=True)[a.first : a.last + 1].max())

    def GetMaximumBin(self) -> int:
        a = self.axis
        return int(np.argmax(self.values(flow=True)[a.first : a.last + 1])) + a.first

    def Clone(self, name: str | None = None) -> TH1:
        new = type(self).__new__(type(self))
        new.__dict__.update(self.copy().__dict__)
        if name:
            new.name = name
        return new


class TH1D(TH1):
    """Double-precision 1-D histogram (``TH1D``)."""


class TH1F(TH1):
    """``TH1F``; stored in double precision (ROOT stores floats; fits agree to float precision)."""

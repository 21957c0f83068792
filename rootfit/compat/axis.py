"""``TAxis``: ROOT-spelled view of an :class:`~rootfit.Axis` (bin numbers 1..n, 0 and n+1 the
flow bins)."""

from __future__ import annotations

from typing import Any

from rootfit.hist import Axis

__all__ = ["TAxis"]


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

    def __getattr__(self, name: str) -> Any:
        """ROOT's setters for the axis' looks (``SetLabelSize``, ``SetNdivisions``...):
        accepted; the figure's style decides."""
        if name.startswith("Set"):
            return lambda *args, **kwargs: None
        raise AttributeError(f"TAxis has no attribute {name!r}")

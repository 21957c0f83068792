"""``TH1D`` / ``TH1F`` and ``TAxis`` over :class:`~rootfit.Histogram` with ROOT bin numbers."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat.fitresult import TFitResultPtr
from rootfit.compat.functions import TF1
from rootfit.functions import Function
from rootfit.hist import Axis, Histogram

__all__ = ["TH1", "TH1D", "TH1F", "TAxis", "fit_as_root"]


def fit_as_root(obj: Any, f: Any, opt: str, xmin: float, xmax: float) -> TFitResultPtr:
    """Shared body of ``TH1::Fit`` and ``TGraph::Fit``."""
    from rootfit.fitting import fit

    rng = (float(xmin), float(xmax)) if float(xmin) < float(xmax) else None
    result = fit(obj, f, opt, range=rng)
    fname = f.name if isinstance(f, Function) else str(f)
    return TFitResultPtr(
        result, name=f"TFitResult-{obj.name}-{fname}", title=f"TFitResult-{obj.title}"
    )


def get_function_as_tf1(obj: Any, name: str) -> TF1 | None:
    """``GetFunction``: the stored function as a TF1 (or None)."""
    f = obj.get_function(name)
    if f is None or isinstance(f, TF1):
        return f
    tf1 = TF1.from_function(f)
    index = obj.functions.index(f)
    obj.functions[index] = tf1
    return tf1


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


class TH1(Histogram):
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

    # names and axes -----------------------------------------------------------------------
    def GetName(self) -> str:
        return self.name

    def SetName(self, name: str) -> None:
        self.name = name

    def GetTitle(self) -> str:
        return self.title

    def SetTitle(self, title: str) -> None:
        self.title = title

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
        self.fill(x, None if w is None else w)
        return int(self.axis.find_bin(x))

    def FillN(self, n: int, x: ArrayLike, w: ArrayLike | None = None) -> None:
        self.fill(np.asarray(x)[:n], None if w is None else np.asarray(w)[:n])

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

    # fitting -------------------------------------------------------------------------------
    def Fit(
        self, f: Any, opt: str = "", gopt: str = "", xmin: float = 0.0, xmax: float = 0.0
    ) -> TFitResultPtr:
        """``TH1::Fit``; ``gopt`` (drawing options) has no effect."""
        return fit_as_root(self, f, opt, xmin, xmax)

    def GetFunction(self, name: str) -> TF1 | None:
        return get_function_as_tf1(self, name)

    def GetListOfFunctions(self) -> list[Any]:
        return self.functions

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

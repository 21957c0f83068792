"""``TH1D/F/L/I/S/C``, ``TH2*``, ``TH3*`` and ``TAxis`` over rootfit's
histograms, with ROOT's bin numbers (0 underflow, 1..n, n+1 overflow; global bins for 2-D/3-D)
and ROOT's method overloads.

Differences from PyROOT, on purpose: random numbers always come from an explicit numpy
Generator (``FillRandom(f, n, rng)``, ``GetRandom(rng)``); there is no current directory, so
histograms are written with :class:`~rootfit.compat.TFile` (``WriteObject``) rather than
``h.Write()``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat import session
from rootfit.compat._common import RootFitTarget, into_buffer
from rootfit.compat.axis import TAxis
from rootfit.compat.projections import RootProjections
from rootfit.errors import DataError, RootfitWarning, warn
from rootfit.functions import Function
from rootfit.hist import Axis, Histogram
from rootfit.hist.fill import fill_entry

__all__ = ["TH1", "TH2", "TH3", "TAxis"]


def _axes_from_root_args(args: tuple[Any, ...], ndim: int) -> list[Axis]:
    """ROOT's constructor forms per axis: ``n, lo, hi`` or ``n, edges``."""
    axes, rest = [], list(args)
    for d in range(ndim):
        if len(rest) < 2:
            raise DataError(f"axis {d}: give (nbins, low, up) or (nbins, edges)")
        n = int(rest.pop(0))
        if np.ndim(rest[0]) > 0:
            edges = np.asarray(rest.pop(0), dtype=np.float64)[: n + 1]
            axes.append(Axis(edges=edges))
        else:
            lo, hi = float(rest.pop(0)), float(rest.pop(0))
            axes.append(Axis(n, lo, hi))
    if rest:
        raise DataError(f"too many constructor arguments: {rest}")
    return axes


class TH1(RootFitTarget, RootProjections, Histogram):
    """ROOT-spelled histogram base (1-D, 2-D or 3-D depending on the subclass)."""

    kNormal = 0
    kPoisson = 1
    _dimension = 1
    #: Storage of the contents (the class letter: D double, F float, L, I, S, C integers).
    _storage_name = "double"

    def __init__(self, name: Any = "", title: str = "", *args: Any) -> None:
        if isinstance(name, Histogram):  # TH1F(other): ROOT's copy constructor
            self.__dict__.update(name.copy().__dict__)
            for key in ("_root_attributes", "_axis_titles"):  # looks are the copy's own
                if key in self.__dict__:
                    self.__dict__[key] = dict(self.__dict__[key])
            self._error_option = getattr(name, "_error_option", 0)
            session.attach_to_current_directory(self)
            return
        axes = (
            _axes_from_root_args(args, self._dimension)
            if args
            else [Axis(1, 0, 1)] * self._dimension
        )
        Histogram.__init__(self, *axes, name=name, title=title, storage=self._storage_name)
        if ";" in title:
            self.SetTitle(title)
        self._error_option = 0
        session.attach_to_current_directory(self)

    # directories ---------------------------------------------------------------------------
    @staticmethod
    def AddDirectory(on: bool = True) -> None:
        """Whether new histograms join the current directory (ROOT's default: yes)."""
        session.set_add_directory(on)

    @staticmethod
    def AddDirectoryStatus() -> bool:
        return session.add_directory()

    def SetDirectory(self, directory: Any = None) -> None:
        """Move to ``directory`` (a TFile, ``gDirectory``...); ``None``/``nullptr`` detaches."""
        for d in (session.memory_directory, session.current_directory()):
            d.detach(self)
        if directory is not None:
            target = getattr(directory, "attach", None) or session.current_directory().attach
            target(self)

    def ClassName(self) -> str:
        return type(self).__name__

    # names, axes, bins ---------------------------------------------------------------------
    def GetXaxis(self) -> TAxis:
        return TAxis(self.axes[0])

    def GetYaxis(self) -> Any:
        """The y axis (a 1-D histogram's y axis holds the drawn title and range)."""
        if self.ndim == 1:
            from rootfit.compat.attributes import FrameAxis

            return FrameAxis(self, "y")
        return TAxis(self.axes[1])

    def GetZaxis(self) -> TAxis:
        return TAxis(self.axes[2])

    def GetDimension(self) -> int:
        return self.ndim

    def GetNbinsX(self) -> int:
        return self.axes[0].nbins

    def GetNbinsY(self) -> int:
        return self.axes[1].nbins if self.ndim > 1 else 1

    def GetNbinsZ(self) -> int:
        return self.axes[2].nbins if self.ndim > 2 else 1

    def GetNcells(self) -> int:
        return int(np.prod([a.nbins + 2 for a in self.axes]))

    def GetBin(self, ix: int, iy: int = 0, iz: int = 0) -> int:
        return self.global_bin(ix, iy, iz)

    def FindBin(self, x: float, y: float = 0.0, z: float = 0.0) -> int:
        return self.global_bin(*self.find_bin(*(x, y, z)[: self.ndim]))

    def GetBinCenter(self, b: int) -> float:
        return float(self.axes[0].bin_center(b))

    def GetBinLowEdge(self, b: int) -> float:
        return float(self.axes[0].bin_low_edge(b))

    def GetBinWidth(self, b: int) -> float:
        return float(self.axes[0].bin_width(b))

    def _root_index(self, args: tuple[float, ...]) -> tuple[int, ...]:
        """ROOT bin numbers from a global bin or per-axis bins."""
        if len(args) == 1:
            return self.bin_indices(int(args[0])) if self.ndim > 1 else (int(args[0]),)
        return tuple(int(a) for a in args[: self.ndim])

    # contents ------------------------------------------------------------------------------
    def Fill(self, *args: Any) -> int:
        """``Fill(x[, w])``, ``Fill(x, y[, w])``, ``Fill(x, y, z[, w])``; returns the global bin.
        Arrays fill every element (``Fill(xs[, ws])``, as ROOT 6.40's Python bindings)."""
        cell = fill_entry(self, args)
        if cell is not None:
            return cell
        if np.ndim(args[0]) > 0:
            self.fill(*args, nan_policy="overflow")
            return -1
        coords = args[: self.ndim]
        weight = args[self.ndim] if len(args) > self.ndim else None
        self.fill(*coords, weights=weight, nan_policy="overflow")  # NaN: overflow, as ROOT
        return self.global_bin(*self.find_bin(*coords))

    def FillN(self, n: int, *arrays: Any) -> None:
        """``FillN(n, x, w[, stride])`` (1-D) or ``FillN(n, x, y, w[, stride])`` (2-D): the first
        ``n`` entries; ``w`` may be ``nullptr`` (weights 1)."""
        n = int(n)
        coords = [np.asarray(a, dtype=np.float64)[:n] for a in arrays[: self.ndim]]
        if any(c.size < n for c in coords):
            raise DataError(f"FillN({n}, ...) is given arrays shorter than {n}")
        rest = arrays[self.ndim :]
        w = rest[0] if rest else None
        self.fill(
            *coords,
            weights=None if w is None else np.asarray(w, dtype=np.float64)[:n],
            nan_policy="overflow",
        )

    def SetBinContent(self, *args: float) -> None:
        """``SetBinContent(bin, c)`` (global bin) or ``SetBinContent(ix, iy[, iz], c)``."""
        self.set_value(self._root_index(args[:-1]), float(args[-1]), flow=True)

    def GetBinContent(self, *args: float) -> float:
        return float(self._sumw[self._root_index(args)])

    def SetBinError(self, *args: float) -> None:
        self.set_error(self._root_index(args[:-1]), float(args[-1]), flow=True)

    def GetBinError(self, *args: float) -> float:
        """``sqrt(Σw²)`` of the bin, or ``sqrt(|content|)`` without Σw² storage."""
        index = self._root_index(args)
        variance = self._sumw2[index] if self._sumw2 is not None else abs(float(self._sumw[index]))
        return math.sqrt(variance)

    def SetBinErrorOption(self, option: int) -> None:
        """``kNormal`` (0) or ``kPoisson`` (1), used by ``GetBinErrorLow/Up``."""
        self._error_option = int(option)

    def _error_pair(self, b: int) -> tuple[float, float]:
        low, up = self.error_intervals("poisson" if self._error_option == 1 else "normal")
        return float(low[b - 1]), float(up[b - 1])

    def GetBinErrorLow(self, b: int) -> float:
        return self._error_pair(b)[0]

    def GetBinErrorUp(self, b: int) -> float:
        return self._error_pair(b)[1]

    def Sumw2(self, on: bool = True) -> None:
        self.enable_sumw2(on)

    def GetSumw2N(self) -> int:
        return self.GetNcells() if self.has_sumw2 else 0

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
        """Sum of the contents of the bins (flow bins and axis ranges ignored, as ROOT)."""
        return float(np.sum(self.values(), dtype=np.float64))

    def GetMean(self, axis: int = 1) -> float:
        return self.mean(axis - 1)

    def GetMeanError(self, axis: int = 1) -> float:
        return self.mean_error(axis - 1)

    def GetStdDev(self, axis: int = 1) -> float:
        return self.std(axis - 1)

    GetRMS = GetStdDev

    def GetStdDevError(self, axis: int = 1) -> float:
        return self.std_error(axis - 1)

    GetRMSError = GetStdDevError

    def GetSkewness(self, axis: int = 1) -> float:
        return self.skewness(axis - 1)

    def GetKurtosis(self, axis: int = 1) -> float:
        return self.kurtosis(axis - 1)

    def GetCovariance(self, axis1: int = 1, axis2: int = 2) -> float:
        return self.covariance(axis1 - 1, axis2 - 1)

    def GetCorrelationFactor(self, axis1: int = 1, axis2: int = 2) -> float:
        return self.correlation(axis1 - 1, axis2 - 1)

    def GetStats(self, stats: Any = None) -> np.ndarray:
        """ROOT's statistics array; filled into ``stats`` (an array of at least 13) if given."""
        return into_buffer(self.statistics(), stats)

    def PutStats(self, stats: ArrayLike) -> None:
        self.set_statistics(np.asarray(stats, dtype=np.float64)[: {1: 4, 2: 7, 3: 11}[self.ndim]])

    def ResetStats(self) -> None:
        self.reset_statistics()

    def Integral(self, *args: Any) -> float:
        """``Integral(option="")`` or ``Integral(binx1, binx2[, option])`` (1-D)."""
        option = next((a for a in args if isinstance(a, str)), "")
        bins = [int(a) for a in args if not isinstance(a, str)]
        if not bins:
            return self.integral(option)
        n = self.axes[0].nbins
        first = max(bins[0], 0)
        last = bins[1] if len(bins) > 1 else n
        if last > n + 1 or last < first:  # ROOT: up to the overflow bin
            last = n + 1
        cells = np.arange(first, last + 1)
        contents = np.asarray(self.values(flow=True)[cells], dtype=np.float64)
        if "width" in option.lower():
            contents = contents * np.asarray(self.axes[0].bin_width(cells))
        return float(contents.sum())

    def GetMaximum(self) -> float:
        return float(self.values().max())

    def GetMinimum(self) -> float:
        return float(self.values().min())

    def GetMaximumBin(self) -> int:
        a = self.axes[0]
        return int(np.argmax(self.values(flow=True)[a.first : a.last + 1])) + a.first

    # arithmetic ----------------------------------------------------------------------------
    def Add(self, h1: Histogram, h2: Any = 1.0, c1: float = 1.0, c2: float = 1.0) -> bool:
        """``Add(h, c=1)`` or ``Add(h1, h2, c1=1, c2=1)`` (this = c1·h1 + c2·h2)."""
        from rootfit.hist import operations

        if isinstance(h2, Histogram):
            operations.add_two(self, h1, h2, float(c1), float(c2))
        else:
            self.add(h1, float(h2))
        return True

    def Multiply(
        self,
        h1: Histogram,
        h2: Histogram | None = None,
        c1: float = 1.0,
        c2: float = 1.0,
        option: str = "",
    ) -> bool:
        from rootfit.hist import operations

        operations.multiply(
            self, h1 if h2 is not None else self, h2 if h2 is not None else h1, c1, c2
        )
        return True

    def Divide(
        self,
        h1: Histogram,
        h2: Histogram | None = None,
        c1: float = 1.0,
        c2: float = 1.0,
        option: str = "",
    ) -> bool:
        """``Divide(h)`` or ``Divide(h1, h2, c1, c2, "B")`` (binomial errors with ``"B"``)."""
        from rootfit.hist import operations

        num, den = (h1, h2) if h2 is not None else (self, h1)
        operations.divide(self, num, den, c1, c2, binomial="b" in option.lower())
        return True

    def Scale(self, c: float = 1.0, option: str = "") -> None:
        self.scale(c, width="width" in option.lower())

    def Rebin(self, ngroup: int = 2, newname: str = "", xbins: ArrayLike | None = None) -> TH1:
        """ROOT's ``Rebin``: with ``newname`` a new histogram, otherwise this one is rebinned."""
        rebinned = (
            self.rebin(edges=np.asarray(xbins)[: ngroup + 1])
            if xbins is not None
            else self.rebin(ngroup)
        )
        if newname:
            out = type(self).__new__(type(self))
            out.__dict__.update(rebinned.__dict__)
            out._error_option = self._error_option
            out.name = newname
            return out
        self.__dict__.update({k: v for k, v in rebinned.__dict__.items() if k != "functions"})
        return self

    # projections and profiles ---------------------------------------------------------------
    # random numbers ------------------------------------------------------------------------
    def FillRandom(
        self, source: Any, ntimes: int = 5000, rng: np.random.Generator | None = None
    ) -> None:
        """``FillRandom("gaus" | f | h, n, rng)``; the numpy Generator is required. A source
        histogram with negative bins fills nothing (ROOT's error, here a warning)."""
        if rng is None:
            raise DataError("pass a numpy Generator: FillRandom(f, n, np.random.default_rng(seed))")
        if isinstance(source, str):
            source = Function(source)
        if isinstance(source, Histogram) and np.any(source.values() < 0):
            warn(
                f"{type(self).__name__}::FillRandom: the source histogram has negative bins and "
                "does not represent probabilities; nothing is filled (as ROOT)",
                RootfitWarning,
            )
            return
        self.fill_random(source, ntimes, rng)

    def GetRandom(self, rng: np.random.Generator | None = None) -> float:
        """A random value distributed as the histogram; ROOT's failure values: NaN when a bin is
        negative, 0 when the histogram is empty (with a warning)."""
        if rng is None:
            raise DataError("pass a numpy Generator: GetRandom(np.random.default_rng(seed))")
        contents = self.values()
        if np.any(contents < 0) or not np.sum(contents) > 0:
            negative = bool(np.any(contents < 0))
            warn(
                f"{type(self).__name__}::GetRandom: "
                + (
                    "a bin content is negative; NaN is returned"
                    if negative
                    else "empty; 0 is returned"
                )
                + " (as ROOT)",
                RootfitWarning,
            )
            return math.nan if negative else 0.0
        return float(self.get_random(rng))

    def Clone(self, name: str | None = None) -> TH1:
        new = type(self).__new__(type(self))
        new.__dict__.update(self.copy().__dict__)
        new._error_option = getattr(self, "_error_option", 0)
        if name:
            new.name = name
        return new


class TH2(TH1):
    """2-D histogram base."""

    _dimension = 2


class TH3(TH1):
    """3-D histogram base."""

    _dimension = 3

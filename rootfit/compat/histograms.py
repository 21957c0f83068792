"""``TH1D/TH1F``, ``TH2D/TH2F``, ``TH3D/TH3F``, ``TProfile`` and ``TAxis`` over rootfit's
histograms, with ROOT's bin numbers (0 underflow, 1..n, n+1 overflow; global bins for 2-D/3-D)
and ROOT's method overloads.

Differences from PyROOT, on purpose: random numbers always come from an explicit numpy
Generator (``FillRandom(f, n, rng)``, ``GetRandom(rng)``); there is no current directory, so
histograms are written with :class:`~rootfit.compat.TFile` (``WriteObject``) rather than
``h.Write()``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.compat._common import RootFitTarget
from rootfit.errors import DataError
from rootfit.functions import Function
from rootfit.hist import Axis, Histogram, Profile

__all__ = [
    "TH1",
    "TH1D",
    "TH1F",
    "TH2",
    "TH2D",
    "TH2F",
    "TH3",
    "TH3D",
    "TH3F",
    "TAxis",
    "TProfile",
    "as_root",
]


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


class TH1(RootFitTarget, Histogram):
    """ROOT-spelled histogram base (1-D, 2-D or 3-D depending on the subclass)."""

    kNormal = 0
    kPoisson = 1
    _dimension = 1

    def __init__(self, name: str = "", title: str = "", *args: Any) -> None:
        axes = (
            _axes_from_root_args(args, self._dimension)
            if args
            else [Axis(1, 0, 1)] * self._dimension
        )
        Histogram.__init__(self, *axes, name=name, title=title)
        self._error_option = 0

    # names, axes, bins ---------------------------------------------------------------------
    def GetXaxis(self) -> TAxis:
        return TAxis(self.axes[0])

    def GetYaxis(self) -> TAxis:
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
    def Fill(self, *args: float) -> int:
        """``Fill(x[, w])``, ``Fill(x, y[, w])``, ``Fill(x, y, z[, w])``; returns the global bin."""
        coords = args[: self.ndim]
        weight = args[self.ndim] if len(args) > self.ndim else None
        self.fill(*coords, weights=weight)
        return self.global_bin(*self.find_bin(*coords))

    def FillN(self, n: int, x: ArrayLike, w: ArrayLike | None = None, stride: int = 1) -> None:
        self.fill(np.asarray(x)[:n], weights=None if w is None else np.asarray(w)[:n])

    def SetBinContent(self, *args: float) -> None:
        """``SetBinContent(bin, c)`` (global bin) or ``SetBinContent(ix, iy[, iz], c)``."""
        self.set_value(self._root_index(args[:-1]), float(args[-1]), flow=True)

    def GetBinContent(self, *args: float) -> float:
        return float(self.values(flow=True)[self._root_index(args)])

    def SetBinError(self, *args: float) -> None:
        self.set_error(self._root_index(args[:-1]), float(args[-1]), flow=True)

    def GetBinError(self, *args: float) -> float:
        return float(self.errors(flow=True)[self._root_index(args)])

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
        return self.integral()

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

    def GetStats(self) -> np.ndarray:
        return self.statistics()

    def Integral(self, *args: Any) -> float:
        """``Integral(option="")`` or ``Integral(binx1, binx2[, option])`` (1-D)."""
        option = next((a for a in args if isinstance(a, str)), "")
        bins = [int(a) for a in args if not isinstance(a, str)]
        if not bins:
            return self.integral(option)
        first, last = bins[0], bins[1] if len(bins) > 1 else self.axes[0].nbins
        contents = self.values(flow=True)[max(first, 0) : last + 1]
        if "width" in option.lower():
            contents = contents * np.asarray(
                self.axes[0].bin_width(np.arange(max(first, 0), last + 1))
            )
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
        if isinstance(h2, Histogram):
            self.reset()
            self.add(h1, c1)
            self.add(h2, c2)
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
            out = as_root(rebinned)
            out.name = newname
            return out
        self.__dict__.update({k: v for k, v in rebinned.__dict__.items() if k != "functions"})
        return self

    # projections and profiles ---------------------------------------------------------------
    def _project(
        self, keep: tuple[int, ...], windows: dict[int, tuple[int, int]], name: str
    ) -> Any:
        cleaned = {
            d: (lo, hi if hi >= 0 else self.axes[d].nbins + 1) for d, (lo, hi) in windows.items()
        }
        out = as_root(self.projection(keep, cleaned))
        out.name = name
        return out

    def ProjectionX(
        self,
        name: str = "_px",
        first: int = 0,
        last: int = -1,
        first2: int = 0,
        last2: int = -1,
        option: str = "",
    ) -> Any:
        windows = {1: (first, last)} if self.ndim == 2 else {1: (first, last), 2: (first2, last2)}
        return self._project((0,), windows, self.name + name if name.startswith("_") else name)

    def ProjectionY(
        self,
        name: str = "_py",
        first: int = 0,
        last: int = -1,
        first2: int = 0,
        last2: int = -1,
        option: str = "",
    ) -> Any:
        windows = {0: (first, last)} if self.ndim == 2 else {0: (first, last), 2: (first2, last2)}
        return self._project((1,), windows, self.name + name if name.startswith("_") else name)

    def ProjectionZ(
        self,
        name: str = "_pz",
        ixmin: int = 0,
        ixmax: int = -1,
        iymin: int = 0,
        iymax: int = -1,
        option: str = "",
    ) -> Any:
        return self._project(
            (2,),
            {0: (ixmin, ixmax), 1: (iymin, iymax)},
            self.name + name if name.startswith("_") else name,
        )

    def Project3D(self, option: str = "x") -> Any:
        """ROOT's letters: ``"x"``, ``"xy"`` (the *first* letter goes on the vertical axis)..."""
        letters = [c for c in option.lower() if c in "xyz"]
        keep = tuple("xyz".index(c) for c in (letters[::-1] if len(letters) == 2 else letters))
        return self._project(keep, {}, f"{self.name}_{''.join(letters)}")

    def ProfileX(
        self, name: str = "_pfx", first: int = 1, last: int = -1, option: str = ""
    ) -> TProfile:
        return _as_tprofile(
            self.profile(
                0, (first, last if last >= 0 else self.axes[1].nbins), error_option=option
            ),
            name,
        )

    def ProfileY(
        self, name: str = "_pfy", first: int = 1, last: int = -1, option: str = ""
    ) -> TProfile:
        return _as_tprofile(
            self.profile(
                1, (first, last if last >= 0 else self.axes[0].nbins), error_option=option
            ),
            name,
        )

    # random numbers ------------------------------------------------------------------------
    def FillRandom(
        self, source: Any, ntimes: int = 5000, rng: np.random.Generator | None = None
    ) -> None:
        """``FillRandom("gaus" | f | h, n, rng)``; the numpy Generator is required."""
        if rng is None:
            raise DataError("pass a numpy Generator: FillRandom(f, n, np.random.default_rng(seed))")
        if isinstance(source, str):
            source = Function(source)
        self.fill_random(source, ntimes, rng)

    def GetRandom(self, rng: np.random.Generator | None = None) -> float:
        if rng is None:
            raise DataError("pass a numpy Generator: GetRandom(np.random.default_rng(seed))")
        return float(self.get_random(rng))

    def Clone(self, name: str | None = None) -> TH1:
        new = type(self).__new__(type(self))
        new.__dict__.update(self.copy().__dict__)
        new._error_option = getattr(self, "_error_option", 0)
        if name:
            new.name = name
        return new


class TH1D(TH1):
    """``TH1D(name, title, nbins, low, up)`` or ``TH1D(name, title, nbins, edges)``."""


class TH1F(TH1D):
    """``TH1F``; stored in double precision (fits agree with ROOT to float precision)."""


class TH2(TH1):
    """2-D histogram base."""

    _dimension = 2


class TH2D(TH2):
    """``TH2D(name, title, nx, xlow, xup, ny, ylow, yup)`` (edges arrays allowed per axis)."""


class TH2F(TH2D):
    """``TH2F``; stored in double precision."""


class TH3(TH1):
    """3-D histogram base."""

    _dimension = 3


class TH3D(TH3):
    """``TH3D(name, title, nx, xlow, xup, ny, ylow, yup, nz, zlow, zup)``."""


class TH3F(TH3D):
    """``TH3F``; stored in double precision."""


class TProfile(RootFitTarget, Profile):
    """``TProfile(name, title, nbins, low, up, option="")`` (option ``""``, ``"s"``, ``"i"``,
    ``"g"``) or ``TProfile(name, title, nbins, edges, option="")``."""

    def __init__(
        self,
        name: str = "",
        title: str = "",
        nbins: int = 1,
        low: Any = 0.0,
        up: Any = 1.0,
        option: str = "",
    ) -> None:
        if np.ndim(low) > 0:
            option = up if isinstance(up, str) else option
            Profile.__init__(
                self,
                edges=np.asarray(low)[: int(nbins) + 1],
                error_option=option,
                name=name,
                title=title,
            )
        else:
            Profile.__init__(
                self, int(nbins), float(low), float(up), error_option=option, name=name, title=title
            )

    def Fill(self, x: float, y: float, w: float = 1.0) -> int:
        self.fill(x, y, weights=w)
        return int(self.axis.find_bin(x))

    def GetBinContent(self, b: int) -> float:
        return float(self.values(flow=True)[b])

    def GetBinError(self, b: int) -> float:
        return float(self.errors(flow=True)[b])

    def GetBinEntries(self, b: int) -> float:
        return float(self.bin_entries(flow=True)[b])

    def GetBinEffectiveEntries(self, b: int) -> float:
        return float(self.counts(flow=True)[b])

    def GetEntries(self) -> float:
        return self.entries

    def GetMean(self, axis: int = 1) -> float:
        return self.mean(axis - 1)

    def GetStdDev(self, axis: int = 1) -> float:
        return self.std(axis - 1)

    GetRMS = GetStdDev

    def GetNbinsX(self) -> int:
        return self.axis.nbins

    def GetXaxis(self) -> TAxis:
        return TAxis(self.axis)

    def SetErrorOption(self, option: str = "") -> None:
        self.error_option = option.lower()  # type: ignore[assignment]


def _as_tprofile(p: Profile, name: str) -> TProfile:
    out = TProfile.__new__(TProfile)
    out.__dict__.update(p.copy().__dict__)
    out.name = p.name + name if name.startswith("_") else name
    return out


def as_root(obj: Any) -> Any:
    """The ROOT-spelled class of a rootfit object (a copy): TH1D/TH2D/TH3D, TProfile, TGraph..."""
    if isinstance(obj, Histogram):
        cls = {1: TH1D, 2: TH2D, 3: TH3D}[obj.ndim]
        out = cls.__new__(cls)
        out.__dict__.update(obj.copy().__dict__)
        out._error_option = 0
        return out
    if isinstance(obj, Profile):
        return _as_tprofile(obj, obj.name)
    from rootfit.compat.graphs import as_root_graph

    return as_root_graph(obj)

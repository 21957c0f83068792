"""``TProfile`` over :class:`~rootfit.Profile` with ROOT's method names."""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.compat._common import RootFitTarget, into_buffer
from rootfit.compat.histograms import TAxis
from rootfit.hist import Profile

__all__ = ["TProfile", "as_tprofile"]


class TProfile(RootFitTarget, Profile):
    """``TProfile(name, title, nbins, low, up, option="")`` (option ``""``, ``"s"``, ``"i"``,
    ``"g"``) or ``TProfile(name, title, nbins, edges, option="")``."""

    def __init__(
        self, name: str = "", title: str = "", nbins: int = 1, low: Any = 0.0, *rest: Any
    ) -> None:
        """``(name, title, nbins, xlow, xup[, ylow, yup][, option])`` or ``(name, title, nbins,
        xbins[, ylow, yup][, option])``; with ``ylow < yup`` fills outside it are ignored."""
        args = list(rest)
        option = args.pop() if args and isinstance(args[-1], str) else ""
        edges = np.ndim(low) > 0
        up: Any = None if edges else (args.pop(0) if args else 1.0)
        y_range = (
            (float(args[0]), float(args[1])) if len(args) >= 2 and args[0] != args[1] else None
        )
        if edges:
            Profile.__init__(
                self,
                edges=np.asarray(low)[: int(nbins) + 1],
                error_option=option,
                name=name,
                title=title,
                y_range=y_range,
            )
        else:
            Profile.__init__(
                self, int(nbins), float(low), float(up), error_option=option, name=name,
                title=title, y_range=y_range,
            )  # fmt: skip

    def FillN(self, n: int, x: Any, y: Any, w: Any = None, stride: int = 1) -> None:
        n = int(n)
        self.fill(
            np.asarray(x, dtype=np.float64)[:n],
            np.asarray(y, dtype=np.float64)[:n],
            weights=None if w is None else np.asarray(w, dtype=np.float64)[:n],
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

    def ClassName(self) -> str:
        return "TProfile"

    def GetDimension(self) -> int:
        return 1

    def GetNcells(self) -> int:
        return self.axis.nbins + 2

    def GetSumw2N(self) -> int:
        return self.GetNcells()

    def GetEffectiveEntries(self) -> float:
        return self.effective_entries

    def GetSumOfWeights(self) -> float:
        """Sum of the bin means of bins 1..n (ROOT's ``GetSumOfWeights`` of a profile)."""
        return float(self.values().sum())

    def Integral(self, option: str = "") -> float:
        return self.integral(option)

    def GetStats(self, stats: Any = None) -> np.ndarray:
        """``[Σw, Σw², Σwx, Σwx², Σwy, Σwy²]``; filled into ``stats`` if given."""
        return into_buffer(self.statistics(), stats)

    def PutStats(self, stats: Any) -> None:
        self.set_statistics(np.asarray(stats, dtype=np.float64)[:6])

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


def as_tprofile(p: Profile, name: str) -> TProfile:
    out = TProfile.__new__(TProfile)
    out.__dict__.update(p.copy().__dict__)
    out.name = p.name + name if name.startswith("_") else name
    return out

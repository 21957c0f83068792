"""``Profile``: the mean of y in bins of x (ROOT's TProfile), with ROOT's error options.

Per bin (flow bins kept) the profile stores ``Σw``, ``Σw²``, ``Σw·y`` and ``Σw·y²``. The bin
value is ``Σwy/Σw``; with the spread ``s = sqrt(|Σwy²/Σw - mean²|)`` and the effective entries
``n = (Σw)²/Σw²`` the bin error is (ROOT 6.40):

* ``""`` (default): ``s/sqrt(n)``, the error of the mean (0 for a bin with one entry);
* ``"s"``: ``s``, the spread;
* ``"i"``: ``s/sqrt(n)``, or ``1/sqrt(12·n)`` when ``s`` is 0 (integer-valued y);
* ``"g"``: ``1/sqrt(Σw)`` (weights as inverse variances).

Statistics follow ``TProfile::GetStats``: six sums ``Σw, Σw², Σwx, Σwx², Σwy, Σwy²`` kept from
the fills of in-range entries, or computed from the bins (centres, per-bin sums) in the axis
range when ``Σw == 0`` or a range is set.

Profiles are UHI ``MEAN`` histograms and can be fitted like histograms (bins without entries
have error 0 and are skipped by the default χ²).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.fittable import Fittable

__all__ = ["Profile"]

ErrorOption = Literal["", "s", "i", "g"]


class Profile(Fittable):
    """A 1-D profile (TProfile-like).

    Parameters
    ----------
    bins, lo, hi : optional
        Regular binning (or give ``edges``).
    edges : array_like, optional
        Variable bin edges.
    error_option : {"", "s", "i", "g"}
        How bin errors are computed (see the module docstring).
    name, title : str
        ROOT-style name and title.
    """

    def __init__(
        self,
        bins: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
        *,
        edges: ArrayLike | None = None,
        error_option: str = "",
        name: str = "",
        title: str = "",
        y_range: tuple[float, float] | None = None,
    ) -> None:
        self._axes = (Axis(bins, lo, hi, edges=edges),)
        if y_range is not None and not float(y_range[0]) < float(y_range[1]):
            raise DataError(f"profile y range must have low < high, got {y_range}")
        #: Fills with ``y`` outside ``[low, high]`` are ignored (ROOT's ``ylow, yup``).
        self.y_range = None if y_range is None else (float(y_range[0]), float(y_range[1]))
        option = error_option.lower().strip()
        if option not in ("", "s", "i", "g"):
            raise DataError(
                f"profile error option must be '', 's', 'i' or 'g', not {error_option!r}"
            )
        self.error_option: ErrorOption = option  # type: ignore[assignment]
        self.name, self.title = name, title
        n = self._axes[0].nbins + 2
        self._sw, self._sw2, self._swy, self._swy2 = (np.zeros(n) for _ in range(4))
        self._entries = 0.0
        #: kept sums Σw, Σw², Σwx, Σwx², Σwy, Σwy² of the in-range fills (ROOT's fTsumw...)
        self._tsum = np.zeros(6)
        self.functions: list[Any] = []

    # ------------------------------------------------------------------ filling
    def fill(self, x: ArrayLike, y: ArrayLike, weights: ArrayLike | None = None) -> None:
        """Fill pairs ``(x, y)`` with optional weights (vectorised ``TProfile::Fill``)."""
        xa = np.atleast_1d(as_floats(x, "x"))
        ya = np.atleast_1d(as_floats(y, "y"))
        if xa.shape != ya.shape or xa.ndim != 1:
            raise DataError(f"x and y must be 1-D of equal length, got {xa.shape} and {ya.shape}")
        w = (
            np.ones_like(xa)
            if weights is None
            else np.broadcast_to(np.asarray(weights, dtype=np.float64), xa.shape)
        )
        if (
            weights is not None
            and np.asarray(weights).ndim > 0
            and np.asarray(weights).shape != xa.shape
        ):
            raise DataError("weights length does not match x")
        if np.any(np.isnan(ya)) or np.any(np.isnan(w)):
            raise DataError("profile y values and weights must not be NaN")
        y_range = getattr(self, "y_range", None)  # profiles from files or older pickles: none
        if y_range is not None:
            keep = (ya >= y_range[0]) & (ya <= y_range[1])
            xa, ya, w = xa[keep], ya[keep], w[keep]
        bins = np.asarray(self._axes[0].find_bin(xa))
        n = self._sw.size
        self._sw += np.bincount(bins, weights=w, minlength=n)
        self._sw2 += np.bincount(bins, weights=w * w, minlength=n)
        self._swy += np.bincount(bins, weights=w * ya, minlength=n)
        self._swy2 += np.bincount(bins, weights=w * ya * ya, minlength=n)
        self._entries += xa.size
        inside = (bins >= 1) & (bins <= self._axes[0].nbins)
        wi, xi, yi = w[inside], xa[inside], ya[inside]
        self._tsum += [
            wi.sum(),
            (wi * wi).sum(),
            (wi * xi).sum(),
            (wi * xi * xi).sum(),
            (wi * yi).sum(),
            (wi * yi * yi).sum(),
        ]

    @classmethod
    def from_sums(
        cls,
        axis: Axis,
        sum_w: ArrayLike,
        sum_w2: ArrayLike,
        sum_wy: ArrayLike,
        sum_wy2: ArrayLike,
        *,
        entries: float,
        error_option: str = "",
        name: str = "",
        title: str = "",
        statistics: ArrayLike | None = None,
    ) -> Profile:
        """Rebuild from the per-bin sums (flow bins included), e.g. from a file or a TH2.

        ``statistics`` = ROOT's six kept sums ``(Σw, Σw², Σwx, Σwx², Σwy, Σwy²)``; None makes
        the statistics come from the bins.
        """
        p = cls(edges=axis.edges, error_option=error_option, name=name, title=title)
        p._axes = (axis.copy(),)
        arrays = [np.asarray(a, dtype=np.float64) for a in (sum_w, sum_w2, sum_wy, sum_wy2)]
        if any(a.shape != (axis.nbins + 2,) for a in arrays):
            raise DataError(f"profile sums need {axis.nbins + 2} values (flow bins included)")
        p._sw, p._sw2, p._swy, p._swy2 = (a.copy() for a in arrays)
        p._entries = float(entries)
        if statistics is not None:
            p._tsum = np.array(statistics, dtype=np.float64).reshape(6)
        return p

    # ------------------------------------------------------------------ UHI and access
    @property
    def axes(self) -> tuple[Axis, ...]:
        """The x axis, as a tuple."""
        return self._axes

    @property
    def axis(self) -> Axis:
        """The x axis."""
        return self._axes[0]

    @property
    def ndim(self) -> int:
        """1."""
        return 1

    @property
    def kind(self) -> Literal["MEAN"]:
        """UHI kind: a profile of means."""
        return "MEAN"

    @staticmethod
    def _cut(a: NDArray[np.float64], flow: bool) -> NDArray[np.float64]:
        out = (a if flow else a[1:-1]).copy()
        out.flags.writeable = False
        return out

    def values(self, flow: bool = False) -> NDArray[np.float64]:
        """Mean of y per bin (0 for empty bins)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._cut(np.where(self._sw != 0, self._swy / self._sw, 0.0), flow)

    def bin_entries(self, flow: bool = False) -> NDArray[np.float64]:
        """Σw per bin (ROOT ``GetBinEntries``)."""
        return self._cut(self._sw, flow)

    def counts(self, flow: bool = False) -> NDArray[np.float64]:
        """Effective entries per bin ``(Σw)²/Σw²`` (ROOT ``GetBinEffectiveEntries``)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._cut(np.where(self._sw2 > 0, self._sw**2 / self._sw2, 0.0), flow)

    def errors(self, flow: bool = False) -> NDArray[np.float64]:
        """Bin errors for :attr:`error_option`."""
        sw, neff = self._sw, self.counts(flow=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(sw != 0, self._swy / sw, 0.0)
            spread = np.sqrt(np.abs(np.where(sw != 0, self._swy2 / sw, 0.0) - mean * mean))
            if self.error_option == "s":
                err = spread
            elif self.error_option == "g":
                err = np.where(sw > 0, 1.0 / np.sqrt(np.where(sw > 0, sw, 1.0)), 0.0)
            elif self.error_option == "i":
                err = np.where(spread > 0, spread / np.sqrt(neff), 1.0 / np.sqrt(12 * neff))
            else:
                err = spread / np.sqrt(neff)
        return self._cut(np.where(sw != 0, err, 0.0), flow)

    def variances(self, flow: bool = False) -> NDArray[np.float64]:
        """Squared bin errors (UHI)."""
        return self.errors(flow) ** 2

    # ------------------------------------------------------------------ statistics
    @property
    def entries(self) -> float:
        """Number of fill calls."""
        return self._entries

    @property
    def stats_from_bins(self) -> bool:
        """True when ROOT computes the statistics from the bins (``Σw == 0`` or a range set)."""
        return self._tsum[0] == 0 or self.axis.range_set

    def statistics(self) -> NDArray[np.float64]:
        """ROOT's ``TProfile::GetStats``: ``[Σw, Σw², Σwx, Σwx², Σwy, Σwy²]``."""
        if not self.stats_from_bins:
            return self._tsum.copy()
        axis = self.axis
        window = slice(axis.first, axis.last + 1)
        x = np.asarray(axis.bin_center(np.arange(axis.first, axis.last + 1)), dtype=np.float64)
        w = self._sw[window]
        return np.array(
            [
                w.sum(),
                self._sw2[window].sum(),
                (w * x).sum(),
                (w * x * x).sum(),
                self._swy[window].sum(),
                self._swy2[window].sum(),
            ]
        )

    def set_statistics(self, stats: ArrayLike) -> None:
        """Replace the kept sums (ROOT's ``PutStats``)."""
        self._tsum = np.array(stats, dtype=np.float64).reshape(6)

    @property
    def effective_entries(self) -> float:
        """``(Σw)²/Σw²`` (``|Σw|`` without Σw²), ROOT ``GetEffectiveEntries``."""
        s = self.statistics()
        return float(s[0] ** 2 / s[1]) if s[1] else abs(float(s[0]))

    def mean(self, axis: int = 0) -> float:
        """Mean of x (``axis=0``) or of y (``axis=1``) (ROOT ``GetMean(1|2)``)."""
        s = self.statistics()
        return float(s[2 + 2 * axis] / s[0]) if s[0] != 0 else 0.0

    def std(self, axis: int = 0) -> float:
        """Standard deviation of x (``axis=0``) or y (``axis=1``); 0 for a negative variance."""
        s = self.statistics()
        if s[0] == 0:
            return 0.0
        mean = s[2 + 2 * axis] / s[0]
        return float(np.sqrt(max(s[3 + 2 * axis] / s[0] - mean * mean, 0.0)))

    def integral(self, option: str = "") -> float:
        """Sum of the bin means in the axis range (``"width"``: times the bin widths)."""
        axis = self.axis
        bins = np.arange(axis.first, axis.last + 1)
        means = self.values(flow=True)[bins]
        if "width" in option.lower():
            means = means * np.asarray(axis.bin_width(bins), dtype=np.float64)
        return float(means.sum())

    def restricted(self, first: int, last: int) -> Profile:
        """The bins ``first..last`` only (clamped to the axis), flow bins empty — what ROOT makes
        of a profile of a TH2 whose profiled axis has a range."""
        axis = self.axis
        first, last = max(int(first), 1), min(int(last), axis.nbins)
        if last < first:
            raise DataError(f"empty bin window ({first}, {last})")
        new_axis = axis.sub_axis(first, last)
        window = slice(first - 1, last + 2)
        sums = []
        for array in (self._sw, self._sw2, self._swy, self._swy2):
            part = array[window].copy()
            part[0] = part[-1] = 0.0
            sums.append(part)
        out = Profile.from_sums(
            new_axis, *sums, entries=0.0, error_option=self.error_option, name=self.name,
            title=self.title,
        )  # fmt: skip
        out._entries = out.effective_entries
        return out

    def copy(self) -> Profile:
        """Deep copy (attached functions are not copied)."""
        return Profile.from_sums(
            self.axis, self._sw, self._sw2, self._swy, self._swy2, entries=self._entries,
            error_option=self.error_option, name=self.name, title=self.title,
            statistics=self._tsum,
        )  # fmt: skip

    def __repr__(self) -> str:
        return (
            f"Profile({self.axis!r}, entries={self._entries:g}, error_option={self.error_option!r})"
        )

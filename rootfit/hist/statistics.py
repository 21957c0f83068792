"""Histogram statistics exactly as ROOT keeps and computes them (``TH1::GetStats`` and friends).

A histogram keeps fill-time sums (:class:`Moments`: ROOT's ``fTsumw``, ``fTsumw2``, ``fTsumwx``,
``fTsumwx2``...), updated by fills with the weights in double precision. They are used as they
are unless ROOT's rule says to compute them from the bins:

* ``Σw == 0`` while there are entries (what ``SetBinContent`` and ``ResetStats`` cause), or
* a range is set on any axis (``SetRange``/``SetRangeUser``, even to the full axis);

then the sums run over the bins in the axis ranges — which include the under- and overflow bins
when a range reaches past the axis — with the bin centres (flow bins at ``lo - w/2`` and
``hi + w/2``), ``Σw²`` from the bin errors. Standard deviations of a negative variance are 0,
the effective entries are ``(Σw)²/Σw²`` (``|Σw|`` without ``Σw²``), as in ROOT 6.40.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    from rootfit.hist.axis import Axis

__all__ = ["Moments", "Statistics"]


@dataclass
class Moments:
    """Fill-time sums of a histogram: ``Σw``, ``Σw²``, ``Σw·x_d`` and ``Σw·x_d·x_e``."""

    sumw: float
    sumw2: float
    sx: NDArray[np.float64]
    sxx: NDArray[np.float64]

    @classmethod
    def zero(cls, ndim: int) -> Moments:
        """Empty sums for ``ndim`` axes."""
        return cls(0.0, 0.0, np.zeros(ndim), np.zeros((ndim, ndim)))

    def copy(self) -> Moments:
        """Independent copy."""
        return Moments(self.sumw, self.sumw2, self.sx.copy(), self.sxx.copy())

    def scaled(self, c: float) -> Moments:
        """Every sum times ``c`` (``Σw²`` times ``c²``)."""
        return Moments(self.sumw * c, self.sumw2 * c * c, self.sx * c, self.sxx * c)

    def plus(self, other: Moments, c: float = 1.0) -> Moments:
        """``self + c·other`` (``Σw²`` with ``c²``), as ROOT combines statistics in ``Add``."""
        return Moments(
            self.sumw + c * other.sumw,
            self.sumw2 + c * c * other.sumw2,
            self.sx + c * other.sx,
            self.sxx + c * other.sxx,
        )

    def root_layout(self) -> NDArray[np.float64]:
        """ROOT's ``GetStats`` array: TH1 ``[Σw, Σw², Σwx, Σwx²]``, TH2 adds ``Σwy, Σwy², Σwxy``,
        TH3 adds ``Σwz, Σwz², Σwxz, Σwyz``."""
        s = [self.sumw, self.sumw2, self.sx[0], self.sxx[0, 0]]
        if self.sx.size > 1:
            s += [self.sx[1], self.sxx[1, 1], self.sxx[0, 1]]
        if self.sx.size > 2:
            s += [self.sx[2], self.sxx[2, 2], self.sxx[0, 2], self.sxx[1, 2]]
        return np.array(s, dtype=np.float64)

    @classmethod
    def from_root_layout(cls, stats: ArrayLike, ndim: int) -> Moments:
        """Inverse of :meth:`root_layout`."""
        s = np.asarray(stats, dtype=np.float64)
        m = cls.zero(ndim)
        m.sumw, m.sumw2, m.sx[0], m.sxx[0, 0] = s[0], s[1], s[2], s[3]
        if ndim > 1:
            m.sx[1], m.sxx[1, 1], m.sxx[0, 1] = s[4], s[5], s[6]
            m.sxx[1, 0] = m.sxx[0, 1]
        if ndim > 2:
            m.sx[2], m.sxx[2, 2], m.sxx[0, 2], m.sxx[1, 2] = s[7], s[8], s[9], s[10]
            m.sxx[2, 0], m.sxx[2, 1] = m.sxx[0, 2], m.sxx[1, 2]
        return m


class Statistics:
    """The statistics of :class:`~rootfit.Histogram` (a mixin; see the module docstring)."""

    _axes: tuple[Axis, ...]
    _sumw: NDArray[Any]
    _entries: float
    _moments: Moments

    def variances(self, flow: bool = False) -> NDArray[np.float64]:  # provided by Histogram
        raise NotImplementedError

    # ------------------------------------------------------------------ the state
    @property
    def stats_from_bins(self) -> bool:
        """True when ROOT computes the statistics from the bins (see the module docstring)."""
        return (self._moments.sumw == 0 and self._entries > 0) or any(
            a.range_set for a in self._axes
        )

    def _window(self) -> tuple[slice, ...]:
        """Slices of the bins in the axis ranges (flow bins included when a range reaches them)."""
        return tuple(slice(a.first, a.last + 1) for a in self._axes)

    def _window_centres(self) -> list[NDArray[np.float64]]:
        return [
            np.asarray(a.bin_center(np.arange(s.start, s.stop)), dtype=np.float64)
            for a, s in zip(self._axes, self._window(), strict=True)
        ]

    def _moments_from_bins(self) -> Moments:
        win = self._window()
        w = np.asarray(self._sumw[win], dtype=np.float64)
        var = self.variances(flow=True)[win]
        grids = np.meshgrid(*self._window_centres(), indexing="ij")
        ndim = len(self._axes)
        m = Moments.zero(ndim)
        m.sumw, m.sumw2 = float(w.sum()), float(var.sum())
        for d in range(ndim):
            m.sx[d] = float((w * grids[d]).sum())
            for e in range(ndim):
                m.sxx[d, e] = float((w * grids[d] * grids[e]).sum())
        return m

    def moments(self) -> Moments:
        """The sums behind the statistics (ROOT's ``GetStats``)."""
        if self.stats_from_bins:
            return self._moments_from_bins()
        return self._moments.copy()

    def statistics(self) -> NDArray[np.float64]:
        """ROOT's ``GetStats`` array (see :meth:`Moments.root_layout`)."""
        return self.moments().root_layout()

    def set_statistics(self, stats: ArrayLike) -> None:
        """Replace the kept sums (ROOT's ``PutStats``)."""
        self._moments = Moments.from_root_layout(stats, len(self._axes))

    def forget_statistics(self) -> None:
        """ROOT's ``fTsumw = 0``: from now on the statistics come from the bins (while there
        are entries); the other kept sums stay, as in ROOT."""
        self._moments.sumw = 0.0

    def reset_statistics(self) -> None:
        """ROOT's ``ResetStats``: the sums from the bins, the entries from all cells
        (:meth:`entries_from_cells`)."""
        self._moments.sumw = 0.0
        self._entries = 1.0  # forces the sums from the bins, as ROOT does
        self._moments = self.moments()
        self._entries = self.entries_from_cells()

    def entries_from_cells(self) -> float:
        """The entries ROOT 6.40 derives from the contents of every cell, flow included:
        ``(Σw)²/Σw²`` when Σw² is stored (and not zero), else ``|Σw|``."""
        total = float(np.sum(self._sumw, dtype=np.float64))
        sumw2 = getattr(self, "_sumw2", None)
        if sumw2 is not None:
            squares = float(np.sum(sumw2))
            if squares > 0:
                return total * total / squares
        return abs(total)

    # ------------------------------------------------------------------ derived numbers
    @property
    def sum_of_weights(self) -> float:
        """Σw of the statistics."""
        return self.moments().sumw

    @property
    def effective_entries(self) -> float:
        """``(Σw)² / Σw²``, or ``|Σw|`` when ``Σw² = 0`` (ROOT ``GetEffectiveEntries``)."""
        m = self.moments()
        return float(m.sumw**2 / m.sumw2) if m.sumw2 else abs(m.sumw)

    def mean(self, axis: int = 0) -> float:
        """Mean along an axis (0 = x) of the filled values (ROOT ``GetMean``)."""
        m = self.moments()
        return float(m.sx[axis] / m.sumw) if m.sumw != 0 else 0.0

    def covariance(self, axis1: int = 0, axis2: int = 1) -> float:
        """Covariance of two axes (ROOT ``GetCovariance``; the absolute variance when equal)."""
        m = self.moments()
        if m.sumw == 0:
            return 0.0
        value = m.sxx[axis1, axis2] / m.sumw - (m.sx[axis1] / m.sumw) * (m.sx[axis2] / m.sumw)
        return float(abs(value) if axis1 == axis2 else value)

    def std(self, axis: int = 0) -> float:
        """Standard deviation along an axis (ROOT ``GetStdDev``: 0 for a negative variance)."""
        m = self.moments()
        if m.sumw == 0:
            return 0.0
        mean = m.sx[axis] / m.sumw
        return float(np.sqrt(max(m.sxx[axis, axis] / m.sumw - mean * mean, 0.0)))

    def correlation(self, axis1: int = 0, axis2: int = 1) -> float:
        """Correlation factor of two axes (ROOT ``GetCorrelationFactor``)."""
        s1, s2 = self.std(axis1), self.std(axis2)
        return self.covariance(axis1, axis2) / (s1 * s2) if s1 > 0 and s2 > 0 else 0.0

    def mean_error(self, axis: int = 0) -> float:
        """Error of the mean: ``std / sqrt(effective entries)`` (ROOT ``GetMeanError``)."""
        neff = self.effective_entries
        return self.std(axis) / np.sqrt(neff) if neff > 0 else 0.0

    def std_error(self, axis: int = 0) -> float:
        """Error of the standard deviation: ``std / sqrt(2·effective entries)``."""
        neff = self.effective_entries
        return self.std(axis) / np.sqrt(2 * neff) if neff > 0 else 0.0

    def _central_moment(self, axis: int, order: int) -> float:
        win = self._window()
        w = np.asarray(self._sumw[win], dtype=np.float64)
        centres = np.meshgrid(*self._window_centres(), indexing="ij")[axis]
        total = float(w.sum())
        if total == 0:
            return 0.0
        return float((w * (centres - self.mean(axis)) ** order).sum() / total)

    def skewness(self, axis: int = 0) -> float:
        """Skewness from the bin centres (ROOT ``GetSkewness``)."""
        s = self.std(axis)
        return self._central_moment(axis, 3) / s**3 if s > 0 else 0.0

    def kurtosis(self, axis: int = 0) -> float:
        """Excess kurtosis from the bin centres (ROOT ``GetKurtosis``)."""
        s = self.std(axis)
        return self._central_moment(axis, 4) / s**4 - 3.0 if s > 0 else 0.0

    def integral(self, option: str = "") -> float:
        """Sum of the contents in the axis ranges; ``option="width"`` multiplies each by its
        bin width (area, or volume in 2-D/3-D)."""
        win = self._window()
        contents = np.asarray(self._sumw[win], dtype=np.float64)
        if "width" in option.lower():
            widths = [
                np.asarray(a.bin_width(np.arange(s.start, s.stop)), dtype=np.float64)
                for a, s in zip(self._axes, win, strict=True)
            ]
            volume = widths[0]
            for w in widths[1:]:
                volume = np.multiply.outer(volume, w)
            return float((contents * volume).sum())
        return float(contents.sum())

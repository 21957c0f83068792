"""Binned axis with ROOT's bin arithmetic and the UHI ``PlottableAxis`` protocol.

Bin numbers in the ROOT-style methods (:meth:`Axis.find_bin`, :meth:`Axis.bin_center`,
``first``/``last``) follow ROOT: 0 is the underflow, ``1..n`` the bins, ``n+1`` the overflow.
The UHI protocol (``axis[i]``, ``len(axis)``, iteration) uses numpy indexing ``0..n-1``.

Regular axes compute positions with ROOT's own formulas (``lo + (bin-1)·width``...), so bin
centres and bin lookups agree with ROOT to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError

__all__ = ["Axis", "Traits", "axes_from_arguments", "axes_from_edges"]


@dataclass(frozen=True)
class Traits:
    """UHI axis traits: rootfit axes are neither circular nor discrete."""

    circular: bool = False
    discrete: bool = False


#: Most bins one axis may have (ROOT's axes count bins in a 32-bit int).
MAX_BINS = 100_000_000


class Axis:
    """A binned axis: regular (``n, lo, hi``) or variable (``edges``).

    Parameters
    ----------
    bins : int, optional
        Number of bins of a regular axis.
    lo, hi : float, optional
        Range of a regular axis.
    edges : array_like, optional
        Strictly increasing bin edges of a variable axis (instead of ``bins, lo, hi``).
    label : str
        Axis title.
    """

    __slots__ = ("_edges", "_first", "_hi", "_lo", "_nbins", "_ranged", "_regular", "label")

    def __init__(
        self,
        bins: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
        *,
        edges: ArrayLike | None = None,
        label: str = "",
    ) -> None:
        self.label = label
        if edges is not None:
            if bins is not None or lo is not None or hi is not None:
                raise DataError("give either (bins, lo, hi) or edges=..., not both")
            try:
                e = as_floats(edges, "edges")
            except (TypeError, ValueError) as exc:
                raise DataError(f"edges must be numbers, got {edges!r}") from exc
            if e.ndim != 1 or e.size < 2:
                raise DataError(
                    f"edges must be a 1-D sequence of at least 2 values, got shape {e.shape}"
                )
            if not np.all(np.isfinite(e)):
                raise DataError(
                    f"edges must be finite numbers; bad edge at index {int(np.argmin(np.isfinite(e)))}"
                )
            if np.any(e[1:] <= e[:-1]):
                i = int(np.argmax(e[1:] <= e[:-1]))
                raise DataError(
                    f"edges must be strictly increasing; edges[{i}]={e[i]!r} >= edges[{i + 1}]={e[i + 1]!r}"
                )
            self._edges = e
            self._nbins = e.size - 1
            self._lo, self._hi = float(e[0]), float(e[-1])
            self._regular = False
        else:
            if bins is None or lo is None or hi is None:
                raise DataError("a regular axis needs bins, lo and hi (or use edges=...)")
            if (
                isinstance(bins, bool)
                or not isinstance(bins, int | float | np.integer | np.floating)
                or not np.isfinite(bins)
                or int(bins) != bins
                or bins < 1
            ):
                raise DataError(f"number of bins must be a positive integer, not {bins!r}")
            if bins > MAX_BINS:
                raise DataError(f"{int(bins)} bins is more than the {MAX_BINS} an axis can hold")
            try:
                lo, hi = float(lo), float(hi)
            except (TypeError, ValueError) as exc:
                raise DataError(f"axis range must be numbers, got ({lo!r}, {hi!r})") from exc
            if not (np.isfinite(lo) and np.isfinite(hi)):
                raise DataError(f"axis range must be finite, got ({lo}, {hi})")
            if not lo < hi:
                raise DataError(f"axis range must have lo < hi, got ({lo}, {hi})")
            self._nbins = int(bins)
            self._lo, self._hi = lo, hi
            width = (hi - lo) / self._nbins
            self._edges = np.asarray(lo + np.arange(self._nbins + 1) * width, dtype=np.float64)
            self._edges[-1] = hi
            self._regular = True
        self._first = (1, self._nbins)
        self._ranged = False

    # ------------------------------------------------------------------ properties
    @property
    def nbins(self) -> int:
        """Number of bins (without under/overflow)."""
        return self._nbins

    @property
    def regular(self) -> bool:
        """True for equal-width bins."""
        return self._regular

    @property
    def lo(self) -> float:
        """Low edge of the first bin."""
        return self._lo

    @property
    def hi(self) -> float:
        """Up edge of the last bin."""
        return self._hi

    @property
    def edges(self) -> NDArray[np.float64]:
        """Bin edges (``nbins + 1`` values, a copy)."""
        return self._edges.copy()

    @property
    def centers(self) -> NDArray[np.float64]:
        """Bin centres in numpy order (ROOT's formula for regular axes)."""
        return np.asarray(self.bin_center(np.arange(1, self._nbins + 1)), dtype=np.float64)

    @property
    def widths(self) -> NDArray[np.float64]:
        """Bin widths in numpy order."""
        return np.asarray(self.bin_width(np.arange(1, self._nbins + 1)), dtype=np.float64)

    @property
    def traits(self) -> Traits:
        """UHI traits."""
        return Traits()

    # ------------------------------------------------------------------ zoom (ROOT SetRange)
    @property
    def first(self) -> int:
        """First bin of the visible window (ROOT ``GetFirst``)."""
        return self._first[0]

    @property
    def last(self) -> int:
        """Last bin of the visible window (ROOT ``GetLast``)."""
        return self._first[1]

    @property
    def range_set(self) -> bool:
        """True once a range was selected with :meth:`set_range` — even the whole axis (ROOT's
        ``kAxisRange`` bit: statistics then come from the bins in the range)."""
        return self._ranged

    #: Alias of :attr:`range_set`.
    zoomed = range_set

    def set_range(self, first: int = 0, last: int = 0) -> None:
        """Select the bin window ``first..last`` (ROOT ``TAxis::SetRange``); a window reaching
        past the axis includes the under- or overflow bin (0 or n+1).

        ``set_range()`` or an empty window resets to all bins.
        """
        n = self._nbins
        if (
            last < first
            or (first < 0 and last < 0)
            or (first > n + 1 and last > n + 1)
            or (first == 0 and last == 0)
        ):
            self._first, self._ranged = (1, n), False
        else:
            self._first, self._ranged = (max(first, 0), min(last, n + 1)), True

    def sub_axis(self, first: int, last: int) -> Axis:
        """A new axis made of ROOT bins ``first..last`` (regular if this one is)."""
        if not 1 <= first <= last <= self._nbins:
            raise DataError(f"bins {first}..{last} are not inside an axis of {self._nbins} bins")
        if self._regular:
            lo, hi = float(self.bin_low_edge(first)), float(self.bin_up_edge(last))
            return Axis(last - first + 1, lo, hi, label=self.label)
        return Axis(edges=self._edges[first - 1 : last + 1], label=self.label)

    def set_range_user(self, lo: float, hi: float) -> None:
        """Select the bins covering ``[lo, hi]`` in axis units (ROOT ``SetRangeUser``)."""
        ifirst = int(self.find_bin(lo))
        ilast = int(self.find_bin(hi))
        if self.bin_up_edge(ifirst) <= lo:
            ifirst += 1
        if self.bin_low_edge(ilast) >= hi:
            ilast -= 1
        self.set_range(ifirst, ilast)

    # ------------------------------------------------------------------ ROOT bin arithmetic
    def find_bin(self, x: ArrayLike) -> NDArray[np.intp] | int:
        """ROOT bin number(s) of ``x`` (0 underflow, n+1 overflow; NaN goes to the overflow)."""
        xa = np.asarray(x, dtype=np.float64)
        n = self._nbins
        with np.errstate(invalid="ignore", over="ignore"):
            if self._regular:
                inside = (xa >= self._lo) & (xa < self._hi)
                raw = np.where(inside, n * (xa - self._lo) / (self._hi - self._lo), 0.0)
                bins = 1 + raw.astype(np.intp)
            else:
                bins = np.searchsorted(self._edges, xa, side="right").astype(np.intp)
                inside = (xa >= self._lo) & (xa < self._hi)
            result = np.where(xa < self._lo, 0, np.where(inside, bins, n + 1))
        if result.ndim == 0:
            return int(result)
        return result.astype(np.intp)

    def scalar_bin(self, x: float) -> int:
        """:meth:`find_bin` of one Python float, without numpy (the path of a single ``Fill``)."""
        if x < self._lo:
            return 0
        if x < self._hi:
            if self._regular:
                return 1 + int(self._nbins * (x - self._lo) / (self._hi - self._lo))
            return int(np.searchsorted(self._edges, x, side="right"))
        return self._nbins + 1  # also NaN

    def bin_low_edge(self, b: ArrayLike) -> NDArray[np.float64] | float:
        """Low edge of ROOT bin(s) ``b``."""
        ba = np.asarray(b)
        if self._regular:
            width = (self._hi - self._lo) / self._nbins
            out = self._lo + (ba - 1) * width
        else:
            out = self._edges[np.clip(ba - 1, 0, self._nbins)]
        return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=np.float64)

    def bin_up_edge(self, b: ArrayLike) -> NDArray[np.float64] | float:
        """Up edge of ROOT bin(s) ``b``."""
        ba = np.asarray(b)
        if self._regular:
            width = (self._hi - self._lo) / self._nbins
            out = self._lo + ba * width
        else:
            out = self._edges[np.clip(ba, 0, self._nbins)]
        return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=np.float64)

    def bin_center(self, b: ArrayLike) -> NDArray[np.float64] | float:
        """Centre of ROOT bin(s) ``b`` (flow bins: half an average bin width outside, as ROOT)."""
        ba = np.asarray(b)
        width = (self._hi - self._lo) / self._nbins
        out = self._lo + (ba - 1) * width + 0.5 * width
        if not self._regular:
            idx = np.clip(ba, 1, self._nbins)
            inner = 0.5 * (self._edges[idx - 1] + self._edges[idx])
            out = np.where((ba >= 1) & (ba <= self._nbins), inner, out)
        return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=np.float64)

    def bin_width(self, b: ArrayLike) -> NDArray[np.float64] | float:
        """Width of ROOT bin(s) ``b`` (flow bins: the average bin width, as ROOT)."""
        ba = np.asarray(b)
        out = np.broadcast_to((self._hi - self._lo) / self._nbins, ba.shape).copy()
        if not self._regular:
            idx = np.clip(ba, 1, self._nbins)
            inner = self._edges[idx] - self._edges[idx - 1]
            out = np.where((ba >= 1) & (ba <= self._nbins), inner, out)
        return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=np.float64)

    # ------------------------------------------------------------------ UHI protocol
    def __len__(self) -> int:
        return self._nbins

    def __getitem__(self, index: int) -> tuple[float, float]:
        if not -self._nbins <= index < self._nbins:
            raise IndexError(f"bin index {index} out of range for an axis of {self._nbins} bins")
        index %= self._nbins
        return float(self._edges[index]), float(self._edges[index + 1])

    def __iter__(self) -> Iterator[tuple[float, float]]:
        for i in range(self._nbins):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Axis):
            return NotImplemented
        return self._nbins == other._nbins and bool(np.array_equal(self._edges, other._edges))

    def __hash__(self) -> int:
        return hash((self._nbins, self._lo, self._hi))

    def copy(self) -> Axis:
        """Independent copy (including the zoom window)."""
        new = Axis.__new__(Axis)
        new._edges = self._edges.copy()
        new._nbins, new._lo, new._hi = self._nbins, self._lo, self._hi
        new._regular, new._first, new.label = self._regular, self._first, self.label
        new._ranged = self._ranged
        return new

    def __repr__(self) -> str:
        if self._regular:
            return f"Axis({self._nbins}, {self._lo!r}, {self._hi!r})"
        return f"Axis(edges={self._edges.tolist()!r})"


def axes_from_arguments(
    args: tuple[Any, ...], edges: ArrayLike | None, label: str
) -> tuple[Axis, ...]:
    """The axes of ``Histogram(*args, edges=..., label=...)``: ``(bins, lo, hi)``, ``edges=`` or
    one to three :class:`Axis` objects (copied)."""
    if args and all(isinstance(a, Axis) for a in args):
        if edges is not None:
            raise DataError("give axes or edges=, not both")
        if len(args) > 3:
            raise DataError(f"at most 3 axes are supported, got {len(args)}")
        return tuple(a.copy() for a in args)
    if edges is not None:
        if args:
            raise DataError("give either (bins, lo, hi) or edges=..., not both")
        return (Axis(edges=edges, label=label),)
    if len(args) == 3:
        return (Axis(args[0], args[1], args[2], label=label),)
    raise DataError(
        "a histogram needs (bins, lo, hi), edges=[...], or Axis objects for 2-D/3-D "
        f"(got {len(args)} positional argument(s))"
    )


def axes_from_edges(edges: Sequence[ArrayLike], shape: tuple[int, ...]) -> list[Axis]:
    """One axis per edge array for contents of ``shape`` (regular when the widths are equal)."""
    axes = []
    for d, e in enumerate(edges):
        ea = np.asarray(e, dtype=np.float64)
        if ea.ndim != 1 or ea.size != shape[d] + 1:
            raise DataError(f"axis {d}: {shape[d]} bins need {shape[d] + 1} edges, got {ea.size}")
        widths = np.diff(ea)
        regular = (
            bool(np.allclose(widths, widths[0], rtol=1e-12, atol=0.0)) if widths.size else False
        )
        axes.append(Axis(ea.size - 1, ea[0], ea[-1]) if regular else Axis(edges=ea))
    return axes

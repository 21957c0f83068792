"""Histograms in 1, 2 or 3 dimensions with ROOT's TH1/TH2/TH3 semantics and the UHI protocol.

Storage keeps the under- and overflow bins of every axis: with ``flow=True`` the index along an
axis *is* ROOT's bin number on that axis (0 underflow, 1..n, n+1 overflow); with ``flow=False``
(default, UHI and numpy convention) index 0 is the first real bin. ROOT's *global* bin number
``ix + (nx+2)·(iy + (ny+2)·iz)`` is available through :meth:`Histogram.global_bin`.

Errors follow ROOT's Sumw2 rules: when the per-bin sum of squared weights is stored (weights
other than 1 were filled, :meth:`Histogram.set_error` was called, or ``sumw2=True``), a bin's
error is ``sqrt(Σw²)``; otherwise it is ``sqrt(|content|)``.

Statistics (means, standard deviations, covariance) use the values given to
:meth:`Histogram.fill`, not bin centres, exactly like ROOT: entries outside the range of any axis
do not enter them. After contents are set directly, or when an axis window is selected, they are
recomputed from the bins in the window. Skewness and kurtosis always use bin centres (as ROOT).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.fittable import Fittable

__all__ = ["Histogram", "Moments"]


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


def _axes_from(args: tuple[Any, ...], edges: ArrayLike | None, label: str) -> tuple[Axis, ...]:
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


class Histogram(Fittable):
    """A histogram (TH1D/TH2D/TH3D-like).

    Parameters
    ----------
    *args
        ``bins, lo, hi`` for a regular 1-D histogram, or one to three :class:`Axis` objects.
    bins, lo, hi : optional
        The same as keywords.
    edges : array_like, optional
        Bin edges of a variable-width 1-D histogram.
    name, title : str
        ROOT-style name and title.
    label : str
        Title of the x axis (1-D shortcut forms).
    sumw2 : bool
        Store the sum of squared weights from the start (ROOT ``Sumw2()``).
    keep_values : bool
        Also keep every filled value and weight (ROOT's buffer), e.g. for an unbinned fit of
        the same data later (:attr:`buffer`).

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> h = rf.Histogram(100, -5, 5)
    >>> h.fill(np.random.default_rng(1).normal(size=1000))
    >>> h.entries
    1000.0
    >>> h2 = rf.Histogram(rf.Axis(10, 0, 1), rf.Axis(20, -1, 1))
    >>> h2.fill([0.5, 0.7], [0.1, -0.3])
    >>> h2.values().shape
    (10, 20)
    """

    def __init__(
        self,
        *args: Any,
        bins: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
        edges: ArrayLike | None = None,
        name: str = "",
        title: str = "",
        label: str = "",
        sumw2: bool = False,
        keep_values: bool = False,
    ) -> None:
        if bins is not None or lo is not None or hi is not None:
            args = (bins, lo, hi)
        self._axes: tuple[Axis, ...] = _axes_from(args, edges, label)
        self.name = name
        self.title = title
        shape = tuple(a.nbins + 2 for a in self._axes)
        self._sumw = np.zeros(shape)
        self._sumw2: NDArray[np.float64] | None = np.zeros(shape) if sumw2 else None
        self._entries = 0.0
        self._moments: Moments | None = Moments.zero(self.ndim)
        self._buffer: list[tuple[NDArray[np.float64], NDArray[np.float64]]] | None = (
            [] if keep_values else None
        )
        #: Functions attached by fits (ROOT's list of functions), newest last.
        self.functions: list[Any] = []

    # ------------------------------------------------------------------ construction helpers
    @classmethod
    def from_counts(
        cls,
        counts: ArrayLike,
        edges: ArrayLike,
        *,
        variances: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> Histogram:
        """Build a 1-D histogram from bin contents and edges (e.g. ``numpy.histogram`` output).

        The number of entries is set to the sum of the contents (change it with
        :attr:`entries`); statistics are computed from the bin centres.
        """
        c = np.asarray(counts, dtype=np.float64)
        e = np.asarray(edges, dtype=np.float64)
        if c.ndim != 1 or e.ndim != 1 or c.size + 1 != e.size:
            raise DataError(
                f"counts and edges do not match: {c.size} counts need {c.size + 1} edges, got {e.size}"
            )
        return cls.from_numpy(c, e, variances=variances, name=name, title=title)

    @classmethod
    def from_numpy(
        cls,
        counts: ArrayLike,
        *edges: ArrayLike,
        variances: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> Histogram:
        """Build from ``numpy.histogram``/``histogram2d``/``histogramdd`` output.

        ``Histogram.from_numpy(*np.histogram(x, 50))``, ``from_numpy(*np.histogram2d(x, y))`` or
        ``from_numpy(counts, edges_list)`` with the list ``histogramdd`` returns.
        """
        if len(edges) == 1 and isinstance(edges[0], list | tuple) and np.ndim(edges[0][0]) == 1:
            edges = tuple(edges[0])
        c = np.asarray(counts, dtype=np.float64)
        if c.ndim != len(edges):
            raise DataError(
                f"counts have {c.ndim} dimension(s) but {len(edges)} edge array(s) were given"
            )
        axes = []
        for d, e in enumerate(edges):
            ea = np.asarray(e, dtype=np.float64)
            if ea.ndim != 1 or ea.size != c.shape[d] + 1:
                raise DataError(
                    f"axis {d}: {c.shape[d]} bins need {c.shape[d] + 1} edges, got {ea.size}"
                )
            widths = np.diff(ea)
            regular = (
                bool(np.allclose(widths, widths[0], rtol=1e-12, atol=0.0)) if widths.size else False
            )
            axes.append(Axis(ea.size - 1, ea[0], ea[-1]) if regular else Axis(edges=ea))
        h = cls(*axes, name=name, title=title)
        h.set_values(c, variances=variances)
        h._entries = float(np.sum(c))
        return h

    @classmethod
    def from_storage(
        cls,
        axes: Axis | Sequence[Axis],
        sumw: ArrayLike,
        sumw2: ArrayLike | None = None,
        *,
        entries: float,
        statistics: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> Histogram:
        """Rebuild a histogram from its stored state (used by file readers and converters).

        Parameters
        ----------
        axes : Axis or sequence of Axis
            The axes.
        sumw, sumw2 : array_like
            Per-bin Σw and Σw² *including* under- and overflow (shape ``(n1+2, n2+2, ...)``);
            ``sumw2=None`` means Σw² is not stored.
        entries : float
            Number of entries.
        statistics : array_like, optional
            ROOT's ``GetStats`` array (see :meth:`Moments.root_layout`); None derives the
            statistics from the bins.
        """
        axes = (axes,) if isinstance(axes, Axis) else tuple(axes)
        h = cls(*axes, name=name, title=title)
        w = np.asarray(sumw, dtype=np.float64)
        if w.shape != h._sumw.shape:
            raise DataError(
                f"sumw must have shape {h._sumw.shape} (flow bins included), got {w.shape}"
            )
        h._sumw = w.copy()
        if sumw2 is not None:
            w2 = np.asarray(sumw2, dtype=np.float64)
            if w2.shape != w.shape:
                raise DataError(f"sumw2 shape {w2.shape} does not match sumw shape {w.shape}")
            h._sumw2 = w2.copy()
        h._entries = float(entries)
        h._moments = None if statistics is None else Moments.from_root_layout(statistics, h.ndim)
        return h

    # ------------------------------------------------------------------ UHI protocol
    @property
    def axes(self) -> tuple[Axis, ...]:
        """The axes."""
        return self._axes

    @property
    def axis(self) -> Axis:
        """The x axis."""
        return self._axes[0]

    @property
    def ndim(self) -> int:
        """Number of dimensions."""
        return len(self._axes)

    @property
    def kind(self) -> Literal["COUNT"]:
        """UHI kind: a histogram of (weighted) counts."""
        return "COUNT"

    def values(self, flow: bool = False) -> NDArray[np.float64]:
        """Bin contents (a read-only view); ``flow=True`` includes under/overflow."""
        return self._view(self._sumw, flow)

    def variances(self, flow: bool = False) -> NDArray[np.float64]:
        """Per-bin variance: Σw² if stored, else ``|content|``."""
        var = self._sumw2 if self._sumw2 is not None else np.abs(self._sumw)
        return self._view(var, flow)

    def counts(self, flow: bool = False) -> NDArray[np.float64]:
        """Effective number of entries per bin (``sumw²/sumw2``; the contents when unweighted)."""
        if self._sumw2 is None:
            return self.values(flow)
        with np.errstate(divide="ignore", invalid="ignore"):
            eff = np.where(self._sumw2 > 0, self._sumw**2 / self._sumw2, 0.0)
        return self._view(eff, flow)

    def errors(self, flow: bool = False) -> NDArray[np.float64]:
        """Bin errors (``sqrt`` of :meth:`variances`)."""
        return np.sqrt(self.variances(flow))

    def _view(self, array: NDArray[np.float64], flow: bool) -> NDArray[np.float64]:
        view = array if flow else array[(slice(1, -1),) * self.ndim]
        view = view.view()
        view.flags.writeable = False
        return view

    # ------------------------------------------------------------------ filling
    def fill(self, *coordinates: ArrayLike, weights: ArrayLike | None = None) -> None:
        """Fill values, optionally weighted (vectorised ``TH1::Fill``, ``TH2::Fill``...).

        Parameters
        ----------
        *coordinates : array_like
            One array per axis (scalars fill one entry). ROOT's positional form
            ``fill(x, w)`` / ``fill(x, y, w)`` is accepted too. NaN goes to the overflow bin,
            as in ROOT.
        weights : array_like or float, optional
            Per-entry weights (or one weight for all). A weight other than 1 switches on the
            storage of Σw² (ROOT's automatic ``Sumw2``).
        """
        if weights is None and len(coordinates) == self.ndim + 1:
            *coordinates, weights = coordinates  # type: ignore[assignment]
        if len(coordinates) != self.ndim:
            raise DataError(
                f"a {self.ndim}-D histogram is filled with {self.ndim} coordinate array(s), got {len(coordinates)}"
            )
        arrays = [np.atleast_1d(np.asarray(c, dtype=np.float64)) for c in coordinates]
        if any(a.ndim != 1 for a in arrays):
            raise DataError("fill coordinates must be 1-D arrays or scalars")
        if len({a.size for a in arrays}) != 1:
            raise DataError(f"coordinate arrays differ in length: {[a.size for a in arrays]}")
        n = arrays[0].size
        if weights is None:
            w = np.ones(n)
        else:
            wa = np.asarray(weights, dtype=np.float64)
            if wa.ndim > 0 and wa.shape != (n,):
                raise DataError(f"weights length {wa.size} does not match values length {n}")
            w = np.broadcast_to(wa, (n,)).astype(np.float64)
            if np.any(np.isnan(w)):
                raise DataError("weights contain NaN")
            if self._sumw2 is None and np.any(w != 1.0):
                self.enable_sumw2(True)
        bins = [axis.find_bin(a) for axis, a in zip(self._axes, arrays, strict=True)]
        flat = np.ravel_multi_index(tuple(np.asarray(b) for b in bins), self._sumw.shape)
        self._sumw += np.bincount(flat, weights=w, minlength=self._sumw.size).reshape(
            self._sumw.shape
        )
        if self._sumw2 is not None:
            self._sumw2 += np.bincount(flat, weights=w * w, minlength=self._sumw.size).reshape(
                self._sumw.shape
            )
        self._entries += n
        if self._buffer is not None:
            self._buffer.append((np.column_stack(arrays), w.copy()))
        if self._moments is not None:
            inside = np.ones(n, dtype=bool)
            for b, axis in zip(bins, self._axes, strict=True):
                inside &= (np.asarray(b) >= 1) & (np.asarray(b) <= axis.nbins)
            X = np.column_stack(arrays)[inside]
            wi = w[inside]
            m = self._moments
            m.sumw += float(wi.sum())
            m.sumw2 += float((wi * wi).sum())
            m.sx += wi @ X
            m.sxx += (X * wi[:, None]).T @ X

    @property
    def buffer(self) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
        """Every filled point ``(coordinates (n, ndim), weights)`` when ``keep_values=True``."""
        if self._buffer is None:
            return None
        if not self._buffer:
            return np.empty((0, self.ndim)), np.empty(0)
        return (
            np.concatenate([c for c, _ in self._buffer]),
            np.concatenate([w for _, w in self._buffer]),
        )

    # ------------------------------------------------------------------ direct access
    def _index(self, index: int | Sequence[int], flow: bool) -> tuple[int, ...]:
        idx: tuple[int, ...] = (int(index),) if isinstance(index, int | np.integer) else tuple(index)
        if len(idx) != self.ndim:
            raise IndexError(f"a {self.ndim}-D histogram needs {self.ndim} indices, got {len(idx)}")
        out = []
        for i, axis in zip(idx, self._axes, strict=True):
            b = int(i) if flow else int(i) + 1
            lo, hi = (0, axis.nbins + 1) if flow else (1, axis.nbins)
            if not lo <= b <= hi:
                raise IndexError(
                    f"bin {i} out of range (flow={flow}) for an axis of {axis.nbins} bins"
                )
            out.append(b)
        return tuple(out)

    def global_bin(self, ix: int, iy: int = 0, iz: int = 0) -> int:
        """ROOT's global bin number of the ROOT bin numbers ``(ix, iy, iz)``."""
        idx = (ix, iy, iz)[: self.ndim]
        return int(np.ravel_multi_index(idx, self._sumw.shape, order="F"))

    def bin_indices(self, global_bin: int) -> tuple[int, ...]:
        """ROOT bin numbers per axis of a global bin number."""
        return tuple(int(i) for i in np.unravel_index(int(global_bin), self._sumw.shape, order="F"))

    def find_bin(self, *coordinates: float) -> tuple[int, ...]:
        """ROOT bin numbers per axis of a point."""
        return tuple(int(a.find_bin(c)) for a, c in zip(self._axes, coordinates, strict=True))

    def set_value(self, index: int | Sequence[int], value: float, *, flow: bool = False) -> None:
        """Set one bin content (ROOT ``SetBinContent``: entries + 1, statistics from bins).

        ``index`` is an int (1-D) or a tuple; ``flow=True`` makes it ROOT bin numbers.
        """
        self._sumw[self._index(index, flow)] = float(value)
        self._entries += 1
        self._moments = None

    def set_error(self, index: int | Sequence[int], error: float, *, flow: bool = False) -> None:
        """Set one bin error (ROOT ``SetBinError``; switches on Σw² storage)."""
        b = self._index(index, flow)
        if self._sumw2 is None:
            self.enable_sumw2(True)
        assert self._sumw2 is not None
        self._sumw2[b] = float(error) ** 2
        self._moments = None

    def set_values(self, values: ArrayLike, *, variances: ArrayLike | None = None) -> None:
        """Replace all bin contents (numpy order, no flow bins), optionally with variances."""
        v = np.asarray(values, dtype=np.float64)
        inner = tuple(a.nbins for a in self._axes)
        if v.shape != inner:
            raise DataError(f"expected values of shape {inner}, got {v.shape}")
        core = (slice(1, -1),) * self.ndim
        self._sumw[core] = v
        if variances is not None:
            var = np.asarray(variances, dtype=np.float64)
            if var.shape != v.shape:
                raise DataError(
                    f"variances shape {var.shape} does not match values shape {v.shape}"
                )
            if np.any(var < 0):
                raise DataError("variances must be >= 0")
            if self._sumw2 is None:
                self._sumw2 = np.zeros_like(self._sumw)
            self._sumw2[core] = var
        elif self._sumw2 is not None:
            self._sumw2[core] = np.abs(v)
        self._moments = None

    def enable_sumw2(self, on: bool = True) -> None:
        """Store (or drop) the per-bin Σw² (ROOT ``Sumw2(on)``)."""
        if on and self._sumw2 is None:
            self._sumw2 = np.abs(self._sumw)
        elif not on:
            self._sumw2 = None

    @property
    def has_sumw2(self) -> bool:
        """True if Σw² is stored per bin."""
        return self._sumw2 is not None

    # ------------------------------------------------------------------ statistics
    @property
    def entries(self) -> float:
        """Number of entries (fill calls plus directly set bins, as ROOT counts them)."""
        return self._entries

    @entries.setter
    def entries(self, value: float) -> None:
        self._entries = float(value)

    def _window(self) -> tuple[slice, ...]:
        """Slices of the visible bins (axis zoom, flow excluded) into the flow-included arrays."""
        return tuple(slice(max(a.first, 1), min(a.last, a.nbins) + 1) for a in self._axes)

    def _window_centres(self) -> list[NDArray[np.float64]]:
        return [
            np.asarray(a.bin_center(np.arange(s.start, s.stop)), dtype=np.float64)
            for a, s in zip(self._axes, self._window(), strict=True)
        ]

    def moments(self) -> Moments:
        """The sums behind the statistics (from the fill, or from the bins in the window)."""
        if self._moments is not None and not any(a.zoomed for a in self._axes):
            return self._moments.copy()
        win = self._window()
        w = self._sumw[win]
        var = self.variances(flow=True)[win]
        grids = np.meshgrid(*self._window_centres(), indexing="ij")
        m = Moments.zero(self.ndim)
        m.sumw, m.sumw2 = float(w.sum()), float(var.sum())
        for d in range(self.ndim):
            m.sx[d] = float((w * grids[d]).sum())
            for e in range(self.ndim):
                m.sxx[d, e] = float((w * grids[d] * grids[e]).sum())
        return m

    def statistics(self) -> NDArray[np.float64]:
        """ROOT's ``GetStats`` array in the axis window (see :meth:`Moments.root_layout`)."""
        return self.moments().root_layout()

    @property
    def sum_of_weights(self) -> float:
        """Σw of the entries in the axis window."""
        return self.moments().sumw

    @property
    def effective_entries(self) -> float:
        """``(Σw)² / Σw²`` (ROOT ``GetEffectiveEntries``)."""
        m = self.moments()
        return float(m.sumw**2 / m.sumw2) if m.sumw2 > 0 else 0.0

    def mean(self, axis: int = 0) -> float:
        """Mean along an axis (0 = x) of the filled values (ROOT ``GetMean``)."""
        m = self.moments()
        return float(m.sx[axis] / m.sumw) if m.sumw != 0 else 0.0

    def covariance(self, axis1: int = 0, axis2: int = 1) -> float:
        """Covariance of two axes (ROOT ``GetCovariance``); the variance when equal."""
        m = self.moments()
        if m.sumw == 0:
            return 0.0
        return float(m.sxx[axis1, axis2] / m.sumw - (m.sx[axis1] / m.sumw) * (m.sx[axis2] / m.sumw))

    def std(self, axis: int = 0) -> float:
        """Standard deviation along an axis (ROOT ``GetStdDev``, also called RMS)."""
        return float(np.sqrt(abs(self.covariance(axis, axis))))

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
        w = self._sumw[win]
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
        """Sum of the contents in the axis window; ``option="width"`` multiplies each by its
        bin width (area, or volume in 2-D/3-D)."""
        win = self._window()
        contents = self._sumw[win]
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

    # ------------------------------------------------------------------ misc
    def copy(self) -> Histogram:
        """Deep copy (contents, errors, statistics, zoom; attached functions are not copied)."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        new._axes = tuple(a.copy() for a in self._axes)
        new._sumw = self._sumw.copy()
        new._sumw2 = None if self._sumw2 is None else self._sumw2.copy()
        new._moments = None if self._moments is None else self._moments.copy()
        new._buffer = None if self._buffer is None else list(self._buffer)
        new.functions = []
        return new

    def reset(self) -> None:
        """Empty the histogram (contents, errors, entries, statistics, buffer, functions)."""
        self._sumw[...] = 0.0
        if self._sumw2 is not None:
            self._sumw2[...] = 0.0
        self._entries = 0.0
        self._moments = Moments.zero(self.ndim)
        if self._buffer is not None:
            self._buffer.clear()
        self.functions.clear()

    def same_binning(self, other: Histogram) -> bool:
        """True if both histograms have the same axes (edges)."""
        return self.ndim == other.ndim and all(
            a == b for a, b in zip(self._axes, other._axes, strict=True)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Histogram):
            return NotImplemented
        return (
            self.same_binning(other)
            and np.array_equal(self._sumw, other._sumw)
            and np.array_equal(self.variances(flow=True), other.variances(flow=True))
            and self._entries == other._entries
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        name = f"name={self.name!r}, " if self.name else ""
        axes = ", ".join(repr(a) for a in self._axes)
        return f"Histogram({name}{axes}, entries={self._entries:g})"

"""One-dimensional histogram with ROOT's TH1 semantics and the UHI plottable protocol.

Storage keeps the under- and overflow bins: with ``flow=True`` the array index *is* the ROOT
bin number (0 underflow, 1..n, n+1 overflow); with ``flow=False`` (default, UHI and numpy
convention) index 0 is the first real bin.

Errors follow ROOT's Sumw2 rules: when the per-bin sum of squared weights is stored (weights
other than 1 were filled, :meth:`Histogram.set_error` was called, or ``sumw2=True``), a bin's
error is ``sqrt(Σw²)``; otherwise it is ``sqrt(|content|)``.

Statistics (mean, standard deviation) use the values given to :meth:`Histogram.fill`, not bin
centres, exactly like ROOT; after contents are set directly, or when an axis window is selected,
they are recomputed from the bins in the window.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.fittable import Fittable

__all__ = ["Histogram"]


class Histogram(Fittable):
    """A 1-D histogram (TH1D-like).

    Parameters
    ----------
    bins : int, optional
        Number of equal-width bins.
    lo, hi : float, optional
        Axis range for equal-width bins.
    edges : array_like, optional
        Bin edges for variable-width bins (instead of ``bins, lo, hi``).
    name, title : str
        ROOT-style name and title.
    label : str
        Title of the x axis.
    sumw2 : bool
        Store the sum of squared weights from the start (ROOT ``Sumw2()``).

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> h = rf.Histogram(100, -5, 5)
    >>> h.fill(np.random.default_rng(1).normal(size=1000))
    >>> h.entries
    1000.0
    """

    def __init__(
        self,
        bins: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
        *,
        edges: ArrayLike | None = None,
        name: str = "",
        title: str = "",
        label: str = "",
        sumw2: bool = False,
    ) -> None:
        axis = Axis(bins, lo, hi, edges=edges, label=label)
        self.name = name
        self.title = title
        self._axes: tuple[Axis, ...] = (axis,)
        n = axis.nbins + 2
        self._sumw = np.zeros(n)
        self._sumw2: NDArray[np.float64] | None = np.zeros(n) if sumw2 else None
        self._entries = 0.0
        # fill-time statistics: sum w, sum w², sum w·x, sum w·x²; None = derive from bins
        self._stats: NDArray[np.float64] | None = np.zeros(4)
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
        """Build a histogram from bin contents and edges (e.g. ``numpy.histogram`` output).

        Parameters
        ----------
        counts : array_like
            Contents of the ``n`` bins (no flow bins).
        edges : array_like
            ``n + 1`` bin edges.
        variances : array_like, optional
            Per-bin sum of squared weights; if omitted the errors are ``sqrt(|content|)``.
        name, title : str
            ROOT-style name and title.

        Notes
        -----
        The number of entries is set to the sum of the contents (change it with
        :attr:`entries`); statistics are computed from the bin centres.
        """
        e = np.asarray(edges, dtype=np.float64)
        c = np.asarray(counts, dtype=np.float64)
        if c.ndim != 1 or e.ndim != 1 or c.size + 1 != e.size:
            raise DataError(
                f"counts and edges do not match: {c.size} counts need {c.size + 1} edges, got {e.size}"
            )
        widths = np.diff(e)
        regular = e.size > 1 and bool(np.allclose(widths, widths[0], rtol=1e-12, atol=0.0))
        h = (
            cls(c.size, e[0], e[-1], name=name, title=title)
            if regular
            else cls(edges=e, name=name, title=title)
        )
        h.set_values(c, variances=variances)
        h._entries = float(np.sum(c))
        return h

    @classmethod
    def from_storage(
        cls,
        axis: Axis,
        sumw: ArrayLike,
        sumw2: ArrayLike | None = None,
        *,
        entries: float,
        statistics: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> Histogram:
        """Rebuild a histogram from its stored state (used by file readers).

        Parameters
        ----------
        axis : Axis
            The x axis.
        sumw, sumw2 : array_like
            Per-bin Σw and Σw² *including* under- and overflow (``nbins + 2`` values);
            ``sumw2=None`` means Σw² is not stored.
        entries : float
            Number of entries.
        statistics : array_like, optional
            ``[Σw, Σw², Σw·x, Σw·x²]`` of the filled values; None derives them from the bins.
        name, title : str
            ROOT-style name and title.
        """
        h = cls.__new__(cls)
        Histogram.__init__(h, edges=axis.edges, name=name, title=title, label=axis.label)
        h._axes = (axis.copy(),)
        w = np.asarray(sumw, dtype=np.float64)
        if w.shape != (axis.nbins + 2,):
            raise DataError(f"sumw must have nbins + 2 = {axis.nbins + 2} values, got {w.shape}")
        h._sumw = w.copy()
        if sumw2 is not None:
            w2 = np.asarray(sumw2, dtype=np.float64)
            if w2.shape != w.shape:
                raise DataError(f"sumw2 shape {w2.shape} does not match sumw shape {w.shape}")
            h._sumw2 = w2.copy()
        h._entries = float(entries)
        h._stats = None if statistics is None else np.asarray(statistics, dtype=np.float64).copy()
        return h

    # ------------------------------------------------------------------ UHI protocol
    @property
    def axes(self) -> tuple[Axis, ...]:
        """The axes (one for a 1-D histogram)."""
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

    @staticmethod
    def _view(array: NDArray[np.float64], flow: bool) -> NDArray[np.float64]:
        view = array if flow else array[1:-1]
        view = view.view()
        view.flags.writeable = False
        return view

    # ------------------------------------------------------------------ filling
    def fill(self, values: ArrayLike, weights: ArrayLike | None = None) -> None:
        """Fill values, optionally weighted (vectorised ``TH1::Fill``).

        Parameters
        ----------
        values : array_like
            Values to fill; a scalar fills one entry. NaN goes to the overflow bin, as in ROOT.
        weights : array_like or float, optional
            Per-value weights (or one weight for all). A weight other than 1 switches on the
            storage of Σw² (ROOT's automatic ``Sumw2``).
        """
        x = np.atleast_1d(np.asarray(values, dtype=np.float64))
        if x.ndim != 1:
            raise DataError(f"fill values must be 1-D for a 1-D histogram, got shape {x.shape}")
        if weights is None:
            w = np.ones_like(x)
        else:
            wa = np.asarray(weights, dtype=np.float64)
            if wa.ndim > 0 and wa.shape != x.shape:
                raise DataError(f"weights length {wa.size} does not match values length {x.size}")
            w = np.broadcast_to(wa, x.shape)
            if np.any(np.isnan(w)):
                raise DataError("weights contain NaN")
            if self._sumw2 is None and np.any(w != 1.0):
                self.enable_sumw2(True)
        bins = self.axis.find_bin(x)
        n = self._sumw.size
        self._sumw += np.bincount(bins, weights=w, minlength=n)
        if self._sumw2 is not None:
            self._sumw2 += np.bincount(bins, weights=w * w, minlength=n)
        self._entries += x.size
        if self._stats is not None:
            inside = (bins >= 1) & (bins <= self.axis.nbins)
            xi, wi = x[inside], w[inside]
            self._stats += (wi.sum(), (wi * wi).sum(), (wi * xi).sum(), (wi * xi * xi).sum())

    # ------------------------------------------------------------------ direct access
    def set_value(self, index: int, value: float, *, flow: bool = False) -> None:
        """Set one bin content (ROOT ``SetBinContent``: entries + 1, statistics from bins).

        ``flow=True`` makes ``index`` the ROOT bin number (0 = underflow).
        """
        b = self._bin_index(index, flow)
        self._sumw[b] = float(value)
        self._entries += 1
        self._stats = None

    def set_error(self, index: int, error: float, *, flow: bool = False) -> None:
        """Set one bin error (ROOT ``SetBinError``; switches on Σw² storage)."""
        b = self._bin_index(index, flow)
        if self._sumw2 is None:
            self.enable_sumw2(True)
        assert self._sumw2 is not None
        self._sumw2[b] = float(error) ** 2
        self._stats = None

    def set_values(self, values: ArrayLike, *, variances: ArrayLike | None = None) -> None:
        """Replace all bin contents (numpy order, no flow bins), optionally with variances."""
        v = np.asarray(values, dtype=np.float64)
        if v.shape != (self.axis.nbins,):
            raise DataError(f"expected {self.axis.nbins} values, got shape {v.shape}")
        self._sumw[1:-1] = v
        if variances is not None:
            var = np.asarray(variances, dtype=np.float64)
            if var.shape != v.shape:
                raise DataError(
                    f"variances shape {var.shape} does not match values shape {v.shape}"
                )
            if np.any(var < 0):
                raise DataError(
                    f"variances must be >= 0; bin {int(np.argmax(var < 0))} is {var[var < 0][0]}"
                )
            if self._sumw2 is None:
                self._sumw2 = np.zeros_like(self._sumw)
            self._sumw2[1:-1] = var
        elif self._sumw2 is not None:
            self._sumw2[1:-1] = np.abs(v)
        self._stats = None

    def _bin_index(self, index: int, flow: bool) -> int:
        n = self.axis.nbins
        b = int(index) if flow else int(index) + 1
        if not 0 <= b <= n + 1 or (not flow and not 1 <= b <= n):
            raise IndexError(f"bin {index} out of range (flow={flow}) for {n} bins")
        return b

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

    def statistics(self) -> NDArray[np.float64]:
        """ROOT's ``GetStats``: ``[Σw, Σw², Σw·x, Σw·x²]`` in the axis window."""
        if self._stats is not None and not self.axis.zoomed:
            return self._stats.copy()
        first, last = self.axis.first, self.axis.last
        bins = np.arange(max(first, 1), min(last, self.axis.nbins) + 1)
        w = self._sumw[bins]
        x = np.asarray(self.axis.bin_center(bins))
        var = self.variances(flow=True)[bins]
        return np.array([w.sum(), var.sum(), (w * x).sum(), (w * x * x).sum()])

    @property
    def sum_of_weights(self) -> float:
        """Σw of the entries in the axis window."""
        return float(self.statistics()[0])

    @property
    def effective_entries(self) -> float:
        """``(Σw)² / Σw²`` (ROOT ``GetEffectiveEntries``)."""
        s = self.statistics()
        return float(s[0] ** 2 / s[1]) if s[1] > 0 else 0.0

    def mean(self) -> float:
        """Mean of the filled values (ROOT ``GetMean``)."""
        s = self.statistics()
        return float(s[2] / s[0]) if s[0] != 0 else 0.0

    def std(self) -> float:
        """Standard deviation (ROOT ``GetStdDev``, also called RMS)."""
        s = self.statistics()
        if s[0] == 0:
            return 0.0
        m = s[2] / s[0]
        return float(np.sqrt(abs(s[3] / s[0] - m * m)))

    def integral(self) -> float:
        """Sum of the bin contents in the axis window."""
        first, last = self.axis.first, self.axis.last
        return float(self._sumw[first : last + 1].sum())

    # ------------------------------------------------------------------ misc
    def copy(self) -> Histogram:
        """Deep copy (contents, errors, statistics, zoom; attached functions are not copied)."""
        new = Histogram.__new__(Histogram)
        new.name, new.title = self.name, self.title
        new._axes = tuple(a.copy() for a in self._axes)
        new._sumw = self._sumw.copy()
        new._sumw2 = None if self._sumw2 is None else self._sumw2.copy()
        new._entries = self._entries
        new._stats = None if self._stats is None else self._stats.copy()
        new.functions = []
        return new

    def reset(self) -> None:
        """Empty the histogram (contents, errors, entries, statistics, functions)."""
        self._sumw[:] = 0.0
        if self._sumw2 is not None:
            self._sumw2[:] = 0.0
        self._entries = 0.0
        self._stats = np.zeros(4)
        self.functions.clear()

    def __repr__(self) -> str:
        name = f"name={self.name!r}, " if self.name else ""
        return f"Histogram({name}{self.axis!r}, entries={self._entries:g})"

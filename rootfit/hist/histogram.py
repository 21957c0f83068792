"""Histograms in 1, 2 or 3 dimensions with ROOT's TH1/TH2/TH3 semantics and the UHI protocol.

Storage keeps the under- and overflow bins of every axis: with ``flow=True`` the index along an
axis *is* ROOT's bin number on that axis (0 underflow, 1..n, n+1 overflow); with ``flow=False``
(default, UHI and numpy convention) index 0 is the first real bin. ROOT's *global* bin number
``ix + (nx+2)·(iy + (ny+2)·iz)`` is available through :meth:`Histogram.global_bin`.

Errors follow ROOT's Sumw2 rules: when the per-bin sum of squared weights is stored (weights
other than 1 were filled, :meth:`Histogram.set_error` was called, or ``sumw2=True``), a bin's
error is ``sqrt(Σw²)``; otherwise it is ``sqrt(|content|)``.

Contents are stored in ROOT's storage types (:mod:`rootfit.hist.storage`: double by default,
float, or 8/16/32/64-bit integers with ROOT's truncation and saturation); Σw² and the
statistics are double. Statistics (means, standard deviations, covariance) use the values given
to :meth:`Histogram.fill`, not bin centres, exactly like ROOT, and are computed from the bins
when ROOT does so (:mod:`rootfit.hist.statistics`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError
from rootfit.hist.arithmetic import Arithmetic
from rootfit.hist.axis import Axis, axes_from_arguments, axes_from_edges
from rootfit.hist.fill import fill, fill_entry
from rootfit.hist.fittable import Fittable, SliceFittable
from rootfit.hist.statistics import Moments, Statistics
from rootfit.hist.storage import Storage, storage_of

__all__ = ["Histogram", "Moments"]


#: Most cells (bins including flow bins, all axes) a histogram may allocate.
MAX_CELLS = 500_000_000


class Histogram(Statistics, Arithmetic, Fittable, SliceFittable):
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
    storage : {"double", "float", "long", "int", "short", "char"} or numpy dtype
        Type of the bin contents (ROOT's TH1D, TH1F, TH1L, TH1I, TH1S, TH1C); Σw² and the
        statistics are always double.
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
        storage: str | Storage | Any = "double",
        keep_values: bool = False,
    ) -> None:
        if bins is not None or lo is not None or hi is not None:
            args = (bins, lo, hi)
        self._axes: tuple[Axis, ...] = axes_from_arguments(args, edges, label)
        self.name = name
        self.title = title
        #: Title of the contents' axis (a 1-D histogram's y, a 2-D's z: ``"Events / 0.05"``).
        self.value_label = ""
        shape = tuple(a.nbins + 2 for a in self._axes)
        cells = int(np.prod([float(n) for n in shape]))
        if cells > MAX_CELLS:
            raise DataError(
                f"a histogram of {' x '.join(str(a.nbins) for a in self._axes)} bins has {cells:,} "
                f"cells (flow included), more than the {MAX_CELLS:,} rootfit allocates"
            )
        self._storage = storage_of(storage)
        self._sumw: NDArray[Any] = self._storage.zeros(shape)
        self._sumw2: NDArray[np.float64] | None = np.zeros(shape) if sumw2 else None
        self._entries = 0.0
        self._moments = Moments.zero(self.ndim)
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
        c = as_floats(counts, "counts")
        e = as_floats(edges, "edges")
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
        c = as_floats(counts, "counts")
        if c.ndim != len(edges):
            raise DataError(
                f"counts have {c.ndim} dimension(s) but {len(edges)} edge array(s) were given"
            )
        h = cls(*axes_from_edges(edges, c.shape), name=name, title=title)
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
        storage: str | Storage | Any = "double",
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
        storage : str, optional
            Storage type of the contents (the values are converted to it).
        """
        axes = (axes,) if isinstance(axes, Axis) else tuple(axes)
        h = cls(*axes, name=name, title=title, storage=storage)
        w = np.asarray(sumw, dtype=np.float64)
        if w.shape != h._sumw.shape:
            raise DataError(
                f"sumw must have shape {h._sumw.shape} (flow bins included), got {w.shape}"
            )
        h._sumw = h._storage.cast(w)
        if sumw2 is not None:
            w2 = np.asarray(sumw2, dtype=np.float64)
            if w2.shape != w.shape:
                raise DataError(f"sumw2 shape {w2.shape} does not match sumw shape {w.shape}")
            h._sumw2 = w2.copy()
        h._entries = float(entries)
        if statistics is not None:
            h._moments = Moments.from_root_layout(statistics, h.ndim)
        return h

    @property
    def storage(self) -> str:
        """Type of the bin contents: ``"double"``, ``"float"``, ``"long"``, ``"int"``, ``"short"``
        or ``"char"``."""
        return self._storage.name

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
        var = self._sumw2 if self._sumw2 is not None else np.abs(self._contents)
        return self._view(var, flow)

    @property
    def _contents(self) -> NDArray[np.float64]:
        """The contents as doubles (a view for double storage)."""
        return np.asarray(self._sumw, dtype=np.float64)

    def counts(self, flow: bool = False) -> NDArray[np.float64]:
        """Effective number of entries per bin (``sumw²/sumw2``; the contents when unweighted)."""
        if self._sumw2 is None:
            return self.values(flow)
        with np.errstate(divide="ignore", invalid="ignore"):
            eff = np.where(self._sumw2 > 0, self._contents**2 / self._sumw2, 0.0)
        return self._view(eff, flow)

    def errors(self, flow: bool = False) -> NDArray[np.float64]:
        """Bin errors (``sqrt`` of :meth:`variances`)."""
        return np.sqrt(self.variances(flow))

    def _view(self, array: NDArray[Any], flow: bool) -> NDArray[Any]:
        view = array if flow else array[(slice(1, -1),) * self.ndim]
        view = view.view()
        view.flags.writeable = False
        return view

    # ------------------------------------------------------------------ filling
    def fill(
        self,
        *coordinates: ArrayLike,
        weights: ArrayLike | None = None,
        nan_policy: Literal["raise", "omit", "overflow"] = "raise",
    ) -> None:
        """Fill values, optionally weighted (vectorised ``TH1::Fill``, ``TH2::Fill``...).

        Parameters
        ----------
        *coordinates : array_like
            One array per axis (scalars fill one entry). ROOT's positional form
            ``fill(x, w)`` / ``fill(x, y, w)`` is accepted too. ±inf go to the flow bins.
        weights : array_like or float, optional
            Per-entry weights (or one weight for all). A weight other than 1 switches on the
            storage of Σw² (ROOT's automatic ``Sumw2``).
        nan_policy : {"raise", "omit", "overflow"}
            A NaN coordinate is an error (nothing is filled), is dropped with a warning, or
            goes to the overflow bin as in ROOT (the façade's ``Fill``).
        """
        entry = coordinates if weights is None else (*coordinates, weights)
        if fill_entry(self, entry, nan_policy == "overflow") is None:
            fill(self, *coordinates, weights=weights, nan_policy=nan_policy)

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
        idx: tuple[int, ...] = (
            (int(index),) if isinstance(index, int | np.integer) else tuple(index)
        )
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
        self._sumw[self._index(index, flow)] = self._storage.cast(float(value))
        self._entries += 1
        self.forget_statistics()

    def set_error(self, index: int | Sequence[int], error: float, *, flow: bool = False) -> None:
        """Set one bin error (ROOT ``SetBinError``; switches on Σw² storage)."""
        b = self._index(index, flow)
        if self._sumw2 is None:
            self.enable_sumw2(True)
        assert self._sumw2 is not None
        self._sumw2[b] = float(error) ** 2

    def set_values(self, values: ArrayLike, *, variances: ArrayLike | None = None) -> None:
        """Replace all bin contents (numpy order, no flow bins), optionally with variances."""
        v = as_floats(values, "values")
        inner = tuple(a.nbins for a in self._axes)
        if v.shape != inner:
            raise DataError(f"expected values of shape {inner}, got {v.shape}")
        core = (slice(1, -1),) * self.ndim
        self._sumw[core] = self._storage.cast(v)
        if variances is not None:
            var = as_floats(variances, "variances")
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
            self._sumw2[core] = np.abs(self._contents[core])
        self.forget_statistics()

    def enable_sumw2(self, on: bool = True) -> None:
        """Store (or drop) the per-bin Σw² (ROOT ``Sumw2(on)``: the current ``|contents|``, or
        zeros while the histogram has no entries)."""
        if on and self._sumw2 is None:
            self._sumw2 = (
                np.abs(self._contents) if self._entries > 0 else np.zeros(self._sumw.shape)
            )
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

    # ------------------------------------------------------------------ misc
    def copy(self) -> Histogram:
        """Deep copy (contents, errors, statistics, zoom; attached functions are not copied)."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        new._axes = tuple(a.copy() for a in self._axes)
        new._sumw = self._sumw.copy()
        new._sumw2 = None if self._sumw2 is None else self._sumw2.copy()
        new._moments = self._moments.copy()
        new._buffer = None if self._buffer is None else list(self._buffer)
        new.functions = []
        return new

    def reset(self) -> None:
        """Empty the histogram (contents, errors, entries, statistics, buffer, functions)."""
        self._sumw[...] = 0
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

    def _repr_html_(self) -> str:
        """Notebook view: name, axes, entries and statistics, with a small plot (1-D)."""
        from rootfit._html import figure_png, table

        rows = [["name", self.name or "—"], ["title", self.title or "—"]]
        rows += [[f"axis {i}", repr(a)] for i, a in enumerate(self._axes)]
        rows += [["entries", f"{self._entries:g}"], ["storage", self.storage]]
        if self.ndim == 1:
            rows += [["mean", f"{self.mean():.6g}"], ["std dev", f"{self.std():.6g}"]]
            picture = figure_png(self.plot().figure)
            return table(rows, caption="Histogram") + picture
        return table(rows, caption="Histogram")

    def __repr__(self) -> str:
        name = f"name={self.name!r}, " if self.name else ""
        axes = ", ".join(repr(a) for a in self._axes)
        return f"Histogram({name}{axes}, entries={self._entries:g})"

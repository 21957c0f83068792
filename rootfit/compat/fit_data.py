"""``ROOT.Fit`` data classes: ``DataOptions``, ``DataRange``, ``BinData``, ``UnBinData`` and
``FillData``, with ROOT's spellings, over rootfit's :mod:`rootfit.fitdata`.

They are mutable as ROOT's are (``Add``, ``SetRange``...) and turn into rootfit's frozen data
when a fit needs them (:meth:`BinData.data`, :meth:`UnBinData.data`).
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from rootfit.errors import DataError
from rootfit.fitdata import BinData as _BinData
from rootfit.fitdata import DataOptions as _DataOptions
from rootfit.fitdata import DataRange as _DataRange
from rootfit.fitdata import ErrorType, as_fit_target
from rootfit.fitdata import UnBinData as _UnBinData

__all__ = ["BinData", "DataOptions", "DataRange", "FillData", "UnBinData"]

#: What ``range()`` returns: ``.first`` and ``.second`` as ROOT's ``std::pair``.
RangePair = namedtuple("RangePair", ["first", "second"])


class DataOptions:
    """ROOT's ``ROOT::Fit::DataOptions`` (public ``f…`` members, ROOT's defaults)."""

    def __init__(self) -> None:
        self.fIntegral = False
        self.fBinVolume = False
        self.fNormBinVolume = False
        self.fUseEmpty = False
        self.fUseRange = False
        self.fExpErrors = False
        self.fErrors1 = False
        self.fAsymErrors = True
        self.fCoordErrors = True

    def options(self) -> _DataOptions:
        """rootfit's frozen :class:`~rootfit.fitdata.DataOptions`."""
        return _DataOptions(
            integral=self.fIntegral,
            bin_volume=2 if self.fNormBinVolume else (1 if self.fBinVolume else 0),
            use_empty=self.fUseEmpty,
            unit_errors=self.fErrors1,
            expected_errors=self.fExpErrors,
            coord_errors=self.fCoordErrors,
            asym_errors=self.fAsymErrors,
        )


class DataRange:
    """ROOT's ``ROOT::Fit::DataRange``: ``DataRange()``, ``DataRange(ndim)``,
    ``DataRange(xmin, xmax)``, ``DataRange(xmin, xmax, ymin, ymax)`` ...; ``SetRange`` replaces
    the intervals of an axis, ``AddRange`` adds one."""

    def __init__(self, *args: float) -> None:
        self._range = _DataRange()
        self._ndim = 1
        if len(args) == 1:
            self._ndim = int(args[0])
        elif len(args) % 2 == 0:
            self._ndim = max(1, len(args) // 2)
            for axis in range(len(args) // 2):
                self.AddRange(axis, args[2 * axis], args[2 * axis + 1])
        else:
            raise DataError(f"DataRange takes a dimension or (min, max) pairs, got {args}")

    def range(self) -> _DataRange:
        """rootfit's frozen :class:`~rootfit.fitdata.DataRange`."""
        return self._range

    def NDim(self) -> int:
        return max(self._ndim, len(self._range.axes))

    def Size(self, icoord: int = 0) -> int:
        return len(self._range.intervals(icoord))

    def IsSet(self) -> bool:
        return bool(self._range)

    def AddRange(self, *args: float) -> None:
        """``AddRange(xmin, xmax)`` or ``AddRange(icoord, xmin, xmax)``."""
        axis, lo, hi = (0, *args) if len(args) == 2 else args
        self._range = self._range.add_range(int(axis), float(lo), float(hi))

    def SetRange(self, *args: float) -> None:
        """``SetRange(xmin, xmax)``, ``SetRange(icoord, xmin, xmax)`` or
        ``SetRange(xmin, xmax, ymin, ymax)``: the axis' intervals are replaced."""
        if len(args) == 4:
            self.SetRange(0, args[0], args[1])
            self.SetRange(1, args[2], args[3])
            return
        axis, lo, hi = (0, *args) if len(args) == 2 else args
        axes = list(self._range.axes)
        more = list(self._range.more)
        if int(axis) < len(axes):
            axes[int(axis)] = None
            if int(axis) < len(more):
                more[int(axis)] = ()
        self._range = _DataRange(tuple(axes), tuple(more)).add_range(
            int(axis), float(lo), float(hi)
        )

    def Clear(self, icoord: int = 0) -> None:
        axes = list(self._range.axes)
        if icoord < len(axes):
            axes[icoord] = None
        more = list(self._range.more)
        if icoord < len(more):
            more[icoord] = ()
        self._range = _DataRange(tuple(axes), tuple(more))

    def __call__(self, icoord: int = 0, irange: int = 0) -> RangePair:
        """The ``irange``-th interval of axis ``icoord`` (``(-inf, inf)`` if none)."""
        spans = self._range.intervals(icoord)
        if irange >= len(spans):
            return RangePair(-np.inf, np.inf)
        return RangePair(*spans[irange])


class BinData:
    """ROOT's ``ROOT::Fit::BinData``: ``BinData(opt, range)``, ``BinData(n, ndim)``,
    ``BinData(opt, range, n, ndim)``, filled with ``Add(x, y[, ey])`` (``Add(x, y, ex, ey)``) or
    by :func:`FillData`."""

    def __init__(self, *args: Any) -> None:
        self.opt = DataOptions()
        self.range = DataRange()
        self._ndim = 1
        if args and isinstance(args[0], DataOptions):
            self.opt = args[0]
            args = args[1:]
        if args and isinstance(args[0], DataRange):
            self.range = args[0]
            args = args[1:]
        if len(args) >= 2:
            self._ndim = int(args[1])
        self._points: list[
            tuple[tuple[float, ...], float, float | None, tuple[float, ...] | None]
        ] = []
        self._filled: _BinData | None = None

    def Add(self, *args: Any) -> None:
        """``Add(x, y)``, ``Add(x, y, ey)``, ``Add(x, y, ex, ey)`` (x a number or a sequence)."""
        if self._filled is not None:
            raise DataError("this BinData was filled from an object; Add points to a new one")
        x = tuple(float(v) for v in np.atleast_1d(args[0]))
        y = float(args[1])
        ex = ey = None
        if len(args) == 3:
            ey = float(args[2])
        elif len(args) == 4:
            ex, ey = tuple(float(v) for v in np.atleast_1d(args[2])), float(args[3])
        self._ndim = len(x)
        self._points.append((x, y, ey, ex))

    def fill_from(self, data: _BinData) -> None:
        """Replace the content with rootfit fit data (what :func:`FillData` does)."""
        self._points = []
        self._filled = data

    def data(self) -> _BinData:
        """rootfit's frozen :class:`~rootfit.fitdata.BinData` of the points."""
        if self._filled is not None:
            return self._filled
        if not self._points:
            raise DataError("the BinData is empty")
        coords = np.array([p[0] for p in self._points])
        values = np.array([p[1] for p in self._points])
        if any(p[3] is not None for p in self._points):
            return _BinData(
                coords,
                values,
                errors=np.array([p[2] for p in self._points]),
                error_type=ErrorType.COORD,
                coord_errors=np.array([p[3] for p in self._points]),
            )
        if all(p[2] is not None for p in self._points):
            return _BinData(coords, values, errors=np.array([p[2] for p in self._points]))
        return _BinData(coords, values)

    def Size(self) -> int:
        return self.data().size if (self._points or self._filled is not None) else 0

    NPoints = Size

    def NDim(self) -> int:
        return self._filled.ndim if self._filled is not None else self._ndim

    def Value(self, i: int) -> float:
        return float(self.data().values[i])

    def Error(self, i: int) -> float:
        inv = float(self.data().inv_errors[i])
        return 1.0 / inv if inv > 0 else 0.0

    def Coords(self, i: int) -> np.ndarray:
        return np.array(self.data().coords[i])

    def SumOfContent(self) -> float:
        return self.data().sum_of_content

    def SumOfError2(self) -> float:
        return self.data().sum_of_error2


class UnBinData:
    """ROOT's ``ROOT::Fit::UnBinData``: ``UnBinData(n, x)``, ``UnBinData(n, x, y)``,
    ``UnBinData(range, n, ndim=1, weighted=False)`` filled with ``Add(x)``, ``Add(x, y)`` or, for
    weighted 1-D data, ``Add(x, w)``."""

    def __init__(self, *args: Any) -> None:
        self.range = DataRange()
        if args and isinstance(args[0], DataRange):
            self.range = args[0]
            args = args[1:]
        self._weighted = False
        self._rows: list[tuple[float, ...]] = []
        self._weights: list[float] = []
        self._ndim = 1
        if len(args) >= 2 and np.ndim(args[1]) >= 1:  # (n, x[, y[, z]])
            n = int(args[0])
            columns = [np.asarray(a, dtype=np.float64) for a in args[1:]]
            if any(c.size < n for c in columns):
                raise DataError(f"UnBinData({n}, ...) needs {n} values per coordinate")
            self._ndim = len(columns)
            self._rows = [tuple(float(c[i]) for c in columns) for i in range(n)]
        elif len(args) >= 2:  # (n, ndim[, weighted])
            self._ndim = int(args[1])
            self._weighted = bool(args[2]) if len(args) > 2 else False

    def Add(self, *values: float) -> None:
        if self._weighted and len(values) == self._ndim + 1:
            self._rows.append(tuple(float(v) for v in values[:-1]))
            self._weights.append(float(values[-1]))
        else:
            self._rows.append(tuple(float(v) for v in values))

    def data(self) -> _UnBinData:
        """rootfit's :class:`~rootfit.fitdata.UnBinData` (events outside the range dropped)."""
        if not self._rows:
            raise DataError("the UnBinData is empty")
        weights = np.array(self._weights) if self._weights else None
        return _UnBinData(np.array(self._rows), weights, range=self.range.range())

    def Size(self) -> int:
        return len(self._rows)

    NPoints = Size

    def NDim(self) -> int:
        return self._ndim

    def IsWeighted(self) -> bool:
        return self._weighted


def FillData(data: BinData, obj: Any, func: Any = None) -> None:
    """``ROOT::Fit::FillData(BinData&, const TH1*/TGraph*, TF1* = nullptr)``: the points of a
    histogram or graph under the data's options and range."""
    points = as_fit_target(obj).fit_data(data.opt.options(), data.range.range(), "raise")
    if not isinstance(points, _BinData):
        raise DataError(
            f"FillData fills a BinData from a histogram or graph, not {type(obj).__name__}"
        )
    data.fill_from(points)

"""``DataRange``: the fit range, intervals per axis, validated once.

Every way of giving a range — ``range=(lo, hi)``, ``range=[(xlo, xhi), None, (zlo, zhi)]``,
the function range with option ``R``, ROOT's ``Fit(f, opt, "", xmin, xmax)`` — is turned into
this one frozen value before anything else looks at it. As ROOT's ``DataRange``, an axis may
hold several intervals (``AddRange``): a point is inside when each coordinate lies in one of
its axis' intervals. Binned fits use one interval per axis; unbinned data any number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rootfit.errors import DataError

__all__ = ["DataRange", "Interval"]

Interval = tuple[float, float]


def _interval(value: Any, where: str) -> Interval:
    try:
        items = list(value)
    except TypeError:
        raise DataError(f"{where} must be a (lo, hi) pair, got {value!r}") from None
    if len(items) != 2:
        raise DataError(f"{where} must be a (lo, hi) pair, got {len(items)} values: {value!r}")
    try:
        lo, hi = float(items[0]), float(items[1])
    except (TypeError, ValueError):
        raise DataError(f"{where} must hold two numbers, got {value!r}") from None
    if math.isnan(lo) or math.isnan(hi):
        raise DataError(f"{where} has a NaN bound: {value!r}")
    if not lo < hi:
        raise DataError(f"{where} = ({lo:g}, {hi:g}) is empty or reversed: need lo < hi")
    return lo, hi


@dataclass(frozen=True)
class DataRange:
    """The fit range of each axis.

    Attributes
    ----------
    axes : tuple of (float, float) or None
        ``(lo, hi)`` per axis, None where the axis is not restricted. Missing trailing axes
        are unrestricted.

    Examples
    --------
    >>> DataRange.from_user((-1, 2), ndim=2).axis(0), DataRange.from_user((-1, 2), ndim=2).axis(1)
    ((-1.0, 2.0), None)
    """

    axes: tuple[Interval | None, ...] = ()
    more: tuple[tuple[Interval, ...], ...] = ()

    @classmethod
    def from_user(cls, value: Any, ndim: int, *, argument: str = "range") -> DataRange:
        """Validate a user's range.

        Parameters
        ----------
        value : None, (lo, hi), or a sequence of (lo, hi) or None per axis
            A single pair restricts the first axis. For 1-D data a sequence of several pairs is
            several intervals of the one axis (``[(-3, -1), (1, 3)]``).
        ndim : int
            Number of axes of the data.
        argument : str
            Name of the argument in error messages.

        Raises
        ------
        DataError
            A pair that is not two numbers, a NaN bound, ``lo >= hi``, or more axes than the data.
        """
        if value is None or isinstance(value, DataRange):
            return value or cls()
        if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
            raise DataError(f"{argument} must be (lo, hi) or one (lo, hi) per axis, not {value!r}")
        if len(value) and all(np.ndim(v) == 0 for v in value):
            return cls((_interval(value, argument),))
        if ndim == 1 and len(value) > 1 and all(v is not None for v in value):
            intervals = [_interval(v, f"{argument}[{i}]") for i, v in enumerate(value)]
            return cls((intervals[0],), (tuple(intervals[1:]),))
        if len(value) > ndim:
            raise DataError(
                f"{argument} gives {len(value)} axes but the data has {ndim}: {value!r}"
            )
        return cls(
            tuple(
                None if v is None else _interval(v, f"{argument}[{i}]") for i, v in enumerate(value)
            )
        )

    def axis(self, i: int) -> Interval | None:
        """``(lo, hi)`` of axis ``i`` (its first interval), or None."""
        return self.axes[i] if i < len(self.axes) else None

    def intervals(self, i: int) -> tuple[Interval, ...]:
        """Every interval of axis ``i`` (empty when the axis is not restricted)."""
        first = self.axis(i)
        if first is None:
            return ()
        return (first, *(self.more[i] if i < len(self.more) else ()))

    @property
    def single(self) -> bool:
        """True if no axis has more than one interval."""
        return not any(self.more)

    def add_range(self, i: int, lo: float, hi: float) -> DataRange:
        """This range with the interval ``(lo, hi)`` added to axis ``i`` (ROOT's ``AddRange``).

        Examples
        --------
        >>> DataRange().add_range(0, -3, -1).add_range(0, 1, 3).intervals(0)
        ((-3.0, -1.0), (1.0, 3.0))
        """
        interval = _interval((lo, hi), f"range of axis {i}")
        n = max(len(self.axes), i + 1)
        axes = list(self.axes) + [None] * (n - len(self.axes))
        more = list(self.more) + [()] * (n - len(self.more))
        if axes[i] is None:
            axes[i] = interval
        else:
            more[i] = (*more[i], interval)
        return DataRange(tuple(axes), tuple(more))

    def contains(self, points: np.ndarray) -> np.ndarray:
        """Which rows of ``points`` (shape ``(n, ndim)``) lie inside (edges included)."""
        inside = np.ones(points.shape[0], dtype=bool)
        for i in range(min(points.shape[1], len(self.axes))):
            spans = self.intervals(i)
            if spans:
                x = points[:, i]
                inside &= np.logical_or.reduce([(x >= lo) & (x <= hi) for lo, hi in spans])
        return inside

    def __bool__(self) -> bool:
        return any(a is not None for a in self.axes)

    def filled(self, windows: Sequence[Interval]) -> DataRange:
        """This range with the unrestricted axes replaced by ``windows`` (one per axis)."""
        return DataRange(tuple(self.axis(i) or w for i, w in enumerate(windows)), self.more)

    def as_tuple(self) -> Any:
        """``(lo, hi)`` for one axis, else a ``(lo, hi)`` (or None) per axis."""
        return self.axes[0] if len(self.axes) == 1 else self.axes

"""What a :class:`~rootfit.Histogram` computes from itself and from other histograms —
arithmetic with ROOT's error and statistics rules, rebinning, projections and profiles
(:mod:`rootfit.hist.operations`), error intervals and random numbers
(:mod:`rootfit.hist.sampling`) — as the methods of a mixin: the class keeps its storage and
filling in its own module."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    from rootfit.hist.histogram import Histogram

__all__ = ["Arithmetic"]


def _histogram(obj: Arithmetic) -> Histogram:
    """The histogram a mixin method is called on (the only class that mixes this in)."""
    return cast("Histogram", obj)


class Arithmetic:
    """Mixin of :class:`~rootfit.Histogram`: its operations and its sampling methods."""

    def add(self, other: Histogram, c: float = 1.0) -> None:
        """In place ``self += c·other`` with ROOT's error and statistics rules."""
        from rootfit.hist import operations

        operations.add(_histogram(self), other, c)

    def multiply(self, other: Histogram, c1: float = 1.0, c2: float = 1.0) -> None:
        """In place ``self = (c1·self)·(c2·other)``."""
        from rootfit.hist import operations

        operations.multiply(_histogram(self), _histogram(self), other, c1, c2)

    def divide(
        self, other: Histogram, c1: float = 1.0, c2: float = 1.0, *, binomial: bool = False
    ) -> None:
        """In place ``self = (c1·self)/(c2·other)``; ``binomial=True`` for efficiencies."""
        from rootfit.hist import operations

        operations.divide(_histogram(self), _histogram(self), other, c1, c2, binomial=binomial)

    def scale(self, c: float, *, width: bool = False) -> None:
        """In place: contents ×c, errors ×|c|; ``width=True`` also divides by bin width/volume."""
        from rootfit.hist import operations

        operations.scale(_histogram(self), c, width=width)

    def rebin(self, group: int | None = None, *, edges: ArrayLike | None = None) -> Histogram:
        """New histogram with ``group`` bins merged or with new ``edges`` (1-D)."""
        from rootfit.hist import operations

        return operations.rebin(_histogram(self), group, edges)

    def projection(
        self, keep: int | Sequence[int], bins: dict[int, tuple[int, int]] | None = None
    ) -> Histogram:
        """Sum over the other axes (``keep=0``: projection on x; ``bins``: ROOT bin windows of
        the summed axes, default all including flow bins)."""
        from rootfit.hist import operations

        return operations.projection(_histogram(self), keep, bins)

    def profile(
        self, axis: int = 0, bins: tuple[int, int] | None = None, *, error_option: str = ""
    ) -> Any:
        """Profile of a 2-D histogram along ``axis`` (ROOT ``ProfileX``/``ProfileY``); see
        :func:`rootfit.hist.operations.profile`."""
        from rootfit.hist import operations

        return operations.profile(_histogram(self), axis, bins, error_option=error_option)

    def __add__(self, other: Histogram) -> Histogram:
        out = _histogram(self).copy()
        out.add(other)
        return out

    def __sub__(self, other: Histogram) -> Histogram:
        out = _histogram(self).copy()
        out.add(other, -1.0)
        return out

    def __mul__(self, other: Histogram | float) -> Histogram:
        out = _histogram(self).copy()
        if isinstance(other, Arithmetic):
            out.multiply(other)
        else:
            out.scale(float(other))
        return out

    __rmul__ = __mul__

    def __truediv__(self, other: Histogram | float) -> Histogram:
        out = _histogram(self).copy()
        if isinstance(other, Arithmetic):
            out.divide(other)
        else:
            out.scale(1.0 / float(other))
        return out

    def error_intervals(
        self, option: str = "normal", cl: float = 0.682689492137086
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Lower and upper bin errors (no flow bins): ``"normal"`` (symmetric, as :meth:`errors`)
        or ``"poisson"`` (ROOT ``kPoisson``: Garwood interval for unweighted bins, normal
        errors for weighted ones)."""
        from rootfit.hist import sampling

        return sampling.error_intervals(_histogram(self), option, cl)

    def get_random(
        self, rng: np.random.Generator, size: int | None = None
    ) -> float | NDArray[np.float64]:
        """Random values distributed as the 1-D histogram (ROOT ``GetRandom``): a bin is chosen by
        its content, the value is uniform inside it."""
        from rootfit.hist import sampling

        return sampling.get_random(_histogram(self), rng, size)

    def fill_random(self, source: Any, n: int, rng: np.random.Generator) -> None:
        """Fill ``n`` random values drawn from a :class:`~rootfit.Function` (over this axis range)
        or another 1-D histogram (ROOT ``FillRandom``)."""
        from rootfit.hist import sampling

        sampling.fill_random(_histogram(self), source, n, rng)

"""Graph of points with optional symmetric or asymmetric errors (TGraph / TGraphErrors /
TGraphAsymmErrors-like).

A graph without errors, with symmetric errors (``xerr``, ``yerr``) or with asymmetric errors
(``xerr_low``/``xerr_high``, ``yerr_low``/``yerr_high``) is one class: the errors it carries
decide how a fit treats it (ROOT's rules, see :mod:`rootfit.fitdata.filling`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError
from rootfit.hist.fittable import Fittable

__all__ = ["Graph"]


def _column(name: str, values: ArrayLike | None, n: int) -> NDArray[np.float64] | None:
    if values is None:
        return None
    a = np.asarray(values, dtype=np.float64)
    if a.ndim == 0:
        a = np.full(n, float(a))
    if a.shape != (n,):
        raise DataError(f"{name} has shape {a.shape}, expected ({n},) like x")
    if np.any(a < 0):
        raise DataError(f"{name} must be >= 0; index {int(np.argmax(a < 0))} is {a[a < 0][0]!r}")
    a = a.copy()
    a.flags.writeable = False
    return a


class Graph(Fittable):
    """Points ``(x, y)`` with optional errors.

    Parameters
    ----------
    x, y : array_like
        Point coordinates (same length).
    xerr, yerr : array_like or float, optional
        Symmetric errors.
    xerr_low, xerr_high, yerr_low, yerr_high : array_like or float, optional
        Asymmetric errors (give them instead of ``xerr``/``yerr``).
    name, title : str
        ROOT-style name and title.

    Examples
    --------
    >>> g = Graph([1, 2, 3], [2.1, 3.9, 6.2], yerr=[0.2, 0.2, 0.3])
    >>> g.has_y_errors
    True
    """

    def __init__(
        self,
        x: ArrayLike,
        y: ArrayLike,
        *,
        xerr: ArrayLike | None = None,
        yerr: ArrayLike | None = None,
        xerr_low: ArrayLike | None = None,
        xerr_high: ArrayLike | None = None,
        yerr_low: ArrayLike | None = None,
        yerr_high: ArrayLike | None = None,
        name: str = "",
        title: str = "",
    ) -> None:
        xa = np.asarray(x, dtype=np.float64)
        ya = np.asarray(y, dtype=np.float64)
        if xa.ndim != 1 or ya.ndim != 1 or xa.shape != ya.shape:
            raise DataError(
                f"x and y must be 1-D of equal length, got shapes {xa.shape} and {ya.shape}"
            )
        n = xa.size
        asym = any(v is not None for v in (xerr_low, xerr_high, yerr_low, yerr_high))
        if asym and (xerr is not None or yerr is not None):
            raise DataError(
                "give symmetric (xerr, yerr) or asymmetric (*_low, *_high) errors, not both"
            )
        if asym and (yerr_low is None) != (yerr_high is None):
            raise DataError("yerr_low and yerr_high must be given together")
        if asym and (xerr_low is None) != (xerr_high is None):
            raise DataError("xerr_low and xerr_high must be given together")
        self.name = name
        self.title = title
        self._x = xa.copy()
        self._y = ya.copy()
        self._x.flags.writeable = False
        self._y.flags.writeable = False
        self._xerr = _column("xerr", xerr, n)
        self._yerr = _column("yerr", yerr, n)
        self._xerr_low = _column("xerr_low", xerr_low, n)
        self._xerr_high = _column("xerr_high", xerr_high, n)
        self._yerr_low = _column("yerr_low", yerr_low, n)
        self._yerr_high = _column("yerr_high", yerr_high, n)
        if asym and self._xerr_low is None:
            self._xerr_low = self._xerr_high = np.zeros(n)
        if asym and self._yerr_low is None:
            self._yerr_low = self._yerr_high = np.zeros(n)
        #: Functions attached by fits (ROOT's list of functions), newest last.
        self.functions: list[Any] = []

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return int(self._x.size)

    @property
    def x(self) -> NDArray[np.float64]:
        """x coordinates (read-only)."""
        return self._x

    @property
    def y(self) -> NDArray[np.float64]:
        """y coordinates (read-only)."""
        return self._y

    @property
    def is_asymmetric(self) -> bool:
        """True if the graph stores asymmetric errors."""
        return self._yerr_low is not None

    @property
    def has_y_errors(self) -> bool:
        """True if any kind of y errors is stored."""
        return self._yerr is not None or self._yerr_low is not None

    @property
    def has_x_errors(self) -> bool:
        """True if any kind of x errors is stored."""
        return self._xerr is not None or self._xerr_low is not None

    @property
    def xerr(self) -> NDArray[np.float64] | None:
        """Symmetric x errors (for asymmetric graphs: the mean of low and high)."""
        if self._xerr_low is not None and self._xerr_high is not None:
            return 0.5 * (self._xerr_low + self._xerr_high)
        return self._xerr

    @property
    def yerr(self) -> NDArray[np.float64] | None:
        """Symmetric y errors (for asymmetric graphs ``sqrt((low² + high²)/2)``, as ROOT)."""
        if self._yerr_low is not None and self._yerr_high is not None:
            return np.sqrt(0.5 * (self._yerr_low**2 + self._yerr_high**2))
        return self._yerr

    @property
    def yerr_low(self) -> NDArray[np.float64] | None:
        """Lower y errors of an asymmetric graph."""
        return self._yerr_low

    @property
    def yerr_high(self) -> NDArray[np.float64] | None:
        """Upper y errors of an asymmetric graph."""
        return self._yerr_high

    @property
    def xerr_low(self) -> NDArray[np.float64] | None:
        """Lower x errors of an asymmetric graph."""
        return self._xerr_low

    @property
    def xerr_high(self) -> NDArray[np.float64] | None:
        """Upper x errors of an asymmetric graph."""
        return self._xerr_high

    def __repr__(self) -> str:
        kind = (
            "asymmetric errors"
            if self.is_asymmetric
            else ("errors" if self.has_y_errors or self.has_x_errors else "no errors")
        )
        return f"Graph({len(self)} points, {kind})"

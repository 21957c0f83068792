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

from rootfit._validation import as_floats
from rootfit.errors import DataError
from rootfit.hist.fittable import Fittable

__all__ = ["Graph"]


def _column(name: str, values: ArrayLike | None, n: int) -> NDArray[np.float64] | None:
    if values is None:
        return None
    a = as_floats(values, name)
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
        xa = as_floats(x, "x")
        ya = as_floats(y, "y")
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
    def ndim(self) -> int:
        """Number of coordinates (1)."""
        return 1

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

    # ------------------------------------------------------------------ points
    def __getitem__(self, index: int) -> tuple[float, float]:
        """Point ``index`` as ``(x, y)``."""
        return float(self._x[index]), float(self._y[index])

    def _columns(self) -> dict[str, NDArray[np.float64] | None]:
        return {
            "x": self._x, "y": self._y, "xerr": self._xerr, "yerr": self._yerr,
            "xerr_low": self._xerr_low, "xerr_high": self._xerr_high,
            "yerr_low": self._yerr_low, "yerr_high": self._yerr_high,
        }  # fmt: skip

    def _replace_columns(self, columns: dict[str, NDArray[np.float64] | None]) -> None:
        for key, value in columns.items():
            if value is not None:
                value = np.asarray(value, dtype=np.float64).copy()
                value.flags.writeable = False
            setattr(self, "_" + key, value)

    def append(self, x: float, y: float, **errors: float) -> None:
        """Add a point at the end (ROOT ``AddPoint``/``SetPoint``); give the errors the graph
        carries (``yerr=``, or ``yerr_low=``/``yerr_high=``...), missing ones are 0."""
        columns = self._columns()
        unknown = set(errors) - {
            k for k, v in columns.items() if v is not None and k not in ("x", "y")
        }
        if unknown:
            raise DataError(f"this graph has no {sorted(unknown)} errors")
        extra = {"x": x, "y": y, **errors}
        self._replace_columns(
            {
                k: None if v is None else np.append(v, float(extra.get(k, 0.0)))
                for k, v in columns.items()
            }
        )

    def sort(self) -> None:
        """Sort the points by increasing x (ROOT ``Sort``), errors travelling with them."""
        order = np.argsort(self._x, kind="stable")
        self._replace_columns(
            {k: None if v is None else v[order] for k, v in self._columns().items()}
        )

    def interpolate(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """Linear interpolation (ROOT ``TGraph::Eval``).

        Inside the points' range this interpolates between the neighbours; outside, it
        extrapolates through the two points ROOT's scan picks (for sorted graphs the two
        first/last points; for unsorted graphs ROOT's scan order decides, reproduced here).
        """
        if len(self) < 2:
            raise DataError("interpolation needs at least two points")
        xs, ys = self._x, self._y
        values = [
            self._eval_one(float(v), xs, ys) for v in np.atleast_1d(np.asarray(x, dtype=np.float64))
        ]
        return values[0] if np.ndim(x) == 0 else np.array(values)

    @staticmethod
    def _eval_one(x: float, xs: NDArray[np.float64], ys: NDArray[np.float64]) -> float:
        low = up = low2 = up2 = -1
        for i, xi in enumerate(xs):
            if xi < x:
                if low == -1 or xi > xs[low]:
                    low2, low = low, i
                elif low2 == -1:
                    low2 = i
            elif xi > x:
                if up == -1 or xi < xs[up]:
                    up2, up = up, i
                elif up2 == -1:
                    up2 = i
            else:
                return float(ys[i])
        if up == -1:
            up, low = low, low2
        if low == -1:
            low, up = up, up2
        if xs[up] == xs[low]:
            return float(ys[low])
        return float(ys[up] + (x - xs[up]) * (ys[low] - ys[up]) / (xs[low] - xs[up]))

    @classmethod
    def read(cls, path: str, *, name: str = "", title: str = "") -> Graph:
        """Read points from a text file the way ``TGraph("file.txt")`` and friends do.

        Columns (blank, comma, semicolon or tab separated; lines that do not start with numbers
        are skipped, ``#`` starts a comment): ``x y``; ``x y ey``; ``x y ex ey``;
        ``x y exl exh eyl eyh``.
        """
        rows: list[list[float]] = []
        with open(path) as fh:
            for line in fh:
                text = line.split("#", 1)[0].replace(",", " ").replace(";", " ").split()
                try:
                    values = [float(t) for t in text]
                except ValueError:
                    continue
                if values:
                    rows.append(values)
        if not rows:
            raise DataError(f"{path} holds no points")
        width = len(rows[0])
        if width not in (2, 3, 4, 6) or any(len(r) != width for r in rows):
            raise DataError(
                f"{path}: every line needs 2, 3, 4 or 6 numbers (x y [ex] [ey] | x y exl exh eyl eyh)"
            )
        a = np.array(rows)
        if width == 2:
            return cls(a[:, 0], a[:, 1], name=name, title=title)
        if width == 3:
            return cls(a[:, 0], a[:, 1], yerr=a[:, 2], name=name, title=title)
        if width == 4:
            return cls(a[:, 0], a[:, 1], xerr=a[:, 2], yerr=a[:, 3], name=name, title=title)
        return cls(a[:, 0], a[:, 1], xerr_low=a[:, 2], xerr_high=a[:, 3], yerr_low=a[:, 4],
                   yerr_high=a[:, 5], name=name, title=title)  # fmt: skip

    def _repr_html_(self) -> str:
        """Notebook view: points, error kind and a small plot."""
        from rootfit._html import figure_png, table

        rows: list[list[Any]] = [
            ["name", self.name or "—"],
            ["title", self.title or "—"],
            ["points", len(self)],
            ["errors", repr(self).split(", ", 1)[1][:-1]],
        ]
        if len(self) == 0:
            return table(rows, caption="Graph")
        return table(rows, caption="Graph") + figure_png(self.plot().figure)

    def __repr__(self) -> str:
        kind = (
            "asymmetric errors"
            if self.is_asymmetric
            else ("errors" if self.has_y_errors or self.has_x_errors else "no errors")
        )
        return f"Graph({len(self)} points, {kind})"

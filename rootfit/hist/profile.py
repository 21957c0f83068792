"""``Profile``: the mean of y in bins of x (ROOT's TProfile), with ROOT's error options.

Per bin (flow bins kept) the profile stores ``Σw``, ``Σw²``, ``Σw·y`` and ``Σw·y²``. The bin
value is ``Σwy/Σw``; with the spread ``s = sqrt(|Σwy²/Σw - mean²|)`` and the effective entries
``n = (Σw)²/Σw²`` the bin error is (ROOT 6.40):

* ``""`` (default): ``s/sqrt(n)``, the error of the mean (0 for a bin with one entry);
* ``"s"``: ``s``, the spread;
* ``"i"``: ``s/sqrt(n)``, or ``1/sqrt(12·n)`` when ``s`` is 0 (integer-valued y);
* ``"g"``: ``1/sqrt(Σw)`` (weights as inverse variances).

Profiles are UHI ``MEAN`` histograms and can be fitted like histograms (bins without entries
have error 0 and are skipped by the default χ²).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.fittable import Fittable

__all__ = ["Profile"]

ErrorOption = Literal["", "s", "i", "g"]


class Profile(Fittable):
    """A 1-D profile (TProfile-like).

    Parameters
    ----------
    bins, lo, hi : optional
        Regular binning (or give ``edges``).
    edges : array_like, optional
        Variable bin edges.
    error_option : {"", "s", "i", "g"}
        How bin errors are computed (see the module docstring).
    name, title : str
        ROOT-style name and title.
    """

    def __init__(
        self,
        bins: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
        *,
        edges: ArrayLike | None = None,
        error_option: str = "",
        name: str = "",
        title: str = "",
    ) -> None:
        self._axes = (Axis(bins, lo, hi, edges=edges),)
        option = error_option.lower().strip()
        if option not in ("", "s", "i", "g"):
            raise DataError(
                f"profile error option must be '', 's', 'i' or 'g', not {error_option!r}"
            )
        self.error_option: ErrorOption = option  # type: ignore[assignment]
        self.name, self.title = name, title
        n = self._axes[0].nbins + 2
        self._sw, self._sw2, self._swy, self._swy2 = (np.zeros(n) for _ in range(4))
        self._entries = 0.0
        self._sx = np.zeros(3)  # Σw·x, Σw·x², Σw·y² over in-range entries (x statistics)
        self.functions: list[Any] = []

    # ------------------------------------------------------------------ filling
    def fill(self, x: ArrayLike, y: ArrayLike, weights: ArrayLike | None = None) -> None:
        """Fill pairs ``(x, y)`` with optional weights (vectorised ``TProfile::Fill``)."""
        xa = np.atleast_1d(np.asarray(x, dtype=np.float64))
        ya = np.atleast_1d(np.asarray(y, dtype=np.float64))
        if xa.shape != ya.shape or xa.ndim != 1:
            raise DataError(f"x and y must be 1-D of equal length, got {xa.shape} and {ya.shape}")
        w = (
            np.ones_like(xa)
            if weights is None
            else np.broadcast_to(np.asarray(weights, dtype=np.float64), xa.shape)
        )
        if (
            weights is not None
            and np.asarray(weights).ndim > 0
            and np.asarray(weights).shape != xa.shape
        ):
            raise DataError("weights length does not match x")
        if np.any(np.isnan(ya)) or np.any(np.isnan(w)):
            raise DataError("profile y values and weights must not be NaN")
        bins = np.asarray(self._axes[0].find_bin(xa))
        n = self._sw.size
        self._sw += np.bincount(bins, weights=w, minlength=n)
        self._sw2 += np.bincount(bins, weights=w * w, minlength=n)
        self._swy += np.bincount(bins, weights=w * ya, minlength=n)
        self._swy2 += np.bincount(bins, weights=w * ya * ya, minlength=n)
        self._entries += xa.size
        inside = (bins >= 1) & (bins <= self._axes[0].nbins)
        self._sx += (
            float((w * xa)[inside].sum()),
            float((w * xa * xa)[inside].sum()),
            float((w * ya * ya)[inside].sum()),
        )

    @classmethod
    def from_sums(
        cls,
        axis: Axis,
        sum_w: ArrayLike,
        sum_w2: ArrayLike,
        sum_wy: ArrayLike,
        sum_wy2: ArrayLike,
        *,
        entries: float,
        error_option: str = "",
        name: str = "",
        title: str = "",
        statistics: tuple[float, float, float] | None = None,
    ) -> Profile:
        """Rebuild from the per-bin sums (flow bins included), e.g. from a file or a TH2.

        ``statistics`` = ``(Σw·x, Σw·x², Σw·y²)`` of the filled values; None derives them from
        the bin centres.
        """
        p = cls(edges=axis.edges, error_option=error_option, name=name, title=title)
        p._axes = (axis.copy(),)
        arrays = [np.asarray(a, dtype=np.float64) for a in (sum_w, sum_w2, sum_wy, sum_wy2)]
        if any(a.shape != (axis.nbins + 2,) for a in arrays):
            raise DataError(f"profile sums need {axis.nbins + 2} values (flow bins included)")
        p._sw, p._sw2, p._swy, p._swy2 = (a.copy() for a in arrays)
        p._entries = float(entries)
        centres = np.asarray(axis.bin_center(np.arange(axis.nbins + 2)), dtype=np.float64)
        core = slice(1, -1)
        derived = [
            (p._sw * centres)[core].sum(),
            (p._sw * centres * centres)[core].sum(),
            p._swy2[core].sum(),
        ]
        p._sx = np.array(statistics if statistics is not None else derived, dtype=np.float64)
        return p

    # ------------------------------------------------------------------ UHI and access
    @property
    def axes(self) -> tuple[Axis, ...]:
        """The x axis, as a tuple."""
        return self._axes

    @property
    def axis(self) -> Axis:
        """The x axis."""
        return self._axes[0]

    @property
    def ndim(self) -> int:
        """1."""
        return 1

    @property
    def kind(self) -> Literal["MEAN"]:
        """UHI kind: a profile of means."""
        return "MEAN"

    @staticmethod
    def _cut(a: NDArray[np.float64], flow: bool) -> NDArray[np.float64]:
        out = (a if flow else a[1:-1]).copy()
        out.flags.writeable = False
        return out

    def values(self, flow: bool = False) -> NDArray[np.float64]:
        """Mean of y per bin (0 for empty bins)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._cut(np.where(self._sw != 0, self._swy / self._sw, 0.0), flow)

    def bin_entries(self, flow: bool = False) -> NDArray[np.float64]:
        """Σw per bin (ROOT ``GetBinEntries``)."""
        return self._cut(self._sw, flow)

    def counts(self, flow: bool = False) -> NDArray[np.float64]:
        """Effective entries per bin ``(Σw)²/Σw²`` (ROOT ``GetBinEffectiveEntries``)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._cut(np.where(self._sw2 > 0, self._sw**2 / self._sw2, 0.0), flow)

    def errors(self, flow: bool = False) -> NDArray[np.float64]:
        """Bin errors for :attr:`error_option`."""
        sw, neff = self._sw, self.counts(flow=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = np.where(sw != 0, self._swy / sw, 0.0)
            spread = np.sqrt(np.abs(np.where(sw != 0, self._swy2 / sw, 0.0) - mean * mean))
            if self.error_option == "s":
                err = spread
            elif self.error_option == "g":
                err = np.where(sw > 0, 1.0 / np.sqrt(np.where(sw > 0, sw, 1.0)), 0.0)
            elif self.error_option == "i":
                err = np.where(spread > 0, spread / np.sqrt(neff), 1.0 / np.sqrt(12 * neff))
            else:
                err = spread / np.sqrt(neff)
        return self._cut(np.where(sw != 0, err, 0.0), flow)

    def variances(self, flow: bool = False) -> NDArray[np.float64]:
        """Squared bin errors (UHI)."""
        return self.errors(flow) ** 2

    # ------------------------------------------------------------------ statistics
    @property
    def entries(self) -> float:
        """Number of fill calls."""
        return self._entries

    def mean(self, axis: int = 0) -> float:
        """Mean of x (``axis=0``) or of y (``axis=1``) over the in-range entries."""
        core = slice(1, -1)
        total = float(self._sw[core].sum())
        if total == 0:
            return 0.0
        return float(self._sx[0] / total) if axis == 0 else float(self._swy[core].sum() / total)

    def std(self, axis: int = 0) -> float:
        """Standard deviation of x (``axis=0``) or y (``axis=1``)."""
        core = slice(1, -1)
        total = float(self._sw[core].sum())
        if total == 0:
            return 0.0
        second = self._sx[1] if axis == 0 else self._sx[2]
        return float(np.sqrt(abs(second / total - self.mean(axis) ** 2)))

    def copy(self) -> Profile:
        """Deep copy (attached functions are not copied)."""
        return Profile.from_sums(
            self.axis, self._sw, self._sw2, self._swy, self._swy2, entries=self._entries,
            error_option=self.error_option, name=self.name, title=self.title,
            statistics=(float(self._sx[0]), float(self._sx[1]), float(self._sx[2])),
        )  # fmt: skip

    def __repr__(self) -> str:
        return (
            f"Profile({self.axis!r}, entries={self._entries:g}, error_option={self.error_option!r})"
        )

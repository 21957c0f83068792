"""ROOT's projections and profiles of 2-D/3-D histograms (``ProjectionX/Y/Z``, ``Project3D``,
``ProfileX/Y``), with ROOT 6.40's bin windows:

* a summed axis uses the given window; when ``last < first`` and the axis has a range, its
  range; projections clamp to ``0..n+1`` (``last < 0``: up to the overflow), profiles to
  ``1..n`` unless the flow bins are asked for explicitly;
* a kept axis with a range restricts the result to the bins of the range (flow bins empty).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.hist import Axis

__all__ = ["RootProjections"]


class RootProjections:
    """Mixin of the façade's TH2/TH3 classes (needs the :class:`~rootfit.Histogram` API)."""

    name: str
    axes: tuple[Axis, ...]
    ndim: int
    projection: Any
    profile: Any

    def _root_window(self, axis: int, first: int, last: int, *, profile: bool) -> tuple[int, int]:
        """ROOT's bin window of a summed axis: its range when ``last < first`` and a range is set;
        projections clamp to 0..n+1 (``last < 0``: n+1), profiles to 1..n unless the flow bins
        are asked for explicitly."""
        a = self.axes[axis]
        n = a.nbins
        if last < first and a.range_set:
            return a.first, a.last
        if profile:
            return (1 if first < 0 else first), (n if last < 0 or last > n + 1 else last)
        return max(first, 0), (n + 1 if last < 0 or last > n + 1 else last)

    def _project(
        self, keep: tuple[int, ...], windows: dict[int, tuple[int, int]], name: str
    ) -> Any:
        from rootfit.hist import operations

        windows = {
            d: self._root_window(d, lo, hi, profile=False) for d, (lo, hi) in windows.items()
        }
        for d in range(self.ndim):  # axes not given: their range, else everything
            if d not in keep and d not in windows:
                windows[d] = self._root_window(d, 0, -1, profile=False)
        projected = self.projection(keep, windows)
        ranged = {
            i: (self.axes[d].first, self.axes[d].last)
            for i, d in enumerate(keep)
            if self.axes[d].range_set
        }
        from rootfit.compat.histogram_classes import as_root

        out = as_root(operations.restrict(projected, ranged) if ranged else projected)
        out.name = name
        return out

    def _profile(self, axis: int, name: str, first: int, last: int, option: str) -> Any:
        from rootfit.compat.profiles import as_tprofile

        window = self._root_window(1 - axis, first, last, profile=True)
        profile = self.profile(axis, window, error_option=option)
        kept = self.axes[axis]
        if kept.range_set:
            profile = profile.restricted(kept.first, kept.last)
        return as_tprofile(profile, name)

    def ProjectionX(
        self,
        name: str = "_px",
        first: int = 0,
        last: int = -1,
        first2: int = 0,
        last2: int = -1,
        option: str = "",
    ) -> Any:
        windows = {1: (first, last)} if self.ndim == 2 else {1: (first, last), 2: (first2, last2)}
        return self._project((0,), windows, self.name + name if name.startswith("_") else name)

    def ProjectionY(
        self,
        name: str = "_py",
        first: int = 0,
        last: int = -1,
        first2: int = 0,
        last2: int = -1,
        option: str = "",
    ) -> Any:
        windows = {0: (first, last)} if self.ndim == 2 else {0: (first, last), 2: (first2, last2)}
        return self._project((1,), windows, self.name + name if name.startswith("_") else name)

    def ProjectionZ(
        self,
        name: str = "_pz",
        ixmin: int = 0,
        ixmax: int = -1,
        iymin: int = 0,
        iymax: int = -1,
        option: str = "",
    ) -> Any:
        return self._project(
            (2,),
            {0: (ixmin, ixmax), 1: (iymin, iymax)},
            self.name + name if name.startswith("_") else name,
        )

    def Project3D(self, option: str = "x") -> Any:
        """ROOT's letters: ``"x"``, ``"xy"`` (the *first* letter goes on the vertical axis)..."""
        letters = [c for c in option.lower() if c in "xyz"]
        keep = tuple("xyz".index(c) for c in (letters[::-1] if len(letters) == 2 else letters))
        return self._project(keep, {}, f"{self.name}_{''.join(letters)}")

    def ProfileX(self, name: str = "_pfx", first: int = 1, last: int = -1, option: str = "") -> Any:
        return self._profile(0, name, first, last, option)

    def ProfileY(self, name: str = "_pfy", first: int = 1, last: int = -1, option: str = "") -> Any:
        return self._profile(1, name, first, last, option)

    def FitSlicesY(
        self,
        f1: Any = None,
        firstxbin: int = 0,
        lastxbin: int = -1,
        cut: int = 0,
        option: str = "QNR",
        arr: Any = None,
    ) -> None:
        """``TH2::FitSlicesY``: fit the y projection of each x bin (window of ``G<n>`` bins);
        the histograms ``<name>_0``, ``<name>_1``..., ``<name>_chi2`` go to ``gDirectory`` and
        to ``arr`` when given (see :func:`rootfit.batch.fit_slices` for ROOT's rules)."""
        self._fit_slices(1, f1, firstxbin, lastxbin, cut, option, arr)

    def FitSlicesX(
        self,
        f1: Any = None,
        firstybin: int = 0,
        lastybin: int = -1,
        cut: int = 0,
        option: str = "QNR",
        arr: Any = None,
    ) -> None:
        """``TH2::FitSlicesX``: fit the x projection of each y bin; see :meth:`FitSlicesY`."""
        self._fit_slices(0, f1, firstybin, lastybin, cut, option, arr)

    def _fit_slices(
        self, axis: int, f1: Any, first: int, last: int, cut: int, option: str, arr: Any
    ) -> None:
        from rootfit.batch.slices import fit_slices, slice_option
        from rootfit.compat.histogram_classes import as_root
        from rootfit.compat.session import gDirectory

        fit_option, group = slice_option(option)
        keywords: dict[str, Any] = {}
        window = getattr(f1, "range", None)
        if "R" in fit_option.upper() and window is not None and np.ndim(window) == 1:
            keywords["range"] = tuple(window)  # option R: the function's range
        slices = fit_slices(
            self,  # type: ignore[arg-type]
            axis,
            "gaus" if f1 is None else f1,
            "".join(c for c in fit_option if c.upper() not in "NR"),
            bins=(first, last),
            cut=cut,
            group=group,
            name=self.name,
            **keywords,
        )
        for h in slices.histograms.values():
            out = as_root(h)
            gDirectory.Append(out)
            if arr is not None:
                arr.Add(out)

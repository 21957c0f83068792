"""Slice fits of a 2-D histogram (ROOT's ``TH2::FitSlicesY`` / ``FitSlicesX``).

The histogram is cut into windows of ``group`` bins along one axis; the projection of each
window on the other axis is fitted (a ``gaus`` by default); each parameter's value and error
become a histogram over the cut axis, and ``χ²/ndf`` another — ROOT's ``<name>_0``,
``<name>_1``... and ``<name>_chi2``. ROOT's rules, checked against ROOT 6.40:

* windows start at ``first`` (default 0: the underflow) and step by ``group`` while the whole
  window fits before ``last`` (default ``nbins + 1``: the overflow);
* a window is fitted when its projection has at least ``cut`` non-empty bins and more
  non-empty bins than the function has parameters;
* the output axis has ``nbins // group`` bins over the cut axis's range (its own edges when
  ``group`` is 1); a window's result goes to the output bin holding the centre of its bin
  ``start + group // 2`` (a later window landing in the same bin overwrites it, as in ROOT);
* the χ² histogram holds ``χ²/ndf`` with error ``√(χ²/ndf)``; a histogram's entries count the
  windows fitted.

The fits are independent (every slice starts from the function's own start values: ROOT's
``gaus`` re-initialises per slice too; a user function in ROOT starts each slice where the
previous one ended) and run on any executor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from rootfit.batch.fitting import FitTask, run_fits
from rootfit.batch.result import BatchResult
from rootfit.errors import DataError, FitOptionError
from rootfit.executors import ExecutorSpec
from rootfit.functions import Function
from rootfit.hist import Axis, Histogram

__all__ = ["SliceFits", "fit_slices", "slice_option"]


@dataclass(frozen=True)
class SliceFits:
    """The per-slice fits of a 2-D histogram.

    Attributes
    ----------
    windows : tuple of (int, int)
        ROOT bin windows (inclusive) of the cut axis, one per slice considered.
    output_bins : tuple of int
        Output-histogram bin of each window.
    fitted : tuple of bool
        Whether each window had enough non-empty bins to be fitted.
    batch : BatchResult
        The fits of the fitted windows, in window order.
    histograms : dict of str to Histogram
        ``"<name>_0"``, ``"<name>_1"``... (values ± errors of each parameter) and
        ``"<name>_chi2"`` (χ²/ndf), named as ROOT names them.
    parameter_names : tuple of str
    """

    windows: tuple[tuple[int, int], ...]
    output_bins: tuple[int, ...]
    fitted: tuple[bool, ...]
    batch: BatchResult
    histograms: dict[str, Histogram]
    parameter_names: tuple[str, ...]

    def __getitem__(self, parameter: int | str) -> Histogram:
        """The histogram of a parameter (by index or name) or ``"chi2"``."""
        base = next(iter(self.histograms)).rsplit("_", 1)[0]
        if parameter == "chi2":
            return self.histograms[f"{base}_chi2"]
        if isinstance(parameter, str):
            if parameter not in self.parameter_names:
                raise KeyError(f"no parameter {parameter!r}; have {self.parameter_names}")
            parameter = self.parameter_names.index(parameter)
        return self.histograms[f"{base}_{int(parameter)}"]


def _windows(n: int, first: int, last: int, group: int) -> list[tuple[int, int]]:
    first = max(int(first), 0)
    last = n + 1 if last < 0 or last > n + 1 else int(last)
    return [(b, b + group - 1) for b in range(first, last - group + 2, group)]


def _output_axis(axis: Axis, group: int) -> Axis:
    if group == 1:
        return axis.copy()
    if axis.regular:
        return Axis(axis.nbins // group, axis.lo, axis.hi, label=axis.label)
    edges = axis.edges[::group][: axis.nbins // group + 1]
    return Axis(edges=edges, label=axis.label)


def fit_slices(
    h: Histogram,
    axis: int = 1,
    function: Any = "gaus",
    option: str = "Q",
    *,
    bins: tuple[int, int] = (0, -1),
    cut: int = 0,
    group: int = 1,
    name: str | None = None,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
    **kwargs: Any,
) -> SliceFits:
    """Fit the projections of slices of a 2-D histogram (ROOT's ``FitSlicesY``/``FitSlicesX``).

    Parameters
    ----------
    h : Histogram
        A 2-D histogram.
    axis : {1, 0}
        The fitted coordinate: 1 fits projections on y of windows of x bins (``FitSlicesY``),
        0 projections on x of windows of y bins (``FitSlicesX``).
    function, option, **kwargs
        The fit of each projection, as for :func:`rootfit.fit` (default ``"gaus"``, quiet).
    bins : (int, int)
        ROOT bin window of the cut axis (default ``(0, -1)``: all, flow bins included).
    cut : int
        Fit a slice only if its projection has at least this many non-empty bins.
    group : int
        Bins of the cut axis per slice (ROOT's option ``G2``, ``G3``...).
    name : str, optional
        Base of the output names (default the histogram's name, ``"h"`` if it has none).
    executor, progress
        Where the fits run (see :mod:`rootfit.executors`).

    Returns
    -------
    SliceFits

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> rng = np.random.default_rng(3)
    >>> h = rf.Histogram(rf.Axis(4, 0, 4), rf.Axis(40, -4, 6), name="h")
    >>> x = rng.uniform(0, 4, 40000)
    >>> h.fill(x, rng.normal(0.5 * np.floor(x), 1.0))
    >>> s = h.fit_slices_y(executor="serial")
    >>> sorted(s.histograms)
    ['h_0', 'h_1', 'h_2', 'h_chi2']
    >>> np.round(s["Mean"].values(), 1).tolist()
    [0.0, 0.5, 1.0, 1.5]
    """
    if h.ndim != 2:
        raise DataError(f"slice fits need a 2-D histogram, not {h.ndim}-D")
    if axis not in (0, 1):
        raise FitOptionError(f"axis must be 1 (FitSlicesY) or 0 (FitSlicesX), not {axis!r}")
    if int(group) < 1:
        raise FitOptionError(f"group must be a positive number of bins, not {group!r}")
    model = function if isinstance(function, Function) else Function(function)
    npar = model.npar
    cut_axis = h.axes[1 - axis]
    windows = _windows(cut_axis.nbins, bins[0], bins[1], int(group))
    out_axis = _output_axis(cut_axis, int(group))
    projections, fitted = [], []
    for lo, hi in windows:
        p = h.projection(axis, {1 - axis: (lo, hi)})
        nonempty = int(np.count_nonzero(p.values()))
        ok = nonempty >= cut and nonempty > npar
        fitted.append(ok)
        if ok:
            projections.append(p)
    centres = [float(cut_axis.bin_center(lo + int(group) // 2)) for lo, _ in windows]
    out_bins = tuple(int(out_axis.find_bin(c)) for c in centres)
    batch = run_fits(
        projections, FitTask(model, option, kwargs), executor, progress, description="slice fits"
    )
    base = name if name is not None else (h.name or "h")
    names = tuple(model.parameter_names)
    hists = _output_histograms(h, out_axis, base, names)
    chi2 = hists[f"{base}_chi2"]
    columns = batch.columns  # read without building every FitResult of a stacked batch
    fitted_rows = iter(range(len(projections)))
    for ok, b in zip(fitted, out_bins, strict=True):
        i = next(fitted_rows) if ok else None
        if i is None or not columns.present[i]:
            continue
        for k in range(npar):
            hk = hists[f"{base}_{k}"]
            hk.set_value(b, float(columns.values[i, k]), flow=True)
            hk.set_error(b, float(columns.errors[i, k]), flow=True)
        ndf = int(columns.ndf[i])
        per_ndf = float(columns.chi2[i]) / ndf if ndf > 0 else 0.0
        chi2.set_value(b, per_ndf, flow=True)
        chi2.set_error(b, float(np.sqrt(max(per_ndf, 0.0))), flow=True)
    for hk in hists.values():
        hk.entries = float(np.count_nonzero(columns.present))
    batch.warn_if_failed("fit_slices")
    return SliceFits(tuple(windows), out_bins, tuple(fitted), batch, hists, names)


def _output_histograms(
    h: Histogram, axis: Axis, base: str, names: tuple[str, ...]
) -> dict[str, Histogram]:
    out: dict[str, Histogram] = {}
    for k, pname in enumerate(names):
        out[f"{base}_{k}"] = Histogram(
            axis.copy(), name=f"{base}_{k}", title=f"Fitted value of par[{k}]={pname}", sumw2=True
        )
    out[f"{base}_chi2"] = Histogram(axis.copy(), name=f"{base}_chi2", title="chisquare", sumw2=True)
    return out


def slice_option(option: str) -> tuple[str, int]:
    """Split ROOT's ``G<n>`` grouping out of a FitSlices option string: ``("QNR", 2)``."""
    text, group, i = "", 1, 0
    while i < len(option):
        if option[i] in "Gg" and i + 1 < len(option) and option[i + 1].isdigit():
            j = i + 1
            while j < len(option) and option[j].isdigit():
                j += 1
            group = int(option[i + 1 : j])
            i = j
            continue
        text += option[i]
        i += 1
    return text, group

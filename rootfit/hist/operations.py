"""Histogram arithmetic, scaling, rebinning and projections with ROOT 6.40's error propagation
and bookkeeping (entries and statistics):

* ``add(h1, h2, c)`` (``TH1::Add(h2, c)``): contents ``+ c·h2`` with the storage's
  ``AddBinContent`` rule, Σw² ``+ c²·e2²`` (Σw² is switched on when h2 has it or ``c != 1``);
  for ``c >= 0`` the statistics combine (``s1 + c·s2``, ``Σw²`` with ``c²``) and the entries
  become the effective entries of all cells when Σw² is stored, else ``|e1 + c·e2|``; for
  ``c < 0`` ROOT's ``ResetStats``.
* ``add_two(target, h1, h2, c1, c2)`` (``TH1::Add(h1, h2, c1, c2)``): contents
  ``c1·y1 + c2·y2`` converted to the storage type, statistics ``c1·s1 + c2·s2`` and entries as
  for ``add`` — or ``ResetStats`` when ``c1·c2 < 0``; ``h1 is h2`` with ``c2 < 0`` is ROOT's
  deprecated division by the bin volume.
* ``multiply`` / ``divide``: ``(c1·h1)·(c2·h2)`` and ``(c1·h1)/(c2·h2)`` with uncorrelated error
  propagation, or binomial errors ``|((1-2w)·e1² + w²·e2²)/b2²|`` for efficiencies
  (``binomial=True``); statistics from the bins, entries = effective entries.
* ``scale``: Σw² switched on, contents ×c (converted), Σw² ×c², statistics ``GetStats`` × c —
  taken *after* the contents were scaled, as ROOT does; ``width``: ``add_two(h, h, h, c, -1)``.
* ``rebin``: groups of bins or new edges that fall on old edges; entries kept, statistics kept
  unless the covered range changes (then from the bins); contents converted to the storage.
* ``projection``: sums over the other axes (all their bins, flow included, unless a bin window
  is given); statistics from the bins; entries = effective entries (weighted) or the projected
  contents including flow bins (unweighted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.histogram import Histogram
from rootfit.hist.profile import Profile

__all__ = [
    "add",
    "add_two",
    "divide",
    "multiply",
    "profile",
    "projection",
    "rebin",
    "restrict",
    "scale",
]


def _check_same(h1: Histogram, h2: Histogram, what: str) -> None:
    if not h1.same_binning(h2):
        raise DataError(
            f"cannot {what} histograms with different binning: {[repr(a) for a in h1.axes]} and "
            f"{[repr(a) for a in h2.axes]}"
        )


def _from_bins(h: Histogram) -> None:
    """ROOT's ResetStats."""
    h.reset_statistics()


def _combined_entries(h: Histogram, entries: float) -> float:
    """Entries after an addition that keeps the statistics (ROOT 6.40)."""
    return h.entries_from_cells() if h.has_sumw2 else entries


def add(h1: Histogram, h2: Histogram, c: float = 1.0) -> None:
    """In place ``h1 += c·h2`` (ROOT ``TH1::Add(h2, c)``)."""
    _check_same(h1, h2, "add")
    if h1._sumw2 is None and (h2.has_sumw2 or c != 1.0):
        h1.enable_sumw2(True)
    entries = abs(h1.entries + c * h2.entries)
    keep = c >= 0
    m1, m2 = (h1.moments(), h2.moments()) if keep else (None, None)
    var2 = h2.variances(flow=True).copy()
    h1._storage.add(h1._sumw, c * h2._contents)
    if h1._sumw2 is not None:
        h1._sumw2 += c * c * var2
    if m1 is not None and m2 is not None:
        h1._moments = m1.plus(m2, c)
        h1._entries = _combined_entries(h1, entries)
    else:
        _from_bins(h1)


def add_two(target: Histogram, h1: Histogram, h2: Histogram, c1: float, c2: float) -> None:
    """``target = c1·h1 + c2·h2`` (ROOT ``TH1::Add(h1, h2, c1, c2)``)."""
    width = h1 is h2 and c2 < 0
    _check_same(target, h1, "add")
    if not width:
        _check_same(h1, h2, "add")
    if target._sumw2 is None and (h1.has_sumw2 or h2.has_sumw2 or c1 != 1.0 or c2 != 1.0):
        target.enable_sumw2(True)
    entries = abs(c1 * h1.entries + c2 * h2.entries)
    reset = c1 * c2 < 0 or width
    combined = None if reset else h1.moments().scaled(c1).plus(h2.moments(), c2)
    if width:
        volume = _volumes(h1)
        content = c1 * h1._contents / volume
        variance = c1 * c1 * h1.variances(flow=True) / volume**2
    else:
        content = c1 * h1._contents + c2 * h2._contents
        variance = c1 * c1 * h1.variances(flow=True) + c2 * c2 * h2.variances(flow=True)
    target._sumw = target._storage.cast(content)
    if target._sumw2 is not None:
        target._sumw2 = np.array(variance, dtype=np.float64)
    if combined is None:
        _from_bins(target)
    else:
        target._moments = combined
        target._entries = _combined_entries(target, entries)


def _binary(
    h1: Histogram, h2: Histogram, c1: float, c2: float, what: str
) -> tuple[NDArray[np.float64], ...]:
    _check_same(h1, h2, what)
    b1, b2 = c1 * h1._contents, c2 * h2._contents
    e1sq, e2sq = c1 * c1 * h1.variances(flow=True), c2 * c2 * h2.variances(flow=True)
    return b1, b2, e1sq, e2sq


def _store(target: Histogram, content: NDArray[np.float64], variance: NDArray[np.float64]) -> None:
    target._sumw = target._storage.cast(content)
    target._sumw2 = np.array(variance, dtype=np.float64)
    _from_bins(target)


def multiply(
    target: Histogram, h1: Histogram, h2: Histogram, c1: float = 1.0, c2: float = 1.0
) -> None:
    """``target = (c1·h1)·(c2·h2)`` with ``e² = b2²·e1² + b1²·e2²`` (ROOT ``Multiply``)."""
    b1, b2, e1sq, e2sq = _binary(h1, h2, c1, c2, "multiply")
    _check_same(target, h1, "multiply")
    _store(target, b1 * b2, b2 * b2 * e1sq + b1 * b1 * e2sq)


def divide(
    target: Histogram,
    h1: Histogram,
    h2: Histogram,
    c1: float = 1.0,
    c2: float = 1.0,
    *,
    binomial: bool = False,
) -> None:
    """``target = (c1·h1)/(c2·h2)`` (0 where the denominator is 0), ROOT ``Divide``.

    ``binomial=True`` (ROOT's option ``"B"``) gives efficiency errors
    ``|((1 - 2w)·e1² + w²·e2²) / b2²|`` with ``w = b1/b2`` (0 when ``b1 == b2``).
    """
    b1, b2, e1sq, e2sq = _binary(h1, h2, c1, c2, "divide")
    _check_same(target, h1, "divide")
    denominator_entries = h2.entries
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(b2 != 0, b1 / b2, 0.0)
        if binomial:
            variance = np.where(
                b1 != b2, np.abs(((1 - 2 * ratio) * e1sq + ratio * ratio * e2sq) / (b2 * b2)), 0.0
            )
        else:
            variance = (e1sq * b2 * b2 + e2sq * b1 * b1) / b2**4
        variance = np.where(b2 != 0, variance, 0.0)
    _store(target, ratio, variance)
    if binomial:  # ROOT keeps the denominator's entries for an efficiency
        target._entries = denominator_entries


def _volumes(h: Histogram) -> NDArray[np.float64]:
    widths = [np.asarray(a.bin_width(np.arange(a.nbins + 2)), dtype=np.float64) for a in h.axes]
    volume = widths[0]
    for w in widths[1:]:
        volume = np.multiply.outer(volume, w)
    return volume


def scale(h: Histogram, c: float, *, width: bool = False) -> None:
    """In place: contents ×c, Σw² ×c² (ROOT ``TH1::Scale``; ``width=True`` also divides by the
    bin volume, through ``Add(h, h, c, -1)`` as ROOT does)."""
    if h._sumw2 is None:
        h.enable_sumw2(True)
    if width:
        add_two(h, h, h, c, -1.0)
        return
    h._sumw = h._storage.cast(c * h._contents)
    assert h._sumw2 is not None
    h._sumw2 = h._sumw2 * (c * c)
    h._moments = h.moments().scaled(c)  # GetStats after the contents changed, then × c


def rebin(h: Histogram, group: int | None = None, edges: ArrayLike | None = None) -> Histogram:
    """New 1-D histogram with ``group`` bins merged, or with new ``edges`` (on old edges).

    With ``group``, bins left over at the top go to the overflow (ROOT); new edges must each
    coincide with an old edge.
    """
    if h.ndim != 1:
        raise DataError("rebin works on 1-D histograms; project first")
    axis = h.axis
    old_edges = axis.edges
    if (group is None) == (edges is None):
        raise DataError("give either a group size or new edges")
    if group is not None:
        if int(group) != group or group < 1:
            raise DataError(f"group must be a positive integer, not {group!r}")
        n_new = axis.nbins // int(group)
        if n_new < 1:
            raise DataError(f"cannot group {group} bins of an axis with {axis.nbins}")
        picks = np.arange(n_new + 1) * int(group)
        new_axis = (
            Axis(n_new, old_edges[0], old_edges[picks[-1]])
            if axis.regular
            else Axis(edges=old_edges[picks])
        )
    else:
        new = np.asarray(edges, dtype=np.float64)
        positions = np.searchsorted(old_edges, new)
        tolerance = 1e-9 * (old_edges[-1] - old_edges[0])
        ok = (positions < old_edges.size) & (
            np.abs(old_edges[np.minimum(positions, old_edges.size - 1)] - new) <= tolerance
        )
        if not ok.all():
            bad = new[~ok][0]
            raise DataError(f"new edge {bad!r} does not coincide with an edge of the old axis")
        picks = positions
        new_axis = Axis(edges=old_edges[picks])
    # old ROOT bin b (1..n) goes to new bin k where picks[k-1] <= b-1 < picks[k]
    old_bins = np.arange(axis.nbins + 2)
    target = np.searchsorted(picks, old_bins - 1, side="right")
    target[0] = 0
    target = np.minimum(target, new_axis.nbins + 1)
    target[old_bins - 1 < picks[0]] = 0
    sumw = np.bincount(target, weights=h._contents, minlength=new_axis.nbins + 2)
    sumw2 = (
        None
        if h._sumw2 is None
        else np.bincount(target, weights=h._sumw2, minlength=new_axis.nbins + 2)
    )
    shrunk = new_axis.lo != axis.lo or new_axis.hi != axis.hi
    moments = None if shrunk else h.statistics()
    return Histogram.from_storage(
        new_axis,
        sumw,
        sumw2,
        entries=h.entries,
        statistics=moments,
        name=h.name,
        title=h.title,
        storage=h._storage,
    )


def projection(
    h: Histogram,
    keep: int | Sequence[int],
    bins: Mapping[int, tuple[int, int]] | None = None,
) -> Histogram:
    """Sum over the axes not in ``keep`` (ROOT ``ProjectionX/Y/Z``, ``Project3D``).

    Parameters
    ----------
    keep : int or sequence of int
        Axes of the result (0 = x).
    bins : mapping of axis to (first, last), optional
        ROOT bin numbers (inclusive) of the summed axes to use; by default all, including
        under- and overflow (ROOT's default). ``last < first`` selects nothing (as ROOT).
    """
    keep_axes = (keep,) if isinstance(keep, int) else tuple(keep)
    if (
        not keep_axes
        or any(not 0 <= k < h.ndim for k in keep_axes)
        or len(set(keep_axes)) != len(keep_axes)
    ):
        raise DataError(f"invalid projection axes {keep_axes} for a {h.ndim}-D histogram")
    select: list[slice] = []
    for d, axis in enumerate(h.axes):
        if d in keep_axes:
            select.append(slice(None))
            continue
        first, last = (bins or {}).get(d, (0, axis.nbins + 1))
        first, last = max(int(first), 0), min(int(last), axis.nbins + 1)
        select.append(slice(first, max(last + 1, first)))
    summed = tuple(d for d in range(h.ndim) if d not in keep_axes)
    # the kept axes stay in increasing order after the sum; reorder them as requested
    order = tuple(sorted(keep_axes).index(k) for k in keep_axes)
    sumw = np.transpose(h._contents[tuple(select)].sum(axis=summed), order)
    variances = np.transpose(h.variances(flow=True)[tuple(select)].sum(axis=summed), order)
    axes = [h.axes[k].copy() for k in keep_axes]
    for a in axes:
        a.set_range()
    out = Histogram.from_storage(
        axes, sumw, variances if h.has_sumw2 else None, entries=0.0, name=h.name, title=h.title
    )
    _projected_statistics(out)
    return out


def _projected_statistics(out: Histogram) -> None:
    """ROOT's statistics of a projection: from the bins; entries the effective entries
    (weighted) or every projected entry, flow bins included (unweighted)."""
    _from_bins(out)
    out._entries = out.effective_entries if out.has_sumw2 else float(out._contents.sum())


def restrict(h: Histogram, windows: Mapping[int, tuple[int, int]]) -> Histogram:
    """A histogram of the bins ``first..last`` (clamped to the axis) of the given axes only, with
    empty flow bins on those axes — what ROOT makes of a projection when the kept axis has a
    range; statistics and entries as for a projection."""
    select, axes = [], []
    for d, axis in enumerate(h.axes):
        if d not in windows:
            select.append(slice(None))
            axes.append(axis.copy())
            continue
        first, last = windows[d]
        first, last = max(int(first), 1), min(int(last), axis.nbins)
        if last < first:
            raise DataError(f"empty bin window ({first}, {last}) on axis {d}")
        select.append(slice(first - 1, last + 2))  # the new flow cells are emptied below
        axes.append(axis.sub_axis(first, last))
    contents = h._contents[tuple(select)].copy()
    variances = h.variances(flow=True)[tuple(select)].copy()
    for d in windows:
        for edge in (0, -1):
            index: list[slice | int] = [slice(None)] * h.ndim
            index[d] = edge
            contents[tuple(index)] = 0.0
            variances[tuple(index)] = 0.0
    out = Histogram.from_storage(
        axes,
        contents,
        variances if h.has_sumw2 else None,
        entries=0.0,
        name=h.name,
        title=h.title,
        storage=h._storage,
    )
    _projected_statistics(out)
    return out


def profile(
    h: Histogram, axis: int = 0, bins: tuple[int, int] | None = None, *, error_option: str = ""
) -> Profile:
    """Profile of a 2-D histogram along ``axis`` (ROOT ``ProfileX``/``ProfileY``): the mean of
    the other coordinate per bin, from the bin contents and centres (``bins``: the ROOT bin
    window of the other axis, default 1..n). As in ROOT the per-bin Σw² are the squared
    cell errors, the statistics come from the bins and the entries are the effective
    entries."""
    if h.ndim != 2:
        raise DataError("profiles are made from 2-D histograms")
    other = 1 - axis
    first, last = bins if bins is not None else (1, h._axes[other].nbins)
    first, last = max(first, 0), min(last, h._axes[other].nbins + 1)
    take = [slice(None), slice(None)]
    take[other] = slice(first, max(last + 1, first))
    contents = h._contents[tuple(take)]
    variances = h.variances(flow=True)[tuple(take)]
    centres = np.asarray(h._axes[other].bin_center(np.arange(h._axes[other].nbins + 2)))[
        take[other]
    ]
    shape = [1, 1]
    shape[other] = -1
    y = centres.reshape(shape)
    profile = Profile.from_sums(
        h._axes[axis],
        contents.sum(axis=other),
        variances.sum(axis=other),
        (contents * y).sum(axis=other),
        (contents * y * y).sum(axis=other),
        entries=0.0,
        error_option=error_option,
        name=h.name,
        title=h.title,
    )
    profile._entries = profile.effective_entries  # ROOT: statistics from the bins
    return profile

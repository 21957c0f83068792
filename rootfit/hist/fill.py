"""Filling a :class:`~rootfit.Histogram` (ROOT's ``Fill``): contents through the storage
rule, Σw² (switched on by the first weight other than 1), entries, the fill-time statistics of
the entries inside every axis, and the optional value buffer. Large 1-D fills of double
histograms run in one compiled pass (:mod:`rootfit.kernels.fill`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError, DataWarning, warn

if TYPE_CHECKING:
    from rootfit.hist.histogram import Histogram

__all__ = ["fill", "fill_entry"]

_SCALARS = (float, int, np.floating, np.integer)

#: 1-D fills of at least this many values use the one-pass numba kernel.
KERNEL_MIN_SIZE = 50_000


FillNanPolicy = Literal["raise", "omit", "overflow"]


def _nan_rows(arrays: list[NDArray[np.float64]]) -> NDArray[np.bool_] | None:
    """Which entries have a NaN coordinate (None when none does; one vectorised min per axis
    finds out, so clean data pays almost nothing)."""
    if not any(a.size and np.isnan(a.min()) for a in arrays):
        return None
    return np.logical_or.reduce([np.isnan(a) for a in arrays])


def fill(
    h: Histogram,
    *coordinates: ArrayLike,
    weights: ArrayLike | None = None,
    nan_policy: FillNanPolicy = "raise",
) -> None:
    """Fill ``h`` (see :meth:`rootfit.Histogram.fill`)."""
    if nan_policy not in ("raise", "omit", "overflow"):
        raise DataError(f"nan_policy must be 'raise', 'omit' or 'overflow', not {nan_policy!r}")
    if weights is None and len(coordinates) == h.ndim + 1:
        *coordinates, weights = coordinates  # type: ignore[assignment]
    if len(coordinates) != h.ndim:
        raise DataError(
            f"a {h.ndim}-D histogram is filled with {h.ndim} coordinate array(s), got {len(coordinates)}"
        )
    arrays = [np.atleast_1d(as_floats(c, "fill values")) for c in coordinates]
    if any(a.ndim != 1 for a in arrays):
        raise DataError("fill coordinates must be 1-D arrays or scalars")
    if len({a.size for a in arrays}) != 1:
        raise DataError(f"coordinate arrays differ in length: {[a.size for a in arrays]}")
    nan = _nan_rows(arrays) if nan_policy != "overflow" else None
    if nan is not None:
        first = int(np.argmax(nan))
        if nan_policy == "raise":
            raise DataError(
                f"fill values contain NaN ({int(nan.sum())} entries, the first at index {first}); "
                "nan_policy='omit' drops them, 'overflow' puts them in the overflow bin as ROOT "
                "does"
            )
        warn(f"dropped {int(nan.sum())} fill value(s) with a NaN coordinate", DataWarning)
        arrays = [a[~nan] for a in arrays]
        if weights is not None and np.ndim(weights) > 0:
            weights = (
                as_floats(weights, "weights")[~nan] if np.size(weights) == nan.size else weights
            )
    n = arrays[0].size
    compiled = h.ndim == 1 and n >= KERNEL_MIN_SIZE and h._storage.name == "double"
    if weights is None:
        if compiled:
            _fill_compiled(h, arrays[0], None)
            return
        w = np.ones(n)
    else:
        wa = as_floats(weights, "weights")
        if wa.ndim > 0 and wa.shape != (n,):
            raise DataError(f"weights length {wa.size} does not match values length {n}")
        w = np.broadcast_to(wa, (n,)).astype(np.float64)
        if np.any(np.isnan(w)):
            raise DataError("weights contain NaN (a weight must be a number)")
        if h._sumw2 is None and np.any(w != 1.0):
            h.enable_sumw2(True)
    if compiled:
        _fill_compiled(h, arrays[0], w)
        return
    bins = [axis.find_bin(a) for axis, a in zip(h._axes, arrays, strict=True)]
    flat = np.ravel_multi_index(tuple(np.asarray(b) for b in bins), h._sumw.shape)
    h._storage.accumulate(h._sumw, flat, None if weights is None else w)
    if h._sumw2 is not None:
        h._sumw2 += np.bincount(flat, weights=w * w, minlength=h._sumw.size).reshape(h._sumw.shape)
    h._entries += n
    if h._buffer is not None:
        h._buffer.append((np.column_stack(arrays), w.copy()))
    # the fill-time sums take the entries inside every axis only (ROOT)
    inside = np.ones(n, dtype=bool)
    for b, axis in zip(bins, h._axes, strict=True):
        inside &= (np.asarray(b) >= 1) & (np.asarray(b) <= axis.nbins)
    X = np.column_stack(arrays)[inside]
    wi = w[inside]
    m = h._moments
    m.sumw += float(wi.sum())
    m.sumw2 += float((wi * wi).sum())
    m.sx += wi @ X
    m.sxx += (X * wi[:, None]).T @ X


def fill_entry(h: Histogram, args: tuple[object, ...], nan_to_overflow: bool = True) -> int | None:
    """One entry ``(x[, y[, z]][, w])`` of Python or numpy scalars into a floating-point
    histogram, without numpy's array machinery (a NaN coordinate goes to the overflow, as in
    ROOT's ``Fill``, or is left to :func:`fill`'s policy). Returns the filled cell's ROOT
    global bin, or None when the entry is not of that kind (arrays, integer storage, a value
    buffer) and the general :func:`fill` must run. One unweighted 1-D value, the usual call in
    a loop, takes a shorter path with the same result."""
    axes = h._axes
    ndim = len(axes)
    if ndim == 1 and len(args) == 1 and h._buffer is None:  # the common case, kept short
        x = args[0]
        if isinstance(x, _SCALARS) and not h._storage.integer:
            xf = float(x)
            if xf != xf and not nan_to_overflow:
                return None
            axis = axes[0]
            b = axis.scalar_bin(xf)
            h._sumw[b] += 1.0
            if h._sumw2 is not None:
                h._sumw2[b] += 1.0
            h._entries += 1
            if 0 < b <= axis._nbins:
                m = h._moments
                m.sumw += 1.0
                m.sumw2 += 1.0
                m.sx[0] += xf
                m.sxx[0, 0] += xf * xf
            return b
    if len(args) == ndim:
        w = 1.0
    elif len(args) == ndim + 1 and isinstance(args[ndim], _SCALARS):
        w = float(args[ndim])  # type: ignore[arg-type]
        if w != w:
            return None  # a NaN weight: the general path says what is wrong
    else:
        return None
    if h._buffer is not None or h._storage.integer:
        return None
    cell = 0
    stride = 1
    bins, xs = [], []
    for k in range(ndim):
        x = args[k]
        if not isinstance(x, _SCALARS):
            return None
        xf = float(x)
        if xf != xf and not nan_to_overflow:
            return None
        b = axes[k].scalar_bin(xf)
        bins.append(b)
        xs.append(xf)
        cell += b * stride
        stride *= axes[k]._nbins + 2
    if w != 1.0 and h._sumw2 is None:
        h.enable_sumw2(True)
    index = tuple(bins) if ndim > 1 else bins[0]
    h._sumw[index] += w
    if h._sumw2 is not None:
        h._sumw2[index] += w * w
    h._entries += 1
    for k in range(ndim):
        if not 1 <= bins[k] <= axes[k]._nbins:
            return cell  # the fill-time sums take the entries inside every axis only
    m = h._moments
    m.sumw += w
    m.sumw2 += w * w
    sx, sxx = m.sx, m.sxx
    for k in range(ndim):
        wx = w * xs[k]
        sx[k] += wx
        for j in range(ndim):
            sxx[k, j] += wx * xs[j]
    return cell


def _fill_compiled(h: Histogram, x: NDArray[np.float64], w: NDArray[np.float64] | None) -> None:
    """One-pass numba fill of a 1-D histogram (same result as the vectorised path)."""
    from rootfit.kernels.fill import fill_1d

    axis = h._axes[0]
    sumw2 = h._sumw2 if h._sumw2 is not None else np.zeros(0)
    weights = np.zeros(0) if w is None else np.ascontiguousarray(w)
    stats = fill_1d(
        np.ascontiguousarray(x), weights, axis._edges, axis.regular, h._sumw, sumw2,
        h._sumw2 is not None, w is not None,
    )  # fmt: skip
    h._entries += x.size
    if h._buffer is not None:
        h._buffer.append((x.reshape(-1, 1).copy(), np.ones(x.size) if w is None else w.copy()))
    m = h._moments
    m.sumw += stats[0]
    m.sumw2 += stats[1]
    m.sx[0] += stats[2]
    m.sxx[0, 0] += stats[3]

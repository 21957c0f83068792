"""Any UHI ``PlottableHistogram`` (boost-histogram, hist, uproot objects...) as a rootfit
:class:`~rootfit.Histogram`; ``rootfit.fit`` and :mod:`rootfit.io` use it."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from rootfit.errors import DataError
from rootfit.hist.axis import Axis
from rootfit.hist.histogram import Histogram

__all__ = ["from_uhi", "is_uhi_histogram"]


def is_uhi_histogram(obj: Any) -> bool:
    """True for objects that follow the UHI plottable-histogram protocol."""
    return all(hasattr(obj, name) for name in ("axes", "values", "kind")) and not isinstance(
        obj, Histogram
    )


def _edges(axis: Any) -> np.ndarray:
    if hasattr(axis, "edges"):
        edges = axis.edges() if callable(axis.edges) else axis.edges  # uproot: a method
        return np.asarray(edges, dtype=np.float64)
    bins = list(axis)
    return np.asarray([b[0] for b in bins] + [bins[-1][1]], dtype=np.float64)


def _axis_label(ax: Any) -> str:
    """The axis title a UHI object carries: hist's ``label``, boost-histogram's string
    ``metadata``, uproot's ``fTitle`` (hist's default ``Axis 0`` is no title)."""
    for value in (getattr(ax, "label", None), getattr(ax, "metadata", None)):
        if isinstance(value, str) and value and not re.fullmatch(r"Axis \d+", value):
            return value
    member = getattr(ax, "member", None)
    if callable(member):
        try:
            text = member("fTitle")
        except Exception:  # not a ROOT axis
            return ""
        return text if isinstance(text, str) else ""
    return ""


def _text(obj: Any, *names: str) -> str:
    for n in names:
        value = getattr(obj, n, None)
        if isinstance(value, str) and value:
            return value
    return ""


def from_uhi(obj: Any, *, name: str = "", title: str = "") -> Histogram:
    """Build a :class:`Histogram` from any UHI ``PlottableHistogram`` (boost-histogram, hist,
    uproot, mplhep-ready objects...). Flow bins and Σw² are kept when the object provides them
    (``values(flow=True)``/``variances(flow=True)``); statistics come from the bins and entries
    are the sum of the counts."""
    if getattr(obj, "kind", "COUNT") != "COUNT":
        raise DataError(f"only COUNT histograms can be converted, not {getattr(obj, 'kind', '?')}")
    axes = []
    for ax in obj.axes:
        e = _edges(ax)
        widths = np.diff(e)
        regular = e.size > 2 and bool(np.allclose(widths, widths[0], rtol=1e-12, atol=0.0))
        label = _axis_label(ax)
        axes.append(
            Axis(e.size - 1, e[0], e[-1], label=label) if regular else Axis(edges=e, label=label)
        )
    shape = tuple(a.nbins + 2 for a in axes)

    def with_flow(method: str) -> np.ndarray | None:
        getter = getattr(obj, method, None)
        if getter is None:
            return None
        try:
            data = getter(flow=True)
        except TypeError:
            data = getter()
        if data is None:
            return None
        data = np.asarray(data, dtype=np.float64)
        if data.shape == shape:
            return data
        padded = np.zeros(shape)
        inner = tuple(slice(1, -1) for _ in axes)
        if data.shape == tuple(a.nbins for a in axes):
            padded[inner] = data
            return padded
        # boost-histogram axes may lack under- or overflow: place what is there
        out = np.zeros(shape)
        index = []
        for ax, size in zip(obj.axes, data.shape, strict=True):
            traits = getattr(ax, "traits", None)
            start = 0 if (traits is not None and getattr(traits, "underflow", False)) else 1
            index.append(slice(start, start + size))
        out[tuple(index)] = data
        return out

    values = with_flow("values")
    if values is None:
        raise DataError(f"{type(obj).__name__} has no values()")
    variances = with_flow("variances")
    counts = with_flow("counts")
    weighted = variances is not None and not np.allclose(variances, np.abs(values))
    entries = float(np.sum(counts if counts is not None else values))
    h = Histogram.from_storage(
        axes, values, variances if weighted else None, entries=entries,
        name=name or _text(obj, "name"), title=title or _text(obj, "label", "title"),
    )  # fmt: skip
    h.set_statistics(h.statistics())  # kept as fill-time sums, as the source has no others
    return h

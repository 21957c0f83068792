"""Conversion to and from boost-histogram / hist, and from any UHI plottable histogram
(uproot objects included)."""

from __future__ import annotations

from typing import Any

from rootfit._optional import require
from rootfit.hist import Histogram
from rootfit.hist.uhi import from_uhi

__all__ = ["from_uhi", "to_boost", "to_hist"]


def to_boost(h: Histogram) -> Any:
    """A ``boost_histogram.Histogram`` with the same axes, contents (flow included) and, when
    Σw² is stored, ``Weight`` storage."""
    bh = require("boost_histogram", feature="conversion to boost-histogram", extra="boost")
    axes = [
        bh.axis.Regular(a.nbins, a.lo, a.hi, metadata=a.label)
        if a.regular
        else bh.axis.Variable(a.edges, metadata=a.label)
        for a in h.axes
    ]
    storage = bh.storage.Weight() if h.has_sumw2 else bh.storage.Double()
    return _filled(bh.Histogram(*axes, storage=storage), h)


def _filled(out: Any, h: Histogram) -> Any:
    """``out`` (boost-histogram or hist, same binning) with ``h``'s contents, flow included."""
    view = out.view(flow=True)
    if h.has_sumw2:
        view.value = h.values(flow=True)
        view.variance = h.variances(flow=True)
    else:
        view[...] = h.values(flow=True)
    return out


def to_hist(h: Histogram) -> Any:
    """A ``hist.Hist`` with the same contents, axis labels (names ``x``, ``y``, ``z``), the
    histogram's name and its title as the hist label."""
    hist = require("hist", feature="conversion to hist", extra="dev")
    axes = [
        hist.axis.Regular(a.nbins, a.lo, a.hi, name="xyz"[i], label=a.label or "xyz"[i])
        if a.regular
        else hist.axis.Variable(a.edges, name="xyz"[i], label=a.label or "xyz"[i])
        for i, a in enumerate(h.axes)
    ]
    storage = hist.storage.Weight() if h.has_sumw2 else hist.storage.Double()
    return _filled(hist.Hist(*axes, storage=storage, name=h.name or None, label=h.title or None), h)

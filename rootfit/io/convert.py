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
    out = bh.Histogram(*axes, storage=storage)
    view = out.view(flow=True)
    if h.has_sumw2:
        view.value = h.values(flow=True)
        view.variance = h.variances(flow=True)
    else:
        view[...] = h.values(flow=True)
    return out


def to_hist(h: Histogram) -> Any:
    """A ``hist.Hist`` (named axes from the labels) with the same contents."""
    hist = require("hist", feature="conversion to hist", extra="dev")
    return hist.Hist(to_boost(h))

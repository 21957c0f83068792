"""Data objects: axes, histograms and graphs (UHI-compatible)."""

from rootfit.hist.axis import Axis
from rootfit.hist.graph import Graph
from rootfit.hist.histogram import Histogram
from rootfit.hist.profile import Profile

__all__ = ["Axis", "Graph", "Histogram", "Profile"]

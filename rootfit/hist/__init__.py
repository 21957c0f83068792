"""Data objects: axes, histograms and graphs (UHI-compatible)."""

from rootfit.hist.axis import Axis
from rootfit.hist.graph import Graph
from rootfit.hist.graph2d import Graph2D
from rootfit.hist.histogram import Histogram
from rootfit.hist.multigraph import MultiGraph
from rootfit.hist.profile import Profile

__all__ = ["Axis", "Graph", "Graph2D", "Histogram", "MultiGraph", "Profile"]

"""Fitting a multigraph (ROOT's fitMultiGraph)
===========================================

Port of ROOT's tutorial ``math/fit/fitMultiGraph.C``: a parabola fitted to a multigraph of
three partly overlapping graphs with different errors (option ``F``: Minuit, not the linear
fitter).

The fitting lines are ROOT's; ROOT draws the points with its own generator — the port takes
them as arguments (the tests give it exactly ROOT's) and otherwise draws them with numpy's.
Drawing calls are left out. Run: ``python tutorials/fitMultiGraph.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def make_graphs(rng, n=30):
    """Three point sets around 3 + 2x + x² with errors 1, 10 and 20."""
    out = []
    for (lo, hi), err in (((0.1, 5), 1.0), ((3, 8), 10.0), ((9, 15), 20.0)):
        x = rng.uniform(lo, hi, n)
        out.append((x, 3 + 2 * x + x * x + err * rng.normal(size=n), np.full(n, err)))
    return out


def fit_multigraph(graphs=None, quiet=False):
    """Run the tutorial; returns the fit result and the fitted function."""
    n = 30
    graphs = graphs or make_graphs(np.random.default_rng(1), n)
    (x1, y1, e1), (x2, y2, e2), (x3, y3, e3) = graphs
    gr1 = ROOT.TGraphErrors(n, x1, y1, ROOT.nullptr, e1)
    gr2 = ROOT.TGraphErrors(n, x2, y2, ROOT.nullptr, e2)
    gr3 = ROOT.TGraphErrors(n, x3, y3, ROOT.nullptr, e3)
    # add the graphs to the multigraph
    mg = ROOT.TMultiGraph("mg", "TMultiGraph of 3 TGraphErrors")
    mg.Add(gr1)
    mg.Add(gr2)
    mg.Add(gr3)
    # fit
    result = mg.Fit("pol2", "F" + ("Q" if quiet else ""))
    # access to the fit function
    fpol = mg.GetFunction("pol2")
    return result, fpol


if __name__ == "__main__":
    fit_multigraph()

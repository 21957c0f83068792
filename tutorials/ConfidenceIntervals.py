"""Confidence bands (ROOT's ConfidenceIntervals)
=============================================

Port of ROOT's tutorial ``math/fit/ConfidenceIntervals.C``: 95% confidence bands of a fitted
line (a graph), a fitted Gaussian (a histogram) and a fitted 2-D function (a TGraph2D), filled
into a TGraphErrors, a TH1D and a TGraph2DErrors by ``TVirtualFitter.GetFitter()``.

The fitting lines are ROOT's. ROOT draws the data with ``gRandom``; the port takes them as
arguments (the tests give it exactly ROOT's) and otherwise draws them with numpy's generator.
Drawing calls are left out. Run: ``python tutorials/ConfidenceIntervals.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def _surface_points(f2, n, rng):
    """``f2->GetRandom2`` by acceptance-rejection, and z smeared by ±30%."""
    x, y = [], []
    top = 1250.0
    while len(x) < n:
        u, v = rng.uniform(-6, 6, 2)
        if rng.uniform(0, top) < f2.Eval(u, v):
            x.append(u)
            y.append(v)
    z = [f2.Eval(a, b) * (1 + 2 * rng.uniform() * 0.3 - 0.3) for a, b in zip(x, y, strict=True)]
    return x, y, z


def confidence_intervals(graph=None, contents=None, graph2d=None, rng=None):
    """Run the tutorial; returns the three bands (TGraphErrors, TH1D, TGraph2DErrors) and the
    three fit results."""
    rng = rng or np.random.default_rng(1)
    # 1. A graph
    ngr = 100
    gr = ROOT.TGraph(ngr)
    gr.SetName("GraphNoError")
    if graph is None:
        xs = rng.uniform(-1, 1, ngr)
        graph = {"x": xs, "y": -1 + 2 * xs + rng.normal(0, 1, ngr)}
    for i in range(ngr):
        gr.SetPoint(i, graph["x"][i], graph["y"][i])
    fpol = ROOT.TF1("fpol", "pol1", -1, 1)
    line = gr.Fit(fpol, "QS")
    # Create a TGraphErrors to hold the confidence intervals
    grint = ROOT.TGraphErrors(ngr)
    grint.SetTitle("Fitted line with .95 conf. band")
    for i in range(ngr):
        grint.SetPoint(i, gr.GetX()[i], 0)
    # Compute the confidence intervals at the x points of the created graph
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint)

    # 2. A histogram
    h = ROOT.TH1D("h", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
    if contents is None:  # ROOT: h->FillRandom("gaus", 5000)
        h.fill(rng.normal(0, 1, 5000))
    else:
        for i, c in enumerate(contents):
            h.SetBinContent(i + 1, c)
    f = ROOT.TF1("fgaus", "gaus", -3, 3)
    gaus = h.Fit(f, "QS")
    # Create a histogram to hold the confidence intervals
    hint = ROOT.TH1D("hint", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(hint)

    # 3. A 2d graph
    ngr2 = 100
    f2 = ROOT.TF2("f2", "1000*(([0]*sin(x)/x)*([1]*sin(y)/y))+250", -6, 6, -6, 6)
    f2.SetParameters(1, 1)
    if graph2d is None:
        x, y, z = _surface_points(f2, ngr2, rng)
        graph2d = {"x": x, "y": y, "z": z}
    gr2 = ROOT.TGraph2D(ngr2)
    gr2.SetName("Graph2DNoError")
    for i in range(ngr2):
        gr2.SetPoint(i, graph2d["x"][i], graph2d["y"][i], graph2d["z"][i])
    # Create a graph with errors to store the intervals
    grint2 = ROOT.TGraph2DErrors(ngr2)
    for i in range(ngr2):
        grint2.SetPoint(i, gr2.GetX()[i], gr2.GetY()[i], 0)
    # Fit the graph
    f2.SetParameters(0.5, 1.5)
    surface = gr2.Fit(f2, "QS")
    # Compute the confidence intervals
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint2)
    return (grint, hint, grint2), (line, gaus, surface)


if __name__ == "__main__":
    bands, results = confidence_intervals()
    print("line band at x[0]:", bands[0].GetPointY(0), "+-", bands[0].GetErrorY(0))
    print("gaus band at bin 50:", bands[1].GetBinContent(50), "+-", bands[1].GetBinError(50))
    print("2-D band at point 0:", bands[2].GetZ()[0], "+-", bands[2].GetErrorZ(0))

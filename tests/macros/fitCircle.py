"""ROOT's tutorials/math/fit/fitCircle.C in PyROOT: a circle fitted to points by minimising a
Python function of the centre and radius with ``ROOT.Fit.Fitter.FitFCN``.

Changes: the import; ``TRandom3 r`` draws (``Circle``, ``Gaus``) are numpy's (``seeded``); a
TEllipse replaces ROOT's TArc in the drawing.
"""

import numpy as np
from rootfit import compat as ROOT

import seeded


def fitCircle(n=10000):
    c1 = ROOT.TCanvas("c1", "c1", 600, 600)
    c1.SetGrid()
    gr = ROOT.TGraph(n)
    if n > 999:
        gr.SetMarkerStyle(1)
    else:
        gr.SetMarkerStyle(3)
    r = seeded.rng()
    for i in range(n):
        radius = r.normal(4, 0.3)
        phi = r.uniform(0, 2 * np.pi)
        gr.SetPoint(i, radius * np.cos(phi), radius * np.sin(phi))
    c1.DrawFrame(-5, -5, 5, 5)
    gr.Draw("p")

    def chi2Function(par):
        # minimisation function computing the sum of squares of residuals
        # looping at the graph points
        np_ = gr.GetN()
        x = np.asarray(gr.GetX())[:np_]
        y = np.asarray(gr.GetY())[:np_]
        u = x - par[0]
        v = y - par[1]
        dr = par[2] - np.sqrt(u * u + v * v)
        return float(np.sum(dr * dr))

    # wrap chi2 function in a function object for the fit
    # 3 is the number of fit parameters (size of array par)
    fcn = ROOT.Math.Functor(chi2Function, 3)
    fitter = ROOT.Fit.Fitter()
    pStart = np.array([0.0, 0.0, 1.0])
    fitter.SetFCN(fcn, pStart)
    fitter.Config().ParSettings(0).SetName("x0")
    fitter.Config().ParSettings(1).SetName("y0")
    fitter.Config().ParSettings(2).SetName("R")

    # do the fit
    ok = fitter.FitFCN()
    if not ok:
        ROOT.Error("line3Dfit", "Line3D Fit failed")

    result = fitter.Result()
    result.Print(ROOT.std.cout)

    # Draw the circle on top of the points
    arc = ROOT.TEllipse(result.Parameter(0), result.Parameter(1), result.Parameter(2))
    arc.SetLineColor(ROOT.kRed)
    arc.SetLineWidth(4)
    arc.SetFillStyle(0)
    arc.Draw()
    c1.SaveAs("fitCircle.png")
    return fitter  # the result lives in the fitter


fitter = fitCircle()
result = fitter.Result()
RESULTS = {
    "names": [result.ParName(i) for i in range(3)],
    "min": result.MinFcnValue(),
    "values": [result.Parameter(i) for i in range(3)],
    "errors": [result.ParError(i) for i in range(3)],
}

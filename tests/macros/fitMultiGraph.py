"""ROOT's tutorials/math/fit/fitMultiGraph.C in PyROOT: three TGraphErrors in a TMultiGraph
fitted together with ``pol2`` (option F: Minuit for a polynomial), then ``fitminuit``: a Gaussian
fitted to the three graphs joined and to the multigraph.

Changes: the import; ``TRandom r`` draws are numpy's (``seeded``); the graphs added to a
multigraph are handed over with ``SetOwnership`` (PyROOT would delete them twice).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded


def fitMultiGraph():
    n = 30
    r = seeded.rng(1)
    xvalues1, xvalues2, xvalues3 = np.zeros(n), np.zeros(n), np.zeros(n)
    yvalues1, yvalues2, yvalues3 = np.zeros(n), np.zeros(n), np.zeros(n)
    evalues1, evalues2, evalues3 = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        xvalues1[i] = r.uniform(0.1, 5)
        xvalues2[i] = r.uniform(3, 8)
        xvalues3[i] = r.uniform(9, 15)
        yvalues1[i] = 3 + 2 * xvalues1[i] + xvalues1[i] * xvalues1[i] + r.normal()
        yvalues2[i] = 3 + 2 * xvalues2[i] + xvalues2[i] * xvalues2[i] + r.normal() * 10
        evalues1[i] = 1
        evalues2[i] = 10
        evalues3[i] = 20
        yvalues3[i] = 3 + 2 * xvalues3[i] + xvalues3[i] * xvalues3[i] + r.normal() * 20

    gr1 = ROOT.TGraphErrors(n, xvalues1, yvalues1, ROOT.nullptr, evalues1)
    gr2 = ROOT.TGraphErrors(n, xvalues2, yvalues2, ROOT.nullptr, evalues2)
    gr3 = ROOT.TGraphErrors(n, xvalues3, yvalues3, ROOT.nullptr, evalues3)
    gr1.SetLineColor(ROOT.kRed)
    gr2.SetLineColor(ROOT.kBlue)
    gr2.SetMarkerStyle(24)
    gr2.SetMarkerSize(0.3)
    gr3.SetLineColor(ROOT.kGreen)
    gr3.SetMarkerStyle(24)
    gr3.SetMarkerSize(0.3)

    mg = ROOT.TMultiGraph("mg", "TMultiGraph of 3 TGraphErrors")
    for gr in (gr1, gr2, gr3):
        mg.Add(gr)
        ROOT.SetOwnership(gr, False)  # the multigraph owns its graphs (C++ never deletes)
    myc = ROOT.TCanvas("myc", "Fitting a MultiGraph of 3 TGraphErrors")
    myc.SetGrid()
    mg.Draw("ap")
    mg.Fit("pol2", "F")
    fpol = mg.GetFunction("pol2")
    fpol.SetLineWidth(1)
    myc.SaveAs("fitMultiGraph.png")
    return fpol, mg


def fitminuit():
    n = 30
    r = seeded.rng(2)
    xvalues1 = r.uniform(-3, -1, n)
    xvalues2 = r.uniform(-1, 1, n)
    xvalues3 = r.uniform(1, 3, n)
    yvalues1 = np.array([ROOT.TMath.Gaus(x, 0, 1) for x in xvalues1])
    yvalues2 = np.array([ROOT.TMath.Gaus(x, 0, 1) for x in xvalues2])
    yvalues3 = np.array([ROOT.TMath.Gaus(x, 0, 1) for x in xvalues3])
    evalues = np.full(n, 0.00001)
    xtotal = np.concatenate([xvalues1, xvalues2, xvalues3])
    ytotal = np.concatenate([yvalues1, yvalues2, yvalues3])
    etotal = np.full(3 * n, 0.00001)
    gr1 = ROOT.TGraphErrors(n, xvalues1, yvalues1, ROOT.nullptr, evalues)
    gr2 = ROOT.TGraphErrors(n, xvalues2, yvalues2, ROOT.nullptr, evalues)
    gr3 = ROOT.TGraphErrors(n, xvalues3, yvalues3, ROOT.nullptr, evalues)
    grtotal = ROOT.TGraphErrors(n * 3, xtotal, ytotal, ROOT.nullptr, etotal)
    mg = ROOT.TMultiGraph("mg", "TMultiGraph of 3 TGraphErrors")
    for gr in (gr1, gr2, gr3):
        mg.Add(gr)
        ROOT.SetOwnership(gr, False)  # the multigraph owns its graphs (C++ never deletes)
    grtotal.Fit("gaus")
    mg.Fit("gaus")
    return grtotal, mg


fpol, mg = fitMultiGraph()
grtotal, mg2 = fitminuit()  # kept: their functions live as long as they do
ftotal, fmg = grtotal.GetFunction("gaus"), mg2.GetFunction("gaus")


def numbers(f):
    return {
        "chi2": f.GetChisquare(),
        "ndf": f.GetNDF(),
        "values": [f.GetParameter(i) for i in range(f.GetNpar())],
        "errors": [f.GetParError(i) for i in range(f.GetNpar())],
    }


RESULTS = {"pol2": numbers(fpol), "total": numbers(ftotal), "multigraph": numbers(fmg)}

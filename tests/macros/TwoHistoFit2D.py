"""ROOT's tutorials/math/fit/TwoHistoFit2D.C in PyROOT: two 2-D histograms (the core and the
tails of the same distribution) fitted together with a χ² written as a TMinuit FCN, driven
through ``TVirtualFitter::Fitter`` commands.

Changes: the import; ``TRandom3 rndm`` draws are numpy's (``seeded``); C++'s reference arguments
are ``ctypes`` objects, as PyROOT passes them; the FCN loops over numpy arrays; the
histograms are handed over with ``SetOwnership`` (PyROOT would delete them, and the function
both hold, at the end of the function).
"""

import ctypes

import numpy as np
from rootfit import compat as ROOT

import seeded


def gauss2D(x, par, k=0):  # C++ passes &par[k]
    z1 = (x[0] - par[k + 1]) / par[k + 2]
    z2 = (x[1] - par[k + 3]) / par[k + 4]
    return par[k] * np.exp(-0.5 * (z1 * z1 + z2 * z2))


def my2Dfunc(x, par):
    return gauss2D(x, par, 0) + gauss2D(x, par, 5)


# data need to be globals to be visible by fcn
coords = []
values = []
errors = []


def myFcn(nPar, grad, fval, p, iflag):
    x = np.asarray(coords).T
    tmp = (np.asarray(values) - my2Dfunc(x, p)) / np.asarray(errors)
    fval.value = float(np.sum(tmp * tmp))


rndm = seeded.rng()


def FillHisto(h, n, p):
    mx1, my1, sx1, sy1 = p[1], p[3], p[2], p[4]
    mx2, my2, sx2, sy2 = p[6], p[8], p[7], p[9]
    w1 = 0.5
    for i in range(n):
        # generate randoms with larger gaussians
        x, y = rndm.normal(size=2)
        r = rndm.random()
        if r < w1:
            x = x * sx1 + mx1
            y = y * sy1 + my1
        else:
            x = x * sx2 + mx2
            y = y * sy2 + my2
        h.Fill(x, y)


def TwoHistoFit2D(global_=True):
    # create two histograms
    nbx1, nby1, nbx2, nby2 = 50, 50, 50, 50
    xlow1, ylow1, xup1, yup1 = 0.0, 0.0, 10.0, 10.0
    xlow2, ylow2, xup2, yup2 = 5.0, 5.0, 20.0, 20.0

    h1 = ROOT.TH2D("h1", "core", nbx1, xlow1, xup1, nby1, ylow1, yup1)
    h2 = ROOT.TH2D("h2", "tails", nbx2, xlow2, xup2, nby2, ylow2, yup2)
    for h in (h1, h2):  # C++ never deletes them (both hold the fitted function)
        ROOT.SetOwnership(h, False)

    iniParams = np.array([100, 6.0, 2.0, 7.0, 3, 100, 12.0, 3.0, 11.0, 2.0])
    # create fit function
    func = ROOT.TF2("func", my2Dfunc, xlow2, xup2, ylow2, yup2, 10)
    func.SetParameters(iniParams)

    # fill Histos
    n1, n2 = 50000, 50000
    FillHisto(h1, n1, iniParams)
    FillHisto(h2, n2, iniParams)

    # scale histograms to same heights (for fitting)
    dx1 = (xup1 - xlow1) / float(nbx1)
    dy1 = (yup1 - ylow1) / float(nby1)
    dx2 = (xup2 - xlow2) / float(nbx2)
    dy2 = (yup2 - ylow2) / float(nby2)
    # scale histo 2 to scale of 1
    h2.Sumw2()
    h2.Scale((float(n1) * dx1 * dy1) / (float(n2) * dx2 * dy2))

    if global_:
        # fill data structure for fit (coordinates + values + errors)
        print("Do global fit")
        # fit now all the function together

        # fill data structure for fit (coordinates + values + errors)
        xaxis1, yaxis1 = h1.GetXaxis(), h1.GetYaxis()
        xaxis2, yaxis2 = h2.GetXaxis(), h2.GetYaxis()

        nbinX1, nbinY1 = h1.GetNbinsX(), h1.GetNbinsY()
        nbinX2, nbinY2 = h2.GetNbinsX(), h2.GetNbinsY()

        for ix in range(1, nbinX1 + 1):
            for iy in range(1, nbinY1 + 1):
                if h1.GetBinContent(ix, iy) > 0:
                    coords.append((xaxis1.GetBinCenter(ix), yaxis1.GetBinCenter(iy)))
                    values.append(h1.GetBinContent(ix, iy))
                    errors.append(h1.GetBinError(ix, iy))
        for ix in range(1, nbinX2 + 1):
            for iy in range(1, nbinY2 + 1):
                if h2.GetBinContent(ix, iy) > 0:
                    coords.append((xaxis2.GetBinCenter(ix), yaxis2.GetBinCenter(iy)))
                    values.append(h2.GetBinContent(ix, iy))
                    errors.append(h2.GetBinError(ix, iy))

        ROOT.TVirtualFitter.SetDefaultFitter("Minuit")
        minuit = ROOT.TVirtualFitter.Fitter(ROOT.nullptr, 10)
        for i in range(10):
            minuit.SetParameter(i, func.GetParName(i), func.GetParameter(i), 0.01, 0, 0)
        minuit.SetFCN(myFcn)

        arglist = np.zeros(100)
        arglist[0] = 0
        # set print level
        minuit.ExecuteCommand("SET PRINT", arglist, 2)

        # minimize
        arglist[0] = 5000  # number of function calls
        arglist[1] = 0.01  # tolerance
        minuit.ExecuteCommand("MIGRAD", arglist, 2)

        # get result
        minParams = np.zeros(10)
        parErrors = np.zeros(10)
        for i in range(10):
            minParams[i] = minuit.GetParameter(i)
            parErrors[i] = minuit.GetParError(i)
        chi2, edm, errdef = ctypes.c_double(0), ctypes.c_double(0), ctypes.c_double(0)
        nvpar, nparx = ctypes.c_int(0), ctypes.c_int(0)
        minuit.GetStats(chi2, edm, errdef, nvpar, nparx)

        func.SetParameters(minParams)
        func.SetParErrors(parErrors)
        func.SetChisquare(chi2.value)
        ndf = len(coords) - nvpar.value
        func.SetNDF(ndf)

        print("Chi2 Fit = {} ndf = {}  {}".format(chi2.value, ndf, func.GetNDF()))

        # add to list of functions
        h1.GetListOfFunctions().Add(func)
        h2.GetListOfFunctions().Add(func)
    else:
        # fit independently
        h1.Fit(func)
        h2.Fit(func)

    # Create a new canvas.
    c1 = ROOT.TCanvas("c1", "Two HIstogram Fit example", 100, 10, 900, 800)
    c1.Divide(2, 2)
    ROOT.gStyle.SetOptFit()
    ROOT.gStyle.SetStatY(0.6)

    c1.cd(1)
    h1.Draw()
    func.SetRange(xlow1, ylow1, xup1, yup1)
    func.DrawCopy("cont1 same")
    c1.cd(2)
    h1.Draw("lego")
    func.DrawCopy("surf1 same")
    c1.cd(3)
    func.SetRange(xlow2, ylow2, xup2, yup2)
    h2.Draw()
    func.DrawCopy("cont1 same")
    c1.cd(4)
    h2.Draw("lego")
    ROOT.gPad.SetLogz()
    func.Draw("surf1 same")
    c1.SaveAs("TwoHistoFit2D.png")
    return func, len(coords), (chi2.value, edm.value, errdef.value, nvpar.value, nparx.value)


func, npoints, stats = TwoHistoFit2D()
RESULTS = {
    "points": npoints,
    "stats": [stats[0], stats[2], stats[3], stats[4]],
    "ndf": func.GetNDF(),
    "chi2": func.GetChisquare(),
    "values": [func.GetParameter(i) for i in range(10)],
    "errors": [func.GetParError(i) for i in range(10)],
}

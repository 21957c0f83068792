"""ROOT's tutorials/math/fit/fit2dHist.C in PyROOT: two 2-D histograms of 10⁶ events each (the
core and the tails of one distribution) fitted one by one (option 1) and together with a
Python χ² through ``ROOT.Fit.Fitter`` (option 12, Minuit2).

Changes: the import; ``gRandom->Rannor``/``Rndm`` draws are numpy's (``seeded``), made before
the fill loop. This file runs option 1 (ROOT's default); ``fit2dHist_global.py`` option 12 (in
its own process under ROOT: a second run would replace the TF1 both histograms hold).
"""

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
class MyFcn:
    def __init__(self, h1, h2):
        self.h1 = h1
        self.h2 = h2
        self.npfits = 0

    def __call__(self, p):
        chi2 = 0.0
        self.npfits = 0
        for h in (self.h1, self.h2):
            xaxis, yaxis = h.GetXaxis(), h.GetYaxis()
            nbinX, nbinY = h.GetNbinsX(), h.GetNbinsY()
            xs = np.array([xaxis.GetBinCenter(ix) for ix in range(1, nbinX + 1)])
            ys = np.array([yaxis.GetBinCenter(iy) for iy in range(1, nbinY + 1)])
            content = np.array(
                [
                    [h.GetBinContent(ix, iy) for iy in range(1, nbinY + 1)]
                    for ix in range(1, nbinX + 1)
                ]
            )
            error = np.array(
                [
                    [h.GetBinError(ix, iy) for iy in range(1, nbinY + 1)]
                    for ix in range(1, nbinX + 1)
                ]
            )
            X, Y = np.meshgrid(xs, ys, indexing="ij")
            use = error > 0
            tmp = (content[use] - my2Dfunc((X[use], Y[use]), p)) / error[use]
            chi2 += float(np.sum(tmp * tmp))
            self.npfits += int(np.sum(use))
        return chi2


def FillHisto(h, n, p, rng):
    mx1, my1, sx1, sy1 = p[1], p[3], p[2], p[4]
    mx2, my2, sx2, sy2 = p[6], p[8], p[7], p[9]
    w1 = 0.5
    xs, ys = rng.normal(size=(2, n))
    rs = rng.random(n)
    for i in range(n):
        # generate randoms with larger gaussians
        x, y, r = xs[i], ys[i], rs[i]
        if r < w1:
            x = x * sx1 + mx1
            y = y * sy1 + my1
        else:
            x = x * sx2 + mx2
            y = y * sy2 + my2
        h.Fill(x, y)


def fit2dHist(option=1):
    rng = seeded.rng()
    # create two histograms
    nbx1, nby1, nbx2, nby2 = 50, 50, 50, 50
    xlow1, ylow1, xup1, yup1 = 0.0, 0.0, 10.0, 10.0
    xlow2, ylow2, xup2, yup2 = 5.0, 5.0, 20.0, 20.0

    h1 = ROOT.TH2D("h1", "core", nbx1, xlow1, xup1, nby1, ylow1, yup1)
    h2 = ROOT.TH2D("h2", "tails", nbx2, xlow2, xup2, nby2, ylow2, yup2)

    iniParams = np.array([100, 6.0, 2.0, 7.0, 3, 100, 12.0, 3.0, 11.0, 2.0])
    # create fit function
    func = ROOT.TF2("func", my2Dfunc, xlow2, xup2, ylow2, yup2, 10)
    func.SetParameters(iniParams)

    # fill Histos
    n1, n2 = 1000000, 1000000
    FillHisto(h1, n1, iniParams, rng)
    FillHisto(h2, n2, iniParams, rng)

    # scale histograms to same heights (for fitting)
    dx1 = (xup1 - xlow1) / float(nbx1)
    dy1 = (yup1 - ylow1) / float(nby1)
    dx2 = (xup2 - xlow2) / float(nbx2)
    dy2 = (yup2 - ylow2) / float(nby2)
    # scale histo 2 to scale of 1
    h2.Sumw2()
    h2.Scale((float(n1) * dx1 * dy1) / (float(n2) * dx2 * dy2))

    global_ = option > 10
    if global_:
        print("Do global fit")
        fitter = ROOT.Fit.Fitter()
        myFcn = MyFcn(h1, h2)
        fcn = ROOT.Math.Functor(myFcn, 10)  # kept: the fitter refers to it
        fitter.SetFCN(fcn)
        if option % 10 == 2:
            fitter.Config().SetMinimizer("Minuit2")
        # set parameter initial value, name and step size
        for i in range(10):
            fitter.Config().ParSettings(i).SetName(func.GetParName(i))
            fitter.Config().ParSettings(i).SetValue(func.GetParameter(i))
            fitter.Config().ParSettings(i).SetStepSize(0.01)
        ret = fitter.FitFCN()
        if not ret:
            ROOT.Error("fit2DHist", "Fit Failed to converge")
            return None
        result = fitter.Result()
        minParams = np.array([result.Parameter(i) for i in range(10)])
        parErrors = np.array([result.ParError(i) for i in range(10)])
        chi2 = result.MinFcnValue()
        npfits = myFcn.npfits
        func.SetParameters(minParams)
        func.SetParErrors(parErrors)
        func.SetChisquare(chi2)
        ndf = npfits - result.NFreeParameters()
        func.SetNDF(ndf)

        # add to list of functions
        h1.GetListOfFunctions().Add(func)
        h2.GetListOfFunctions().Add(func)
    else:
        # fit independently
        h1.Fit(func, "0")
        first = [func.GetParameter(i) for i in range(10)] + [func.GetChisquare()]
        h2.Fit(func, "0")

    # Create a new canvas.
    c1 = ROOT.TCanvas("c1", "Two HIstogram Fit example", 100, 10, 900, 800)
    c1.Divide(2, 2)
    ROOT.gStyle.SetOptFit()
    ROOT.gStyle.SetStatY(0.6)

    c1.cd(1)
    h1.Draw()
    func.SetRange(xlow1, ylow1, xup1, yup1)
    func.DrawCopy("cont3 same")
    c1.cd(2)
    h1.Draw("lego")
    func.DrawCopy("surf1 same")
    c1.cd(3)
    func.SetRange(xlow2, ylow2, xup2, yup2)
    h2.Draw()
    func.DrawCopy("cont3 same")
    c1.cd(4)
    h2.Draw("lego")
    ROOT.gPad.SetLogz()
    func.Draw("surf1 same")
    c1.SaveAs("fit2dHist_%d.png" % option)

    numbers = {
        "entries": [h1.GetEntries(), h2.GetEntries()],
        "chi2": func.GetChisquare(),
        "ndf": func.GetNDF(),
        "values": [func.GetParameter(i) for i in range(10)],
        "errors": [func.GetParError(i) for i in range(10)],
    }
    if not global_:
        numbers["first"] = first
    # C++ never deletes them (both lists hold the function)
    for obj in (h1, h2):
        ROOT.SetOwnership(obj, False)
    return numbers


if __name__ == "__main__":
    RESULTS = fit2dHist(1)

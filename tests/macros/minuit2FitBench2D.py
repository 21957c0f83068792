"""ROOT's tutorials/math/fit/minuit2FitBench2D.C in PyROOT: a 2-D Gaussian (a Python function)
fitted to a 100×100 histogram of 10⁵ events with Minuit, Fumili, Minuit2 and Fumili2.

Changes: the import; ``gRandom->Gaus`` draws are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded


def gaus2D(x, par):
    t1 = x[0] - par[1]
    t2 = x[1] - par[2]
    return par[0] * ROOT.TMath.Exp(
        -0.5 * (t1 * t1 / (par[3] * par[3]) + t2 * t2 / (par[4] * par[4]))
    )


def fitFunction(x, par):
    return gaus2D(x, par)


def fillHisto(n=10000):
    rng = seeded.rng()
    x = rng.normal(2, 3, n)
    y = rng.normal(-1, 4, n)
    for i in range(n):
        histo.Fill(x[i], y[i], 1.0)


def DoFit(fitter, pad, npass):
    timer = ROOT.TStopwatch()
    ROOT.TVirtualFitter.SetDefaultFitter(fitter)
    pad.SetGrid()
    fitFcn.SetParameters(100, 0, 0, 2, 7)
    fitFcn.Update()

    timer.Start()
    r = histo.Fit("fitFcn", "0S")
    timer.Stop()

    histo.Draw()
    cputime = timer.CpuTime()
    print("%s, npass=%d  : RT=%7.3f s, Cpu=%7.3f s" % (fitter, npass, timer.RealTime(), cputime))
    p = ROOT.TPaveLabel(0.5, 0.7, 0.85, 0.8, "%s CPU= %g s" % (fitter, cputime), "brNDC")
    p.Draw()
    pad.Update()
    return r


ctx = ROOT.TDirectory.TContext(ROOT.nullptr)  # Don't register histograms to the current directory
c1 = ROOT.TCanvas("c1", "Fitting Demo", 10, 10, 900, 900)
c1.Divide(2, 2)
# create a TF1 with the range from 0 to 3 and 6 parameters
fitFcn = ROOT.TF2("fitFcn", fitFunction, -10, 10, -10, 10, 5)
ROOT.gStyle.SetOptFit()
ROOT.gStyle.SetStatY(0.6)

histo = ROOT.TH2D("h2", "2D Gauss", 100, -10, 10, 100, -10, 10)
fillHisto(100000)

RESULTS = {}
npass = 0
for k, fitter in enumerate(("Minuit", "Fumili", "Minuit2", "Fumili2")):
    c1.cd(k + 1)
    r = DoFit(fitter, ROOT.gPad, npass)
    RESULTS[fitter] = {
        "minimizer": r.MinimizerType(),
        "chi2": r.Chi2(),
        "ndf": r.Ndf(),
        "values": [r.Parameter(i) for i in range(5)],
        "errors": [r.ParError(i) for i in range(5)],
    }
c1.SaveAs("minuit2FitBench2D.png")

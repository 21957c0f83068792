"""ROOT's tutorials/math/fit/minuit2FitBench.C in PyROOT: a Lorentzian peak on a quadratic
background refitted 20 times while the histogram grows, with Minuit, Fumili, Minuit2 and
Fumili2, then a final fit with Minos errors.

Changes: the import; ``fitFcn->GetRandom()`` draws are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded


def background(x, par):
    return par[0] + par[1] * x[0] + par[2] * x[0] * x[0]


def lorentzianPeak(x, par, k=0):  # C++ passes &par[k]
    return (0.5 * par[k] * par[k + 1] / ROOT.TMath.Pi()) / ROOT.TMath.Max(
        1.0e-10, (x[0] - par[k + 2]) * (x[0] - par[k + 2]) + 0.25 * par[k + 1] * par[k + 1]
    )


def fitFunction(x, par):
    return background(x, par) + lorentzianPeak(x, par, 3)


def DoFit(fitter, pad, npass):
    print("\n*********************************************************************************")
    print("\t %s " % fitter)
    print("*********************************************************************************")

    rng = seeded.rng()
    timer = ROOT.TStopwatch()
    ROOT.Math.MinimizerOptions.SetDefaultMinimizer(fitter)
    pad.SetGrid()
    pad.SetLogy()
    fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
    fitFcn.Update()
    title = fitter + " fit bench"
    histo = ROOT.TH1D(fitter, title, 200, 0, 3)

    timer.Start()
    ok = True
    for npass_ in range(npass):
        if npass_ % 100 == 0:
            print("pass : %d" % npass_)
        else:
            print(".", end="")
        if npass_ == 0:
            fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
        histo.FillN(5000, seeded.sample(fitFcn, 5000, rng), ROOT.nullptr)
        iret = int(histo.Fit(fitFcn, "Q0"))
        ok &= iret == 0
        if iret != 0:
            ROOT.Error("DoFit", "Fit pass %d failed !" % npass_)
    # do last fit computing Minos Errors (except for Fumili)
    if "Fumili" not in fitter:  # Fumili does not implement Error options (MINOS)
        r = histo.Fit(fitFcn, "ES")
    else:
        r = histo.Fit(fitFcn, "S")
    timer.Stop()

    histo.GetFunction("fitFcn").SetLineColor(ROOT.kRed + 3)
    ROOT.gPad.SetFillColor(ROOT.kYellow - 10)

    cputime = timer.CpuTime()
    print("%s, npass=%d  : RT=%7.3f s, Cpu=%7.3f s" % (fitter, npass, timer.RealTime(), cputime))
    p = ROOT.TPaveLabel(0.45, 0.7, 0.88, 0.8, "%s CPU= %g s" % (fitter, cputime), "brNDC")
    p.Draw()
    p.SetTextColor(ROOT.kRed + 3)
    p.SetFillColor(ROOT.kYellow - 8)
    pad.Update()
    return ok, histo, r


def minuit2FitBench(npass=20):
    global fitFcn
    ctx = ROOT.TDirectory.TContext(
        ROOT.nullptr
    )  # Don't register histograms to the current directory
    c1 = ROOT.TCanvas("FitBench", "Fitting Demo", 10, 10, 900, 900)
    c1.Divide(2, 2)
    c1.SetFillColor(ROOT.kYellow - 9)
    # create a TF1 with the range from 0 to 3 and 6 parameters
    fitFcn = ROOT.TF1("fitFcn", fitFunction, 0, 3, 6)
    fitFcn.SetNpx(200)
    ROOT.gStyle.SetOptFit()
    ROOT.gStyle.SetStatY(0.6)

    results, kept = {}, []
    for k, fitter in enumerate(("Minuit", "Fumili", "Minuit2", "Fumili2")):
        c1.cd(k + 1)
        ok, histo, r = DoFit(fitter, ROOT.gPad, npass)
        kept.append(histo)
        results[fitter] = {
            "ok": bool(ok),
            "entries": histo.GetEntries(),
            "minimizer": r.MinimizerType(),
            "chi2": r.Chi2(),
            "values": [r.Parameter(i) for i in range(6)],
            "errors": [r.ParError(i) for i in range(6)],
        }
    c1.SaveAs("FitBench.png")
    return results


RESULTS = minuit2FitBench()

"""ROOT's tutorials/math/fit/minuit2GausFit.C in PyROOT: one Gaussian sample fitted four ways
(χ², χ² with Minos, integral χ² with gradient and Minos, likelihood with Minos) with Minuit2
and with Fumili2.

Changes: the import; ``gRandom->Gaus`` draws are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded


def testGausFit(type="Minuit2", n=1000):
    rng = seeded.rng()
    ROOT.TVirtualFitter.SetDefaultFitter(type)

    h1 = ROOT.TH1D("h1_" + type, "Chi2 Fit", 100, -5, 5.0)
    h2 = ROOT.TH1D("h2_" + type, "Chi2 Fit with Minos Error", 100, -5, 5.0)
    h3 = ROOT.TH1D("h3_" + type, "Chi2 Fit with Integral and Minos", 100, -5, 5.0)
    h4 = ROOT.TH1D("h4_" + type, "Likelihood Fit with Minos Error", 100, -5, 5.0)

    ROOT.gStyle.SetOptStat(1111111)
    ROOT.gStyle.SetOptFit(1111111)

    for i in range(n):
        x = rng.normal(0, 1)
        h1.Fill(x)
        h2.Fill(x)
        h3.Fill(x)
        h4.Fill(x)

    cname = type + "Canvas"
    c1 = ROOT.TCanvas(cname, cname, 10, 10, 900, 900)
    c1.Divide(2, 2)

    c1.cd(1)
    print("\nDo Fit 1\n")
    r1 = h1.Fit("gaus", "QS")
    h1.Draw()
    c1.cd(2)
    print("\nDo Fit 2\n")
    r2 = h2.Fit("gaus", "ES")
    h2.Draw()
    c1.cd(3)
    print("\nDo Fit 3\n")
    r3 = h3.Fit("gaus", "IGES")
    h3.Draw()
    c1.cd(4)
    print("\nDo Fit 4\n")
    r4 = h4.Fit("gaus", "LES")
    h4.Draw()
    c1.SaveAs(cname + ".png")
    return [numbers(r) for r in (r1, r2, r3, r4)]


def numbers(r):
    return {
        "minimizer": r.MinimizerType(),
        "chi2": r.Chi2(),
        "values": [r.Parameter(i) for i in range(3)],
        "errors": [r.ParError(i) for i in range(3)],
        "minos": [[r.LowerError(i), r.UpperError(i)] for i in range(3) if r.HasMinosError(i)],
    }


n = 1000
RESULTS = {"Minuit2": testGausFit("Minuit2", n), "Fumili2": testGausFit("Fumili2", n)}

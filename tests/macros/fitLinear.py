"""ROOT's tutorials/math/fit/fitLinear.C in PyROOT: three graphs fitted with linear functions
(``pol3``, ``"sin(x) ++ sin(2*x)"``, ``"1 ++ exp(-x)"``) by the linear fitter.

Changes: the import; ``TRandom r`` draws are numpy's (``seeded``).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded


def makePoints(n, x, y, e, p, seed):
    r = seeded.rng(seed)
    for i in range(n):
        x[i] = r.uniform(-2, 2)
        if p == 2:
            y[i] = ROOT.TMath.Sin(x[i]) + ROOT.TMath.Sin(2 * x[i]) + r.normal() * 0.1
        if p == 3:
            y[i] = -7 + 2 * x[i] * x[i] + x[i] * x[i] * x[i] + r.normal() * 0.1
        if p == 4:
            y[i] = -2 + ROOT.TMath.Exp(-x[i]) + r.normal() * 0.1
        e[i] = 0.1


n = 40
x, y, e = np.zeros(n), np.zeros(n), np.zeros(n)
myc = ROOT.TCanvas("myc", "Fitting 3 TGraphErrors with linear functions")
myc.SetGrid()

makePoints(n, x, y, e, 3, 3)
gre3 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
gre3.Draw("a*")
gre3.Fit("pol3")
f3 = gre3.GetFunction("pol3")
f3.SetLineWidth(1)

makePoints(n, x, y, e, 2, 2)
gre2 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
gre2.Draw("*same")
gre2.SetMarkerColor(ROOT.kBlue)
gre2.SetLineColor(ROOT.kBlue)
f2 = ROOT.TF1("f2", "sin(x) ++ sin(2*x)", -2, 2)
gre2.Fit(f2)
f2 = gre2.GetFunction("f2")
f2.SetLineColor(ROOT.kBlue)
f2.SetLineWidth(1)

makePoints(n, x, y, e, 4, 4)
gre4 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
gre4.Draw("*same")
gre4.SetMarkerColor(ROOT.kRed)
gre4.SetLineColor(ROOT.kRed)
gre4.Fit("1 ++ exp(-x)")
f4 = gre4.GetFunction("1 ++ exp(-x)")
f4.SetName("f4")
f4.SetLineColor(ROOT.kRed)
f4.SetLineWidth(1)

leg = ROOT.TLegend(0.3, 0.7, 0.65, 0.9)
leg.AddEntry(gre3, " -7 + 2*x*x + x*x*x", "p")
leg.AddEntry(gre2, "sin(x) + sin(2*x)", "p")
leg.AddEntry(gre4, "-2 + exp(-x)", "p")
leg.Draw()
myc.SaveAs("fitLinear.png")


def numbers(f):
    return {
        "chi2": f.GetChisquare(),
        "ndf": f.GetNDF(),
        "values": [f.GetParameter(i) for i in range(f.GetNpar())],
        "errors": [f.GetParError(i) for i in range(f.GetNpar())],
    }


RESULTS = {
    "pol3": numbers(f3),
    "sin": numbers(f2),
    "exp": numbers(f4),
    "f4_found": bool(gre4.GetFunction("f4")),
    "old_name_found": bool(gre4.GetFunction("1 ++ exp(-x)")),
}

"""ROOT's tutorials/math/fit/fit1.C in PyROOT.

Changes: the import; ``FillRandom("sqroot", 10000)`` draws numpy's numbers (``seeded``); the fit
label's text is written inline instead of read from ROOT's ``fit1_C.txt``.
"""

import seeded

from rootfit import compat as ROOT

c1 = ROOT.TCanvas("c1_fit1", "The Fit Canvas", 200, 10, 700, 500)
c1.SetGridx()
c1.SetGridy()
c1.GetFrame().SetFillColor(21)
c1.GetFrame().SetBorderMode(-1)
c1.GetFrame().SetBorderSize(5)

form1 = ROOT.TFormula("form1", "abs(sin(x)/x)")
sqroot = ROOT.TF1("sqroot", "x*gaus(0) + [3]*form1", 0.0, 10.0)
sqroot.SetLineColor(4)
sqroot.SetLineWidth(6)
sqroot.SetParameters(10.0, 4.0, 1.0, 20.0)
sqroot.Print()

h1d = ROOT.TH1D("h1d", "Test random numbers", 200, 0.0, 10.0)
seeded.fill_random(h1d, sqroot, 10000, seeded.rng())
h1d.SetFillColor(45)
h1d.Fit("sqroot")

fitlabel = ROOT.TPaveText(0.6, 0.4, 0.9, 0.75, "NDC")
fitlabel.SetTextAlign(12)
fitlabel.SetFillColor(42)
fitlabel.AddText("Fitting sqroot = x*gaus(0) + [3]*form1")
fitlabel.Draw()
c1.Update()
c1.SaveAs("fit1.png")

fit = h1d.GetFunction("sqroot")
RESULTS = {
    "chi2": fit.GetChisquare(),
    "ndf": fit.GetNDF(),
    "values": [fit.GetParameter(i) for i in range(4)],
    "errors": [fit.GetParError(i) for i in range(4)],
}

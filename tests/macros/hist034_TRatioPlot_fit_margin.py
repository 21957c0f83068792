"""ROOT's tutorials/hist/hist034_TRatioPlot_fit_margin.py: residuals in units of the fitted
function's Poisson error (``"errfunc"``), no margin between the panels.

Changes: the import; ``FillRandom("gaus", 5000)`` draws numpy's normal numbers (``seeded``).
"""

from rootfit import compat as ROOT

import ratio_results
import seeded

ROOT.gStyle.SetOptStat(0)
c1 = ROOT.TCanvas("c1", "fit residual simple")
ROOT.gPad.SetFrameFillStyle(0)
h1 = ROOT.TH1D("h1", "h1", 50, -5, 5)
h1.FillN(5000, seeded.rng().normal(size=5000), ROOT.nullptr)
h1.Fit("gaus", "S")
h1.Sumw2()
h1.GetXaxis().SetTitle("x")
h1.GetYaxis().SetTitle("y")
rp1 = ROOT.TRatioPlot(h1, "errfunc")
rp1.SetGraphDrawOpt("L")
rp1.SetSeparationMargin(0.0)
rp1.Draw()
rp1.GetLowerRefGraph().SetMinimum(-2)
rp1.GetLowerRefGraph().SetMaximum(2)
c1.Update()
c1.SaveAs("hist034.png")

RESULTS = ratio_results.of(rp1, h1)

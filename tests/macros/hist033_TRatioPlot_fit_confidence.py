"""ROOT's tutorials/hist/hist033_TRatioPlot_fit_confidence.py: fit residuals with the
confidence bands in other colours.

Changes: the import; ``FillRandom("gaus", 2000)`` draws numpy's normal numbers (``seeded``).
"""

from rootfit import compat as ROOT

import ratio_results
import seeded

ROOT.gStyle.SetOptStat(0)
c1 = ROOT.TCanvas("c1", "fit residual simple")
h1 = ROOT.TH1D("h1", "h1", 50, -5, 5)
h1.FillN(2000, seeded.rng().normal(size=2000), ROOT.nullptr)
h1.Fit("gaus")
h1.GetXaxis().SetTitle("x")
h1.GetYaxis().SetTitle("y")
rp1 = ROOT.TRatioPlot(h1)
rp1.SetConfidenceIntervalColors("kBlue", "kRed")
rp1.Draw()
c1.Update()
c1.SaveAs("hist033.png")

RESULTS = ratio_results.of(rp1, h1)

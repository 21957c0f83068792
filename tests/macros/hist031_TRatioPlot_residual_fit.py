"""ROOT's tutorials/hist/hist031_TRatioPlot_residual_fit.py: fit residuals of a Gaussian on a
logarithmic upper panel, the lower graph's range set.

Changes: the import; ``FillRandom("gaus", 2000)`` draws numpy's normal numbers (``seeded``).
"""

from rootfit import compat as ROOT

import ratio_results
import seeded

ROOT.gStyle.SetOptStat(0)
c1 = ROOT.TCanvas("c1", "fit residual simple")
c1.SetLogy()
h1 = ROOT.TH1D("h1", "h1", 50, -5, 5)
h1.FillN(2000, seeded.rng().normal(size=2000), ROOT.nullptr)
h1.Fit("gaus")
h1.SetMinimum(0.001)
h1.GetXaxis().SetTitle("x")
h1.GetYaxis().SetTitle("y")
rp1 = ROOT.TRatioPlot(h1)
rp1.Draw()
rp1.GetLowerRefGraph().SetMinimum(-2)
rp1.GetLowerRefGraph().SetMaximum(2)
c1.Update()
c1.SaveAs("hist031.png")

RESULTS = ratio_results.of(rp1, h1)

"""ROOT's tutorials/hist/hist030_TRatioPlot_residual.py: a Gaussian fit and its residuals with
the 1σ and 2σ bands (``TRatioPlot``).

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
rp1 = ROOT.TRatioPlot(h1)
rp1.Draw()
rp1.GetLowerRefYaxis().SetTitle("ratio")
rp1.GetUpperRefYaxis().SetTitle("entries")
c1.Update()
c1.SaveAs("hist030.png")

RESULTS = ratio_results.of(rp1, h1)

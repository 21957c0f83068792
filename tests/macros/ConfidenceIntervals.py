"""ROOT's tutorials/math/fit/ConfidenceIntervals.C in PyROOT: 95 % confidence intervals of a
fitted line (graph), a fitted Gaussian (histogram) and a fitted 2-D function (Graph2D), from
``TVirtualFitter::GetFitter()->GetConfidenceIntervals``.

Changes: the import; ``gRandom`` and ``f2->GetRandom2`` draws are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

rng = seeded.rng()
myc = ROOT.TCanvas("myc", "Confidence intervals on the fitted function", 1000, 500)
myc.Divide(3, 1)

# 1. A graph
# Create and fill a graph
ngr = 100
gr = ROOT.TGraph(ngr)
gr.SetName("GraphNoError")
for i in range(ngr):
    x = rng.uniform(-1, 1)
    y = -1 + 2 * x + rng.normal(0, 1)
    gr.SetPoint(i, x, y)
# Create the fitting function
fpol = ROOT.TF1("fpol", "pol1", -1, 1)
fpol.SetLineWidth(2)
gr.Fit(fpol, "Q")

# Create a TGraphErrors to hold the confidence intervals
grint = ROOT.TGraphErrors(ngr)
grint.SetTitle("Fitted line with .95 conf. band")
for i in range(ngr):
    grint.SetPoint(i, gr.GetX()[i], 0)
# Compute the confidence intervals at the x points of the created graph
ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint)
# Now the "grint" graph contains function values as its y-coordinates
# and confidence intervals as the errors on these coordinates
# Draw the graph, the function and the confidence intervals
myc.cd(1)
grint.SetLineColor(ROOT.kRed)
grint.Draw("ap")
gr.SetMarkerStyle(5)
gr.SetMarkerSize(0.7)
gr.Draw("psame")

# 2. A histogram
myc.cd(2)
# Create, fill and fit a histogram
nh = 5000
h = ROOT.TH1D("h", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
h.FillN(nh, rng.normal(size=nh), ROOT.nullptr)
f = ROOT.TF1("fgaus", "gaus", -3, 3)
f.SetLineWidth(2)
h.Fit(f, "Q")
h.Draw()

# Create a histogram to hold the confidence intervals
hint = ROOT.TH1D("hint", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(hint)
# Now the "hint" histogram has the fitted function values as the
# bin contents and the confidence intervals as bin errors
hint.SetStats(False)
hint.SetFillColor(2)
hint.Draw("e3 same")

# 3. A 2d graph
ngr2 = 100
e = 0.3
gr2 = ROOT.TGraph2D(ngr2)
gr2.SetName("Graph2DNoError")
f2 = ROOT.TF2("f2", "1000*(([0]*sin(x)/x)*([1]*sin(y)/y))+250", -6, 6, -6, 6)
f2.SetParameters(1, 1)
xs, ys = seeded.sample_2d(f2, ngr2, rng)
for i in range(ngr2):
    x, y = xs[i], ys[i]
    rnd = 2 * rng.random() * e - e
    z = f2.Eval(x, y) * (1 + rnd)
    gr2.SetPoint(i, x, y, z)
# Create a graph with errors to store the intervals
grint2 = ROOT.TGraph2DErrors(ngr2)
for i in range(ngr2):
    grint2.SetPoint(i, gr2.GetX()[i], gr2.GetY()[i], 0)

# Fit the graph
f2.SetParameters(0.5, 1.5)
gr2.Fit(f2, "Q")
# Compute the confidence intervals
ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint2)
# Now the "grint2" graph contains function values as z-coordinates
# and confidence intervals as their errors
# draw
myc.cd(3)
f2.SetNpx(30)
f2.SetNpy(30)
f2.SetFillColor(ROOT.kBlue)
f2.Draw("surf4")
grint2.SetNpx(20)
grint2.SetNpy(20)
grint2.SetMarkerStyle(24)
grint2.SetMarkerSize(0.7)
grint2.SetMarkerColor(ROOT.kRed)
grint2.SetLineColor(ROOT.kRed)
grint2.Draw("E0 same")
grint2.SetTitle("Fitted 2d function with .95 error bars")
myc.cd()
myc.SaveAs("ConfidenceIntervals.png")

RESULTS = {
    "line": [fpol.GetParameter(0), fpol.GetParameter(1), fpol.GetChisquare()],
    "band_line": [grint.GetErrorY(i) for i in range(0, ngr, 10)],
    "gaus": [f.GetParameter(i) for i in range(3)],
    "band_gaus": [hint.GetBinError(b) for b in range(1, 101, 9)],
    "center_gaus": [hint.GetBinContent(b) for b in range(1, 101, 9)],
    "f2": [f2.GetParameter(0), f2.GetParameter(1), f2.GetChisquare()],
    "band_2d": [grint2.GetErrorZ(i) for i in range(0, ngr2, 10)],
}

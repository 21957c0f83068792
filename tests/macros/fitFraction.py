"""ROOT's tutorials/math/fit/fitFraction.C in PyROOT: the fractions of three Monte Carlo
templates in a data histogram fitted with ``TFractionFitter`` (Barlow–Beeston: the templates'
own fluctuations are part of the likelihood).

Changes: the import; ``gRandom->Uniform()`` and ``TF1::GetRandom()`` draws are numpy's
(``seeded``), made once for each sample; ``GetResult``'s references are ``ctypes`` objects;
``sprintf`` is Python's ``%``.
"""

import ctypes

from rootfit import compat as ROOT

import seeded

rng = seeded.rng()
Ndata = 1000
N0 = 1000
N1 = 1000
N2 = 1000
nBins = 40

trueP0 = 0.01
trueP1 = 0.3
trueP2 = 1.0 - trueP0 - trueP1

# contribution 0
f0 = ROOT.TF1("f0", "[0]*(1-cos(x))/TMath::Pi()", 0.0, ROOT.TMath.Pi())
f0.SetParameter(0, 1.0)
f0.SetLineColor(2)
int0 = f0.Integral(0.0, ROOT.TMath.Pi())

# contribution 1
f1 = ROOT.TF1("f1", "[0]*(1-cos(x)*cos(x))*2./TMath::Pi()", 0.0, ROOT.TMath.Pi())
f1.SetParameter(0, 1.0)
f1.SetLineColor(3)
int1 = f1.Integral(0.0, ROOT.TMath.Pi())

# contribution 2
f2 = ROOT.TF1("f2", "[0]*(1+cos(x))/TMath::Pi()", 0.0, ROOT.TMath.Pi())
f2.SetParameter(0, 1.0)
f2.SetLineColor(4)
int2 = f2.Integral(0.0, ROOT.TMath.Pi())

# generate data
data = ROOT.TH1F("data", "Data angle distribution", nBins, 0, ROOT.TMath.Pi())  # data histogram
data.SetXTitle("x")
data.SetMarkerStyle(20)
data.SetMarkerSize(0.7)
data.SetMinimum(0)
htruemc0 = ROOT.TH1F(data)
htruemc0.SetLineColor(2)
htruemc1 = ROOT.TH1F(data)
htruemc1.SetLineColor(3)
htruemc2 = ROOT.TH1F(data)
htruemc2.SetLineColor(4)
ps = rng.random(Ndata)
draws = {
    0: iter(seeded.sample(f0, Ndata, rng)),
    1: iter(seeded.sample(f1, Ndata, rng)),
    2: iter(seeded.sample(f2, Ndata, rng)),
}
for i in range(Ndata):
    p = ps[i]
    if p < trueP0:
        x = next(draws[0])
        htruemc0.Fill(x)
    elif p < trueP0 + trueP1:
        x = next(draws[1])
        htruemc1.Fill(x)
    else:
        x = next(draws[2])
        htruemc2.Fill(x)
    data.Fill(x)

# generate MC samples
mc0 = ROOT.TH1F(
    "mc0", "MC sample 0 angle distribution", nBins, 0, ROOT.TMath.Pi()
)  # first MC histogram
mc0.SetXTitle("x")
mc0.SetLineColor(2)
mc0.SetMarkerColor(2)
mc0.SetMarkerStyle(24)
mc0.SetMarkerSize(0.7)
for x in seeded.sample(f0, N0, rng):
    mc0.Fill(x)

mc1 = ROOT.TH1F(
    "mc1", "MC sample 1 angle distribution", nBins, 0, ROOT.TMath.Pi()
)  # second MC histogram
mc1.SetXTitle("x")
mc1.SetLineColor(3)
mc1.SetMarkerColor(3)
mc1.SetMarkerStyle(24)
mc1.SetMarkerSize(0.7)
for x in seeded.sample(f1, N1, rng):
    mc1.Fill(x)

mc2 = ROOT.TH1F(
    "mc2", "MC sample 2 angle distribution", nBins, 0, ROOT.TMath.Pi()
)  # third MC histogram
mc2.SetXTitle("x")
mc2.SetLineColor(4)
mc2.SetMarkerColor(4)
mc2.SetMarkerStyle(24)
mc2.SetMarkerSize(0.7)
for x in seeded.sample(f2, N2, rng):
    mc2.Fill(x)

# FractionFitter
mc = ROOT.TObjArray(3)  # MC histograms are put in this array
mc.Add(mc0)
mc.Add(mc1)
mc.Add(mc2)
fit = ROOT.TFractionFitter(data, mc)  # initialise
fit.Constrain(0, 0.0, 1.0)  # constrain fraction 1 to be between 0 and 1
fit.Constrain(1, 0.0, 1.0)  # constrain fraction 1 to be between 0 and 1
fit.Constrain(2, 0.0, 1.0)  # constrain fraction 1 to be between 0 and 1
# fit->SetRangeX(1,15);                    // use only the first 15 bins in the fit
status = int(fit.Fit())  # perform the fit
print("Status: ", status)

# Display
ROOT.gStyle.SetOptStat(0)
c = ROOT.TCanvas("c", "FractionFitter example", 700, 700)
c.Divide(2, 2)

c.cd(1)
f0.DrawClone()
f0.GetHistogram().SetTitle("Original MC distributions")
f1.DrawClone("same")
f2.DrawClone("same")

c.cd(2)
data.SetTitle("Data distribution with true contributions")
data.DrawClone("EP")
htruemc0.Draw("same")
htruemc1.Draw("same")
htruemc2.Draw("same")

c.cd(3)
mc0.SetTitle("MC generated samples with fit predictions")
mc0.Draw("PE")
mc1.Draw("PEsame")
mc2.Draw("PEsame")
predictions = []
if status == 0:  # check on fit status
    mcp0 = fit.GetMCPrediction(0)
    mcp0.SetLineColor(2)
    mcp0.Draw("same")
    mcp1 = fit.GetMCPrediction(1)
    mcp1.SetLineColor(3)
    mcp1.Draw("same")
    mcp2 = fit.GetMCPrediction(2)
    mcp2.SetLineColor(4)
    mcp2.Draw("same")
    predictions = [[h.GetBinContent(b) for b in range(1, nBins + 1, 8)] for h in (mcp0, mcp1, mcp2)]

c.cd(4)
p0, p1, p2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
errP0, errP1, errP2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
l = ROOT.TLatex()
l.SetTextSize(0.035)
plot = []
if status == 0:  # check on fit status
    result = fit.GetPlot()
    plot = [result.GetBinContent(b) for b in range(1, nBins + 1, 4)]
    fit.GetResult(0, p0, errP0)
    print(" Parameter %d: true %.3f, estim. %.3f +/- %.3f" % (0, trueP0, p0.value, errP0.value))
    fit.GetResult(1, p1, errP1)
    print(" Parameter %d: true %.3f, estim. %.3f +/- %.3f" % (1, trueP1, p1.value, errP1.value))
    fit.GetResult(2, p2, errP2)
    print(" Parameter %d: true %.3f, estim. %.3f +/- %.3f" % (2, trueP2, p2.value, errP2.value))
    data.SetTitle("Data distribution with fitted contributions")
    data.DrawClone("Ep")
    result.Draw("same")
    f0.SetParameter(0, Ndata * p0.value / int0 * data.GetBinWidth(1))
    f0.SetLineStyle(2)
    f0.DrawClone("same")
    f1.SetParameter(0, Ndata * p1.value / int1 * data.GetBinWidth(1))
    f1.SetLineStyle(2)
    f1.DrawClone("same")
    f2.SetParameter(0, Ndata * p2.value / int2 * data.GetBinWidth(1))
    f2.SetLineStyle(2)
    f2.DrawClone("same")
    text = "%d: true %.2f, estimated %.2f +/- %.2f\n" % (0, trueP0, p0.value, errP0.value)
    l.DrawTextNDC(0.45, 0.30, text)
    text = "%d: true %.2f, estimated %.2f +/- %.2f\n" % (1, trueP1, p1.value, errP1.value)
    l.DrawTextNDC(0.45, 0.25, text)
    text = "%d: true %.2f, estimated %.2f +/- %.2f\n" % (2, trueP2, p2.value, errP2.value)
    l.DrawTextNDC(0.45, 0.20, text)

cnew = c.DrawClone()
c.SaveAs("fitFraction.png")

RESULTS = {
    "status": status,
    "values": [p0.value, p1.value, p2.value],
    "errors": [errP0.value, errP1.value, errP2.value],
    "chi2": fit.GetChisquare(),
    "ndf": fit.GetNDF(),
    "plot": plot,
    "predictions": predictions,
}

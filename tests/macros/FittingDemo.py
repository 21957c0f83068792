"""ROOT's tutorials/math/fit/FittingDemo.C in PyROOT: a Lorentzian peak on a quadratic
background, fitted as the sum of two Python functions, drawn with its components.

Changes: the import.
"""

import numpy as np
from rootfit import compat as ROOT


def background(x, par):
    return par[0] + par[1] * x[0] + par[2] * x[0] * x[0]


def lorentzianPeak(x, par, k=0):  # C++ passes &par[k]
    return (0.5 * par[k] * par[k + 1] / ROOT.TMath.Pi()) / ROOT.TMath.Max(
        1.0e-10, (x[0] - par[k + 2]) * (x[0] - par[k + 2]) + 0.25 * par[k + 1] * par[k + 1]
    )


def fitFunction(x, par):
    return background(x, par) + lorentzianPeak(x, par, 3)


nBins = 60
data = [6, 1, 10, 12, 6, 13, 23, 22, 15, 21, 23, 26, 36, 25, 27, 35, 40, 44, 66, 81,
        75, 57, 48, 45, 46, 41, 35, 36, 53, 32, 40, 37, 38, 31, 36, 44, 42, 37, 32, 32,
        43, 44, 35, 33, 33, 39, 29, 41, 32, 44, 26, 39, 29, 35, 32, 21, 21, 15, 25, 15]  # fmt: skip
c1 = ROOT.TCanvas("c1", "Fitting Demo", 10, 10, 700, 500)
c1.SetFillColor(33)
c1.SetFrameFillColor(41)
c1.SetGrid()

histo = ROOT.TH1F("histo", "Lorentzian Peak on Quadratic Background", 60, 0, 3)
histo.SetMarkerStyle(21)
histo.SetMarkerSize(0.8)
histo.SetStats(False)
for i in range(nBins):
    histo.SetBinContent(i + 1, data[i])

fitFcn = ROOT.TF1("fitFcn", fitFunction, 0, 3, 6)
fitFcn.SetNpx(500)
fitFcn.SetLineWidth(4)
fitFcn.SetLineColor(ROOT.kMagenta)
fitFcn.SetParameters(1, 1, 1, 1, 1, 1)
histo.Fit("fitFcn", "0")
first = [fitFcn.GetParameter(i) for i in range(6)]
fitFcn.SetParameter(4, 0.2)  # width
fitFcn.SetParameter(5, 1)  # peak
histo.Fit("fitFcn", "V+", "ep")

backFcn = ROOT.TF1("backFcn", background, 0, 3, 3)
backFcn.SetLineColor(ROOT.kRed)
signalFcn = ROOT.TF1("signalFcn", lorentzianPeak, 0, 3, 3)
signalFcn.SetLineColor(ROOT.kBlue)
signalFcn.SetNpx(500)
par = np.zeros(6)
fitFcn.GetParameters(par)
backFcn.SetParameters(par)
backFcn.Draw("same")
signalFcn.SetParameters(par[3:])
signalFcn.Draw("same")

legend = ROOT.TLegend(0.6, 0.65, 0.88, 0.85)
legend.SetTextFont(72)
legend.SetTextSize(0.04)
legend.AddEntry(histo, "Data", "lpe")
legend.AddEntry(backFcn, "Background fit", "l")
legend.AddEntry(signalFcn, "Signal fit", "l")
legend.AddEntry(fitFcn, "Global Fit", "l")
legend.Draw()
c1.SaveAs("FittingDemo.png")

RESULTS = {
    "first": first,
    "chi2": fitFcn.GetChisquare(),
    "ndf": fitFcn.GetNDF(),
    "values": [fitFcn.GetParameter(i) for i in range(6)],
    "errors": [fitFcn.GetParError(i) for i in range(6)],
    "signal_at_peak": signalFcn.Eval(par[5]),
    "background_at_1": backFcn.Eval(1.0),
}

"""ROOT's tutorials/math/fit/FitHistoInFile.C in PyROOT: a histogram written to a file (as the
object the file holds when it is written), read back and fitted with a Gaussian peak on a
quadratic background, the components drawn from the fitted parameters.

Changes: the import; the pointer-filling ``f->GetObject("histo", histo)`` is ``f.Get("histo")``.
"""

from rootfit import compat as ROOT
import numpy as np

# Bkg0, Bkg1, Bkg2, SigScale, SigSigma, SigMean
Bkg0, Bkg1, Bkg2, SigScale, SigSigma, SigMean, N_PAR = range(7)
parNames = {Bkg0: "Bkg0", Bkg1: "Bkg1", Bkg2: "Bkg2", SigScale: "Gauss scale",
            SigSigma: "Gauss #sigma", SigMean: "Gauss #mu"}  # fmt: skip


def background(x, par):
    return par[Bkg0] + par[Bkg1] * x[0] + par[Bkg2] * x[0] * x[0]


def signal(x, par):
    return par[SigScale] * ROOT.TMath.Gaus(x[0], par[SigMean], par[SigSigma], True)


def fitFunction(x, par):
    return background(x, par) + signal(x, par)


def FitRoutine(c1, histo, fitxmin, fitxmax, filename):
    c1.cd()
    # create a TF1 with the range from 0 to 3 and N_PAR parameters (six by default)
    fitFcn = ROOT.TF1("fitFcn", fitFunction, fitxmin, fitxmax, N_PAR)
    fitFcn.SetNpx(500)
    fitFcn.SetLineWidth(2)
    fitFcn.SetLineColor(ROOT.kBlue)
    # assign the parameter names
    for idx, name in parNames.items():
        fitFcn.SetParName(idx, name)
    # fit. first try without starting values for the parameters
    # this defaults to 1 for each param.
    fitFcn.SetParameters(30, 0, 0, 50.0, 0.1, 1.0)
    histo.GetXaxis().SetRange(2, 40)
    histo.Fit("fitFcn", "VR+", "ep")
    # improve the picture:
    # draw signal function
    backFcn = ROOT.TF1("backFcn", background, fitxmin, fitxmax, N_PAR)
    backFcn.SetLineColor(ROOT.kRed)
    signalFcn = ROOT.TF1("signalFcn", signal, fitxmin, fitxmax, N_PAR)
    signalFcn.SetLineColor(ROOT.kBlue)
    signalFcn.SetNpx(500)
    # retrieve the fitted parameters and set them for the background and signal functions
    par = np.zeros(N_PAR)
    fitFcn.GetParameters(par)
    backFcn.SetParameters(par)
    backFcn.DrawCopy("same")
    signalFcn.SetParameters(par)
    signalFcn.SetLineColor(ROOT.kGreen)
    signalFcn.DrawCopy("same")
    binwidth = histo.GetXaxis().GetBinWidth(1)
    integral = signalFcn.Integral(0.0, 3.0)
    print(f"number of signal events = {integral / binwidth} {binwidth}")
    # draw the legend
    legend = ROOT.TLegend(0.15, 0.7, 0.28, 0.85)
    legend.SetTextFont(72)
    legend.SetTextSize(0.03)
    legend.AddEntry(histo, "Data", "lpe")
    legend.AddEntry(backFcn, "Bgd", "l")
    legend.AddEntry(signalFcn, "Sig", "l")
    legend.AddEntry(fitFcn, "Sig+Bgd", "l")
    legend.DrawClone()
    histo.Draw("esame")
    c1.SaveAs(filename)
    return fitFcn, integral / binwidth


def CreateRootFile():
    nBins = 60
    data = [6, 1, 10, 12, 6, 13, 23, 22, 15, 21, 23, 26, 36, 25, 27, 35, 40, 44, 66, 81,
            75, 57, 43, 37, 36, 31, 35, 36, 43, 32, 40, 37, 38, 33, 36, 44, 42, 37, 32, 32,
            43, 44, 35, 33, 33, 39, 29, 41, 32, 44, 26, 39, 29, 35, 32, 21, 21, 15, 25, 15]  # fmt: skip
    f = ROOT.TFile("exampleRootFile.root", "RECREATE")
    histo = ROOT.TH1D("histo", "Gauss Peak on Quadratic Background;x;Events/0.05", 60, 0, 3)
    for i in range(nBins):
        histo.SetBinContent(i + 1, data[i])
    f.Write()
    f.Close()


ROOT.gStyle.SetOptFit(1111)
ROOT.gStyle.SetOptStat(0)
fitxmin = 0.2
fitxmax = 2.7
c1 = ROOT.TCanvas("c1", "Fitting Demo of Histogram in File", 10, 10, 700, 500)
CreateRootFile()
f = ROOT.TFile("exampleRootFile.root")
histo = f.Get("histo")
histo.SetMarkerStyle(21)
histo.SetMarkerSize(0.8)
fitFcn, nsignal = FitRoutine(c1, histo, fitxmin, fitxmax, "FitHistoInFile.pdf")

fit = histo.GetFunction("fitFcn")
RESULTS = {
    "title": [histo.GetTitle(), histo.GetXaxis().GetTitle(), histo.GetYaxis().GetTitle()],
    "entries": histo.GetEntries(),
    "chi2": fit.GetChisquare(),
    "ndf": fit.GetNDF(),
    "names": [fit.GetParName(i) for i in range(N_PAR)],
    "values": [fit.GetParameter(i) for i in range(N_PAR)],
    "errors": [fit.GetParError(i) for i in range(N_PAR)],
    "nsignal": nsignal,
}

"""ROOT's tutorials/math/fit/fithist.C in PyROOT: a signal fitted over a background shape taken
from a histogram read back from a file.

Changes: the import; ``FillRandom`` draws numpy's numbers (``seeded``).
"""

import seeded

from rootfit import compat as ROOT

rng = seeded.rng()


def histgen():
    # generate the histogram background and save it to a file
    # background taken as linearly decreasing
    f1 = ROOT.TF1("f1", "pol1", 0, 10)
    f1.SetParameters(5, -0.5)
    h = ROOT.TH1F("background", "linear background", 100, 0, 10)
    seeded.fill_random(h, f1, 10000, rng)
    f = ROOT.TFile("background.root", "recreate")
    # save the background histogram
    h.Write()
    # superimpose a gaussian signal to the background histogram
    f2 = ROOT.TF1("f2", "gaus", 0, 10)
    f2.SetParameters(1, 6, 0.5)
    seeded.fill_random(h, f2, 2000, rng)
    h.SetName("result")
    h.Write()
    # the file closes when f is deleted


def ftotal(x, par):
    xx = x[0]
    b = background.GetXaxis().FindBin(xx)
    br = par[3] * background.GetBinContent(b)
    arg = (xx - par[1]) / par[2]
    sr = par[0] * ROOT.TMath.Exp(-0.5 * arg * arg)
    return sr + br


histgen()
f = ROOT.TFile("background.root")
background = f.Get("background")  # used in ftotal
result = f.Get("result")

ftot = ROOT.TF1("ftot", ftotal, 0, 10, 4)
norm = result.GetMaximum()
ftot.SetParameters(0.5 * norm, 5, 0.2, norm)
ftot.SetParLimits(0, 0.3 * norm, norm)

result.Fit("ftot", "b")

RESULTS = {
    "background": background.GetEntries(),
    "result": result.GetEntries(),
    "chi2": ftot.GetChisquare(),
    "ndf": ftot.GetNDF(),
    "values": [ftot.GetParameter(i) for i in range(4)],
    "errors": [ftot.GetParError(i) for i in range(4)],
}

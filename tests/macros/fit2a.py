"""ROOT's tutorials/math/fit/fit2a.C in PyROOT: fit2 with option "N", then the histogram as a
lego plot and the function as a surface.

Changes: the import; ``FillRandom("f2", 100000)`` draws numpy's numbers (``seeded``); the canvas
is saved.
"""

import numpy as np
import seeded

from rootfit import compat as ROOT


def g2(x, par, k):  # C++ passes &par[k]
    r1 = (x[0] - par[k + 1]) / par[k + 2]
    r2 = (x[1] - par[k + 3]) / par[k + 4]
    return par[k] * ROOT.TMath.Exp(-0.5 * (r1 * r1 + r2 * r2))


def fun2(x, par):
    return g2(x, par, 0) + g2(x, par, 5) + g2(x, par, 10)


c = ROOT.TCanvas()
ROOT.gStyle.SetOptStat(True)
ROOT.gStyle.SetPalette(57)
npar = 15
f2params = np.array([100, -3, 3, -3, 3, 160, 0, 0.8, 0, 0.9, 40, 4, 0.7, 4, 0.7], dtype=float)
f2 = ROOT.TF2("f2", fun2, -10, 10, -10, 10, npar)
f2.SetParameters(f2params)

h2 = ROOT.TH2F("h2", "From f2", 40, -10, 10, 40, -10, 10)
nentries = 100000
seeded.fill_random(h2, f2, nentries, seeded.rng())
ratio = 4 * nentries / 100000
f2params[0] *= ratio
f2params[5] *= ratio
f2params[10] *= ratio
f2.SetParameters(f2params)
h2.Fit("f2", "N")
cutg = ROOT.TCutG("cutg", 5)
cutg.SetPoint(0, -7, -7)
cutg.SetPoint(1, 2, -7)
cutg.SetPoint(2, 2, 2)
cutg.SetPoint(3, -7, 2)
cutg.SetPoint(4, -7, -7)
h2.Draw("lego2 0")
h2.SetFillColor(38)
f2.SetNpx(80)
f2.SetNpy(80)
f2.Draw("surf1 same bb [cutg]")
c.SaveAs("fit2a.png")

RESULTS = {
    "chi2": f2.GetChisquare(),
    "values": [f2.GetParameter(i) for i in range(npar)],
    "entries": h2.GetEntries(),
    "inside": [cutg.IsInside(0, 0), cutg.IsInside(3, 0), cutg.IsInside(-6.9, 1.9)],
}

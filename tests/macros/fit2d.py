"""ROOT's tutorials/math/fit/fit2d.C in PyROOT: events inside a graphical cut, the profile of
the 2-D histogram fitted with a straight line.

Changes: the import; ``gRandom->Rndm()`` is numpy's ``random()`` (``seeded``).
"""

import numpy as np
import seeded

from rootfit import compat as ROOT

rng = seeded.rng()
n = 6
x = np.array([0.092, 0.83, 0.94, 0.81, 0.12, 0.1], dtype=np.float32)
y = np.array([0.71, 9.4, 9, 8, 0.3, 0.71], dtype=np.float32)
cut = ROOT.TCutG("cut", n, x, y)
h2 = ROOT.TH2F("h2", "h2", 40, 0, 1, 40, 0, 10)
for i in range(100000):
    u = np.float32(rng.random())
    v = np.float32(10 * rng.random())
    if cut.IsInside(u, v):
        h2.Fill(u, v)
c1 = ROOT.TCanvas("c1", "show profile", 600, 900)
c1.Divide(1, 2)
c1.cd(1)
h2.Draw()
c1.cd(2)
prof = h2.ProfileX()
prof.Fit("pol1")
c1.SaveAs("fit2d.png")

fit = prof.GetFunction("pol1")
RESULTS = {
    "entries": h2.GetEntries(),
    "chi2": fit.GetChisquare(),
    "ndf": fit.GetNDF(),
    "values": [fit.GetParameter(i) for i in range(2)],
    "errors": [fit.GetParError(i) for i in range(2)],
}

"""ROOT's tutorials/math/fit/fit2.C in PyROOT: a 2-D histogram fitted with a sum of three 2-D
Gaussians written as a Python function.

Changes: the import; ``FillRandom("f2", 100000)`` draws numpy's numbers (``seeded``).
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


npar = 15
f2params = np.array([100, -3, 3, -3, 3, 160, 0, 0.8, 0, 0.9, 40, 4, 0.7, 4, 0.7], dtype=float)
f2 = ROOT.TF2("f2", fun2, -10, 10, -10, 10, npar)
f2.SetParameters(f2params)

# Create an histogram and fill it randomly with f2
h2 = ROOT.TH2F("h2", "from f2", 40, -10, 10, 40, -10, 10)
nentries = 100000
seeded.fill_random(h2, f2, nentries, seeded.rng())
# Fit h2 with original function f2
ratio = 4 * nentries / 100000
f2params[0] *= ratio
f2params[5] *= ratio
f2params[10] *= ratio
f2.SetParameters(f2params)
h2.Fit("f2")

RESULTS = {
    "chi2": f2.GetChisquare(),
    "ndf": f2.GetNDF(),
    "values": [f2.GetParameter(i) for i in range(npar)],
    "errors": [f2.GetParError(i) for i in range(npar)],
}

"""ROOT's tutorials/math/fit/myfit.C in PyROOT: ``hpx`` of hsimple fitted with a Gaussian
written as a Python function, over the function's range.

Changes: the import; hsimple's ``hpx`` (25000 values of ``gRandom->Rannor``) is filled with
numpy's normal numbers (``seeded``).
"""

import seeded

from rootfit import compat as ROOT


def fitf(x, par):
    arg = 0
    if par[2] != 0:
        arg = (x[0] - par[1]) / par[2]
    return par[0] * ROOT.TMath.Exp(-0.5 * arg * arg)


hpx = ROOT.TH1F("hpx", "This is the px distribution", 100, -4, 4)
px = seeded.rng().normal(size=25000)
hpx.FillN(25000, px, ROOT.nullptr)

c1 = ROOT.TCanvas("c1", "the fit canvas", 500, 400)
func = ROOT.TF1("fitf", fitf, -2, 2, 3)
func.SetParameters(100, 0, 1)
func.SetParNames("Constant", "Mean_value", "Sigma")
hpx.Fit(func, "r")
integral = func.Integral(-2, 2)
print(f"Integral of function = {integral:g}")

RESULTS = {
    "chi2": func.GetChisquare(),
    "ndf": func.GetNDF(),
    "values": [func.GetParameter(i) for i in range(3)],
    "errors": [func.GetParError(i) for i in range(3)],
    "integral": integral,
    "names": [func.GetParName(i) for i in range(3)],
}

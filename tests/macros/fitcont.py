"""ROOT's tutorials/math/fit/fitcont.C in PyROOT: a Gaussian fitted with TMinuit, then
``gMinuit.Contour`` at ErrorDef 1 and 4.

Changes: the import; ``FillRandom("gaus", 6000)`` draws numpy's numbers (``seeded``).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded

# be sure default is Minuit since we will use gMinuit
ROOT.TVirtualFitter.SetDefaultFitter("Minuit")

c1 = ROOT.TCanvas("c1")
h = ROOT.TH1F("h", "My histogram", 100, -3, 3)
h.FillN(6000, seeded.rng().normal(size=6000), ROOT.nullptr)
h.Fit("gaus")
c1.Update()

c2 = ROOT.TCanvas("c2", "contours", 10, 10, 600, 800)
c2.Divide(1, 2)
c2.cd(1)
# get first contour for parameter 1 versus parameter 2
gr12 = ROOT.gMinuit.Contour(40, 1, 2)
gr12.Draw("alp")
c2.cd(2)
# Get contour for parameter 0 versus parameter 2  for ERRDEF=2
ROOT.gMinuit.SetErrorDef(4)  # note 4 and not 2!
gr2 = ROOT.gMinuit.Contour(80, 0, 2)
gr2.SetFillColor(42)
gr2.Draw("alf")
# Get contour for parameter 0 versus parameter 2 for ERRDEF=1
ROOT.gMinuit.SetErrorDef(1)
gr1 = ROOT.gMinuit.Contour(80, 0, 2)
gr1.SetFillColor(38)
gr1.Draw("lf")
c2.SaveAs("fitcont.png")


def extent(g):
    """The contour's box: TMinuit's MNCONT and Minuit2 place their points differently, but the
    extreme points are the Minos errors at that ErrorDef."""
    x = np.array([g.GetPointX(i) for i in range(g.GetN())])
    y = np.array([g.GetPointY(i) for i in range(g.GetN())])
    return [x.min(), x.max(), y.min(), y.max()]


fit = h.GetFunction("gaus")
RESULTS = {
    "chi2": fit.GetChisquare(),
    "values": [fit.GetParameter(i) for i in range(3)],
    "errors": [fit.GetParError(i) for i in range(3)],
    "n": [gr12.GetN(), gr2.GetN(), gr1.GetN()],
    "contour12": extent(gr12),
    "contour02_errdef4": extent(gr2),
    "contour02_errdef1": extent(gr1),
}

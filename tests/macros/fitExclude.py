"""ROOT's tutorials/math/fit/fitExclude.C in PyROOT: a straight line fitted to a histogram while
the function rejects the points of a peak region (``TF1.RejectPoint``), then drawn as two pieces.

Changes: the import; ``FillRandom("f1", 2000)`` draws numpy's numbers (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

reject = True


def fline(x, par):
    if reject and x[0] > 2.5 and x[0] < 3.5:
        ROOT.TF1.RejectPoint()
        return 0
    return par[0] + par[1] * x[0]


f1 = ROOT.TF1("f1", "[0] +[1]*x +gaus(2)", 0, 5)
f1.SetParameters(6, -1, 5, 3, 0.2)
# create and fill histogram according to the source function
h = ROOT.TH1F("h", "background + signal", 100, 0, 5)
seeded.fill_random(h, f1, 2000, seeded.rng())
fl = ROOT.TF1("fl", fline, 0, 5, 2)
fl.SetParameters(2, -1)
# fit only the linear background excluding the signal area
reject = True
h.Fit(fl, "0")
reject = False
# store 2 separate functions for visualization
fleft = ROOT.TF1("fleft", fline, 0, 2.5, 2)
fleft.SetParameters(fl.GetParameters())
h.GetListOfFunctions().Add(fleft)
ROOT.gROOT.GetListOfFunctions().Remove(fleft)
fright = ROOT.TF1("fright", fline, 3.5, 5, 2)
fright.SetParameters(fl.GetParameters())
h.GetListOfFunctions().Add(fright)
ROOT.gROOT.GetListOfFunctions().Remove(fright)
h.Draw()
ROOT.gPad.SaveAs("fitExclude.png")

RESULTS = {
    "chi2": fl.GetChisquare(),
    "ndf": fl.GetNDF(),
    "points": fl.GetNumberFitPoints(),
    "values": [fl.GetParameter(i) for i in range(2)],
    "errors": [fl.GetParError(i) for i in range(2)],
    # ROOT's painter also puts the statistics box ("stats") in the list when the pad is saved
    "functions": [f.GetName() for f in h.GetListOfFunctions() if f.GetName() != "stats"],
    "fleft_registered": bool(ROOT.gROOT.GetListOfFunctions().FindObject("fleft")),
    "right_at_4": fright.Eval(4.0),
}

"""ROOT's tutorials/math/fit/vectorizedFit.C in PyROOT: a Gaussian on 40 000 bins and a
parabola fitted by χ² and likelihood, with ordinary and "vectorized" functions (the same numbers;
rootfit's functions are always evaluated on arrays).

Changes: the import; ``FillRandom`` draws numpy's numbers (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

rng = seeded.rng()
ROOT.gStyle.SetOptFit(111111)
ROOT.Math.MinimizerOptions.SetDefaultMinimizer("Minuit2")

nbins = 40000
h1 = ROOT.TH1D("h1", "h1", nbins, -3, 3)
h1.FillN(nbins * 50, rng.normal(size=nbins * 50), ROOT.nullptr)

c1 = ROOT.TCanvas("Fit", "Fit", 800, 1000)
c1.Divide(1, 2)
c1.cd(1)
w = ROOT.TStopwatch()

print("Doing Serial Gaussian Fit ")
f1 = ROOT.TF1("f1", "gaus")
f1.SetNpx(nbins * 10)
w.Start()
r1 = h1.Fit(f1, "S")
r2 = h1.Fit(f1, "L+S")
w.Print()

print("Doing Vectorized Gaussian Fit ")
f2 = ROOT.TF1("f2", "gaus", -3, 3, "VEC")
w.Start()
r3 = h1.Fit(f2, "S")
r4 = h1.Fit(f2, "L+S")
w.Print()

# rebin histograms and scale it back to the function
h1.Rebin(nbins // 100)
h1.Scale(100.0 / nbins)
h1.GetListOfFunctions().At(0).SetTitle("Chi2 Fit")
h1.GetListOfFunctions().At(1).SetTitle("Likelihood Fit")
h1.GetListOfFunctions().At(1).SetLineColor(ROOT.kBlue)

c1.cd(2)
# test using a polynomial function
f3 = ROOT.TF1("f3", "[A]*x^2+[B]*x+[C]", 0, 10)
f3.SetParameters(0.5, 3, 2)
f3.SetNpx(nbins * 10)
# generate the events
h2 = ROOT.TH1D("h2", "h2", nbins, 0, 10)
seeded.fill_random(h2, f3, 10 * nbins, rng)
print("Doing Serial Polynomial Fit ")
f3.SetParameters(2, 2, 2)
w.Start()
r5 = h2.Fit(f3, "S")
r6 = h2.Fit(f3, "L+S")
w.Print()

print("Doing Vectorized Polynomial Fit ")
f4 = ROOT.TF1("f4", "[A]*x*x+[B]*x+[C]", 0, 10)
f4.SetVectorized(True)
f4.SetParameters(2, 2, 2)
w.Start()
r7 = h2.Fit(f4, "S")
r8 = h2.Fit(f4, "L+S")
w.Print()

# rebin histograms and scale it back to the function
h2.Rebin(nbins // 100)
h2.Scale(100.0 / nbins)
h2.GetListOfFunctions().At(0).SetTitle("Chi2 Fit")
h2.GetListOfFunctions().At(1).SetTitle("Likelihood Fit")
h2.GetListOfFunctions().At(1).SetLineColor(ROOT.kBlue)
c1.SaveAs("vectorizedFit.png")


def numbers(r):
    return {
        "chi2": r.Chi2(),
        "min": r.MinFcnValue(),
        "values": [r.Parameter(i) for i in range(3)],
        "errors": [r.ParError(i) for i in range(3)],
    }


RESULTS = {f"fit{k + 1}": numbers(r) for k, r in enumerate((r1, r2, r3, r4, r5, r6, r7, r8))}
RESULTS["titles"] = [h2.GetListOfFunctions().At(i).GetTitle() for i in range(2)]

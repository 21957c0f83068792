"""ROOT's tutorials/math/fit/fitNormSum.py: a Crystal Ball signal on an exponential background
as a ``TF1NormSum`` (the coefficients are the numbers of events), fitted to 1.05·10⁶ events.

Changes: the import; ``FillRandom(f_sum, nEvents)`` draws numpy's numbers (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

nsig = 50000
nbkg = 1000000
nEvents = nsig + nbkg
nBins = 1000

signal_mean = 3.0
f_cb = ROOT.TF1("MyCrystalBall", "crystalball", -5.0, 5.0)
f_exp = ROOT.TF1("MyExponential", "expo", -5.0, 5.0)

# I.:
f_exp.SetParameters(1.0, -0.3)
f_cb.SetParameters(1, signal_mean, 0.3, 2, 1.5)

# CONSTRUCTION OF THE TF1NORMSUM OBJECT ........................................
# 1) :
fnorm_exp_cb = ROOT.TF1NormSum(f_cb, f_exp, nsig, nbkg)
# 4) :
f_sum = ROOT.TF1("fsum", fnorm_exp_cb, -5.0, 5.0, fnorm_exp_cb.GetNpar())

# III.:
parameter_values = fnorm_exp_cb.GetParameters()
start = [parameter_values[i] for i in range(fnorm_exp_cb.GetNpar())]
f_sum.SetParameters(parameter_values.data())

f_sum.SetParName(1, "NBackground")
f_sum.SetParName(0, "NSignal")
for i in range(2, f_sum.GetNpar()):
    f_sum.SetParName(i, fnorm_exp_cb.GetParName(i))

# GENERATE HISTOGRAM TO FIT ..............................................................
w = ROOT.TStopwatch()
w.Start()
h_sum = ROOT.TH1D("h_ExpCB", "Exponential Bkg + CrystalBall function", nBins, -5.0, 5.0)
seeded.fill_random(h_sum, f_sum, nEvents, seeded.rng())
print(f"Time to generate {nEvents} events:  ")
w.Print()

# need to scale histogram with width since we are fitting a density
h_sum.Sumw2()
h_sum.Scale(1.0, "width")

# fit - use Minuit2 if available
ROOT.Math.MinimizerOptions.SetDefaultMinimizer("Minuit2")
c1 = ROOT.TCanvas("Fit", "Fit", 800, 1000)
# do a least-square fit of the spectrum
result = h_sum.Fit(f_sum, "SQ")
result.Print()
h_sum.Draw()
print("Time to fit using ROOT TF1Normsum: ")
w.Print()

# test if parameters are fine
for i, pref in enumerate([nsig, nbkg, signal_mean]):
    if not ROOT.TMath.AreEqualAbs(pref, f_sum.GetParameter(i), f_sum.GetParError(i) * 10.0):
        ROOT.Error(
            "testFitNormSum",
            f"Difference found in fitted {f_sum.GetParName(i)} - difference is {(f_sum.GetParameter(i) - pref) / f_sum.GetParError(i):.2f} sigma",
        )

ROOT.gStyle.SetOptStat(0)
# add parameters
t1 = ROOT.TLatex(-2.5, 300000, f"NSignal = {f_sum.GetParameter(0):g} #pm {f_sum.GetParError(0):g}")
t2 = ROOT.TLatex(-2.5, 270000, f"Nbackgr = {f_sum.GetParameter(1):g} #pm {f_sum.GetParError(1):g}")
t1.Draw()
t2.Draw()
c1.SaveAs("fitNormSum.png")

RESULTS = {
    "npar": fnorm_exp_cb.GetNpar(),
    "start": start,
    "names": [f_sum.GetParName(i) for i in range(f_sum.GetNpar())],
    "chi2": result.Chi2(),
    "ndf": result.Ndf(),
    "values": [result.Parameter(i) for i in range(result.NPar())],
    "errors": [result.ParError(i) for i in range(result.NPar())],
}

"""ROOT's tutorials/math/fit/fitConvolution.py: an exponential convolved with a Gaussian
(``TF1Convolution`` by FFT on 1000 points over [-1, 6]) fitted to 10⁶ sums of an exponential
and a Gaussian number.

Changes: the import; ``gRandom.Exp``/``gRandom.Gaus`` are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

rng = seeded.rng()
# Construction of histogram to fit.
h_ExpGauss = ROOT.TH1F("h_ExpGauss", "Exponential convoluted by Gaussian", 100, 0.0, 5.0)
# Gives a alpha of -0.3 in the exp.
h_ExpGauss.Fill(rng.exponential(1.0 / 0.3, 1000000) + rng.normal(0.0, 3.0, 1000000))
f_conv = ROOT.TF1Convolution("expo", "gaus", -1, 6, True)
f_conv.SetRange(-1.0, 6.0)
f_conv.SetNofPointsFFT(1000)
f = ROOT.TF1("f", f_conv, 0.0, 5.0, f_conv.GetNpar())
f.SetParameters(1.0, -0.3, 0.0, 1.0)

c1 = ROOT.TCanvas("c1", "c1", 800, 1000)

# Fit and draw result of the fit
r = h_ExpGauss.Fit("f", "S")

c1.SaveAs("fitConvolution.png")

RESULTS = {
    "entries": h_ExpGauss.GetEntries(),
    "chi2": r.Chi2(),
    "ndf": r.Ndf(),
    "values": [r.Parameter(i) for i in range(4)],
    "errors": [r.ParError(i) for i in range(4)],
    "f_at_2": f.Eval(2.0),
}

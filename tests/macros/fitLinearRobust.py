"""ROOT's tutorials/math/fit/fitLinearRobust.C in PyROOT: a cubic fitted to data with 20 %
outliers, by ordinary least squares and by least trimmed squares (``"+rob=0.75"``).

Changes: the import; ``TRandom r`` draws are numpy's, the Landau-distributed outliers drawn
from ROOT's ``landau`` function (``seeded``).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded

npoints = 250
fraction = int(0.8 * npoints)
x = np.zeros(npoints)
y = np.zeros(npoints)
e = np.zeros(npoints)
r = seeded.rng()
landau = ROOT.TF1("landau_outliers", "landau", -10, 300)
landau.SetParameters(1, 10, 5)
outliers = seeded.sample(landau, npoints - fraction, r)

for i in range(fraction):
    # the good part of the sample
    x[i] = r.uniform(-2, 2)
    e[i] = 1
    y[i] = 1 + 2 * x[i] + 3 * x[i] * x[i] + 4 * x[i] * x[i] * x[i] + e[i] * r.normal()
for i in range(fraction, npoints):
    # the outliers
    x[i] = r.uniform(-1, 1)
    e[i] = 1
    y[i] = 1 + 2 * x[i] + 3 * x[i] * x[i] + 4 * x[i] * x[i] * x[i] + outliers[i - fraction]

grr = ROOT.TGraphErrors(npoints, x, y, ROOT.nullptr, e)
grr.SetMinimum(-30)
grr.SetMaximum(80)
ffit1 = ROOT.TF1("ffit1", "pol3", -5, 5)
ffit2 = ROOT.TF1("ffit2", "pol3", -5, 5)
ffit1.SetLineColor(ROOT.kBlue)
ffit2.SetLineColor(ROOT.kRed)
myc = ROOT.TCanvas("myc", "Linear and robust linear fitting")
myc.SetGrid()
grr.Draw("ap")
# first, let's try to see the result sof ordinary least-squares fit:
print("Ordinary least squares:")
grr.Fit(ffit1)
# the fitted function doesn't really follow the pattern of the data
# and the coefficients are far from the real ones

print("Resistant Least trimmed squares fit:")
# Now let's try the resistant regression
# The option "rob=0.75" means that we want to use robust fitting and
# we know that at least 75% of data is good points (at least 50% of points
# should be good to use this algorithm). Remember that robust fitting can only
# be used in case of linear fitting
grr.Fit(ffit2, "+rob=0.75")
# Now the fitted function follows the pattern of the data and the coefficients
# are close to the real ones
leg = ROOT.TLegend(0.6, 0.8, 0.89, 0.89)
leg.AddEntry(ffit1, "Ordinary least squares", "l")
leg.AddEntry(ffit2, "LTS regression", "l")
leg.Draw()
myc.SaveAs("fitLinearRobust.png")

RESULTS = {
    "ols": [ffit1.GetParameter(i) for i in range(4)] + [ffit1.GetChisquare()],
    "lts": [ffit2.GetParameter(i) for i in range(4)],
}

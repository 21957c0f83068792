"""ROOT's tutorials/math/fit/ErrorIntegral.C in PyROOT: the integral of a fitted function and
its error from the fit's covariance matrix (``TF1::IntegralError``), checked against the
analytic expression.

Changes: the import; ``FillRandom("f", 1000)`` draws numpy's numbers (``seeded``).
"""

import math

from rootfit import compat as ROOT

import seeded

NPAR = 2  # number of function parameters


def f(x, p):
    return p[1] * ROOT.TMath.Sin(p[0] * x[0])


fitFunc = ROOT.TF1("f", f, 0, 1, NPAR)
h1 = ROOT.TH1D("h1", "h1", 50, 0, 1)
par = [3.14, 1.0]
fitFunc.SetParameters(*par)
seeded.fill_random(h1, fitFunc, 1000, seeded.rng())  # fill histogram sampling fitFunc
fitFunc.SetParameter(0, 3.0)  # vary a little the parameters
fitResult = h1.Fit(fitFunc, "S")  # fit the histogram and get fit result pointer
h1.Draw()

# calculate the integral
integral = fitFunc.Integral(0, 1)

covMatrix = fitResult.GetCovarianceMatrix()
print("Covariance matrix from the fit ", end="")
covMatrix.Print()

# need to pass covariance matrix to fit result.
# Parameters values are stored inside the function but we can also retrieve from TFitResult
sigma_integral = fitFunc.IntegralError(0, 1, fitResult.GetParams(), covMatrix.GetMatrixArray())

print(f"Integral = {integral} +/- {sigma_integral}")

# estimated integral  and error analytically
p = fitFunc.GetParameters()
ic = p[1] * (1 - math.cos(p[0])) / p[0]
c0c = p[1] * (math.cos(p[0]) + p[0] * math.sin(p[0]) - 1.0) / p[0] / p[0]
c1c = (1 - math.cos(p[0])) / p[0]

# estimated error with correlations
sic = math.sqrt(
    c0c * c0c * covMatrix(0, 0) + c1c * c1c * covMatrix(1, 1) + 2.0 * c0c * c1c * covMatrix(0, 1)
)

if math.fabs(sigma_integral - sic) > 1.0e-6 * sic:
    print(f" ERROR: test failed : different analytical  integral : {ic} +/- {sic}")

RESULTS = {
    "values": [fitFunc.GetParameter(0), fitFunc.GetParameter(1)],
    "errors": [fitFunc.GetParError(0), fitFunc.GetParError(1)],
    "integral": integral,
    "sigma_integral": sigma_integral,
    "analytic": [ic, sic],
}

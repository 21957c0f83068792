"""ROOT's tutorials/math/fit/exampleFit3D.C in PyROOT: a 3-D function fitted to points held in
a ``ROOT.Fit.BinData`` through ``ROOT.Fit.Fitter``.

Changes: the import; ``TRandom2 r`` draws are numpy's (``seeded``).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded

n = 1000
x, y, z, v = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
ev = 0.1
r = seeded.rng()
for i in range(n):
    x[i] = r.uniform(0, 10)
    y[i] = r.uniform(0, 10)
    z[i] = r.uniform(0, 10)
    v[i] = np.sin(x[i]) + np.cos(y[i]) + z[i] + r.normal(0, ev)

# create a 3d binned data structure
data = ROOT.Fit.BinData(n, 3)
xx = np.zeros(3)
for i in range(n):
    xx[0] = x[i]
    xx[1] = y[i]
    xx[2] = z[i]
    # add the 3d-data coordinate, the predictor value (v[i]) and its errors
    data.Add(xx, v[i], ev)

f3 = ROOT.TF3("f3", "[0] * sin(x) + [1] * cos(y) + [2] * z", 0, 10, 0, 10, 0, 10)
f3.SetParameters(2, 2, 2)
fitter = ROOT.Fit.Fitter()
# wrapped the TF1 in a IParamMultiFunction interface for the Fitter class
wf = ROOT.Math.WrappedMultiTF1(f3, 3)
fitter.SetFunction(wf)
ret = fitter.Fit(data)
if ret:
    res = fitter.Result()
    # print result (should be around 1)
    res.Print(ROOT.std.cout)
    # copy all fit result info (values, chi2, etc..) in TF3
    f3.SetFitResult(res)
    # check fit quality
    prob = res.Prob()
    if prob < 1.0e-2:
        ROOT.Error("exampleFit3D", "Bad data fit - fit p-value is %f" % prob)
    else:
        print(f"Good fit : p-value  = {prob}")
else:
    ROOT.Error("exampleFit3D", "3D fit failed")

res = fitter.Result()
RESULTS = {
    "size": data.Size(),
    "chi2": res.Chi2(),
    "ndf": res.Ndf(),
    "values": [res.Parameter(i) for i in range(3)],
    "errors": [res.ParError(i) for i in range(3)],
    "f3": [f3.GetParameter(i) for i in range(3)] + [f3.GetChisquare(), f3.GetNDF()],
}

"""ROOT's tutorials/math/fit/line3Dfit.C in PyROOT: a straight line fitted to 3-D points by
minimising the sum of squared distances (a Python function object through
``ROOT.Math.Functor`` and ``ROOT.Fit.Fitter.FitFCN``).

Changes: the import; ``gRandom`` draws are numpy's (``seeded``); ``XYZVector`` algebra is
written with numpy.
"""

import numpy as np
from rootfit import compat as ROOT

import seeded


# define the parametric line equation
def line(t, p):
    # a parametric line is define from 6 parameters but 4 are independent
    # x0,y0,z0,z1,y1,z1 which are the coordinates of two points on the line
    # can choose z0 = 0 if line not parallel to x-y plane and z1 = 1;
    return p[0] + p[1] * t, p[2] + p[3] * t, t


first = True


# function Object to be minimized
class SumDistance2:
    def __init__(self, g):
        self.fGraph = g

    # calculate distance line-point
    def distance2(self, x, y, z, p):
        # distance line point is D= | (xp-x0) cross  ux |
        # where ux is direction of line and x0 is a point in the line (like t = 0)
        xp = np.column_stack([x, y, z])
        x0 = np.array([p[0], p[2], 0.0])
        x1 = np.array([p[0] + p[1], p[2] + p[3], 1.0])
        u = (x1 - x0) / np.linalg.norm(x1 - x0)
        return np.sum(np.cross(xp - x0, u) ** 2, axis=1)

    # implementation of the function to be minimized
    def __call__(self, par):
        global first
        n = self.fGraph.GetN()
        x = np.asarray(self.fGraph.GetX())[:n]
        y = np.asarray(self.fGraph.GetY())[:n]
        z = np.asarray(self.fGraph.GetZ())[:n]
        total = float(np.sum(self.distance2(x, y, z, [par[i] for i in range(4)])))
        if first:
            print("Total Initial distance square = {}".format(total))
        first = False
        return total


ROOT.gStyle.SetOptStat(0)
ROOT.gStyle.SetOptFit()

nd = 10000
gr = ROOT.TGraph2D()
rng = seeded.rng()

# Fill the 2D graph
p0 = [10, 20, 1, 2]
# generate graph with the 3d points
for N in range(nd):
    # generate a random number
    t = rng.uniform(0, 10)
    x, y, z = line(t, p0)
    err = 1
    # do a gaussian smearing around the points in all coordinates
    x += rng.normal(0, err)
    y += rng.normal(0, err)
    z += rng.normal(0, err)
    gr.SetPoint(N, x, y, z)
# dt->SetMarkerSize(3);
# dt->SetMarkerStyle(20);

# fit the graph now
fitter = ROOT.Fit.Fitter()

# make the functor objet
sdist = SumDistance2(gr)
fcn = ROOT.Math.Functor(sdist, 4)
# set the function and the initial parameter values
pStart = np.array([1.0, 1.0, 1.0, 1.0])
fitter.SetFCN(fcn, pStart)
# set step sizes different than default ones (0.3 times parameter values)
for i in range(4):
    fitter.Config().ParSettings(i).SetStepSize(0.01)

ok = fitter.FitFCN()
if not ok:
    ROOT.Error("line3Dfit", "Line3D Fit failed")

result = fitter.Result()
print("Total final distance square {}".format(result.MinFcnValue()))
result.Print(ROOT.std.cout)

gr.Draw("p0")

# get fit parameters
parFit = result.GetParams()

# draw the fitted line
n = 1000
t0 = 0
dt = 10
l = ROOT.TPolyLine3D(n)
for i in range(n):
    t = t0 + dt * i / n
    x, y, z = line(t, parFit)
    l.SetPoint(i, x, y, z)
l.SetLineColor(ROOT.kRed)
l.Draw("same")

# draw original line
l0 = ROOT.TPolyLine3D(n)
for i in range(n):
    t = t0 + dt * i / n
    x, y, z = line(t, p0)
    l0.SetPoint(i, x, y, z)
l0.SetLineColor(ROOT.kBlue)
l0.Draw("same")
ROOT.gPad.SaveAs("line3Dfit.png")

RESULTS = {
    "min": result.MinFcnValue(),
    "values": [result.Parameter(i) for i in range(4)],
    "errors": [result.ParError(i) for i in range(4)],
}

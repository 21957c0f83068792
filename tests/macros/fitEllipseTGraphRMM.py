"""ROOT's tutorials/math/fit/fitEllipseTGraphRMM.cxx in PyROOT: an ellipse fitted to the points
of a TGraph by minimising the squared distances of their "radii" from 1 with a
``ROOT.Math.Minimizer`` (Minuit2, Combined) and limited variables.

Changes: the import; ``gRandom->Rndm()`` is numpy's ``random()`` (``seeded``); the pointer
arguments of ``ComputeRange`` are ``ctypes`` objects.
"""

import ctypes
import math

import numpy as np
from rootfit import compat as ROOT

import seeded


def ellipse_fcn(x, y, x0, y0, a, b, theta):  # (in degrees)
    v = 9999.9
    if a == 0.0 or b == 0.0:
        return v  # just a precaution
    # shift the center
    x = x - x0  # C++ takes x and y by value: never write into the graph's arrays
    y = y - y0
    # un-rotate the axes
    theta *= ROOT.TMath.Pi() / 180.0  # degrees -> radians
    v = x
    x = x * np.cos(theta) + y * np.sin(theta)
    y = y * np.cos(theta) - v * np.sin(theta)
    # "scale" axes
    x = x / a
    y = y / b
    # calculate the "normalized distance"
    v = x * x + y * y
    v = np.sqrt(v)
    return v


ellipse_TGraph = None


def ellipse_TGraph_chi2(x):
    if not ellipse_TGraph:
        return 0.0  # just a precaution
    n = ellipse_TGraph.GetN()
    r = ellipse_fcn(np.asarray(ellipse_TGraph.GetX())[:n], np.asarray(ellipse_TGraph.GetY())[:n],
                    x[0], x[1], x[2], x[3], x[4])  # fmt: skip
    r = r - 1.0  # ellipse's "radius" in "normalized coordinates" is always 1
    return float(np.sum(r * r))


def ellipse_TGraph_minimize(g):
    global ellipse_TGraph
    if not g:
        return None  # just a precaution
    if g.GetN() < 6:
        return None  # just a precaution
    ellipse_TGraph = g

    m = ROOT.Math.Factory.CreateMinimizer("Minuit2", "Combined")
    m.SetMaxFunctionCalls(1000000)  # for Minuit and Minuit2
    m.SetMaxIterations(100000)  # for GSL
    m.SetTolerance(0.001)  # edm
    m.SetPrintLevel(1)

    # "cost function" to be minimized
    f = ROOT.Math.Functor(ellipse_TGraph_chi2, 5)
    m.SetFunction(f)
    m.Clear()  # just a precaution

    # set the variables to be minimized
    xmin, xmax, ymin, ymax = (
        ctypes.c_double(),
        ctypes.c_double(),
        ctypes.c_double(),
        ctypes.c_double(),
    )
    ellipse_TGraph.ComputeRange(xmin, ymin, xmax, ymax)
    xmin, xmax, ymin, ymax = xmin.value, xmax.value, ymin.value, ymax.value
    x0 = (xmax + xmin) / 2.0
    y0 = (ymax + ymin) / 2.0
    a = ellipse_TGraph.GetX()[0] - x0
    b = ellipse_TGraph.GetY()[0] - y0
    theta = 9999.9 if abs(b) > 9999.9 * abs(a) else (b / a)
    a = a * a + b * b
    b = a
    for i in range(1, ellipse_TGraph.GetN()):
        dx = ellipse_TGraph.GetX()[i] - x0
        dy = ellipse_TGraph.GetY()[i] - y0
        d = dx * dx + dy * dy
        if a < d:
            a = d
            theta = 9999.9 if abs(dy) > 9999.9 * abs(dx) else (dy / dx)
        if b > d:
            b = d
    a = math.sqrt(a)
    if not a > 0:
        a = 0.001
    b = math.sqrt(b)
    if not b > 0:
        b = 0.001
    theta = math.atan(theta) * 180.0 / ROOT.TMath.Pi()
    if theta < -45.0:
        theta += 180.0  # "theta" = -45 ... 135 degrees
    m.SetVariable(0, "x0", x0, (xmax - xmin) / 100.0)
    m.SetVariable(1, "y0", y0, (ymax - ymin) / 100.0)
    m.SetVariable(2, "a", a, a / 100.0)
    m.SetVariable(3, "b", b, b / 100.0)
    m.SetVariable(4, "theta", theta, 1)
    m.SetVariableLimits(0, xmin, xmax)
    m.SetVariableLimits(1, ymin, ymax)
    if theta < 45.0:
        if a < (xmax - xmin) / 2.0:
            a = (xmax - xmin) / 2.0
        if b < (ymax - ymin) / 2.0:
            b = (ymax - ymin) / 2.0
    else:
        if a < (ymax - ymin) / 2.0:
            a = (ymax - ymin) / 2.0
        if b < (xmax - xmin) / 2.0:
            b = (xmax - xmin) / 2.0
    m.SetVariableLimits(2, 0, a * 3.0)
    m.SetVariableLimits(3, 0, b * 3.0)
    m.SetVariableLimits(4, theta - 45.0, theta + 45.0)  # theta -+ 45

    # do the minimization
    m.Minimize()
    return m


def TestGraphRMM(randomize=False):
    rng = seeded.rng()
    x0 = 4  # ellipse's "x" center
    y0 = 3  # ellipse's "y" center
    a = 2  # ellipse's "semimajor" axis along "x" (> 0)
    b = 1  # ellipse's "semiminor" axis along "y" (> 0)
    theta = 100  # ellipse's axes rotation angle (-45 ... 135 degrees)
    # gRandom->SetSeed(0);
    if randomize:
        x0 = 10.0 - 20.0 * rng.random()
        y0 = 10.0 - 20.0 * rng.random()
        a = 0.5 + 4.5 * rng.random()
        b = 0.5 + 4.5 * rng.random()
        theta = 180.0 - 360.0 * rng.random()
    n = 100  # number of points
    x, y = np.zeros(n), np.zeros(n)
    dt = ROOT.TMath.TwoPi() / float(n)
    theta *= ROOT.TMath.PiOver2() / 90.0  # degrees -> radians
    for i in range(n):
        x[i] = a * (math.cos(dt * i) + 0.1 * rng.random() - 0.05)
        y[i] = b * (math.sin(dt * i) + 0.1 * rng.random() - 0.05)
        # rotate the axes
        tmp = x[i]
        x[i] = x[i] * math.cos(theta) - y[i] * math.sin(theta)
        y[i] = y[i] * math.cos(theta) + tmp * math.sin(theta)
        # shift the center
        x[i] += x0
        y[i] += y0
    g = ROOT.TGraph(n, x, y)
    g.SetNameTitle("g", "test ellipse")
    return g


g = TestGraphRMM(True)  # create a "random" ellipse
m = ellipse_TGraph_minimize(g)
c1 = ROOT.TCanvas("c1", "c1", 1000, 800)
c1.SetGrid(1, 1)
g.Draw("A*")
if m and not m.Status():
    xm = m.X()
    e = ROOT.TEllipse(xm[0], xm[1], xm[2], xm[3], 0, 360, xm[4])  # "x0", "y0", "a", "b", "theta"
    e.SetFillStyle(0)  # hollow
    e.Draw()
c1.Modified()
c1.Update()  # make sure it's really drawn
c1.SaveAs("fitEllipseTGraphRMM.png")

RESULTS = {
    "status": m.Status(),
    "min": m.MinValue(),
    "x": [m.X()[i] for i in range(5)],
}

"""ROOT's tutorials/math/exampleFunction.py: Python functions wrapped as ROOT function objects —
integrated (``Functor1D``, ``Integrator``), minimised (``Functor``, ``GradFunctor`` with
``Fit.Fitter.FitFCN``) and solved for a root (``GradFunctor1D``, ``RootFinder``).

Changes: the import; the numbers printed are also collected.
"""

import array

import numpy as np
from rootfit import compat as ROOT

found = {}


def f(x):
    return x * x - 1


func = ROOT.Math.Functor1D(f)

# example on how to use a Functor1D to compute an integral
print("Use Functor1D for wrapping one-dimensional function and compute integral of f(x) = x^2-1")
ig = ROOT.Math.Integrator()
ig.SetFunction(func)
value = ig.Integral(0, 3)
print("integral-1D value = ", value)
found["integral"] = value
expValue = 6
if not ROOT.TMath.AreEqualRel(value, expValue, 1.0e-15):
    print(
        "Error computing integral - computed value - different than expected, diff = ",
        value - expValue,
    )

# example of using a multi-dim function
print(
    "\n\nUse Functor for wrapping a multi-dimensional function, the Rosenbrock Function r(x,y) and find its minimum"
)


def RosenbrockFunction(xx):
    x = xx[0]
    y = xx[1]
    tmp1 = y - x * x
    tmp2 = 1 - x
    return 100 * tmp1 * tmp1 + tmp2 * tmp2


func2D = ROOT.Math.Functor(RosenbrockFunction, 2)

# minimize multi-dim function using fitter class
fitter = ROOT.Fit.Fitter()
initialParams = np.array([0.0, 0.0], dtype="d")
fitter.FitFCN(func2D, initialParams)
fitter.Result().Print(ROOT.std.cout)
found["rosenbrock"] = [
    fitter.Result().Parameter(0),
    fitter.Result().Parameter(1),
    fitter.Result().NCalls(),
]
if not ROOT.TMath.AreEqualRel(
    fitter.Result().Parameter(0), 1, 1.0e-3
) or not ROOT.TMath.AreEqualRel(fitter.Result().Parameter(1), 1, 1.0e-3):
    print("Error minimizing Rosenbrock function ")

# example of using a function with derivatives
print("\n\nUse GradFunctor1D for making a function object implementing f(x) and f'(x)")


def g(x):
    return 2 * x


try:
    gradFunc = ROOT.Math.GradFunctor1D(f, g)

    # check if ROOT has mathmore
    rf = ROOT.Math.RootFinder(ROOT.Math.RootFinder.kGSL_NEWTON)
    rf.SetFunction(gradFunc, 3)
    rf.Solve()
    value = rf.Root()
    print("Found root value x0 : f(x0) = 0  :  ", value)
    found["root"] = value
    if value != 1:
        print("Error finding a ROOT of function f(x)=x^2-1")
except Exception as e:
    print(e)

print(
    "\n\nUse GradFunctor for making a function object implementing f(x,y) and df(x,y)/dx and df(x,y)/dy"
)


def RosenbrockDerivatives(xx, icoord):
    x = xx[0]
    y = xx[1]
    if icoord == 0:
        return 2 * (200 * x * x * x - 200 * x * y + x - 1)
    else:
        return 200 * (y - x * x)


gradFunc2d = ROOT.Math.GradFunctor(RosenbrockFunction, RosenbrockDerivatives, 2)
fitter = ROOT.Fit.Fitter()
initialParams = array.array("d", [0.0, 0.0])
fitter.FitFCN(gradFunc2d, initialParams)
fitter.Result().Print(ROOT.std.cout)
found["gradient"] = [fitter.Result().Parameter(0), fitter.Result().Parameter(1)]
if not ROOT.TMath.AreEqualRel(
    fitter.Result().Parameter(0), 1, 1.0e-3
) or not ROOT.TMath.AreEqualRel(fitter.Result().Parameter(1), 1, 1.0e-3):
    print("Error minimizing Rosenbrock function ")

RESULTS = found

"""Linear fits of graphs (ROOT's fitLinear)
========================================

Port of ROOT's tutorial ``math/fit/fitLinear.C``: three graphs fitted with models that are
linear in their parameters (``pol3``, ``"sin(x) ++ sin(2*x)"``, ``"1 ++ exp(-x)"``), which ROOT
(and rootfit) fit with the linear fitter.

The fitting lines are ROOT's; the points come from ``makePoints`` with ROOT's generator in
ROOT — the port takes them as arguments (the tests give it exactly ROOT's) and otherwise draws
them with numpy's generator. Drawing calls are left out. Run: ``python tutorials/fitLinear.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def make_points(n, p, rng):
    """The tutorial's ``makePoints`` with numpy's generator."""
    x = rng.uniform(-2, 2, n)
    if p == 2:
        y = np.sin(x) + np.sin(2 * x) + rng.normal(0, 0.1, n)
    elif p == 3:
        y = -7 + 2 * x * x + x * x * x + rng.normal(0, 0.1, n)
    else:
        y = -2 + np.exp(-x) + rng.normal(0, 0.1, n)
    return x, y, np.full(n, 0.1)


def fit_linear(points=None, quiet=False):
    """Run the tutorial; ``points`` maps 3, 2, 4 (the ``makePoints`` cases) to ``(x, y, e)``.
    Returns the three fitted functions."""
    rng = np.random.default_rng(1)
    points = points or {p: make_points(40, p, rng) for p in (3, 2, 4)}
    q = "Q" if quiet else ""
    n = 40
    # Generate points along a 3rd degree polynomial:
    x, y, e = points[3]
    gre3 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
    # Fit the graph with the predefined "pol3" function
    gre3.Fit("pol3", q)
    # Access the fit results
    f3 = gre3.GetFunction("pol3")
    # Generate points along a sin(x)+sin(2x) function
    x, y, e = points[2]
    gre2 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
    # The "++" mean that the linear fitter should be used, and the following
    # formula is equivalent to "[0]*sin(x) + [1]*sin(2*x)"
    f2 = ROOT.TF1("f2", "sin(x) ++ sin(2*x)", -2, 2)
    gre2.Fit(f2, q)
    f2 = gre2.GetFunction("f2")
    # Generate points along a -2+exp(-x) function
    x, y, e = points[4]
    gre4 = ROOT.TGraphErrors(n, x, y, ROOT.nullptr, e)
    # If you don't want to define the function, you can just pass the string
    # with the formula:
    gre4.Fit("1 ++ exp(-x)", q)
    # Access the fit results:
    f4 = gre4.GetFunction("1 ++ exp(-x)")
    f4.SetName("f4")
    return f3, f2, f4


if __name__ == "__main__":
    fit_linear()

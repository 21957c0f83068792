"""Robust linear fitting (ROOT's fitLinearRobust)
==============================================

Port of ROOT's tutorial ``math/fit/fitLinearRobust.C``: a cubic fitted to points of which
20 % are spoiled, by ordinary least squares and by least trimmed squares (``"rob=0.75"``).

The fitting lines are ROOT's; ROOT draws the points with its own generator (Gaus and Landau) —
the port takes them as arguments (the tests give it exactly ROOT's) and otherwise draws them
with numpy's. Drawing calls are left out. Run: ``python tutorials/fitLinearRobust.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def make_points(rng, npoints=250):
    """Good points around the cubic and 20 % outliers (a heavy upper tail)."""
    fraction = int(0.8 * npoints)
    x = np.concatenate([rng.uniform(-2, 2, fraction), rng.uniform(-1, 1, npoints - fraction)])
    y = 1 + 2 * x + 3 * x * x + 4 * x * x * x
    y[:fraction] += rng.normal(size=fraction)
    y[fraction:] += 10 + 5 * rng.standard_cauchy(npoints - fraction).clip(-2, 50)
    return x, y, np.ones(npoints)


def fit_linear_robust(points=None, quiet=False):
    """Run the tutorial; returns the ordinary and the robust fit results."""
    npoints = 250
    x, y, e = points or make_points(np.random.default_rng(1), npoints)
    q = "Q" if quiet else ""
    grr = ROOT.TGraphErrors(npoints, x, y, ROOT.nullptr, e)
    ffit1 = ROOT.TF1("ffit1", "pol3", -5, 5)
    ffit2 = ROOT.TF1("ffit2", "pol3", -5, 5)
    # first, let's try to see the result sof ordinary least-squares fit:
    ordinary = grr.Fit(ffit1, q)
    # The option "rob=0.75" means that we want to use robust fitting and
    # we know that at least 75% of data is good points
    robust = grr.Fit(ffit2, q + "+rob=0.75")
    return ordinary, robust


if __name__ == "__main__":
    fit_linear_robust()

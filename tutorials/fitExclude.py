"""Excluding a region from a fit (ROOT's fitExclude)
=================================================

Port of ROOT's tutorial ``math/fit/fitExclude.C``: fit a straight line to a histogram while
excluding the signal region, by calling ``TF1.RejectPoint()`` inside the model function.

The fitting lines are ROOT's. ROOT fills the histogram with its own random generator; the port
takes the bin contents as an argument (the tests give it exactly ROOT's) and otherwise fills it
from numpy's generator. Drawing calls are left out. Run: ``python tutorials/fitExclude.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT

reject = True


def fline(x, par):
    if reject and x[0] > 2.5 and x[0] < 3.5:
        ROOT.TF1.RejectPoint()
        return 0
    return par[0] + par[1] * x[0]


def fit_exclude(contents=None, rng=None):
    """Run the tutorial; returns the fit result, the histogram and the two drawn pieces."""
    global reject
    # Create a source function
    f1 = ROOT.TF1("f1", "[0] +[1]*x +gaus(2)", 0, 5)
    f1.SetParameters(6, -1, 5, 3, 0.2)
    # create and fill histogram according to the source function
    h = ROOT.TH1F("h", "background + signal", 100, 0, 5)
    if contents is None:  # ROOT: h->FillRandom("f1", 2000)
        h.FillRandom(f1, 2000, rng or np.random.default_rng(1))
    else:
        for i, c in enumerate(contents):
            h.SetBinContent(i + 1, c)
    fl = ROOT.TF1("fl", fline, 0, 5, 2)
    fl.SetParameters(2, -1)
    # fit only the linear background excluding the signal area
    reject = True
    result = h.Fit(fl, "0")
    reject = False
    # store 2 separate functions for visualization
    fleft = ROOT.TF1("fleft", fline, 0, 2.5, 2)
    fleft.SetParameters(fl.GetParameters())
    h.GetListOfFunctions().Add(fleft)
    fright = ROOT.TF1("fright", fline, 3.5, 5, 2)
    fright.SetParameters(fl.GetParameters())
    h.GetListOfFunctions().Add(fright)
    return result, h, fl


if __name__ == "__main__":
    fit_exclude()

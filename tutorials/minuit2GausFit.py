"""Four fits of a Gaussian (ROOT's minuit2GausFit)
===============================================

Port of ROOT's tutorial ``math/fit/minuit2GausFit.C``: the same Gaussian sample fitted four
ways (χ², χ² with Minos, bin integral with gradient and Minos, likelihood with Minos) with the
default fitter set by ``TVirtualFitter.SetDefaultFitter`` to Minuit2 and then Fumili2.

The fitting lines are ROOT's; ROOT draws the 1000 values with ``TRandom3`` — the port takes
the histogram contents as an argument (the tests give it exactly ROOT's) and otherwise draws
them with numpy's generator. Drawing calls are left out. Run:
``python tutorials/minuit2GausFit.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def test_gaus_fit(type="Minuit2", n=1000, contents=None, quiet=False):
    """One ``testGausFit``; returns the four fit results."""
    ROOT.TVirtualFitter.SetDefaultFitter(type)
    h1 = ROOT.TH1D("h1_" + type, "Chi2 Fit", 100, -5, 5.0)
    h2 = ROOT.TH1D("h2_" + type, "Chi2 Fit with Minos Error", 100, -5, 5.0)
    h3 = ROOT.TH1D("h3_" + type, "Chi2 Fit with Integral and Minos", 100, -5, 5.0)
    h4 = ROOT.TH1D("h4_" + type, "Likelihood Fit with Minos Error", 100, -5, 5.0)
    if contents is None:  # ROOT: gRandom->Gaus(0, 1), n times
        for x in np.random.default_rng(4357).normal(0, 1, n):
            for h in (h1, h2, h3, h4):
                h.Fill(x)
    else:
        for h in (h1, h2, h3, h4):
            for i, c in enumerate(contents):
                h.SetBinContent(i + 1, c)
            h.SetEntries(n)
    q = "Q" if quiet else ""
    return [
        h1.Fit("gaus", "Q"),
        h2.Fit("gaus", "E" + q),
        h3.Fit("gaus", "IGE" + q),
        h4.Fit("gaus", "LE" + q),
    ]


def minuit2_gaus_fit(contents=None, quiet=False):
    """Both passes of the tutorial; returns ``{"Minuit2": results, "Fumili2": results}``."""
    n = 1000
    out = {kind: test_gaus_fit(kind, n, contents, quiet) for kind in ("Minuit2", "Fumili2")}
    ROOT.TVirtualFitter.SetDefaultFitter("Minuit2")
    return out


if __name__ == "__main__":
    minuit2_gaus_fit()

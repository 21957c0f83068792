"""Minuit, Minuit2 and Fumili on one peak (ROOT's minuit2FitBench)
===============================================================

Port of ROOT's tutorial ``math/fit/minuit2FitBench.C``: a quadratic background plus a
Lorentzian peak fitted 20 times to a growing histogram, each fit starting from the previous
result, with Minuit, Fumili, Minuit2 and Fumili2; the last fit with Minos (except Fumili).

The fitting lines are ROOT's (the model functions translated to Python; ``TMath::Max`` as
``np.maximum``). ROOT fills the histogram with ``fitFcn->GetRandom()``, which depends on the
previous fits; the port takes the histogram contents of every pass as an argument (the tests
give it exactly ROOT's) and otherwise fills it with the function's own sampling. Drawing and
timing calls are left out. Run: ``python tutorials/minuit2FitBench.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT


def background(x, par):
    return par[0] + par[1] * x[0] + par[2] * x[0] * x[0]


def lorentzianPeak(x, par):
    return (0.5 * par[0] * par[1] / np.pi) / np.maximum(
        1.0e-10, (x[0] - par[2]) * (x[0] - par[2]) + 0.25 * par[1] * par[1]
    )


def fitFunction(x, par):
    return background(x, par) + lorentzianPeak(x, par[3:])


def do_fit(fitter, fitFcn, npass=20, passes=None, quiet=True):
    """One ``DoFit``: returns (all passes succeeded, the last result)."""
    ROOT.Math.MinimizerOptions.SetDefaultMinimizer(fitter)
    fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
    histo = ROOT.TH1D(fitter, fitter + " fit bench", 200, 0, 3)
    rng = np.random.default_rng(4357)
    ok = True
    # fill histogram many times
    # every time increase its statistics and re-use previous fitted
    # parameter values as starting point
    for npass_ in range(npass):
        if npass_ == 0:
            fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
        if passes is None:
            for _ in range(5000):
                histo.Fill(fitFcn.GetRandom(rng))
        else:
            for i, c in enumerate(passes[npass_]):
                histo.SetBinContent(i + 1, c)
        iret = histo.Fit(fitFcn, "Q0")
        ok &= int(iret) == 0
    # do last fit computing Minos Errors (except for Fumili)
    if "Fumili" not in fitter:
        last = histo.Fit(fitFcn, "E" + ("Q" if quiet else ""))
    else:
        last = histo.Fit(fitFcn, "Q" if quiet else "")
    return ok, last


def minuit2_fit_bench(npass=20, passes=None, quiet=True):
    """The whole bench; ``passes`` maps each fitter to its per-pass histogram contents."""
    fitFcn = ROOT.TF1("fitFcn", fitFunction, 0, 3, 6)
    out = {}
    for fitter in ("Minuit", "Fumili", "Minuit2", "Fumili2"):
        out[fitter] = do_fit(
            fitter, fitFcn, npass, None if passes is None else passes[fitter], quiet
        )
    ROOT.Math.MinimizerOptions.SetDefaultMinimizer("Minuit2")
    return out


if __name__ == "__main__":
    minuit2_fit_bench(npass=5, quiet=False)

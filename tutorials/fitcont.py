"""Contours of a fit (ROOT's fitcont)
==================================

Port of ROOT's tutorial ``math/fit/fitcont.C``: n-sigma contours of a Gaussian fit.

ROOT's macro fits with TMinuit and asks ``gMinuit->Contour(npoints, i, j)`` at ErrorDef 1 and
4 (a contour where the χ² rises by 1, then by 4 — "note 4 and not 2"). rootfit keeps no global
minimizer: the port asks the fit result instead, with ``rootfit.intervals.contour`` at the
probability whose 2-D quantile is that rise (Minuit2's MnContours at the same χ² level).

ROOT fills the histogram with ``gRandom``; the port takes its contents as an argument (the
tests give it exactly ROOT's) and otherwise draws them with numpy. Drawing calls are left out.
Run: ``python tutorials/fitcont.py``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from rootfit import compat as ROOT
from rootfit import intervals


def contour_at_errordef(result, i, j, npoints, errordef):
    """``gMinuit->SetErrorDef(errordef); gMinuit->Contour(npoints, i, j)`` as a TGraph."""
    c = intervals.contour(result, i, j, cl=stats.chi2.cdf(errordef, 2), size=npoints)
    return ROOT.TGraph(len(c), c.x, c.y)


def fitcont(contents=None, rng=None):
    """Run the tutorial; returns the fit result and the three contour graphs."""
    # be sure default is Minuit since we will use it
    ROOT.TVirtualFitter.SetDefaultFitter("Minuit")
    h = ROOT.TH1F("h", "My histogram", 100, -3, 3)
    if contents is None:  # ROOT: h->FillRandom("gaus", 6000)
        h.fill((rng or np.random.default_rng(1)).normal(0, 1, 6000))
    else:
        for i, c in enumerate(contents):
            h.SetBinContent(i + 1, c)
    r = h.Fit("gaus", "QS").result
    # get first contour for parameter 1 versus parameter 2
    gr12 = contour_at_errordef(r, 1, 2, 40, 1.0)
    # contour for parameter 0 versus parameter 2 for ERRDEF=4 (two sigma), then ERRDEF=1
    gr2 = contour_at_errordef(r, 0, 2, 80, 4.0)
    gr1 = contour_at_errordef(r, 0, 2, 80, 1.0)
    return r, gr12, gr2, gr1


if __name__ == "__main__":
    result, gr12, gr2, gr1 = fitcont()
    print(result)
    print("contour points:", gr12.GetN(), gr2.GetN(), gr1.GetN())

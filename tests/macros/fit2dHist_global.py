"""ROOT's tutorials/math/fit/fit2dHist.C run as ``fit2dHist(12)``: the global fit of both
histograms with a Python χ² through ``ROOT.Fit.Fitter`` and Minuit2 (see ``fit2dHist.py``)."""

from fit2dHist import fit2dHist

RESULTS = fit2dHist(12)

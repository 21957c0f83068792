"""An unbinned fit with ROOT::Fit::Fitter
======================================

An unbinned maximum-likelihood fit with ``ROOT::Fit::Fitter`` and ``UnBinData``, written as
a ROOT user writes it (spec V12): the 20 values of ``D`` fitted with a normal density, then an
extended fit with a yield over the range [-5, 5]. Run: ``python tutorials/unbinnedFit.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT

D = [0.31, -1.20, 0.75, 1.62, -0.44, 0.05, 2.10, -0.93, 0.58, 1.11,
     -0.27, 0.89, -1.65, 0.42, 1.37, -0.08, 0.66, -0.51, 1.90, 0.23]  # fmt: skip


def unbinned_fit(quiet=False):
    """Returns the results of the plain and the extended fit."""
    x = np.array(D)
    data = ROOT.Fit.UnBinData(len(x), x)
    pdf = ROOT.TF1("pdf", "ROOT::Math::normal_pdf(x,[sigma],[mean])", -5, 5)
    pdf.SetParameters(0, 1)
    fitter = ROOT.Fit.Fitter()
    fitter.SetFunction(ROOT.Math.WrappedMultiTF1(pdf, 1), False)
    fitter.LikelihoodFit(data)
    plain = fitter.Result()
    if not quiet:
        plain.Print(ROOT.std.cout)

    data_range = ROOT.Fit.DataRange(-5, 5)
    extended_data = ROOT.Fit.UnBinData(data_range, len(x))
    for v in x:
        extended_data.Add(v)
    yield_pdf = ROOT.TF1("ypdf", "[N]*ROOT::Math::normal_pdf(x,[sigma],[mean])", -5, 5)
    yield_pdf.SetParameters(15, 0, 1)
    fitter.SetFunction(ROOT.Math.WrappedMultiTF1(yield_pdf, 1), False)
    fitter.LikelihoodFit(extended_data, True)
    extended = fitter.Result()
    if not quiet:
        extended.Print(ROOT.std.cout)
    return plain, extended


if __name__ == "__main__":
    unbinned_fit()

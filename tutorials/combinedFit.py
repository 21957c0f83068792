"""A simultaneous fit of two histograms (ROOT's combinedFit)
=========================================================

Port of ROOT's tutorial ``math/fit/combinedFit.py``: a simultaneous χ² fit of two histograms
(background only, and signal + background) sharing the exponential slope, through the
ROOT::Fit layer of the façade (``Fit.BinData``, ``Fit.FillData``, ``Fit.Chi2Function``,
``Math.Functor``, ``Fit.Fitter.FitFCN``, ``TF1.SetFitResult``).

The fitting lines are ROOT's. ROOT fills the histograms with its own random generator; the
port takes the bin contents as arguments (the tests give it exactly ROOT's) and otherwise
fills them from numpy's generator. Drawing calls are left out. Run:
``python tutorials/combinedFit.py``.
"""

from __future__ import annotations

import numpy as np

from rootfit import compat as ROOT

# definition of shared parameter background function
iparB = np.array([0, 2], dtype=np.int32)  # exp amplitude in B histo and exp common parameter
# signal + background function
iparSB = np.array([1, 2, 3, 4, 5], dtype=np.int32)


class GlobalChi2:
    def __init__(self, f1, f2):
        self._f1 = f1
        self._f2 = f2

    def __call__(self, par):
        # parameter vector is first background (in common 1 and 2) and then is
        # signal (only in 2)
        par_arr = np.frombuffer(par, dtype=np.float64, count=6)
        p1 = par_arr[iparB]
        p2 = par_arr[iparSB]
        return self._f1(p1) + self._f2(p2)


def combined_fit(contents_b=None, contents_sb=None, rng=None):
    """Run the tutorial; returns the fitter's result and the two functions."""
    hB = ROOT.TH1D("hB", "histo B", 100, 0, 100)
    hSB = ROOT.TH1D("hSB", "histo S+B", 100, 0, 100)
    fB = ROOT.TF1("fB", "expo", 0, 100)
    fB.SetParameters(1, -0.05)
    fS = ROOT.TF1("fS", "gaus", 0, 100)
    fS.SetParameters(1, 30, 5)
    if contents_b is None:  # ROOT: hB.FillRandom(fB); hSB.FillRandom(fB, 2000) ...
        rng = rng or np.random.default_rng(1)
        hB.FillRandom(fB, 5000, rng)
        hSB.FillRandom(fB, 2000, rng)
        hSB.FillRandom(fS, 1000, rng)
    else:
        for i, (b, sb) in enumerate(zip(contents_b, contents_sb, strict=True)):
            hB.SetBinContent(i + 1, b)
            hSB.SetBinContent(i + 1, sb)

    # perform now global fit
    fSB = ROOT.TF1("fSB", "expo + gaus(2)", 0, 100)
    wfB = ROOT.Math.WrappedMultiTF1(fB, 1)
    wfSB = ROOT.Math.WrappedMultiTF1(fSB, 1)
    opt = ROOT.Fit.DataOptions()
    rangeB = ROOT.Fit.DataRange()
    # set the data range
    rangeB.SetRange(10, 90)
    dataB = ROOT.Fit.BinData(opt, rangeB)
    ROOT.Fit.FillData(dataB, hB)
    rangeSB = ROOT.Fit.DataRange()
    rangeSB.SetRange(10, 50)
    dataSB = ROOT.Fit.BinData(opt, rangeSB)
    ROOT.Fit.FillData(dataSB, hSB)
    chi2_B = ROOT.Fit.Chi2Function(dataB, wfB)
    chi2_SB = ROOT.Fit.Chi2Function(dataSB, wfSB)
    globalChi2 = GlobalChi2(chi2_B, chi2_SB)
    fitter = ROOT.Fit.Fitter()
    par0 = np.array([5, 5, -0.1, 100, 30, 10])
    # create before the parameter settings in order to fix or set range on them
    fitter.Config().SetParamsSettings(6, par0)
    # fix 5-th parameter
    fitter.Config().ParSettings(4).Fix()
    # set limits on the third and 4-th parameter
    fitter.Config().ParSettings(2).SetLimits(-10, -1.0e-4)
    fitter.Config().ParSettings(3).SetLimits(0, 10000)
    fitter.Config().ParSettings(3).SetStepSize(5)
    fitter.Config().MinimizerOptions().SetPrintLevel(0)
    fitter.Config().SetMinimizer("Minuit2", "Migrad")
    globalChi2Functor = ROOT.Math.Functor(globalChi2, 6)
    # fit FCN function
    # (specify optionally data size and flag to indicate that is a chi2 fit)
    fitter.FitFCN(globalChi2Functor, 0, dataB.Size() + dataSB.Size(), True)
    result = fitter.Result()
    fB.SetFitResult(result, iparB)
    fB.SetRange(rangeB().first, rangeB().second)
    hB.GetListOfFunctions().Add(fB)
    fSB.SetFitResult(result, iparSB)
    fSB.SetRange(rangeSB().first, rangeSB().second)
    hSB.GetListOfFunctions().Add(fSB)
    return result, fB, fSB


def main() -> None:
    result, _, _ = combined_fit()
    result.Print(ROOT.std.cout)


if __name__ == "__main__":
    main()

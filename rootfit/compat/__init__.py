"""ROOT-spelled façade for porting PyROOT fitting code: ``from rootfit import compat as ROOT``.

``ROOT.Fit`` (``Fitter``, ``BinData``, ``UnBinData``, ``DataOptions``, ``DataRange``,
``FillData``, ``Chi2Function``...), ``ROOT.Math`` (``MinimizerOptions`` with the process
defaults, ``WrappedMultiTF1``, ``Functor``) and ``TVirtualFitter.SetDefaultFitter`` are there
for macros that use the ROOT::Fit layer; ROOT's process-wide defaults live in
:mod:`rootfit.compat.session` only.

Each class *is* the corresponding rootfit object (``TH1D`` is a :class:`~rootfit.Histogram`,
``TF1`` a :class:`~rootfit.Function`...) with ROOT's method names and conventions added:
ROOT bin numbers (0 underflow, 1..n, n+1 overflow, global bins in 2-D/3-D),
``Fit(f, opt, gopt, xmin, xmax)``, ``SetParLimits`` rules (``lo >= hi`` fixes, ``(0, 0)`` frees).
``Fit`` always returns the full result (ROOT needs option ``S`` for that; here it is implied),
which also converts to the status with ``int()``. Random numbers need an explicit numpy
Generator, and there is no current directory (write with ``TFile.WriteObject``).
"""

from rootfit.compat.canvas import (
    TArc,
    TCanvas,
    TEllipse,
    TLatex,
    TLegend,
    TLine,
    TPad,
    TPaveLabel,
    TPaveText,
    TPolyLine3D,
    TText,
)
from rootfit.compat.collections import TObjArray
from rootfit.compat.composites import TF1Convolution, TF1NormSum
from rootfit.compat.efficiency import TBinomialEfficiencyFitter
from rootfit.compat.files import TDirectory, TFile
from rootfit.compat.fitresult import TFitResult, TFitResultPtr
from rootfit.compat.fraction_fitter import TFractionFitter
from rootfit.compat.functions import TF1, TF2, TF3, TFormula
from rootfit.compat.graphs import (
    TCutG,
    TGraph,
    TGraph2D,
    TGraph2DErrors,
    TGraphAsymmErrors,
    TGraphBentErrors,
    TGraphErrors,
    TMultiGraph,
)
from rootfit.compat.histogram_classes import (
    TH1C,
    TH1D,
    TH1F,
    TH1I,
    TH1L,
    TH1S,
    TH2C,
    TH2D,
    TH2F,
    TH2I,
    TH2L,
    TH2S,
    TH3C,
    TH3D,
    TH3F,
    TH3I,
    TH3L,
    TH3S,
)
from rootfit.compat.histograms import TH1, TH2, TH3, TAxis
from rootfit.compat.linear_fitter import TLinearFitter
from rootfit.compat.math_options import TVirtualFitter
from rootfit.compat.matrices import TMatrixD, TMatrixDSym, TVectorD
from rootfit.compat.minuit_commands import TMinuit
from rootfit.compat.namespaces import Fit, Math, std
from rootfit.compat.profiles import TProfile
from rootfit.compat.ratio_plot import TRatioPlot
from rootfit.compat.session import (
    TStyle,
    gBenchmark,
    gDirectory,
    gMinuit,
    gPad,
    gROOT,
    gStyle,
)
from rootfit.compat.tmath import TMath
from rootfit.compat.utilities import Error, Info, TBenchmark, TStopwatch, Warning


def SetOwnership(obj: object, python_owns: bool) -> None:
    """PyROOT's ownership switch, accepted: in rootfit Python owns every object and a container
    keeps what it holds alive."""


#: ROOT's ``nullptr`` (``TGraphErrors(n, x, y, ROOT.nullptr, ey)``).
nullptr = None

# ROOT's colour constants: ROOT.kRed, ROOT.kBlue + 2 ...
kWhite, kBlack, kGray, kRed, kGreen, kBlue = 0, 1, 920, 632, 416, 600
kYellow, kMagenta, kCyan, kOrange, kSpring, kTeal = 400, 616, 432, 800, 820, 840
kAzure, kViolet, kPink = 860, 880, 900

__all__ = [
    "TF1",
    "TF2",
    "TF3",
    "TH1",
    "TH1C",
    "TH1D",
    "TH1F",
    "TH1I",
    "TH1L",
    "TH1S",
    "TH2",
    "TH2C",
    "TH2D",
    "TH2F",
    "TH2I",
    "TH2L",
    "TH2S",
    "TH3",
    "TH3C",
    "TH3D",
    "TH3F",
    "TH3I",
    "TH3L",
    "TH3S",
    "Error",
    "Fit",
    "Info",
    "Math",
    "SetOwnership",
    "TArc",
    "TAxis",
    "TBenchmark",
    "TBinomialEfficiencyFitter",
    "TCanvas",
    "TCutG",
    "TDirectory",
    "TEllipse",
    "TF1Convolution",
    "TF1NormSum",
    "TFile",
    "TFitResult",
    "TFitResultPtr",
    "TFormula",
    "TFractionFitter",
    "TGraph",
    "TGraph2D",
    "TGraph2DErrors",
    "TGraphAsymmErrors",
    "TGraphBentErrors",
    "TGraphErrors",
    "TLatex",
    "TLegend",
    "TLine",
    "TLinearFitter",
    "TMath",
    "TMatrixD",
    "TMatrixDSym",
    "TMinuit",
    "TMultiGraph",
    "TObjArray",
    "TPad",
    "TPaveLabel",
    "TPaveText",
    "TPolyLine3D",
    "TProfile",
    "TRatioPlot",
    "TStopwatch",
    "TStyle",
    "TText",
    "TVectorD",
    "TVirtualFitter",
    "Warning",
    "gBenchmark",
    "gDirectory",
    "gMinuit",
    "gPad",
    "gROOT",
    "gStyle",
    "kAzure",
    "kBlack",
    "kBlue",
    "kCyan",
    "kGray",
    "kGreen",
    "kMagenta",
    "kOrange",
    "kPink",
    "kRed",
    "kSpring",
    "kTeal",
    "kViolet",
    "kWhite",
    "kYellow",
    "nullptr",
    "std",
]  # fmt: skip

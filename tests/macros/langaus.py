"""ROOT's tutorials/math/fit/langaus.C in PyROOT: a Landau convolved with a Gaussian (a Python
function summing 100 steps of ``TMath.Landau``×``TMath.Gaus``) fitted to a signal-to-noise
spectrum with limits, then its peak and FWHM found by stepping.

Changes: the import; the pointer arguments of ``langaufit``/``langaupro`` are returned.
"""

import numpy as np
from rootfit import compat as ROOT


def langaufun(x, par):
    # Fit parameters:
    # par[0]=Width (scale) parameter of Landau density
    # par[1]=Most Probable (MP, location) parameter of Landau density
    # par[2]=Total area (integral -inf to inf, normalization constant)
    # par[3]=Width (sigma) of convoluted Gaussian function
    #
    # In the Landau distribution (represented by the CERNLIB approximation),
    # the maximum is located at x=-0.22278298 with the location parameter=0.
    # This shift is corrected within this function, so that the actual
    # maximum is identical to the MP parameter.

    # Numeric constants
    invsq2pi = 0.3989422804014  # (2 pi)^(-1/2)
    mpshift = -0.22278298  # Landau maximum location

    # Control constants
    np_ = 100.0  # number of convolution steps
    sc = 5.0  # convolution extends to +-sc Gaussian sigmas

    # Variables
    total = 0.0

    # MP shift correction
    mpc = par[1] - mpshift * par[0]

    # Range of convolution integral
    xlow = x[0] - sc * par[3]
    xupp = x[0] + sc * par[3]

    step = (xupp - xlow) / np_

    # Convolution integral of Landau and Gaussian by sum
    i = 1.0
    while i <= np_ / 2:
        xx = xlow + (i - 0.5) * step
        fland = ROOT.TMath.Landau(xx, mpc, par[0]) / par[0]
        total += fland * ROOT.TMath.Gaus(x[0], xx, par[3])

        xx = xupp - (i - 0.5) * step
        fland = ROOT.TMath.Landau(xx, mpc, par[0]) / par[0]
        total += fland * ROOT.TMath.Gaus(x[0], xx, par[3])
        i += 1

    return par[2] * step * total * invsq2pi / par[3]


def langaufit(his, fitrange, startvalues, parlimitslo, parlimitshi):
    # Once again, here are the Landau * Gaussian parameters:
    #   par[0]=Width (scale) parameter of Landau density
    #   par[1]=Most Probable (MP, location) parameter of Landau density
    #   par[2]=Total area (integral -inf to inf, normalization constant)
    #   par[3]=Width (sigma) of convoluted Gaussian function
    FunName = "Fitfcn_%s" % his.GetName()

    ffitold = ROOT.gROOT.GetListOfFunctions().FindObject(FunName)
    if ffitold:
        ROOT.gROOT.GetListOfFunctions().Remove(ffitold)

    ffit = ROOT.TF1(FunName, langaufun, fitrange[0], fitrange[1], 4)
    ffit.SetParameters(np.asarray(startvalues, dtype=float))
    ffit.SetParNames("Width", "MP", "Area", "GSigma")

    for i in range(4):
        ffit.SetParLimits(i, parlimitslo[i], parlimitshi[i])

    his.Fit(FunName, "RB0")  # fit within specified range, use ParLimits, do not plot

    fitparams = np.zeros(4)
    ffit.GetParameters(fitparams)  # obtain fit parameters
    fiterrors = [ffit.GetParError(i) for i in range(4)]  # obtain fit parameter errors
    ChiSqr = ffit.GetChisquare()  # obtain chi^2
    NDF = ffit.GetNDF()  # obtain ndf

    return ffit, fitparams, fiterrors, ChiSqr, NDF  # return fit function


def langaupro(params):
    # Searches for the location (x value) at the maximum of the
    # Landau-Gaussian convolute and its full width at half-maximum.
    #
    # The search is probably not very efficient, but it's a first try.
    i = 0
    MAXCALLS = 10000

    # Search for maximum
    p = params[1] - 0.1 * params[0]
    step = 0.05 * params[0]
    lold = -2.0
    l = -1.0

    while l != lold and i < MAXCALLS:
        i += 1
        lold = l
        x = p + step
        l = langaufun([x], params)
        if l < lold:
            step = -step / 10
        p += step

    if i == MAXCALLS:
        return -1, 0, 0
    maxx = x
    fy = l / 2

    # Search for right x location of fy
    p = maxx + params[0]
    step = params[0]
    lold = -2.0
    l = -1e300
    i = 0

    while l != lold and i < MAXCALLS:
        i += 1
        lold = l
        x = p + step
        l = abs(langaufun([x], params) - fy)
        if l > lold:
            step = -step / 10
        p += step

    if i == MAXCALLS:
        return -2, 0, 0
    fxr = x

    # Search for left x location of fy
    p = maxx - 0.5 * params[0]
    step = -params[0]
    lold = -2.0
    l = -1e300
    i = 0

    while l != lold and i < MAXCALLS:
        i += 1
        lold = l
        x = p + step
        l = abs(langaufun([x], params) - fy)
        if l > lold:
            step = -step / 10
        p += step

    if i == MAXCALLS:
        return -3, 0, 0
    fxl = x
    FWHM = fxr - fxl
    return 0, maxx, FWHM


# Fill Histogram
data = [0, 0, 0, 0, 0, 0, 2, 6, 11, 18, 18, 55, 90, 141, 255, 323, 454, 563, 681,
        737, 821, 796, 832, 720, 637, 558, 519, 460, 357, 291, 279, 241, 212,
        153, 164, 139, 106, 95, 91, 76, 80, 80, 59, 58, 51, 30, 49, 23, 35, 28, 23,
        22, 27, 27, 24, 20, 16, 17, 14, 20, 12, 12, 13, 10, 17, 7, 6, 12, 6, 12, 4,
        9, 9, 10, 3, 4, 5, 2, 4, 1, 5, 5, 1, 7, 1, 6, 3, 3, 3, 4, 5, 4, 4, 2, 2, 7, 2, 4]  # fmt: skip
data += [0] * (100 - len(data))  # int data[100] = {...}: the rest is 0
hSNR = ROOT.TH1F("snr", "Signal-to-noise", 400, 0, 400)

for i in range(100):
    hSNR.Fill(i, data[i])

# Fitting SNR histo
print("Fitting...")

# Setting fit range and start values
fr = [0.3 * hSNR.GetMean(), 3.0 * hSNR.GetMean()]
pllo = [0.5, 5.0, 1.0, 0.4]
plhi = [5.0, 50.0, 1000000.0, 5.0]
sv = [1.8, 20.0, 50000.0, 3.0]

fitsnr, fp, fpe, chisqr, ndf = langaufit(hSNR, fr, sv, pllo, plhi)

status, SNRPeak, SNRFWHM = langaupro(fp)

print("Fitting done\nPlotting results...")

# Global style settings
ROOT.gStyle.SetOptStat(1111)
ROOT.gStyle.SetOptFit(111)
ROOT.gStyle.SetLabelSize(0.03, "x")
ROOT.gStyle.SetLabelSize(0.03, "y")

hSNR.GetXaxis().SetRange(0, 70)
hSNR.Draw()
fitsnr.Draw("lsame")
ROOT.gPad.SaveAs("langaus.png")

RESULTS = {
    "range": fr,
    "chi2": chisqr,
    "ndf": ndf,
    "values": list(fp),
    "errors": list(fpe),
    "peak": [status, SNRPeak, SNRFWHM],
}

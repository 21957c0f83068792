"""ROOT's tutorials/math/fit/TestBinomial.C in PyROOT: 100 pseudo-experiments of an efficiency
curve fitted to the ratio histogram by χ² and to passed/total by the binomial likelihood
(``TBinomialEfficiencyFitter``), the pulls of both collected.

Changes: the import; ``TRandom3 rb`` and ``FillRandom`` draws are numpy's (``seeded``); ``Form``
is Python's ``%``; the histograms put in TObjArrays are also kept in a Python list (PyROOT
would free them at once).
"""

from rootfit import compat as ROOT

import seeded


def TestBinomial(nloop=100, nevts=100, plot=False, debug=False, seed=111):
    ROOT.gStyle.SetMarkerStyle(20)
    ROOT.gStyle.SetLineWidth(2)
    ROOT.gStyle.SetOptStat(11)

    # kept in Python variables too: a TObjArray does not own what it holds in PyROOT
    keep = [
        ROOT.TH1D("h0Norm", "Bias Histogram fit", 100, -5, 5),
        ROOT.TH1D("h1Norm", "Bias Binomial fit", 100, -5, 5),
        ROOT.TH1D("h0Threshold", "Bias Histogram fit", 100, -5, 5),
        ROOT.TH1D("h1Threshold", "Bias Binomial fit", 100, -5, 5),
        ROOT.TH1D("h0Width", "Bias Histogram fit", 100, -5, 5),
        ROOT.TH1D("h1Width", "Bias Binomial fit", 100, -5, 5),
    ]
    hbiasNorm = ROOT.TObjArray()
    hbiasNorm.Add(keep[0])
    hbiasNorm.Add(keep[1])
    hbiasThreshold = ROOT.TObjArray()
    hbiasThreshold.Add(keep[2])
    hbiasThreshold.Add(keep[3])
    hbiasWidth = ROOT.TObjArray()
    hbiasWidth.Add(keep[4])
    hbiasWidth.Add(keep[5])
    hChisquared = ROOT.TH1D("hChisquared", "#chi^{2} probability (Baker-Cousins)", 200, 0.0, 1.0)

    ROOT.TVirtualFitter.SetDefaultFitter("Minuit2")
    ROOT.Math.IntegratorOneDimOptions.SetDefaultIntegrator("Gauss")

    # Note: in order to be able to use TH1::FillRandom() to generate
    #       pseudo-experiments, we use a trick: generate "selected"
    #       and "non-selected" samples independently. These are
    #       statistically independent and therefore can be treated
    #       independently.
    xmin, xmax = 10, 100
    hM2D = ROOT.TH1D("hM2D", "x^(-2) denominator distribution", 45, xmin, xmax)
    hM2N = ROOT.TH1D("hM2N", "x^(-2) numerator distribution", 45, xmin, xmax)
    hM2E = ROOT.TH1D("hM2E", "x^(-2) efficiency", 45, xmin, xmax)

    fM2D = ROOT.TF1("fM2D", "(1-[0]/(1+exp(([1]-x)/[2])))/(x*x)", xmin, xmax)
    fM2N = ROOT.TF1("fM2N", "[0]/(1+exp(([1]-x)/[2]))/(x*x)", xmin, xmax)
    fM2Fit = ROOT.TF1("fM2Fit", "[0]/(1+exp(([1]-x)/[2]))", xmin, xmax)
    fM2Fit2 = None

    rb = seeded.rng(seed)

    # First try: use a single set of parameters.
    # For each try, we need to find the overall normalization
    normalization = 0.80
    threshold = 25.0
    width = 5.0

    fM2D.SetParameter(0, normalization)
    fM2D.SetParameter(1, threshold)
    fM2D.SetParameter(2, width)
    fM2N.SetParameter(0, normalization)
    fM2N.SetParameter(1, threshold)
    fM2N.SetParameter(2, width)
    integralN = fM2N.Integral(xmin, xmax)
    integralD = fM2D.Integral(xmin, xmax)
    fracN = integralN / (integralN + integralD)
    nevtsN = int(rb.binomial(nevts, fracN))
    nevtsD = nevts - nevtsN

    print(nevtsN, " ", nevtsD)

    ROOT.gStyle.SetOptFit(1111)

    # generate many times to see the bias
    for iloop in range(nloop):
        # generate pseudo-experiments
        hM2D.Reset()
        hM2N.Reset()
        seeded.fill_random(hM2D, fM2D, nevtsD, rb)
        seeded.fill_random(hM2N, fM2N, nevtsN, rb)
        hM2D.Add(hM2N)

        # construct the "efficiency" histogram
        hM2N.Sumw2()
        hM2E.Divide(hM2N, hM2D, 1, 1, "b")

        # Fit twice, using the same fit function.
        # In the first (standard) fit, initialize to (arbitrary) values.
        # In the second fit, use the results from the first fit (this
        # makes it easier for the fit -- but the purpose here is not to
        # show how easy or difficult it is to obtain results, but whether
        # the CORRECT results are obtained or not!).

        fM2Fit.SetParameter(0, 0.5)
        fM2Fit.SetParameter(1, 15.0)
        fM2Fit.SetParameter(2, 2.0)
        fM2Fit.SetParError(0, 0.1)
        fM2Fit.SetParError(1, 1.0)
        fM2Fit.SetParError(2, 0.2)
        hf = fM2Fit.GetHistogram()

        for fit in range(2):
            status = 0
            if fit == 0:
                optFit = "RN"
                if debug:
                    optFit += "SV"
                res = hM2E.Fit(fM2Fit, optFit)
                status = int(res)
            else:
                fM2Fit2 = fM2Fit  # do not clone/copy the function
                if fM2Fit2.GetParameter(0) >= 1.0:
                    fM2Fit2.SetParameter(0, 0.95)
                fM2Fit2.SetParLimits(0, 0.0, 1.0)

                bef = ROOT.TBinomialEfficiencyFitter(hM2N, hM2D)
                optFit = "RI S"
                if debug:
                    optFit += "V"
                res = bef.Fit(fM2Fit2, optFit)
                status = int(res)
                if status != 0:
                    print("Error performing binomial efficiency fit, result = ", status)
                    res.Print()
                    continue
            if status != 0:
                break

            fnorm = fM2Fit.GetParameter(0)
            enorm = fM2Fit.GetParError(0)
            fthreshold = fM2Fit.GetParameter(1)
            ethreshold = fM2Fit.GetParError(1)
            fwidth = fM2Fit.GetParameter(2)
            ewidth = fM2Fit.GetParError(2)
            if fit == 1:
                fnorm = fM2Fit2.GetParameter(0)
                enorm = fM2Fit2.GetParError(0)
                fthreshold = fM2Fit2.GetParameter(1)
                ethreshold = fM2Fit2.GetParError(1)
                fwidth = fM2Fit2.GetParameter(2)
                ewidth = fM2Fit2.GetParError(2)
                hChisquared.Fill(fM2Fit2.GetProb())

            h = hbiasNorm[fit]
            h.Fill((fnorm - normalization) / enorm)
            h = hbiasThreshold[fit]
            h.Fill((fthreshold - threshold) / ethreshold)
            h = hbiasWidth[fit]
            h.Fill((fwidth - width) / ewidth)

    c1 = ROOT.TCanvas("c1", "Efficiency fit biases", 10, 10, 1000, 800)
    c1.Divide(2, 2)
    for k, (array, title) in enumerate(
        (
            (hbiasNorm, "plateau parameter"),
            (hbiasThreshold, "threshold parameter"),
            (hbiasWidth, "width parameter"),
        )
    ):
        c1.cd(k + 1)
        h0 = array[0]
        h0.Draw("HIST")
        h1 = array[1]
        h1.SetLineColor(ROOT.kRed)
        h1.Draw("HIST SAMES")
        l1 = ROOT.TLegend(0.1, 0.75, 0.5, 0.9, title, "ndc")
        l1.AddEntry(h0, "histogram: mean = %4.2f RMS = %4.2f" % (h0.GetMean(), h0.GetRMS()), "l")
        l1.AddEntry(h1, "binomial : mean = %4.2f RMS = %4.2f" % (h1.GetMean(), h1.GetRMS()), "l")
        l1.Draw()
    c1.cd(4)
    hChisquared.Draw("HIST")
    c1.SaveAs("TestBinomial.png")

    def summary(h):
        return [h.GetEntries(), h.GetMean(), h.GetRMS()]

    return {
        "events": [nevtsN, nevtsD],
        "hf_bins": hf.GetNbinsX(),
        "norm": [summary(hbiasNorm[0]), summary(hbiasNorm[1])],
        "threshold": [summary(hbiasThreshold[0]), summary(hbiasThreshold[1])],
        "width": [summary(hbiasWidth[0]), summary(hbiasWidth[1])],
        "prob": summary(hChisquared),
        "last_binomial": [fM2Fit2.GetParameter(i) for i in range(3)]
        + [fM2Fit2.GetChisquare(), fM2Fit2.GetNDF()],
    }


RESULTS = TestBinomial()

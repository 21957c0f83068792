#!/usr/bin/env python
"""ROOT 6.40 reference runs of the fitting tutorials that use ROOT's random numbers.

Run in the ROOT virtualenv (``make references``):

    .venv-root/bin/python tests/reference/generate_tutorial_references.py

Each function below is the logic of one tutorial of ``tutorials/math/fit/`` run in ROOT
(the C++ macros translated line by line to PyROOT); it records the data ROOT generated (so
the rootfit ports can use the very same numbers) and ROOT's fit results. Writes
``root_tutorials.json``. Every tutorial runs in its own ROOT process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _result(r):
    return {
        "status": int(r.Status()),
        "valid": bool(r.IsValid()),
        "chi2": r.Chi2(),
        "ndf": int(r.Ndf()),
        "min_fcn": r.MinFcnValue(),
        "minimizer": str(r.MinimizerType()),
        "values": [r.Parameter(i) for i in range(r.NPar())],
        "errors": [r.ParError(i) for i in range(r.NPar())],
        "minos": {
            str(i): [r.LowerError(i), r.UpperError(i)]
            for i in range(r.NPar())
            if r.HasMinosError(i)
        },
    }


def _contents(h):
    return [h.GetBinContent(i) for i in range(1, h.GetNbinsX() + 1)]


def _graph(g):
    n = g.GetN()
    return {
        "x": [g.GetPointX(i) for i in range(n)],
        "y": [g.GetPointY(i) for i in range(n)],
        "ey": [g.GetErrorY(i) for i in range(n)],
    }


def combined_fit(ROOT):
    import numpy as np

    hB = ROOT.TH1D("hB", "histo B", 100, 0, 100)
    hSB = ROOT.TH1D("hSB", "histo S+B", 100, 0, 100)
    fB = ROOT.TF1("fB", "expo", 0, 100)
    fB.SetParameters(1, -0.05)
    hB.FillRandom(fB)
    fS = ROOT.TF1("fS", "gaus", 0, 100)
    fS.SetParameters(1, 30, 5)
    hSB.FillRandom(fB, 2000)
    hSB.FillRandom(fS, 1000)
    iparB = np.array([0, 2], dtype=np.int32)
    iparSB = np.array([1, 2, 3, 4, 5], dtype=np.int32)
    fSB = ROOT.TF1("fSB", "expo + gaus(2)", 0, 100)
    wfB = ROOT.Math.WrappedMultiTF1(fB, 1)
    wfSB = ROOT.Math.WrappedMultiTF1(fSB, 1)
    opt = ROOT.Fit.DataOptions()
    rangeB = ROOT.Fit.DataRange()
    rangeB.SetRange(10, 90)
    dataB = ROOT.Fit.BinData(opt, rangeB)
    ROOT.Fit.FillData(dataB, hB)
    rangeSB = ROOT.Fit.DataRange()
    rangeSB.SetRange(10, 50)
    dataSB = ROOT.Fit.BinData(opt, rangeSB)
    ROOT.Fit.FillData(dataSB, hSB)
    chi2_B = ROOT.Fit.Chi2Function(dataB, wfB)
    chi2_SB = ROOT.Fit.Chi2Function(dataSB, wfSB)

    class GlobalChi2:
        def __init__(self, f1, f2):
            self._f1 = f1
            self._f2 = f2

        def __call__(self, par):
            p = np.frombuffer(par, dtype=np.float64, count=6)
            return self._f1(p[iparB]) + self._f2(p[iparSB])

    globalChi2 = GlobalChi2(chi2_B, chi2_SB)

    fitter = ROOT.Fit.Fitter()
    fitter.Config().SetParamsSettings(6, np.array([5, 5, -0.1, 100, 30, 10], dtype=np.float64))
    fitter.Config().ParSettings(4).Fix()
    fitter.Config().ParSettings(2).SetLimits(-10, -1.0e-4)
    fitter.Config().ParSettings(3).SetLimits(0, 10000)
    fitter.Config().ParSettings(3).SetStepSize(5)
    fitter.Config().SetMinimizer("Minuit2", "Migrad")
    functor = ROOT.Math.Functor(globalChi2, 6)
    fitter.FitFCN(functor, 0, dataB.Size() + dataSB.Size(), True)
    return {
        "hB": _contents(hB),
        "hSB": _contents(hSB),
        "sizes": [dataB.Size(), dataSB.Size()],
        "result": _result(fitter.Result()),
    }


def fit_exclude(ROOT):
    state = {"reject": True}

    def fline(x, par):
        if state["reject"] and 2.5 < x[0] < 3.5:
            ROOT.TF1.RejectPoint()
            return 0
        return par[0] + par[1] * x[0]

    f1 = ROOT.TF1("f1", "[0] +[1]*x +gaus(2)", 0, 5)
    f1.SetParameters(6, -1, 5, 3, 0.2)
    h = ROOT.TH1F("h", "background + signal", 100, 0, 5)
    h.FillRandom("f1", 2000)
    fl = ROOT.TF1("fl", fline, 0, 5, 2)
    fl.SetParameters(2, -1)
    r = h.Fit(fl, "0S")
    return {"h": _contents(h), "result": _result(r), "n_points": int(fl.GetNumberFitPoints())}


def _make_points(ROOT, n, p, r):
    import math

    x, y, e = [], [], []
    for _ in range(n):
        xi = r.Uniform(-2, 2)
        if p == 2:
            yi = math.sin(xi) + math.sin(2 * xi) + r.Gaus() * 0.1
        elif p == 3:
            yi = -7 + 2 * xi * xi + xi * xi * xi + r.Gaus() * 0.1
        else:
            yi = -2 + math.exp(-xi) + r.Gaus() * 0.1
        x.append(xi), y.append(yi), e.append(0.1)
    return x, y, e


def fit_linear(ROOT):
    import array

    r = ROOT.TRandom()
    out = {}
    for p, func in ((3, "pol3"), (2, "sin(x) ++ sin(2*x)"), (4, "1 ++ exp(-x)")):
        x, y, e = _make_points(ROOT, 40, p, r)
        g = ROOT.TGraphErrors(
            40, array.array("d", x), array.array("d", y), ROOT.nullptr, array.array("d", e)
        )
        f = ROOT.TF1("f2", func, -2, 2) if p == 2 else func
        res = g.Fit(f, "SQ")
        out[func] = {"graph": _graph(g), "result": _result(res)}
    return out


def fit_linear_robust(ROOT):
    import array

    npoints, fraction = 250, 200
    r = ROOT.TRandom()
    x, y, e = [], [], []
    for i in range(npoints):
        if i < fraction:
            xi = r.Uniform(-2, 2)
            yi = 1 + 2 * xi + 3 * xi * xi + 4 * xi * xi * xi + r.Gaus()
        else:
            xi = r.Uniform(-1, 1)
            yi = 1 + 2 * xi + 3 * xi * xi + 4 * xi * xi * xi + r.Landau(10, 5)
        x.append(xi), y.append(yi), e.append(1.0)
    grr = ROOT.TGraphErrors(
        npoints, array.array("d", x), array.array("d", y), ROOT.nullptr, array.array("d", e)
    )
    ffit1 = ROOT.TF1("ffit1", "pol3", -5, 5)
    ffit2 = ROOT.TF1("ffit2", "pol3", -5, 5)
    r1 = grr.Fit(ffit1, "SQ")
    r2 = grr.Fit(ffit2, "SQ+rob=0.75")
    return {"graph": _graph(grr), "ordinary": _result(r1), "robust": _result(r2)}


def fit_multigraph(ROOT):
    import array

    n = 30
    r = ROOT.TRandom()
    cols = {k: [] for k in ("x1", "x2", "x3", "y1", "y2", "y3")}
    for _ in range(n):
        x1, x2, x3 = r.Uniform(0.1, 5), r.Uniform(3, 8), r.Uniform(9, 15)
        y1 = 3 + 2 * x1 + x1 * x1 + r.Gaus()
        y2 = 3 + 2 * x2 + x2 * x2 + r.Gaus() * 10
        y3 = 3 + 2 * x3 + x3 * x3 + r.Gaus() * 20
        for k, v in zip(
            ("x1", "x2", "x3", "y1", "y2", "y3"), (x1, x2, x3, y1, y2, y3), strict=True
        ):
            cols[k].append(v)
    mg = ROOT.TMultiGraph("mg", "TMultiGraph of 3 TGraphErrors")
    graphs = []
    for i, err in ((1, 1.0), (2, 10.0), (3, 20.0)):
        g = ROOT.TGraphErrors(
            n,
            array.array("d", cols[f"x{i}"]),
            array.array("d", cols[f"y{i}"]),
            ROOT.nullptr,
            array.array("d", [err] * n),
        )
        mg.Add(g)
        graphs.append(_graph(g))
    res = mg.Fit("pol2", "FSQ")
    return {"graphs": graphs, "result": _result(res)}


def minuit2_gaus_fit(ROOT):
    out = {}
    for kind in ("Minuit2", "Fumili2"):
        ROOT.gRandom.SetSeed(4357)  # the macro's gRandom = new TRandom3()
        ROOT.TVirtualFitter.SetDefaultFitter(kind)
        hs = [ROOT.TH1D(f"h{i}_{kind}", "", 100, -5, 5) for i in range(1, 5)]
        for _ in range(1000):
            x = ROOT.gRandom.Gaus(0, 1)
            for h in hs:
                h.Fill(x)
        results = []
        for h, opt in zip(hs, ("Q", "E", "IGE", "LE"), strict=True):
            results.append(_result(h.Fit("gaus", opt + "SQ")))
        out[kind] = {"h": _contents(hs[0]), "results": results}
    return out


def minuit2_fit_bench(ROOT):
    import math

    def fit_function(x, par):
        bkg = par[0] + par[1] * x[0] + par[2] * x[0] * x[0]
        peak = (0.5 * par[3] * par[4] / math.pi) / max(
            1.0e-10, (x[0] - par[5]) * (x[0] - par[5]) + 0.25 * par[4] * par[4]
        )
        return bkg + peak

    fitFcn = ROOT.TF1("fitFcn", fit_function, 0, 3, 6)
    fitFcn.SetNpx(200)
    out = {}
    for fitter in ("Minuit", "Fumili", "Minuit2", "Fumili2"):
        ROOT.gRandom.SetSeed(4357)  # the macro's gRandom = new TRandom3()
        ROOT.Math.MinimizerOptions.SetDefaultMinimizer(fitter)
        fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
        histo = ROOT.TH1D(fitter, "", 200, 0, 3)
        passes = []
        for pass_ in range(20):
            if pass_ == 0:
                fitFcn.SetParameters(1, 1, 1, 6, 0.03, 1)
            for _ in range(5000):
                histo.Fill(fitFcn.GetRandom())
            iret = histo.Fit(fitFcn, "Q0S")
            passes.append({"h": _contents(histo), "status": int(iret)})
        last = histo.Fit(fitFcn, "SQ" + ("" if "Fumili" in fitter else "E"))
        out[fitter] = {"passes": passes, "result": _result(last)}
    return out


def confidence_intervals(ROOT):
    """``ConfidenceIntervals.C``: 95% bands of a line fit to a graph without errors, a gaus fit
    to a histogram and a fit of a TF2 to a TGraph2D, filled by TVirtualFitter."""
    ngr = 100
    gr = ROOT.TGraph(ngr)
    for i in range(ngr):
        x = ROOT.gRandom.Uniform(-1, 1)
        gr.SetPoint(i, x, -1 + 2 * x + ROOT.gRandom.Gaus(0, 1))
    fpol = ROOT.TF1("fpol", "pol1", -1, 1)
    r1 = gr.Fit(fpol, "QS")
    grint = ROOT.TGraphErrors(ngr)
    for i in range(ngr):
        grint.SetPoint(i, gr.GetX()[i], 0)
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint)
    out = {
        "graph": {
            "x": [gr.GetPointX(i) for i in range(ngr)],
            "y": [gr.GetPointY(i) for i in range(ngr)],
        },
        "line": _result(r1),
        "grint": _graph(grint),
    }
    h = ROOT.TH1D("h", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
    h.FillRandom("gaus", 5000)
    f = ROOT.TF1("fgaus", "gaus", -3, 3)
    r2 = h.Fit(f, "QS")
    hint = ROOT.TH1D("hint", "Fitted Gaussian with .95 conf.band", 100, -3, 3)
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(hint)
    out["h"] = _contents(h)
    out["gaus"] = _result(r2)
    out["hint"] = {
        "content": _contents(hint),
        "error": [hint.GetBinError(i) for i in range(1, 101)],
    }
    ngr2, e = 100, 0.3
    gr2 = ROOT.TGraph2D(ngr2)
    f2 = ROOT.TF2("f2", "1000*(([0]*sin(x)/x)*([1]*sin(y)/y))+250", -6, 6, -6, 6)
    f2.SetParameters(1, 1)
    import ctypes

    for i in range(ngr2):
        x, y = ctypes.c_double(), ctypes.c_double()
        f2.GetRandom2(x, y)
        rnd = 2 * ROOT.gRandom.Rndm() * e - e
        gr2.SetPoint(i, x.value, y.value, f2.Eval(x.value, y.value) * (1 + rnd))
    grint2 = ROOT.TGraph2DErrors(ngr2)
    for i in range(ngr2):
        grint2.SetPoint(i, gr2.GetX()[i], gr2.GetY()[i], 0)
    f2.SetParameters(0.5, 1.5)
    r3 = gr2.Fit(f2, "QS")
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(grint2)
    out["graph2d"] = {
        "x": [gr2.GetX()[i] for i in range(ngr2)],
        "y": [gr2.GetY()[i] for i in range(ngr2)],
        "z": [gr2.GetZ()[i] for i in range(ngr2)],
    }
    out["surface"] = _result(r3)
    out["grint2"] = {
        "z": [grint2.GetZ()[i] for i in range(ngr2)],
        "ez": [grint2.GetErrorZ(i) for i in range(ngr2)],
    }
    return out


def fitcont(ROOT):
    """``fitcont.C``: TMinuit contours of a gaus fit at ErrorDef 1 and 4."""
    ROOT.TVirtualFitter.SetDefaultFitter("Minuit")
    h = ROOT.TH1F("h", "My histogram", 100, -3, 3)
    h.FillRandom("gaus", 6000)
    r = h.Fit("gaus", "QS")
    gr12 = ROOT.gMinuit.Contour(40, 1, 2)
    ROOT.gMinuit.SetErrorDef(4)
    gr2 = ROOT.gMinuit.Contour(80, 0, 2)
    ROOT.gMinuit.SetErrorDef(1)
    gr1 = ROOT.gMinuit.Contour(80, 0, 2)

    def points(g):
        return [[g.GetPointX(i), g.GetPointY(i)] for i in range(g.GetN())]

    return {
        "h": _contents(h),
        "result": _result(r),
        "contour12": points(gr12),
        "contour02_errdef4": points(gr2),
        "contour02_errdef1": points(gr1),
    }


TUTORIALS = {
    "ConfidenceIntervals": confidence_intervals,
    "fitcont": fitcont,
    "combinedFit": combined_fit,
    "fitExclude": fit_exclude,
    "fitLinear": fit_linear,
    "fitLinearRobust": fit_linear_robust,
    "fitMultiGraph": fit_multigraph,
    "minuit2GausFit": minuit2_gaus_fit,
    "minuit2FitBench": minuit2_fit_bench,
}


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        import ROOT

        ROOT.gROOT.SetBatch(True)
        ROOT.gErrorIgnoreLevel = ROOT.kError
        print("RESULT " + json.dumps(TUTORIALS[sys.argv[2]](ROOT)))
        return
    import ROOT

    out = {"root_version": str(ROOT.gROOT.GetVersion())}
    for name in TUTORIALS:
        run = subprocess.run(
            [sys.executable, __file__, "--worker", name],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        line = next((ln for ln in run.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if line is None:
            print(f"tutorial {name} failed:\n{run.stderr[-3000:]}", file=sys.stderr)
            out[name] = None
            continue
        out[name] = json.loads(line[len("RESULT ") :])
    with open(os.path.join(HERE, "root_tutorials.json"), "w") as fh:
        json.dump(out, fh, indent=1)
    print("wrote root_tutorials.json", file=sys.stderr)


if __name__ == "__main__":
    main()

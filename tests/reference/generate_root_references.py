#!/usr/bin/env python
"""Generate ROOT 6.40 reference numbers for the rootfit tests.

Run in the ROOT virtualenv (``make references``; ROOT is never a test dependency):

    .venv-root/bin/python tests/reference/generate_root_references.py

Writes ``root_fits.json``, ``root_print.json``, ``root_functions.json``,
``root_histograms.json`` and ``root_bookkeeping.json`` beside this script (give file stems as
arguments to write only those, e.g. ``... generate_root_references.py root_bookkeeping``).
Every input is literal or generated from a fixed-seed numpy Generator and stored in the JSON,
so the tests rebuild exactly the same data without ROOT.
"""

from __future__ import annotations

import array
import ctypes
import json
import math
import os
import sys
import tempfile

import numpy as np
import ROOT

ROOT.gROOT.SetBatch(True)
ROOT.gErrorIgnoreLevel = ROOT.kError
HERE = os.path.dirname(os.path.abspath(__file__))


def A(values):
    return array.array("d", [float(v) for v in values])


G = [0, 2, 1, 0, 5, 11, 21, 30, 33, 50, 62, 52, 43, 49, 19, 13, 12, 5, 1, 0]
E = [36, 32, 24, 26, 19, 15, 11, 20, 8, 12, 10, 7, 6, 8, 4, 3, 5, 5, 4, 1]
X = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]
Y = [2.79, 2.92, 3.55, 3.37, 4.96, 5.72, 6.66, 7.19, 8.28, 8.86]
EY = [0.3, 0.4, 0.5, 0.3, 0.6, 0.5, 0.4, 0.5, 0.7, 0.4]
W = [0.5 if i % 2 == 0 else 2.0 for i in range(20)]

HISTOGRAMS = {
    "G": {"counts": G, "nbins": 20, "lo": -5.0, "hi": 5.0},
    "Gw": {
        "counts": [w * c for w, c in zip(W, G, strict=True)],
        "errors": [w * math.sqrt(c) for w, c in zip(W, G, strict=True)],
        "nbins": 20,
        "lo": -5.0,
        "hi": 5.0,
    },
    "E": {"counts": E, "nbins": 20, "lo": 0.0, "hi": 10.0},
    # G with bin 1 error set to 1 (content 0) and bin 10 error set to 0 (content 50)
    "Gedge": {
        "counts": G,
        "errors": [1.0] + [math.sqrt(c) for c in G[1:9]] + [0.0] + [math.sqrt(c) for c in G[10:]],
        "nbins": 20,
        "lo": -5.0,
        "hi": 5.0,
    },
}
GRAPHS = {
    "graph": {"x": X, "y": Y},
    "graph_ey": {"x": X, "y": Y, "ex": [0.0] * 10, "ey": EY},
    "graph_exy": {"x": X, "y": Y, "ex": [0.2] * 10, "ey": EY},
    "graph_asym": {
        "x": X,
        "y": Y,
        "exl": [0.0] * 10,
        "exh": [0.0] * 10,
        "eyl": EY,
        "eyh": [2 * e for e in EY],
    },
}


def make_hist(name, spec):
    h = ROOT.TH1D(name, name, spec["nbins"], spec["lo"], spec["hi"])
    if "errors" in spec:
        h.Sumw2()
    for i, c in enumerate(spec["counts"]):
        h.SetBinContent(i + 1, c)
        if "errors" in spec:
            h.SetBinError(i + 1, spec["errors"][i])
    if "errors" not in spec:
        h.Sumw2(False)
    return h


def make_graph(spec):
    n = len(spec["x"])
    if "eyl" in spec:
        return ROOT.TGraphAsymmErrors(
            n,
            A(spec["x"]),
            A(spec["y"]),
            A(spec["exl"]),
            A(spec["exh"]),
            A(spec["eyl"]),
            A(spec["eyh"]),
        )
    if "ey" in spec:
        return ROOT.TGraphErrors(n, A(spec["x"]), A(spec["y"]), A(spec["ex"]), A(spec["ey"]))
    return ROOT.TGraph(n, A(spec["x"]), A(spec["y"]))


def result_record(r, f=None):
    rec = {
        "status": int(r.Status()),
        "cov_status": int(r.CovMatrixStatus()),
        "valid": bool(r.IsValid()),
        "ndf": int(r.Ndf()),
        "min_fcn": r.MinFcnValue(),
        "chi2": r.Chi2(),
        "prob": r.Prob(),
        "ncalls": int(r.NCalls()),
        "edm": r.Edm(),
        "minimizer": str(r.MinimizerType()),
        "names": [str(r.ParName(i)) for i in range(r.NPar())],
        "values": [r.Parameter(i) for i in range(r.NPar())],
        "errors": [r.ParError(i) for i in range(r.NPar())],
        "minos": {
            str(r.ParName(i)): [r.LowerError(i), r.UpperError(i)]
            for i in range(r.NPar())
            if r.HasMinosError(i)
        },
    }
    if f is not None:
        rec["n_points"] = int(f.GetNumberFitPoints())
    return rec


def capture(callable_):
    """Capture what ROOT prints to the stdout file descriptor from C++."""
    sys.stdout.flush()
    saved = os.dup(1)
    with tempfile.TemporaryFile("w+") as tmp:
        os.dup2(tmp.fileno(), 1)
        try:
            callable_()
            ROOT.gInterpreter.ProcessLine("std::cout << std::flush; fflush(stdout);")
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        tmp.seek(0)
        return tmp.read()


def fits():
    cases = []

    def hist_case(case_id, data, func, option, xr=(0.0, 0.0), zoom=None):
        h = make_hist("h_" + case_id, HISTOGRAMS[data])
        if zoom:
            h.GetXaxis().SetRangeUser(*zoom)
        spec = HISTOGRAMS[data]
        f = ROOT.TF1("f_" + case_id, func, spec["lo"], spec["hi"])
        r = h.Fit(f, option + "SQ0", "", xr[0], xr[1])
        rec = {
            "id": case_id,
            "kind": "histogram",
            "data": data,
            "function": func,
            "option": option,
            "range": list(xr),
            "zoom": zoom,
        }
        rec.update(result_record(r, f))
        cases.append(rec)

    for o in ["", "L", "P", "PW", "W", "WW", "WIDTH", "E", "LE", "I", "LI", "IWIDTH"]:
        hist_case(f"G gaus {o!r}", "G", "gaus", o)
    for o in ["", "L", "PW", "WL"]:
        hist_case(f"Gw gaus {o!r}", "Gw", "gaus", o)
    hist_case("E expo 'I'", "E", "expo", "I")
    # weighted likelihood with an unbounded user Gaussian (spec V6)
    for o in ("L", "WL"):
        h = make_hist("hwu" + o, HISTOGRAMS["Gw"])
        fu = ROOT.TF1("fu" + o, "[0]*exp(-0.5*((x-[1])/[2])**2)", -5, 5)
        fu.SetParameters(70, 0.4, 1.46)
        r = h.Fit(fu, o + "SQ0")
        rec = {
            "id": f"Gw user-gaus {o!r}",
            "kind": "histogram",
            "data": "Gw",
            "function": "[0]*exp(-0.5*((x-[1])/[2])**2)",
            "option": o,
            "range": [0.0, 0.0],
            "zoom": None,
            "start": [70, 0.4, 1.46],
        }
        rec.update(result_record(r, fu))
        cases.append(rec)
    # multinomial likelihood needs a normalised model: N·width·normal_pdf with N fixed
    h = make_hist("hmulti", HISTOGRAMS["G"])
    fm = ROOT.TF1("fmulti", "409*0.5*ROOT::Math::normal_pdf(x,[sigma],[mean])", -5, 5)
    fm.SetParameters(1.4, 0.4)
    r = h.Fit(fm, "LMULTISQ0")
    rec = {
        "id": "G normal_pdf 'LMULTI'",
        "kind": "histogram",
        "data": "G",
        "function": "409*0.5*ROOT::Math::normal_pdf(x,[sigma],[mean])",
        "option": "LMULTI",
        "range": [0.0, 0.0],
        "zoom": None,
        "start": [1.4, 0.4],
    }
    rec.update(result_record(r, fm))
    cases.append(rec)
    for o in ["", "L"]:
        hist_case(f"E expo {o!r}", "E", "expo", o)
    for o in ["", "F", "L", "W", "P"]:
        hist_case(f"G pol2 {o!r}", "G", "pol2", o)
    hist_case("E pol1 ''", "E", "pol1", "")
    hist_case("E user formula L", "E", "[0]*exp(-x/[tau])", "L")
    for xr in [(-2.2, 2.6), (-2.25, 2.75), (-2.0, 2.0), (1.0, 1.2)]:
        hist_case(f"G gaus range {xr}", "G", "gaus", "", xr)
    hist_case("G gaus zoom", "G", "gaus", "", zoom=(-1.0, 3.0))
    hist_case("G gaus zoom+range", "G", "gaus", "", (-3.0, 1.0), zoom=(-1.0, 3.0))
    for o in ["", "W", "L"]:
        hist_case(f"Gedge gaus {o!r}", "Gedge", "gaus", o)

    # TH2 with xygaus (spec §10 V13 data): ROOT's Init2DGaus start, chi-square fit
    h2 = ROOT.TH2D("h2fit", "", 10, -3, 3, 10, -3, 3)
    for ix in range(1, 11):
        for iy in range(1, 11):
            x, y = h2.GetXaxis().GetBinCenter(ix), h2.GetYaxis().GetBinCenter(iy)
            c = 50 * math.exp(-0.5 * ((x - 0.3) / 1.1) ** 2 - 0.5 * ((y + 0.2) / 0.8) ** 2)
            h2.SetBinContent(
                ix, iy, max(float(ROOT.TMath.Nint(c)) + ((7 * ix + 3 * iy) % 5) - 2, 0.0)
            )
    for func, opt, xr in (
        ("xygaus", "", None),
        ("xygaus", "", ((-2.0, 2.5), (-2.5, 1.8))),
        ("[0]*exp(-0.5*((x-[1])/[2])^2-0.5*((y-[3])/[4])^2)+[5]", "", None),
    ):
        f = ROOT.TF2("f2fit", func, -3, 3, -3, 3)
        if func.startswith("[0]"):
            f.SetParameters(A([40, 0.3, 1.0, -0.2, 0.8, 0.5]))
        if xr:
            f.SetRange(xr[0][0], xr[1][0], xr[0][1], xr[1][1])
        r = h2.Fit(f, opt + ("R" if xr else "") + "SQ0")
        rec = {
            "id": f"TH2 {func} {opt!r} range={xr}",
            "kind": "histogram2d",
            "data": "TH2",
            "function": func,
            "option": opt,
            "range": xr,
            "start": [40, 0.3, 1.0, -0.2, 0.8, 0.5] if func.startswith("[0]") else None,
        }
        rec.update(result_record(r, f))
        cases.append(rec)
    for gname, spec in GRAPHS.items():
        opts = ["", "F", "W"] + (["EX0"] if gname == "graph_exy" else [])
        for o in opts:
            g = make_graph(spec)
            f = ROOT.TF1("p1", "pol1", 0, 10)
            r = g.Fit(f, o + "SQ0")
            rec = {
                "id": f"{gname} pol1 {o!r}",
                "kind": "graph",
                "data": gname,
                "function": "pol1",
                "option": o,
                "range": [0.0, 0.0],
            }
            rec.update(result_record(r, f))
            cases.append(rec)
    for xr in [(1.5, 4.5), (1.6, 4.4)]:
        g = make_graph(GRAPHS["graph"])
        f = ROOT.TF1("p1r", "pol1", 0, 10)
        r = g.Fit(f, "SQ0", "", *xr)
        rec = {
            "id": f"graph pol1 range {xr}",
            "kind": "graph",
            "data": "graph",
            "function": "pol1",
            "option": "",
            "range": list(xr),
        }
        rec.update(result_record(r, f))
        cases.append(rec)
    return cases


def printed():
    out = {}
    h = make_hist("hp1", HISTOGRAMS["G"])
    f = ROOT.TF1("fp1", "gaus", -5, 5)
    r = h.Fit(f, "SQ0")
    out["G gaus '' Print(V)"] = capture(lambda: r.Print("V"))
    out["G gaus '' Print()"] = capture(lambda: r.Print(""))
    h = make_hist("hp2", HISTOGRAMS["G"])
    f = ROOT.TF1("fp2", "gaus", -5, 5)
    r = h.Fit(f, "LSQ0")
    out["G gaus 'L' Print()"] = capture(lambda: r.Print(""))
    h = make_hist("hp3", HISTOGRAMS["G"])
    f = ROOT.TF1("fp3", "gaus", -5, 5)
    r = h.Fit(f, "ESQ0")
    out["G gaus 'E' Print()"] = capture(lambda: r.Print(""))
    g = make_graph(GRAPHS["graph"])
    f = ROOT.TF1("fp4", "pol1", 0, 10)
    r = g.Fit(f, "SQ0")
    out["graph pol1 '' Print()"] = capture(lambda: r.Print(""))
    h = make_hist("hp5", HISTOGRAMS["G"])
    f = ROOT.TF1("fp5", "gaus", -5, 5)
    f.SetParameters(50, 0.4, 1.5)
    f.FixParameter(1, 0.4)
    r = h.Fit(f, "SQ0B")
    out["G gaus fixed mean 'B' Print(V)"] = capture(lambda: r.Print("V"))
    return out


def histograms():
    """Statistics of filled histograms (fills from fixed-seed numpy draws)."""
    rng = np.random.default_rng(20261123)
    values = rng.normal(0.3, 1.2, 500)
    weights = rng.uniform(0.2, 3.0, 500)
    values_list = [float(v) for v in values] + [-10.0, 12.0]
    weights_list = [float(w) for w in weights] + [1.5, 0.7]
    out = {"values": values_list, "weights": weights_list, "cases": []}

    def stats(tag, h, **extra):
        n = h.GetNbinsX()
        rec = {
            "id": tag,
            "entries": h.GetEntries(),
            "mean": h.GetMean(),
            "std": h.GetStdDev(),
            "effective_entries": h.GetEffectiveEntries(),
            "sum_of_weights": h.GetSumOfWeights(),
            "integral": h.Integral(),
            "contents": [h.GetBinContent(i) for i in range(n + 2)],
            "errors": [h.GetBinError(i) for i in range(n + 2)],
        }
        rec.update(extra)
        out["cases"].append(rec)

    h = ROOT.TH1D("hs1", "", 40, -4, 4)
    for v in values_list:
        h.Fill(v)
    stats("unweighted regular", h, nbins=40, lo=-4.0, hi=4.0, weighted=False)
    h = ROOT.TH1D("hs2", "", 40, -4, 4)
    for v, w in zip(values_list, weights_list, strict=True):
        h.Fill(v, w)
    stats("weighted regular", h, nbins=40, lo=-4.0, hi=4.0, weighted=True)
    edges = [-4.0, -2.0, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0, 3.5]
    h = ROOT.TH1D("hs3", "", len(edges) - 1, A(edges))
    for v, w in zip(values_list, weights_list, strict=True):
        h.Fill(v, w)
    stats("weighted variable", h, edges=edges, weighted=True)
    h = ROOT.TH1D("hs4", "", 40, -4, 4)
    for v in values_list:
        h.Fill(v)
    h.GetXaxis().SetRangeUser(-1.0, 2.0)
    stats(
        "unweighted zoom(-1,2)",
        h,
        nbins=40,
        lo=-4.0,
        hi=4.0,
        weighted=False,
        zoom=[-1.0, 2.0],
        first=h.GetXaxis().GetFirst(),
        last=h.GetXaxis().GetLast(),
    )
    h = make_hist("hs5", HISTOGRAMS["G"])
    stats("G set contents", h, nbins=20, lo=-5.0, hi=5.0, set_contents="G")
    h = ROOT.TH1D("hs6", "", 10, 0, 1)
    for v in [0.5, float("nan"), 0.25, 1.0, -0.1]:
        h.Fill(v)
    stats("nan fill", h, nbins=10, lo=0.0, hi=1.0, fill=["0.5", "nan", "0.25", "1.0", "-0.1"])
    return out


MULTIFIT_X = [
    1.913521,
    1.953769,
    2.347435,
    2.883654,
    3.493567,
    4.047560,
    4.337210,
    4.364347,
    4.563004,
    5.054247,
    5.194183,
    5.380521,
    5.303213,
    5.384578,
    5.563983,
    5.728500,
    5.685752,
    5.080029,
    4.251809,
    3.372246,
    2.207432,
    1.227541,
    0.8597788,
    0.4620524,
    0.4245240,
    0.4732193,
    0.6408807,
    0.8989874,
    1.234160,
    1.566905,
    1.973590,
    2.351845,
    2.576729,
    2.765245,
    2.924146,
    2.991828,
    2.915218,
    2.716541,
    2.484551,
    2.201442,
    1.844055,
    1.426532,
    1.021655,
    0.7054512,
    0.5119609,
    0.3801516,
    0.3227549,
    0.3218446,
    0.3286069,
]


def multifit():
    """ROOT's tutorial multifit.C: three gaus fits in sub-ranges, then their sum."""
    h = ROOT.TH1F("hmf", "Example of several fits in subranges", len(MULTIFIT_X), 85, 134)
    for i, v in enumerate(MULTIFIT_X):
        h.SetBinContent(i + 1, v)
    specs = [
        ("g1", "gaus", 85, 95, "R"),
        ("g2", "gaus", 98, 108, "R+"),
        ("g3", "gaus", 110, 121, "R+"),
    ]
    out = {"x": MULTIFIT_X, "nbins": len(MULTIFIT_X), "lo": 85.0, "hi": 134.0, "fits": []}
    funcs = []
    for name, formula, lo, hi, opt in specs:
        f = ROOT.TF1(name, formula, lo, hi)
        r = h.Fit(f, opt + "SQ0")
        rec = {"name": name, "formula": formula, "range": [lo, hi], "option": opt}
        rec.update(result_record(r, f))
        out["fits"].append(rec)
        funcs.append(f)
    total = ROOT.TF1("total", "gaus(0)+gaus(3)+gaus(6)", 85, 125)
    total.SetParameters(A([f.GetParameter(i) for f in funcs for i in range(3)]))
    r = h.Fit(total, "R+SQ0")
    rec = {
        "name": "total",
        "formula": "gaus(0)+gaus(3)+gaus(6)",
        "range": [85.0, 125.0],
        "option": "R+",
    }
    rec.update(result_record(r, total))
    out["fits"].append(rec)
    out["n_functions"] = h.GetListOfFunctions().GetSize()
    return out


#: (formula, dimension, parameters) evaluated with TF1/TF2/TF3::EvalPar
EVAL_FORMULAS = [
    ("gaus", 1, [3.0, 0.5, 1.3]),
    ("gausn", 1, [3.0, 0.5, 1.3]),
    ("landau", 1, [2.0, 1.0, 0.7]),
    ("landaun", 1, [2.0, 1.0, 0.7]),
    ("expo", 1, [0.5, -0.3]),
    ("pol3", 1, [1.0, -0.5, 0.25, 0.05]),
    ("cheb3", 1, [1.0, -0.5, 0.25, 0.05]),
    ("crystalball", 1, [2.0, 0.5, 1.1, 1.2, 3.0]),
    ("crystalballn", 1, [2.0, 0.5, 1.1, 1.2, 3.0]),
    ("breitwigner", 1, [2.0, 0.5, 1.1]),
    ("[0]*exp(-x/[1])+pol1(2)", 1, [5.0, 2.0, 0.3, -0.1]),
    ("x>1?sin(x):cos(x)", 1, []),
    ("2^3^2*x-x^2", 1, []),
    ("-x**2+2*3^2", 1, []),
    ("TMath::BreitWigner(x,[0],[1])", 1, [0.5, 1.3]),
    ("TMath::Gaus(x,[0],[1],true)", 1, [0.5, 1.3]),
    ("TMath::Landau(x,[0],[1])", 1, [0.5, 1.3]),
    ("ROOT::Math::normal_pdf(x,[0],[1])", 1, [1.3, 0.5]),
    ("ROOT::Math::breitwigner_pdf(x,[0],[1])", 1, [1.3, 0.5]),
    ("ROOT::Math::cauchy_pdf(x,[0],[1])", 1, [1.3, 0.5]),
    ("ROOT::Math::crystalball_function(x,[0],[1],[2],[3])", 1, [-1.2, 2.5, 0.8, 0.4]),
    ("ROOT::Math::crystalball_pdf(x,[0],[1],[2],[3])", 1, [1.2, 2.5, 0.8, 0.4]),
    ("ROOT::Math::landau_pdf(x,[0],[1])", 1, [0.8, 0.4]),
    ("ROOT::Math::exponential_pdf(x,[0],[1])", 1, [0.8, -1.0]),
    ("ROOT::Math::lognormal_pdf(x,[0],[1],[2])", 1, [0.3, 0.6, -2.0]),
    ("ROOT::Math::gamma_pdf(x,[0],[1],[2])", 1, [2.5, 1.2, -3.5]),
    ("ROOT::Math::chisquared_pdf(x,[0],[1])", 1, [3.0, -3.5]),
    ("TMath::Poisson(x,[0])", 1, [2.5]),
    ("sqrt(abs(x))*atan2(x,2)+sinh(x/3)-TMath::Erf(x)+erfc(x/2)", 1, []),
    ("[a]*x+[b]*x^2+[c]", 1, [1.0, 2.0, 3.0]),
    ("TMath::Voigt(x-[0],[1],[2])", 1, [0.3, 0.7, 1.1]),
    ("xygaus", 2, [2.0, 0.3, 1.1, -0.2, 0.8]),
    ("bigaus", 2, [2.0, 0.3, 1.1, -0.2, 0.8, 0.35]),
    ("xyexpo", 2, [0.2, -0.3, 0.1]),
    ("xylandau", 2, [2.0, 0.3, 1.1, -0.2, 0.8]),
    ("x*y+[0]*sin(y)", 2, [0.7]),
    ("xyzgaus", 3, [2.0, 0.3, 1.1, -0.2, 0.8, 0.5, 1.5]),
]


def evaluations():
    """TF1/TF2/TF3 values of EVAL_FORMULAS on fixed grids."""
    xs = np.linspace(-3.0, 8.0, 23)
    grid2 = [(x, y) for x in np.linspace(-2.0, 3.0, 6) for y in np.linspace(-1.5, 2.5, 5)]
    grid3 = [(x, y, z) for x in (-1.0, 0.2, 1.5) for y in (-0.5, 0.7) for z in (0.0, 1.1, 2.5)]
    out = []
    for k, (formula, ndim, params) in enumerate(EVAL_FORMULAS):
        name = f"fe{k}"
        if ndim == 1:
            f = ROOT.TF1(name, formula, -10, 10)
            points = [(float(x),) for x in xs]
        elif ndim == 2:
            f = ROOT.TF2(name, formula, -10, 10, -10, 10)
            points = [tuple(map(float, p)) for p in grid2]
        else:
            f = ROOT.TF3(name, formula, -10, 10, -10, 10, -10, 10)
            points = [tuple(map(float, p)) for p in grid3]
        if params:
            f.SetParameters(A(params))
        values = [
            f.EvalPar(A(list(p) + [0.0] * (4 - len(p))), A(params) if params else ROOT.nullptr)
            for p in points
        ]
        names = [str(f.GetParName(i)) for i in range(f.GetNpar())]
        out.append(
            {
                "formula": formula,
                "ndim": ndim,
                "parameters": params,
                "parameter_names": names,
                "points": points,
                "values": values,
            }
        )
    return out


COMPOSITES = [
    ("NSUM([a]*expo, [b]*gaus)", (0.0, 10.0), [100.0, 50.0, -0.3, 5.0, 0.7]),
    ("NSUM(expo, gaus, pol1)", (0.0, 10.0), [0.2, 0.5, 0.3, -0.4, 4.0, 1.1, 1.0, 0.05]),
    ("NSUM(gaus, gaus)", (-5.0, 5.0), [0.3, 0.7, -1.0, 0.5, 1.5, 0.8]),
    ("CONV(expo, gaus)", (0.0, 10.0), [0.5, -0.3, 0.0, 0.7]),
    ("CONV(gaus, gaus)", (0.0, 10.0), [2.0, 5.0, 0.5, 0.1, 0.3]),
    ("CONV(landau, gaus)", (-5.0, 20.0), [1.0, 3.0, 0.8, 0.0, 0.6]),
]


def composites():
    """NSUM / CONV values with explicit ranges."""
    out = []
    for k, (formula, (lo, hi), params) in enumerate(COMPOSITES):
        f = ROOT.TF1(f"comp{k}", formula, lo, hi)
        f.SetParameters(A(params))
        xs = [float(v) for v in np.linspace(lo + 0.1 * (hi - lo), hi - 0.1 * (hi - lo), 15)]
        out.append(
            {
                "formula": formula,
                "range": [lo, hi],
                "parameters": params,
                "parameter_names": [str(f.GetParName(i)) for i in range(f.GetNpar())],
                "points": xs,
                "values": [f.Eval(x) for x in xs],
            }
        )
    return out


def init_2d():
    """ROOT's Init2DGaus start values: a TH2 fit stopped at once keeps them (spec §10 V13 data)."""
    h = ROOT.TH2D("h2init", "", 10, -3, 3, 10, -3, 3)
    contents = []
    for ix in range(1, 11):
        for iy in range(1, 11):
            x, y = h.GetXaxis().GetBinCenter(ix), h.GetYaxis().GetBinCenter(iy)
            c = 50 * math.exp(-0.5 * ((x - 0.3) / 1.1) ** 2 - 0.5 * ((y + 0.2) / 0.8) ** 2)
            c = max(float(ROOT.TMath.Nint(c)) + ((7 * ix + 3 * iy) % 5) - 2, 0.0)
            h.SetBinContent(ix, iy, c)
            contents.append(c)
    out = {
        "nbins": [10, 10],
        "lo": [-3.0, -3.0],
        "hi": [3.0, 3.0],
        "contents_x_major": contents,
        "cases": [],
    }
    ROOT.Math.MinimizerOptions.SetDefaultMaxFunctionCalls(1)
    try:
        for name in ("xygaus", "bigaus", "xylandau"):
            f = ROOT.TF2("finit_" + name, name, -3, 3, -3, 3)
            h.Fit(f, "Q0")
            limits = []
            for i in range(f.GetNpar()):
                a, b = ctypes.c_double(0), ctypes.c_double(0)
                f.GetParLimits(i, a, b)
                limits.append([a.value, b.value])
            out["cases"].append(
                {
                    "function": name,
                    "values": [f.GetParameter(i) for i in range(f.GetNpar())],
                    "limits": limits,
                }
            )
    finally:
        ROOT.Math.MinimizerOptions.SetDefaultMaxFunctionCalls(0)
    return out


def graph_family():
    """TGraph2D(Errors) fits, TMultiGraph fits and TGraph::Eval."""
    rng = np.random.default_rng(2468)
    n = 60
    x = rng.uniform(-3, 3, n)
    y = rng.uniform(-3, 3, n)
    z = 20 * np.exp(-0.5 * ((x - 0.4) / 1.2) ** 2 - 0.5 * ((y + 0.3) / 0.9) ** 2) + rng.normal(
        0, 0.5, n
    )
    ex, ey, ez = rng.uniform(0.05, 0.2, n), rng.uniform(0.05, 0.2, n), rng.uniform(0.3, 0.7, n)
    out = {
        "g2d": {
            "x": x.tolist(),
            "y": y.tolist(),
            "z": z.tolist(),
            "ex": ex.tolist(),
            "ey": ey.tolist(),
            "ez": ez.tolist(),
        },
        "fits": [],
    }
    formula = "[0]*exp(-0.5*((x-[1])/[2])^2-0.5*((y-[3])/[4])^2)"
    start = [18.0, 0.3, 1.0, -0.2, 1.0]
    for kind in ("TGraph2D", "TGraph2DErrors", "TGraph2DErrors-ez"):
        if kind == "TGraph2D":
            g = ROOT.TGraph2D(n, A(x), A(y), A(z))
        elif kind == "TGraph2DErrors":
            g = ROOT.TGraph2DErrors(n, A(x), A(y), A(z), A(ex), A(ey), A(ez))
        else:
            g = ROOT.TGraph2DErrors(n, A(x), A(y), A(z), A([0.0] * n), A([0.0] * n), A(ez))
        f = ROOT.TF2(f"f2d{kind}", formula, -3, 3, -3, 3)
        f.SetParameters(A(start))
        r = g.Fit(f, "SQ0")
        rec = {"id": kind, "formula": formula, "start": start}
        rec.update(result_record(r, f))
        out["fits"].append(rec)
    # multigraph: two TGraphErrors and one TGraph without errors
    x1, x2, x3 = np.linspace(0.5, 4.5, 8), np.linspace(5, 9, 8), np.linspace(1, 8, 5)
    y1 = 1 + 0.6 * x1 + rng.normal(0, 0.2, 8)
    y2 = 1 + 0.6 * x2 + rng.normal(0, 0.3, 8)
    y3 = 1 + 0.6 * x3 + rng.normal(0, 0.2, 5)
    e1, e2 = np.full(8, 0.2), np.full(8, 0.3)
    out["multigraph"] = {
        "x1": x1.tolist(),
        "y1": y1.tolist(),
        "e1": e1.tolist(),
        "x2": x2.tolist(),
        "y2": y2.tolist(),
        "e2": e2.tolist(),
        "x3": x3.tolist(),
        "y3": y3.tolist(),
        "fits": [],
    }
    for members, opt in ((("g1", "g2"), ""), (("g1", "g2"), "F"), (("g1", "g2", "g3"), "")):
        mg = ROOT.TMultiGraph()
        graphs = {
            "g1": ROOT.TGraphErrors(8, A(x1), A(y1), A([0] * 8), A(e1)),
            "g2": ROOT.TGraphErrors(8, A(x2), A(y2), A([0] * 8), A(e2)),
            "g3": ROOT.TGraph(5, A(x3), A(y3)),
        }
        for m in members:
            mg.Add(graphs[m])
        f = ROOT.TF1("fmg", "pol1", 0, 10)
        r = mg.Fit(f, opt + "SQ0")
        rec = {"members": list(members), "option": opt}
        rec.update(result_record(r, f))
        out["multigraph"]["fits"].append(rec)
    # TGraph::Eval (unsorted points, interpolation and extrapolation)
    gx, gy = [3.0, 1.0, 2.0, 5.0, 4.0], [9.0, 1.0, 4.0, 25.0, 16.0]
    g = ROOT.TGraph(5, A(gx), A(gy))
    at = [0.0, 1.0, 1.5, 2.25, 4.9, 5.0, 6.5]
    out["eval"] = {"x": gx, "y": gy, "at": at, "values": [g.Eval(v) for v in at]}
    return out


def objects_file():
    """A small .root file written by ROOT (TH1F, TH2F, TH3I, TProfile, TGraph family) and what
    ROOT says about its objects, for the reader tests."""
    path = os.path.join(HERE, "root_objects.root")
    f = ROOT.TFile(path, "RECREATE")
    p = ROOT.TProfile("prof", "a profile", 4, 0, 4, "s")
    for x, y, w in [(0.5, 1, 1), (0.5, 3, 2), (1.5, 2, 1), (2.5, 5, 1), (3.5, 6, 0.5), (5, 1, 1)]:
        p.Fill(x, y, w)
    h1 = ROOT.TH1F("h1", "one", 5, A([0.0, 1.0, 1.5, 3.0, 4.0, 6.0]))
    for v in (0.5, 1.2, 1.2, 2.0, 5.5, 7.0, -1.0):
        h1.Fill(v)
    h2 = ROOT.TH2F("h2", "two", 3, 0, 3, 2, -1, 1)
    h2.Fill(0.5, 0.5, 2.0)
    h2.Fill(2.5, -0.5)
    h2.Fill(1.5, 0.2, 0.5)
    h3 = ROOT.TH3I("h3", "three", 2, 0, 2, 2, 0, 2, 2, 0, 2)
    h3.Fill(0.5, 1.5, 0.5)
    h3.Fill(1.5, 1.5, 1.5)
    g = ROOT.TGraph(3, A([1, 2, 3]), A([2, 4, 7]))
    g.SetName("g")
    g.SetTitle("graph")
    ge = ROOT.TGraphErrors(2, A([1, 2]), A([3, 4]), A([0.1, 0.2]), A([0.3, 0.4]))
    ge.SetName("ge")
    ge.SetTitle("errors")
    ga = ROOT.TGraphAsymmErrors(
        2, A([1, 2]), A([3, 4]), A([0.1, 0.2]), A([0.2, 0.3]), A([0.3, 0.4]), A([0.5, 0.6])
    )
    ga.SetName("ga")
    ga.SetTitle("asym")
    expected = {
        "prof": {
            "contents": [p.GetBinContent(i) for i in range(6)],
            "errors": [p.GetBinError(i) for i in range(6)],
            "entries": p.GetEntries(),
            "mean": p.GetMean(),
            "mean_y": p.GetMean(2),
            "title": p.GetTitle(),
        },
        "h1": {
            "contents": [h1.GetBinContent(i) for i in range(7)],
            "errors": [h1.GetBinError(i) for i in range(7)],
            "entries": h1.GetEntries(),
            "mean": h1.GetMean(),
            "std": h1.GetStdDev(),
            "title": h1.GetTitle(),
        },
        "h2": {
            "contents": [[h2.GetBinContent(i, j) for j in range(4)] for i in range(5)],
            "errors": [[h2.GetBinError(i, j) for j in range(4)] for i in range(5)],
            "entries": h2.GetEntries(),
            "mean_x": h2.GetMean(1),
            "mean_y": h2.GetMean(2),
            "title": h2.GetTitle(),
        },
        "h3": {
            "entries": h3.GetEntries(),
            "means": [h3.GetMean(i) for i in (1, 2, 3)],
            "integral": h3.Integral(),
        },
        "ga": {"eyl": [0.3, 0.4], "eyh": [0.5, 0.6], "exl": [0.1, 0.2], "exh": [0.2, 0.3]},
    }
    for o in (p, h1, h2, h3, g, ge, ga):
        o.Write()
    f.Close()
    return expected


def calculus():
    """TF1 calculus after the reference gaus fit of G (ROOT's ErrorIntegral.C pattern)."""
    h = make_hist("hcal", HISTOGRAMS["G"])
    f = ROOT.TF1("fcal", "gaus", -5, 5)
    r = h.Fit(f, "SQ0")
    cov = r.GetCovarianceMatrix()
    out = {
        "parameters": [f.GetParameter(i) for i in range(3)],
        "covariance": [[cov(i, j) for j in range(3)] for i in range(3)],
    }
    out["integral"] = f.Integral(-1.0, 3.0)
    out["integral_error"] = f.IntegralError(-1.0, 3.0, r.GetParams(), cov.GetMatrixArray())
    out["maximum_x"] = f.GetMaximumX()
    out["maximum"] = f.GetMaximum()
    out["x_at_20"] = f.GetX(20.0, -5.0, f.GetParameter(1))
    out["derivative_at_1"] = f.Derivative(1.0)
    out["mean"] = f.Mean(-5.0, 5.0)
    out["variance"] = f.Variance(-5.0, 5.0)
    land = ROOT.TF1("lcal", "landau", -5, 20)
    land.SetParameters(3.0, 1.0, 0.8)
    out["landau_integral"] = land.Integral(-5.0, 20.0)
    out["landau_maximum_x"] = land.GetMaximumX()
    out["landau_parameters"] = [3.0, 1.0, 0.8]
    return out


def _h1_record(h):
    n = h.GetNbinsX()
    return {
        "contents": [h.GetBinContent(i) for i in range(n + 2)],
        "errors": [h.GetBinError(i) for i in range(n + 2)],
        "edges": [h.GetXaxis().GetBinLowEdge(i) for i in range(1, n + 2)],
        "entries": h.GetEntries(),
        "mean": h.GetMean(),
        "std": h.GetStdDev(),
        "effective_entries": h.GetEffectiveEntries(),
        "sumw2": h.GetSumw2N() > 0,
    }


def _h2_contents(h):
    return [
        [h.GetBinContent(i, j) for j in range(h.GetNbinsY() + 2)] for i in range(h.GetNbinsX() + 2)
    ]


def operations():
    """Histogram arithmetic, rebinning, projections, profiles and error options."""
    rng = np.random.default_rng(777)
    a_values = [float(v) for v in rng.normal(0.2, 1.1, 300)]
    b_values = [float(v) for v in rng.normal(-0.3, 0.9, 200)]
    b_weights = [float(v) for v in rng.uniform(0.5, 2.0, 200)]
    out = {"a_values": a_values, "b_values": b_values, "b_weights": b_weights, "cases": {}}

    def base():
        ha = ROOT.TH1D(f"ha{len(out['cases'])}", "", 20, -4, 4)
        for v in a_values:
            ha.Fill(v)
        hb = ROOT.TH1D(f"hb{len(out['cases'])}", "", 20, -4, 4)
        for v, w in zip(b_values, b_weights, strict=True):
            hb.Fill(v, w)
        return ha, hb

    cases = out["cases"]
    ha, hb = base()
    ha.Add(hb, 0.5)
    cases["add 0.5"] = _h1_record(ha)
    ha, hb = base()
    ha.Add(hb, -0.5)
    cases["add -0.5"] = _h1_record(ha)
    ha, hb = base()
    hc = ROOT.TH1D("hc", "", 20, -4, 4)
    hc.Add(ha, hb, 2.0, 3.0)
    cases["add2 2,3"] = _h1_record(hc)
    ha, hb = base()
    ha.Multiply(hb)
    cases["multiply"] = _h1_record(ha)
    ha, hb = base()
    ha.Divide(hb)
    cases["divide"] = _h1_record(ha)
    ha, hb = base()
    ha.Scale(2.5)
    cases["scale 2.5"] = _h1_record(ha)
    ha, hb = base()
    ha.Scale(0.5, "width")
    cases["scale 0.5 width"] = _h1_record(ha)
    ha, hb = base()
    cases["rebin 4"] = _h1_record(ha.Rebin(4, "hr4"))
    ha, hb = base()
    cases["rebin 3"] = _h1_record(ha.Rebin(3, "hr3"))
    ha, hb = base()
    edges = [-4.0, -2.0, -1.2, -0.4, 0.0, 0.8, 2.0, 4.0]
    cases["rebin edges"] = _h1_record(ha.Rebin(len(edges) - 1, "hre", A(edges)))
    # efficiency: total = all of a, pass = a with v > -0.5 (subset), binomial errors
    tot = ROOT.TH1D("tot", "", 20, -4, 4)
    pas = ROOT.TH1D("pas", "", 20, -4, 4)
    for v in a_values:
        tot.Fill(v)
        if v > -0.5 or int(abs(v) * 1000) % 3 == 0:
            pas.Fill(v)
    eff = ROOT.TH1D("eff", "", 20, -4, 4)
    eff.Divide(pas, tot, 1.0, 1.0, "B")
    cases["divide B"] = _h1_record(eff)
    ha, hb = base()
    cases["stats a"] = {
        **_h1_record(ha),
        "mean_error": ha.GetMeanError(),
        "std_error": ha.GetStdDevError(),
        "skewness": ha.GetSkewness(),
        "kurtosis": ha.GetKurtosis(),
    }
    ha, hb = base()
    cases["stats b"] = {
        **_h1_record(hb),
        "mean_error": hb.GetMeanError(),
        "std_error": hb.GetStdDevError(),
        "skewness": hb.GetSkewness(),
        "kurtosis": hb.GetKurtosis(),
        "integral_width": hb.Integral("width"),
    }
    # Poisson errors
    hp = ROOT.TH1D("hp", "", 5, 0, 5)
    for b, c in enumerate([0, 1, 3, 10, 40]):
        hp.SetBinContent(b + 1, c)
    hp.Sumw2(False)
    hp.SetBinErrorOption(ROOT.TH1.kPoisson)
    cases["poisson"] = {
        "contents": [0, 1, 3, 10, 40],
        "low": [hp.GetBinErrorLow(b) for b in range(1, 6)],
        "up": [hp.GetBinErrorUp(b) for b in range(1, 6)],
    }
    # 2-D
    xy = rng.multivariate_normal([0.3, -0.2], [[1.0, 0.4], [0.4, 0.8]], 600)
    w2 = rng.uniform(0.5, 1.5, 600)
    out["xy"] = xy.tolist()
    out["xy_weights"] = w2.tolist()
    h2 = ROOT.TH2D("h2ops", "", 12, -3, 3, 10, -2.5, 2.5)
    for (x, y), w in zip(xy, w2, strict=True):
        h2.Fill(float(x), float(y), float(w))
    rec2 = {
        "entries": h2.GetEntries(),
        "mean_x": h2.GetMean(1),
        "mean_y": h2.GetMean(2),
        "std_x": h2.GetStdDev(1),
        "std_y": h2.GetStdDev(2),
        "covariance": h2.GetCovariance(1, 2),
        "correlation": h2.GetCorrelationFactor(1, 2),
        "effective_entries": h2.GetEffectiveEntries(),
        "integral": h2.Integral(),
        "bin_3_4": h2.GetBinContent(3, 4),
        "error_3_4": h2.GetBinError(3, 4),
        "global_3_4": h2.GetBin(3, 4),
    }
    rec2["px"] = _h1_record(h2.ProjectionX("px"))
    rec2["px_3_7"] = _h1_record(h2.ProjectionX("px37", 3, 7))
    rec2["py"] = _h1_record(h2.ProjectionY("py"))
    h2.GetXaxis().SetRangeUser(-1.0, 2.0)
    rec2["zoom_mean_y"] = h2.GetMean(2)
    rec2["zoom_std_x"] = h2.GetStdDev(1)
    rec2["zoom_integral"] = h2.Integral()
    out["h2"] = rec2
    # 3-D
    xyz = rng.normal(0.0, 1.0, (400, 3)) * [1.0, 0.7, 1.3] + [0.1, 0.0, -0.2]
    out["xyz"] = xyz.tolist()
    h3 = ROOT.TH3D("h3ops", "", 6, -3, 3, 5, -2, 2, 8, -4, 4)
    for x, y, z in xyz:
        h3.Fill(float(x), float(y), float(z))
    out["h3"] = {
        "entries": h3.GetEntries(),
        "means": [h3.GetMean(i) for i in (1, 2, 3)],
        "stds": [h3.GetStdDev(i) for i in (1, 2, 3)],
        "cov_xz": h3.GetCovariance(1, 3),
        "pz": _h1_record(h3.ProjectionZ("pz")),
        "project3d_xy": _h2_contents(h3.Project3D("xy")),
    }
    # profile
    prof_x = [float(v) for v in rng.uniform(0, 10, 300)]
    prof_y = [float(2 + 0.5 * x + rng.normal(0, 1)) for x in prof_x]
    prof_w = [float(v) for v in rng.uniform(0.5, 2.0, 300)]
    out["profile_input"] = {"x": prof_x, "y": prof_y, "w": prof_w}
    out["profiles"] = {}
    for option in ("", "s", "i", "g"):
        for weighted in (False, True):
            p = ROOT.TProfile(f"prof{option}{weighted}", "", 10, 0, 10, option)
            for x, y, w in zip(prof_x, prof_y, prof_w, strict=True):
                if weighted:
                    p.Fill(x, y, w)
                else:
                    p.Fill(x, y)
            out["profiles"][f"{option or 'default'} {'weighted' if weighted else 'unweighted'}"] = {
                "contents": [p.GetBinContent(i) for i in range(12)],
                "errors": [p.GetBinError(i) for i in range(12)],
                "bin_entries": [p.GetBinEntries(i) for i in range(12)],
                "effective_entries": [p.GetBinEffectiveEntries(i) for i in range(12)],
                "entries": p.GetEntries(),
                "mean": p.GetMean(),
                "mean_y": p.GetMean(2),
            }
    # profile with a single-entry bin (ROOT's treatment of zero spread)
    p1 = ROOT.TProfile("prof_one", "", 4, 0, 4)
    for x, y in [(0.5, 1.0), (0.5, 3.0), (1.5, 2.0), (2.5, 5.0), (2.5, 6.0), (2.5, 7.0)]:
        p1.Fill(x, y)
    out["profile_single"] = {
        "contents": [p1.GetBinContent(i) for i in range(6)],
        "errors": [p1.GetBinError(i) for i in range(6)],
    }
    return out


def bookkeeping():
    """Storage types, ranges past the axis, entries after arithmetic, statistics from bins:
    the scripts of ``bookkeeping_cases.py`` replayed in ROOT."""
    sys.path.insert(0, HERE)
    from bookkeeping_cases import CASES, replay

    # keep new histograms out of gDirectory: projections would otherwise reuse (and inherit the
    # state of) an earlier histogram of the same name
    added = ROOT.TH1.AddDirectoryStatus()
    ROOT.TH1.AddDirectory(False)
    try:
        return {name: replay(ROOT, steps) for name, steps in CASES.items()}
    finally:
        ROOT.TH1.AddDirectory(added)


def main():
    wanted = set(sys.argv[1:])
    if wanted == {"root_bookkeeping"}:
        _write_bookkeeping()
        return
    data = {
        "root_version": str(ROOT.gROOT.GetVersion()),
        "histograms": HISTOGRAMS,
        "graphs": GRAPHS,
    }
    with open(os.path.join(HERE, "root_fits.json"), "w") as fh:
        json.dump(
            {**data, "cases": fits(), "multifit": multifit(), "graph_family": graph_family()},
            fh,
            indent=1,
        )
    with open(os.path.join(HERE, "root_print.json"), "w") as fh:
        json.dump({**data, "prints": printed()}, fh, indent=1)
    with open(os.path.join(HERE, "root_functions.json"), "w") as fh:
        json.dump(
            {
                "root_version": data["root_version"],
                "evaluations": evaluations(),
                "calculus": calculus(),
                "composites": composites(),
                "init_2d": init_2d(),
            },
            fh,
            indent=1,
        )
    with open(os.path.join(HERE, "root_histograms.json"), "w") as fh:
        json.dump(
            {
                "root_version": data["root_version"],
                **histograms(),
                "operations": operations(),
                "objects_file": objects_file(),
            },
            fh,
            indent=1,
        )
    _write_bookkeeping()
    print("wrote references for ROOT", data["root_version"], file=sys.stderr)


def _write_bookkeeping():
    with open(os.path.join(HERE, "root_bookkeeping.json"), "w") as fh:
        json.dump(
            {"root_version": str(ROOT.gROOT.GetVersion()), "cases": bookkeeping()}, fh, indent=1
        )


if __name__ == "__main__":
    main()

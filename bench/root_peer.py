"""ROOT 6.40 implementations of W1, W2, W4, W6, run in ROOT's own virtualenv by bench/run.py.

Prints one JSON object {workload: {"first": s, "median": s}} on stdout.
"""

from __future__ import annotations

import array
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ROOT
from common import measure

ROOT.gROOT.SetBatch(True)
ROOT.gErrorIgnoreLevel = ROOT.kError


def hist(name, counts, edges):
    h = ROOT.TH1D(name, name, len(counts), float(edges[0]), float(edges[-1]))
    for i, c in enumerate(counts):
        h.SetBinContent(i + 1, float(c))
    return h


def main(data_dir: str) -> None:
    load = lambda n: dict(np.load(os.path.join(data_dir, f"{n}.npz")))  # noqa: E731
    w1, w2, w4, w6 = load("w1"), load("w2"), load("w4"), load("w6")
    h1 = hist("h1", w1["counts"], w1["edges"])
    h2 = hist("h2", w2["counts"], w2["edges"])
    h4 = [hist(f"h4_{i}", c, w4["edges"]) for i, c in enumerate(w4["counts"])]
    A = lambda v: array.array("d", [float(t) for t in v])  # noqa: E731
    g_pol2 = ROOT.TGraphErrors(
        50, A(w6["pol2_x"]), A(w6["pol2_y"]), A(w6["pol2_ex"]), A(w6["pol2_ey"])
    )
    g_expo = ROOT.TGraphErrors(
        50, A(w6["expo_x"]), A(w6["expo_y"]), A(w6["expo_ex"]), A(w6["expo_ey"])
    )

    def w2_fit():
        f = ROOT.TF1("w2f", "gaus(0)+expo(3)", 0, 10)
        f.SetParameters(A(w2["p0"]))
        return h2.Fit(f, "LSQN")

    def w7():
        r = w2_fit_option("LSQNE")
        g = ROOT.TGraph(50)
        r.Contour(1, 2, g, 0.683)
        return g

    def w2_fit_option(option):
        f = ROOT.TF1("w2f", "gaus(0)+expo(3)", 0, 10)
        f.SetParameters(A(w2["p0"]))
        return h2.Fit(f, option)

    w5 = load("w5")
    xe, ye = w5["xedges"], w5["yedges"]
    h5 = ROOT.TH2D(
        "h5",
        "h5",
        xe.size - 1,
        float(xe[0]),
        float(xe[-1]),
        ye.size - 1,
        float(ye[0]),
        float(ye[-1]),
    )
    for (ix, iy), c in np.ndenumerate(w5["counts"]):
        if c:
            h5.SetBinContent(ix + 1, iy + 1, float(c))

    def w5_fit():
        f = ROOT.TF2("w5f", "bigaus", float(xe[0]), float(xe[-1]), float(ye[0]), float(ye[-1]))
        f.SetParameters(A(w5["p0"]))
        return h5.Fit(f, "SQN")

    w8_fit = w2_fit_option("LSQN")
    band_x = np.linspace(0, 10, 1000)
    band_ci = np.zeros(1000)

    def graph_fit(g, formula, p0, opt):
        f = ROOT.TF1("w6f", formula, 0, 11)
        f.SetParameters(A(p0))
        return g.Fit(f, opt)

    ROOT.gInterpreter.Declare(
        "void rootfit_eval_all(TF1* f, long n, const double* x, double* out) {"
        " for (long i = 0; i < n; ++i) out[i] = f->Eval(x[i]); }"
    )
    xs = np.linspace(-5.0, 15.0, 1_000_000)
    out = np.empty_like(xs)
    evals = {}
    for key, formula, params in (
        ("E1 gaus", "gaus", [3.0, 0.5, 1.3]),
        ("E2 crystalball", "crystalball", [2.0, 0.5, 1.1, 1.2, 3.0]),
        ("E3 landau+pol2", "landau(0)+pol2(3)", [2.0, 1.0, 0.7, 0.1, 0.01, -0.001]),
    ):
        f = ROOT.TF1(key.split()[0], formula, -5, 15)
        f.SetParameters(A(params))
        evals[key] = lambda f=f: ROOT.rootfit_eval_all(f, xs.size, xs, out)
    fill_values = np.random.default_rng(17).normal(0.0, 1.5, 10_000_000)

    def fill():
        h = ROOT.TH1D("hfill", "", 1000, -5, 5)
        h.FillN(fill_values.size, fill_values, ROOT.nullptr)
        return h

    scalar_values = np.random.default_rng(18).normal(0.0, 1.5, 10_000).tolist()

    def scalar_fill():
        h = ROOT.TH1D("hscalar", "", 1000, -5, 5)
        for v in scalar_values:
            h.Fill(v)
        return h

    work = {
        "F1 fill 1e7": fill,
        "F2 Fill 1e4": scalar_fill,
        "F3 fill 1e4": scalar_fill,
        **evals,
        "W1": lambda: h1.Fit("gaus", "SQN"),
        "W2": w2_fit,
        "W4": lambda: [h.Fit("gaus", "SQN") for h in h4],
        "W5": w5_fit,
        "W6a": lambda: graph_fit(g_pol2, "pol2", w6["pol2_p0"], "SQN"),
        "W6b": lambda: graph_fit(g_expo, "[0]*exp(-[1]*x)+[2]", w6["expo_p0"], "SQN"),
        "W6c": lambda: graph_fit(g_pol2, "pol2", w6["pol2_p0"], "SQNEX0"),
        "W6d": lambda: graph_fit(g_expo, "[0]*exp(-[1]*x)+[2]", w6["expo_p0"], "SQNEX0"),
        "W7": w7,
        "W8": lambda: w8_fit.GetConfidenceIntervals(1000, 1, 1, band_x, band_ci, 0.95, True),
    }
    print(json.dumps({name: measure(run) for name, run in work.items()}))


if __name__ == "__main__":
    main(sys.argv[1])

"""A PyROOT-style script through ``from rootfit import compat as ROOT`` gives ROOT's numbers."""

from __future__ import annotations

import array
import math

import numpy as np
import pytest
from conftest import FITS

from rootfit import compat as ROOT

CASE = {c["id"]: c for c in FITS["cases"]}


def _check(r, ref):
    assert r.Ndf() == ref["ndf"]
    assert r.Chi2() == pytest.approx(ref["chi2"], rel=1e-6)
    for i in range(r.NPar()):
        assert abs(r.Parameter(i) - ref["values"][i]) <= max(
            1e-5 * abs(ref["values"][i]), 1e-3 * ref["errors"][i]
        )
        assert r.ParError(i) == pytest.approx(ref["errors"][i], rel=1e-3)


def test_pyroot_style_script():
    # --- the fitting part of a PyROOT macro, unchanged ---
    ROOT.gROOT.SetBatch(True)
    G = FITS["histograms"]["G"]["counts"]
    h = ROOT.TH1D("h", "gaussian counts", 20, -5, 5)
    for i, c in enumerate(G):
        h.SetBinContent(i + 1, c)
    f = ROOT.TF1("f", "gaus", -5, 5)
    r = h.Fit(f, "SQ")
    assert int(r) == 0 and r.Status() == 0 and r.IsValid()
    _check(r, CASE["G gaus ''"])
    assert f.GetParameter(1) == pytest.approx(r.Parameter(1))
    assert f.GetParError(2) == pytest.approx(r.ParError(2))
    assert f.GetChisquare() == pytest.approx(r.Chi2()) and f.GetNDF() == 14
    assert f.GetNumberFitPoints() == 17
    assert r.MinFcnValue() == pytest.approx(r.Chi2()) and r.Edm() < 2e-5 and r.NCalls() == 53
    cov = r.GetCovarianceMatrix()
    assert cov(0, 0) == pytest.approx(r.ParError(0) ** 2) and cov[1][1] == pytest.approx(
        r.ParError(1) ** 2
    )
    assert r.Prob() == pytest.approx(CASE["G gaus ''"]["prob"], rel=1e-5)
    stored = h.GetFunction("f")
    assert stored is not None and stored.GetParameter(0) == pytest.approx(r.Parameter(0))
    assert f.Eval(0.39) == pytest.approx(
        r.Parameter(0) * math.exp(-0.5 * ((0.39 - r.Parameter(1)) / r.Parameter(2)) ** 2)
    )

    rl = h.Fit("gaus", "LSQ")
    _check(rl, CASE["G gaus 'L'"])
    assert h.GetFunction("gaus") is not None and h.GetFunction("f") is None  # replaced (no "+")

    E = FITS["histograms"]["E"]["counts"]
    he = ROOT.TH1F("he", "decay", 20, 0, 10)
    for i, c in enumerate(E):
        he.SetBinContent(i + 1, c)
    _check(he.Fit(ROOT.TF1("fe", "expo", 0, 10), "SQ"), CASE["E expo ''"])

    spec = FITS["graphs"]["graph_ey"]
    n = len(spec["x"])
    g = ROOT.TGraphErrors(
        n,
        array.array("d", spec["x"]),
        array.array("d", spec["y"]),
        array.array("d", spec["ex"]),
        array.array("d", spec["ey"]),
    )
    rg = g.Fit(ROOT.TF1("p1", "pol1", 0, 10), "SQ")
    _check(rg, CASE["graph_ey pol1 ''"])
    assert rg.MinimizerType() == "Linear / Migrad"
    tg = ROOT.TGraph(n, array.array("d", spec["x"]), array.array("d", spec["y"]))
    _check(tg.Fit("pol1", "SQ"), CASE["graph pol1 ''"])


def test_range_and_entries_and_stats():
    G = FITS["histograms"]["G"]["counts"]
    h = ROOT.TH1D("h", "", 20, -5, 5)
    for i, c in enumerate(G):
        h.SetBinContent(i + 1, c)
    assert h.GetEntries() == 20
    assert h.GetMean() == pytest.approx(0.421149144, rel=1e-8)
    assert h.GetStdDev() == pytest.approx(1.45345012, rel=1e-8)
    assert h.GetBinError(11) == pytest.approx(math.sqrt(62))
    r = h.Fit("gaus", "SQ", "", -2.2, 2.6)
    _check(r, CASE["G gaus range (-2.2, 2.6)"])
    h.GetXaxis().SetRangeUser(-1, 3)
    assert (h.GetXaxis().GetFirst(), h.GetXaxis().GetLast()) == (9, 16)
    _check(h.Fit("gaus", "SQ"), CASE["G gaus zoom"])


def test_parameter_limit_rules_like_root():
    f = ROOT.TF1("f", "[0]+[1]*x+[2]*x*x+[3]*x^3", 0, 1)
    f.SetParameters(1, 2, 3, 4)
    f.FixParameter(3, 0)
    assert f.IsFixed(3) and f.GetParameter(3) == 0 and f.GetParLimits(3) == (1.0, 1.0)
    f.SetParLimits(3, 0, 0)
    assert not f.IsFixed(3) and f.GetParLimits(3) == (0.0, 0.0)
    f.SetParLimits(2, 2, 1)  # lo >= hi: fixed at the current value
    assert f.IsFixed(2) and f.GetParameter(2) == 3
    f.SetParLimits(1, -1, 5)
    assert f.GetParLimits(1) == (-1.0, 5.0) and not f.IsFixed(1)
    f.ReleaseParameter(1)
    assert f.GetParLimits(1) == (0.0, 0.0)
    f.SetParNames("a", "b", "c", "d")
    assert f.GetParName(2) == "c" and f.GetParameter("c") == 3


def test_python_callable_tf1():
    def model(x, p):
        return p[0] * np.exp(-0.5 * ((x[0] - p[1]) / p[2]) ** 2)

    G = FITS["histograms"]["G"]["counts"]
    h = ROOT.TH1D("h", "", 20, -5, 5)
    for i, c in enumerate(G):
        h.SetBinContent(i + 1, c)
    f = ROOT.TF1("m", model, -5, 5, 3)
    f.SetParameters(50, 0.4, 1.5)
    r = h.Fit(f, "SQN")
    ref = CASE["G gaus ''"]
    assert r.Chi2() == pytest.approx(ref["chi2"], rel=1e-6)
    np.testing.assert_allclose(r.Parameters(), ref["values"], rtol=1e-4)
    assert h.GetFunction("m") is None  # option N: not stored

"""The data part of a PyROOT macro through ``rootfit.compat`` gives ROOT's numbers."""

from __future__ import annotations

import array
import os

import numpy as np
import pytest
from conftest import FITS, HISTS, REFERENCE

from rootfit import compat as ROOT
from rootfit.errors import DataError

OPS = HISTS["operations"]


def _filled():
    ha = ROOT.TH1D("ha", "", 20, -4, 4)
    for v in OPS["a_values"]:
        ha.Fill(v)
    hb = ROOT.TH1D("hb", "", 20, -4, 4)
    for v, w in zip(OPS["b_values"], OPS["b_weights"], strict=True):
        hb.Fill(v, w)
    return ha, hb


def _same(h, ref):
    n = h.GetNbinsX()
    np.testing.assert_allclose(
        [h.GetBinContent(i) for i in range(n + 2)], ref["contents"], rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(
        [h.GetBinError(i) for i in range(n + 2)], ref["errors"], rtol=1e-12, atol=1e-12
    )
    assert h.GetEntries() == pytest.approx(ref["entries"], rel=1e-12)
    assert h.GetMean() == pytest.approx(ref["mean"], rel=1e-10, abs=1e-13)


def test_th1_arithmetic_macro():
    ha, hb = _filled()
    ha.Add(hb, 0.5)
    _same(ha, OPS["cases"]["add 0.5"])
    ha, hb = _filled()
    hc = ROOT.TH1D("hc", "", 20, -4, 4)
    hc.Add(ha, hb, 2.0, 3.0)
    _same(hc, OPS["cases"]["add2 2,3"])
    ha, hb = _filled()
    ha.Divide(hb)
    _same(ha, OPS["cases"]["divide"])
    ha, hb = _filled()
    ha.Scale(0.5, "width")
    _same(ha, OPS["cases"]["scale 0.5 width"])
    ha, _ = _filled()
    _same(ha.Rebin(4, "hr4"), OPS["cases"]["rebin 4"])
    edges = array.array("d", [-4.0, -2.0, -1.2, -0.4, 0.0, 0.8, 2.0, 4.0])
    _same(ha.Rebin(7, "hre", edges), OPS["cases"]["rebin edges"])
    ha.Rebin(4)  # in place
    assert ha.GetNbinsX() == 5
    ha, _ = _filled()
    ref = OPS["cases"]["stats a"]
    assert ha.GetMeanError() == pytest.approx(
        ref["mean_error"]
    ) and ha.GetSkewness() == pytest.approx(ref["skewness"])


def test_th2_th3_macro():
    h2 = ROOT.TH2D("h2", "", 12, -3, 3, 10, -2.5, 2.5)
    for (x, y), w in zip(OPS["xy"], OPS["xy_weights"], strict=True):
        h2.Fill(x, y, w)
    ref = OPS["h2"]
    assert h2.GetMean(1) == pytest.approx(ref["mean_x"]) and h2.GetMean(2) == pytest.approx(
        ref["mean_y"]
    )
    assert h2.GetCovariance() == pytest.approx(
        ref["covariance"]
    ) and h2.GetCorrelationFactor() == pytest.approx(ref["correlation"])
    assert (
        h2.GetBinContent(3, 4) == pytest.approx(ref["bin_3_4"])
        and h2.GetBin(3, 4) == ref["global_3_4"]
    )
    assert h2.GetBinContent(h2.GetBin(3, 4)) == pytest.approx(ref["bin_3_4"])
    _same(h2.ProjectionX("px"), ref["px"])
    _same(h2.ProjectionX("px37", 3, 7), ref["px_3_7"])
    h2.GetXaxis().SetRangeUser(-1.0, 2.0)
    assert h2.GetMean(2) == pytest.approx(ref["zoom_mean_y"]) and h2.Integral() == pytest.approx(
        ref["zoom_integral"]
    )
    h3 = ROOT.TH3D("h3", "", 6, -3, 3, 5, -2, 2, 8, -4, 4)
    for x, y, z in OPS["xyz"]:
        h3.Fill(x, y, z)
    assert h3.GetMean(3) == pytest.approx(OPS["h3"]["means"][2])
    xy = h3.Project3D("xy")
    assert xy.GetNbinsX() == 5 and xy.GetNbinsY() == 6  # first letter on the vertical axis
    np.testing.assert_allclose(
        [[xy.GetBinContent(i, j) for j in range(8)] for i in range(7)],
        OPS["h3"]["project3d_xy"],
        rtol=1e-12,
    )


def test_tprofile_and_poisson_errors():
    data = OPS["profile_input"]
    p = ROOT.TProfile("p", "", 10, 0, 10, "s")
    for x, y, w in zip(data["x"], data["y"], data["w"], strict=True):
        p.Fill(x, y, w)
    ref = OPS["profiles"]["s weighted"]
    np.testing.assert_allclose(
        [p.GetBinError(i) for i in range(12)], ref["errors"], rtol=1e-10, atol=1e-14
    )
    assert p.GetBinEntries(3) == pytest.approx(ref["bin_entries"][3])
    hp = ROOT.TH1D("hp", "", 5, 0, 5)
    for b, c in enumerate([0, 1, 3, 10, 40]):
        hp.SetBinContent(b + 1, c)
    hp.SetBinErrorOption(ROOT.TH1.kPoisson)
    np.testing.assert_allclose(
        [hp.GetBinErrorUp(b) for b in range(1, 6)], OPS["cases"]["poisson"]["up"], rtol=1e-9
    )


def test_graph_family_macro():
    fam = FITS["graph_family"]
    d = fam["g2d"]
    n = len(d["x"])
    g2 = ROOT.TGraph2DErrors(n, d["x"], d["y"], d["z"], d["ex"], d["ey"], d["ez"])
    f2 = ROOT.TF2("f2", fam["fits"][1]["formula"], -3, 3, -3, 3)
    f2.SetParameters(*fam["fits"][1]["start"])
    r = g2.Fit(f2, "SQ")
    assert r.Chi2() == pytest.approx(fam["fits"][1]["chi2"], rel=1e-6)
    m = fam["multigraph"]
    mg = ROOT.TMultiGraph()
    mg.Add(ROOT.TGraphErrors(8, m["x1"], m["y1"], [0.0] * 8, m["e1"]))
    mg.Add(ROOT.TGraphErrors(8, m["x2"], m["y2"], [0.0] * 8, m["e2"]))
    mg.Add(ROOT.TGraph(5, m["x3"], m["y3"]))
    r = mg.Fit("pol1", "SQ")
    assert (
        r.Chi2() == pytest.approx(m["fits"][2]["chi2"], rel=1e-9) and r.Ndf() == m["fits"][2]["ndf"]
    )
    bent = ROOT.TGraphBentErrors(
        2, [1.0, 2.0], [3.0, 4.0], [0.1, 0.1], [0.1, 0.1], [0.2, 0.2], [0.3, 0.3], [0.5, 0.5]
    )
    assert bent.is_asymmetric and bent.bends[0].tolist() == [0.5, 0.5]


def test_tfile_read_write_and_random(tmp_path):
    f = ROOT.TFile.Open(os.path.join(REFERENCE, "root_objects.root"))
    h2 = f.Get("h2")
    assert isinstance(h2, ROOT.TH2F) and h2.GetEntries() == HISTS["objects_file"]["h2"]["entries"]
    prof = f.Get("prof")
    assert isinstance(prof, ROOT.TProfile) and prof.GetBinError(1) == pytest.approx(
        HISTS["objects_file"]["prof"]["errors"][1]
    )
    assert isinstance(f.Get("ga"), ROOT.TGraphAsymmErrors)
    h = ROOT.TH1D("hr", "random", 50, -4, 4)
    rng = np.random.default_rng(12)
    h.FillRandom("gaus", 20_000, rng)
    assert (
        h.GetEntries() == 20_000
        and abs(h.GetMean()) < 0.03
        and h.GetStdDev() == pytest.approx(1.0, rel=0.03)
    )
    assert -4 <= h.GetRandom(rng) <= 4
    with pytest.raises(DataError, match="numpy Generator"):
        h.FillRandom("gaus", 10)
    path = tmp_path / "out.root"
    with ROOT.TFile.Open(path, "RECREATE") as out:
        out.WriteObject(h)
        out.WriteObject(prof, "p")
    back = ROOT.TFile.Open(path)
    assert back.Get("hr").GetEntries() == 20_000 and back.Get("hr").GetTitle() == "random"
    assert back.Get("p").GetBinContent(1) == pytest.approx(prof.GetBinContent(1))
    with pytest.raises(DataError, match="exists"):
        ROOT.TFile.Open(path, "NEW")


def test_tf2_range_drives_option_r():
    from conftest import FITS
    from test_root_reference_fits import make_th2

    case = next(c for c in FITS["cases"] if c["kind"] == "histogram2d" and c["range"])
    (xlo, xhi), (ylo, yhi) = case["range"]
    f = ROOT.TF2("f", "xygaus", -3, 3, -3, 3)
    f.SetRange(xlo, ylo, xhi, yhi)
    assert (f.GetXmin(), f.GetXmax()) == (xlo, xhi)
    from rootfit.compat.histogram_classes import as_root

    r = as_root(make_th2()).Fit(f, "RSQ")
    assert r.Ndf() == case["ndf"] and r.Chi2() == pytest.approx(case["chi2"], rel=1e-6)


def test_tgraph_eval_spelling():
    from conftest import FITS

    e = FITS["graph_family"]["eval"]
    g = ROOT.TGraph(len(e["x"]), e["x"], e["y"])
    assert [g.Eval(v) for v in e["at"]] == pytest.approx(e["values"], rel=1e-14)

"""Bands, scans, contours and Minos against ROOT 6.40 (``intervals`` in root_engine.json,
written by tests/reference/generate_engine_references.py): GetConfidenceIntervals and Contour
to 1e-3 relative, Scan to 1e-6 — through the Pythonic tools and through the façade."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_reference

import rootfit as rf
import rootfit.compat as ROOT
from rootfit.intervals import confidence_band, contour, minos, scan

IV = load_reference("root_engine.json")["intervals"]
SPEC = load_reference("root_engine.json")["histograms"]["G"]
LINE_X = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]
LINE_Y = [2.79, 2.92, 3.55, 3.37, 4.96, 5.72, 6.66, 7.19, 8.28, 8.86]
LINE_EY = [0.3, 0.4, 0.5, 0.3, 0.6, 0.5, 0.4, 0.5, 0.7, 0.4]


def _histogram() -> rf.Histogram:
    h = rf.Histogram(len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
    h.set_values(SPEC["counts"])
    return h


@pytest.fixture(scope="module")
def gaus_fit() -> rf.FitResult:
    return rf.fit(_histogram(), "gaus")


@pytest.fixture(scope="module")
def line_fit() -> rf.FitResult:
    return rf.fit(rf.Graph(LINE_X, LINE_Y, yerr=LINE_EY), "pol1")


def test_the_fits_are_roots(gaus_fit, line_fit):
    for ours, ref in ((gaus_fit, IV["fit"]), (line_fit, IV["line_fit"])):
        np.testing.assert_allclose(ours.values.to_numpy(), ref["values"], rtol=1e-6)
        assert ours.chi2 == pytest.approx(ref["chi2"], rel=1e-8)


@pytest.mark.parametrize("key", ["0.683 False", "0.683 True", "0.95 False", "0.95 True"])
@pytest.mark.parametrize("which", ["gaus", "line"])
def test_confidence_band_at_points(key, which, gaus_fit, line_fit):
    cl, norm = key.split()
    result, x, ref = (
        (gaus_fit, IV["band_x"], IV["bands"][key])
        if which == "gaus"
        else (line_fit, IV["line_band_x"], IV["line_bands"][key])
    )
    band = confidence_band(result, x, float(cl), norm=norm == "True")
    np.testing.assert_allclose(band.error, ref, rtol=1e-6)
    np.testing.assert_allclose(band.upper - band.value, ref, rtol=1e-6)
    assert band.cl == float(cl) and band.kind == "confidence"


def test_confidence_band_on_the_fitted_points(gaus_fit):
    band = confidence_band(gaus_fit)
    np.testing.assert_allclose(band.error, IV["band_on_data"], rtol=1e-6)
    assert len(band) == gaus_fit.n_points


def test_two_dimensional_band():
    inputs = load_reference("root_engine.json")["multidim_inputs"]
    h = rf.Histogram(rf.Axis(20, -4, 4), rf.Axis(20, -4, 4))
    h.fill(*inputs["xy"])
    r = rf.fit(h, "xygaus")
    np.testing.assert_allclose(r.values.to_numpy(), IV["xy_fit"]["values"], rtol=1e-4)
    points = np.reshape(IV["xy_band_points"], (3, 2))
    for norm in (False, True):
        band = confidence_band(r, points, 0.95, norm=norm)
        np.testing.assert_allclose(band.error, IV["xy_bands"][str(norm)], rtol=1e-3)
    assert band.x.shape == (3, 2)


def test_scan_is_roots_to_1e6(gaus_fit):
    default = scan(gaus_fit, "Mean")
    np.testing.assert_allclose(
        np.column_stack([default.values, default.statistic]), IV["scan_default"], rtol=1e-6
    )
    # the middle of the grid is the fitted value, up to the rounding of lo + 20·step
    mean = gaus_fit.values["Mean"]
    assert abs(default.values[20] - mean) <= 4 * np.spacing(mean) and not default.reoptimized
    ranged = scan(gaus_fit, 1, (0.2, 0.6), 5)
    np.testing.assert_allclose(
        np.column_stack([ranged.values, ranged.statistic]), IV["scan_range"], rtol=1e-6
    )


@pytest.mark.parametrize(
    ("pars", "cl", "size", "key"),
    [((1, 2), 0.683, 8, "contour_683"), ((0, 1), 0.95, 12, "contour_95")],
)
def test_contour_is_roots(gaus_fit, pars, cl, size, key):
    c = contour(gaus_fit, *pars, cl=cl, size=size)
    np.testing.assert_allclose(c.points, IV[key], rtol=1e-3)
    assert c.valid and len(c) == size
    assert c.delta == pytest.approx(2.2977, abs=1e-4) if cl == 0.683 else True


def test_likelihood_contour_and_minos_are_roots():
    r = rf.fit(_histogram(), "gaus", "LE")
    np.testing.assert_allclose(
        r.values.to_numpy(), IV["minos_likelihood"]["fit"]["values"], rtol=1e-5
    )
    for name, (lo, hi) in zip(r.parameter_names, IV["minos_likelihood"]["minos"], strict=True):
        assert r.minos[name] == pytest.approx((lo, hi), rel=1e-3)
    c = contour(r, "Mean", "Sigma", size=10)
    np.testing.assert_allclose(c.points, IV["contour_likelihood"], rtol=1e-3)
    assert c.delta == pytest.approx(0.5 * 2.2977, abs=1e-4)


def test_minos_at_a_level_matches_the_fit_option(gaus_fit):
    one = minos(gaus_fit)
    for name, (lo, hi) in zip(gaus_fit.parameter_names, IV["minos_chi2"]["minos"], strict=True):
        assert (one[name].lower, one[name].upper) == pytest.approx((lo, hi), rel=1e-3)
        assert one[name].valid and one[name].status_bits == 0
    two = minos(gaus_fit, ["Mean"], sigma=2)
    assert two["Mean"].cl == pytest.approx(0.9545, abs=1e-4)
    assert two["Mean"].upper == pytest.approx(2 * one["Mean"].upper, rel=0.02)
    assert minos(gaus_fit, ["Mean"], cl=0.9545)["Mean"].upper == pytest.approx(
        two["Mean"].upper, rel=1e-3
    )


# ---------------------------------------------------------------------------- the façade
def _facade_fit():
    h = ROOT.TH1D("h", "h", len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
    for i, c in enumerate(SPEC["counts"]):
        h.SetBinContent(i + 1, c)
    f = ROOT.TF1("f", "gaus", SPEC["lo"], SPEC["hi"])
    return h.Fit(f, "SQN")


def test_facade_confidence_intervals_both_signatures():
    r = _facade_fit()
    x = np.array(IV["band_x"])
    for key, ref in IV["bands"].items():
        cl, norm = key.split()
        ci = np.zeros(4)
        assert r.GetConfidenceIntervals(4, 1, 1, x, ci, float(cl), norm == "True") is None
        np.testing.assert_allclose(ci, ref, rtol=1e-6)
    np.testing.assert_allclose(r.GetConfidenceIntervals(0.95), IV["band_on_data"], rtol=1e-6)
    np.testing.assert_allclose(r.GetConfidenceIntervals(), IV["band_on_data"], rtol=1e-6)


def test_facade_strides_read_multidimensional_points():
    inputs = load_reference("root_engine.json")["multidim_inputs"]
    h = ROOT.TH2D("h2", "h2", 20, -4, 4, 20, -4, 4)
    h.fill(*inputs["xy"])
    r = h.Fit(ROOT.TF2("f2", "xygaus", -4, 4, -4, 4), "SQN")
    ci = np.zeros(3)
    r.GetConfidenceIntervals(3, 2, 1, np.array(IV["xy_band_points"]), ci, 0.95, False)
    np.testing.assert_allclose(ci, IV["xy_bands"]["False"], rtol=1e-3)
    hc = ROOT.TH2D("hc2", "hc2", 4, -2, 2, 3, -1.5, 1.5)
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(hc, 0.683)
    ref = IV["xy_band_histogram"]
    for i in range(4):
        for j in range(3):
            assert hc.GetBinContent(i + 1, j + 1) == pytest.approx(ref["content"][i][j], rel=1e-4)
            assert hc.GetBinError(i + 1, j + 1) == pytest.approx(ref["error"][i][j], rel=1e-3)


def test_facade_scan_and_contour_fill_a_tgraph():
    r = _facade_fit()
    g = ROOT.TGraph()
    assert g.GetN() == 0 and r.Scan(1, g)
    assert g.GetN() == 40
    got = [[g.GetPointX(i), g.GetPointY(i)] for i in range(g.GetN())]
    np.testing.assert_allclose(got, IV["scan_default"], rtol=1e-6)
    g5 = ROOT.TGraph(5)
    r.Scan(1, g5, 0.2, 0.6)
    np.testing.assert_allclose(np.column_stack([g5.GetX(), g5.GetY()]), IV["scan_range"], rtol=1e-6)
    g8 = ROOT.TGraph(8)
    assert r.Contour(1, 2, g8, 0.683)
    np.testing.assert_allclose(
        np.column_stack([g8.GetX(), g8.GetY()]), IV["contour_683"], rtol=1e-3
    )


def test_tvirtualfitter_fills_a_histogram_and_a_graph():
    _facade_fit()
    hc = ROOT.TH1D("hc", "hc", 40, SPEC["lo"], SPEC["hi"])
    assert ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(hc, 0.95)
    ref = IV["band_histogram"]
    np.testing.assert_allclose(
        [hc.GetBinContent(i) for i in range(1, 41)], ref["content"], rtol=1e-6
    )
    np.testing.assert_allclose([hc.GetBinError(i) for i in range(1, 41)], ref["error"], rtol=1e-6)
    ge = ROOT.TGraphErrors(10, LINE_X, LINE_Y, [0.0] * 10, LINE_EY)
    ge.Fit(ROOT.TF1("fl", "pol1", 0, 10), "SQN")
    gc = ROOT.TGraphErrors(4)
    for i, x in enumerate(IV["line_band_x"]):
        gc.SetPoint(i, x, 0.0)
    ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(gc)
    got = [[gc.GetPointX(i), gc.GetPointY(i), gc.GetErrorY(i)] for i in range(4)]
    np.testing.assert_allclose(got, IV["line_band_graph"], rtol=1e-6)


def test_tgraph_point_access():
    g = ROOT.TGraph()
    g.SetPoint(2, 1.5, 3.0)
    assert g.GetN() == 3 and g.GetPointX(2) == 1.5 and g.GetPointY(0) == 0.0
    g.AddPoint(4.0, 5.0)
    assert list(g.GetX()) == [0.0, 0.0, 1.5, 4.0] and g.GetPoint(3) == (4.0, 5.0)
    ge = ROOT.TGraphErrors(2)
    ge.SetPointError(1, 0.1, 0.2)
    assert ge.GetErrorY(1) == 0.2 and ge.GetErrorX(1) == 0.1 and ge.GetErrorY(0) == 0.0
    with pytest.raises(TypeError, match="TGraphErrors"):
        _facade_fit()
        ROOT.TVirtualFitter.GetFitter().GetConfidenceIntervals(ROOT.TGraph(3))


def test_tf1_set_par_errors():
    f = ROOT.TF1("f", "gaus", -1, 1)
    f.SetParErrors(np.array([0.1, 0.2, 0.3]))
    assert f.GetParError(2) == 0.3


def test_three_dimensional_band():
    inputs = load_reference("root_engine.json")["multidim_inputs"]
    h = rf.Histogram(rf.Axis(10, -4, 4), rf.Axis(10, -4, 4), rf.Axis(10, -4, 4))
    h.fill(*inputs["xyz"])
    start = [60.0, 0.2, 1.0, -0.1, 0.8, 0.3, 1.2]  # the generator's (B keeps them)
    f = rf.Function("xyzgaus")
    f.set_parameters(start)
    r = rf.fit(h, f, "B")
    np.testing.assert_allclose(r.values.to_numpy(), IV["xyz_fit"]["values"], rtol=1e-4)
    points = np.reshape(IV["xyz_band_points"], (3, 3))
    band = confidence_band(r, points, 0.95)
    np.testing.assert_allclose(band.error, IV["xyz_band"], rtol=1e-3)
    ci = np.zeros(3)
    h3 = ROOT.TH3D("h3", "h3", 10, -4, 4, 10, -4, 4, 10, -4, 4)
    h3.fill(*inputs["xyz"])
    f3 = ROOT.TF3("f3", "xyzgaus", -4, 4, -4, 4, -4, 4)
    f3.SetParameters(np.array(start))
    h3.Fit(f3, "BSQN").GetConfidenceIntervals(
        3, 3, 1, np.array(IV["xyz_band_points"]), ci, 0.95, False
    )
    np.testing.assert_allclose(ci, IV["xyz_band"], rtol=1e-3)

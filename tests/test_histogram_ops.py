"""Histogram arithmetic, rebinning, projections, 2-D/3-D statistics, profiles and error options
against ROOT 6.40 (root_histograms.json, "operations")."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import HISTS

import rootfit as rf
from rootfit.errors import DataError
from rootfit.hist import Profile

OPS = HISTS["operations"]
CASES = OPS["cases"]


def base():
    a = rf.Histogram(20, -4, 4)
    a.fill(OPS["a_values"])
    b = rf.Histogram(20, -4, 4)
    b.fill(OPS["b_values"], weights=OPS["b_weights"])
    return a, b


def check(h, ref, *, stats=True):
    np.testing.assert_allclose(h.values(flow=True), ref["contents"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h.errors(flow=True), ref["errors"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h.axis.edges, ref["edges"], rtol=1e-12)
    if stats:
        assert h.entries == pytest.approx(ref["entries"], rel=1e-12)
        assert h.mean() == pytest.approx(ref["mean"], rel=1e-10, abs=1e-13)
        assert h.std() == pytest.approx(ref["std"], rel=1e-10)
        assert h.effective_entries == pytest.approx(ref["effective_entries"], rel=1e-10)


def test_add_with_coefficients():
    a, b = base()
    a.add(b, 0.5)
    check(a, CASES["add 0.5"])
    a, b = base()
    a.add(b, -0.5)  # subtraction: statistics from the bins, as ROOT
    check(a, CASES["add -0.5"])
    a, b = base()
    c = rf.Histogram(20, -4, 4)
    c.add(a, 2.0)
    c.add(b, 3.0)
    check(c, CASES["add2 2,3"])
    a, b = base()
    check(a + b * 0.5, CASES["add 0.5"])


def test_multiply_divide_scale():
    a, b = base()
    a.multiply(b)
    check(a, CASES["multiply"])
    a, b = base()
    check(a / b, CASES["divide"])
    a, b = base()
    a.scale(2.5)
    check(a, CASES["scale 2.5"])
    a, b = base()
    a.scale(0.5, width=True)
    check(a, CASES["scale 0.5 width"])


def test_binomial_efficiency():
    total, passed = rf.Histogram(20, -4, 4), rf.Histogram(20, -4, 4)
    values = np.array(OPS["a_values"])
    total.fill(values)
    passed.fill(values[(values > -0.5) | ((np.abs(values) * 1000).astype(int) % 3 == 0)])
    passed.divide(total, binomial=True)
    check(passed, CASES["divide B"], stats=False)
    assert passed.entries == CASES["divide B"]["entries"]


def test_rebin():
    a, _ = base()
    check(a.rebin(4), CASES["rebin 4"])
    check(a.rebin(3), CASES["rebin 3"])  # leftover bins go to the overflow
    check(a.rebin(edges=[-4.0, -2.0, -1.2, -0.4, 0.0, 0.8, 2.0, 4.0]), CASES["rebin edges"])
    with pytest.raises(DataError, match="does not coincide"):
        a.rebin(edges=[-4.0, -1.1, 4.0])
    with pytest.raises(DataError, match="positive integer"):
        a.rebin(0)


def test_statistics_extras():
    a, b = base()
    for h, ref in ((a, CASES["stats a"]), (b, CASES["stats b"])):
        assert h.mean_error() == pytest.approx(ref["mean_error"], rel=1e-10)
        assert h.std_error() == pytest.approx(ref["std_error"], rel=1e-10)
        assert h.skewness() == pytest.approx(ref["skewness"], rel=1e-9)
        assert h.kurtosis() == pytest.approx(ref["kurtosis"], rel=1e-6, abs=1e-12)
    assert b.integral("width") == pytest.approx(CASES["stats b"]["integral_width"], rel=1e-12)


def test_poisson_error_intervals():
    h = rf.Histogram(5, 0, 5)
    h.set_values([0, 1, 3, 10, 40])
    low, up = h.error_intervals("poisson")
    np.testing.assert_allclose(low, CASES["poisson"]["low"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(up, CASES["poisson"]["up"], rtol=1e-9)
    normal = h.error_intervals()
    np.testing.assert_allclose(normal[0], np.sqrt([0, 1, 3, 10, 40]))


def make_2d():
    h = rf.Histogram(rf.Axis(12, -3, 3), rf.Axis(10, -2.5, 2.5))
    xy = np.array(OPS["xy"])
    h.fill(xy[:, 0], xy[:, 1], weights=OPS["xy_weights"])
    return h


def test_2d_statistics_bins_and_zoom():
    h, ref = make_2d(), OPS["h2"]
    assert h.entries == ref["entries"]
    assert h.mean(0) == pytest.approx(ref["mean_x"], rel=1e-12)
    assert h.mean(1) == pytest.approx(ref["mean_y"], rel=1e-12)
    assert h.std(0) == pytest.approx(ref["std_x"], rel=1e-12)
    assert h.std(1) == pytest.approx(ref["std_y"], rel=1e-12)
    assert h.covariance(0, 1) == pytest.approx(ref["covariance"], rel=1e-12)
    assert h.correlation(0, 1) == pytest.approx(ref["correlation"], rel=1e-12)
    assert h.effective_entries == pytest.approx(ref["effective_entries"], rel=1e-12)
    assert h.integral() == pytest.approx(ref["integral"], rel=1e-12)
    assert h.values(flow=True)[3, 4] == pytest.approx(ref["bin_3_4"])
    assert h.errors(flow=True)[3, 4] == pytest.approx(ref["error_3_4"])
    assert h.global_bin(3, 4) == ref["global_3_4"] and h.bin_indices(59) == (3, 4)
    h.axes[0].set_range_user(-1.0, 2.0)
    assert h.mean(1) == pytest.approx(ref["zoom_mean_y"], rel=1e-12)
    assert h.std(0) == pytest.approx(ref["zoom_std_x"], rel=1e-12)
    assert h.integral() == pytest.approx(ref["zoom_integral"], rel=1e-12)


def test_2d_projections():
    h, ref = make_2d(), OPS["h2"]
    check(h.projection(0), ref["px"])
    check(h.projection(0, bins={1: (3, 7)}), ref["px_3_7"])
    check(h.projection(1), ref["py"])


def test_3d_statistics_and_projections():
    h = rf.Histogram(rf.Axis(6, -3, 3), rf.Axis(5, -2, 2), rf.Axis(8, -4, 4))
    h.fill(*np.array(OPS["xyz"]).T)
    ref = OPS["h3"]
    np.testing.assert_allclose([h.mean(i) for i in range(3)], ref["means"], rtol=1e-12)
    np.testing.assert_allclose([h.std(i) for i in range(3)], ref["stds"], rtol=1e-12)
    assert h.covariance(0, 2) == pytest.approx(ref["cov_xz"], rel=1e-12)
    check(h.projection(2), ref["pz"])
    # ROOT's Project3D("xy") puts y on the horizontal axis
    np.testing.assert_allclose(
        h.projection((1, 0)).values(flow=True), ref["project3d_xy"], rtol=1e-12
    )


@pytest.mark.parametrize("key", sorted(OPS["profiles"]))
def test_profiles_against_root(key):
    option, weighting = key.split()
    data, ref = OPS["profile_input"], OPS["profiles"][key]
    p = Profile(10, 0, 10, error_option="" if option == "default" else option)
    p.fill(data["x"], data["y"], weights=data["w"] if weighting == "weighted" else None)
    np.testing.assert_allclose(p.values(flow=True), ref["contents"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(p.errors(flow=True), ref["errors"], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(p.bin_entries(flow=True), ref["bin_entries"], rtol=1e-12)
    np.testing.assert_allclose(p.counts(flow=True), ref["effective_entries"], rtol=1e-12)
    assert p.entries == ref["entries"]
    assert p.mean() == pytest.approx(ref["mean"], rel=1e-12)
    assert p.mean(1) == pytest.approx(ref["mean_y"], rel=1e-12)
    assert p.kind == "MEAN"


def test_profile_single_entry_bin_and_fit():
    p = Profile(4, 0, 4)
    p.fill([0.5, 0.5, 1.5, 2.5, 2.5, 2.5], [1, 3, 2, 5, 6, 7])
    np.testing.assert_allclose(p.values(flow=True), OPS["profile_single"]["contents"])
    np.testing.assert_allclose(p.errors(flow=True), OPS["profile_single"]["errors"])
    rng = np.random.default_rng(9)
    x = rng.uniform(0, 10, 2000)
    prof = Profile(20, 0, 10)
    prof.fill(x, 1.0 + 0.5 * x + rng.normal(0, 1, x.size))
    r = prof.fit("pol1", "Q")
    assert r.values[1] == pytest.approx(0.5, abs=4 * r.errors[1])
    assert r.ndf == 18


def test_profile_of_a_2d_histogram():
    h = make_2d()
    p = h.profile(0)
    q = Profile(12, -3, 3)
    centres = h.axes[1].centers
    for j, yc in enumerate(centres):
        q.fill(h.axis.centers, np.full(12, yc), weights=h.values()[:, j])
    np.testing.assert_allclose(p.values(), q.values(), rtol=1e-12, atol=1e-14)


def test_random_filling():
    rng = np.random.default_rng(3)
    source = rf.Histogram(40, -4, 4)
    source.fill(rng.normal(0.5, 1.0, 50_000))
    sampled = source.get_random(np.random.default_rng(4), 200_000)
    assert sampled.mean() == pytest.approx(source.mean(), abs=0.01)
    target = rf.Histogram(40, -4, 4)
    target.fill_random(source, 100_000, np.random.default_rng(5))
    assert target.entries == 100_000 and target.std() == pytest.approx(source.std(), rel=0.02)
    f = rf.Function("gaus")
    f.set_parameters(1.0, -1.0, 0.5)
    fromf = rf.Histogram(50, -4, 4)
    fromf.fill_random(f, 50_000, np.random.default_rng(6))
    assert fromf.mean() == pytest.approx(-1.0, abs=0.01) and fromf.std() == pytest.approx(
        0.5, rel=0.02
    )
    with pytest.raises(DataError, match="Generator"):
        source.get_random(42)


def test_from_numpy_and_bad_binary_operations():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(2, 1000))
    h = rf.Histogram.from_numpy(*np.histogram2d(x, y, bins=(8, 5)))
    assert h.ndim == 2 and h.values().shape == (8, 5) and h.values().sum() == 1000
    hd = rf.Histogram.from_numpy(*np.histogramdd(np.column_stack([x, y, x + y]), bins=4))
    assert hd.ndim == 3
    with pytest.raises(DataError, match="different binning"):
        rf.Histogram(10, 0, 1).add(rf.Histogram(11, 0, 1))
    with pytest.raises(DataError, match="2 coordinate"):
        h.fill([1.0])

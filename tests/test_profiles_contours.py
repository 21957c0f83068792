"""Profiles, profile intervals, surfaces and Sherpa's commands: with ``reoptimize=True`` they
agree with Minos (1-D) and with Minuit's ``mncontour`` (2-D); without, with the scan."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from conftest import load_reference
from scipy import stats

import rootfit as rf
from rootfit.errors import FitError, FitOptionError
from rootfit.intervals import (
    conf,
    contour,
    contours,
    covar,
    delta_statistic,
    int_proj,
    int_unc,
    level_probability,
    minos,
    profile,
    profile_interval,
    reg_proj,
    reg_unc,
    scan,
    surface,
    to_minuit,
)

SPEC = load_reference("root_engine.json")["histograms"]["G"]


@pytest.fixture(scope="module")
def fit() -> rf.FitResult:
    h = rf.Histogram(len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
    h.set_values(SPEC["counts"])
    return rf.fit(h, "gaus", "E")


@pytest.fixture(scope="module")
def likelihood_fit() -> rf.FitResult:
    h = rf.Histogram(len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
    h.set_values(SPEC["counts"])
    return rf.fit(h, "gaus", "LE")


def test_levels():
    assert level_probability() == pytest.approx(0.682689492)
    assert level_probability(sigma=2) == pytest.approx(0.954499736)
    assert level_probability(cl=0.9) == 0.9
    assert delta_statistic(1.0, sigma=1) == pytest.approx(1.0)
    assert delta_statistic(0.5, sigma=2) == pytest.approx(2.0)
    assert delta_statistic(1.0, cl=0.683, ndof=2) == pytest.approx(2.2977, abs=1e-4)
    with pytest.raises(FitOptionError, match="not both"):
        level_probability(cl=0.9, sigma=1)
    with pytest.raises(FitOptionError, match=r"probability in \(0, 1\)"):
        level_probability(cl=2)
    with pytest.raises(FitOptionError, match="positive"):
        level_probability(sigma=-1)


@pytest.mark.parametrize("which", ["fit", "likelihood_fit"])
def test_profile_interval_is_minos(which, request):
    r = request.getfixturevalue(which)
    for name in r.parameter_names:
        lo, hi = profile_interval(r, name, sigma=1)
        m_lo, m_hi = r.minos[name]
        error = r.errors[name]
        assert lo - r.values[name] == pytest.approx(m_lo, abs=2e-3 * error)
        assert hi - r.values[name] == pytest.approx(m_hi, abs=2e-3 * error)


def test_sherpa_conf_is_minos_and_covar_is_the_covariance(fit):
    c = conf(fit)
    for name in fit.parameter_names:
        assert c[name] == pytest.approx(fit.minos[name], abs=2e-3 * fit.errors[name])
    v = covar(fit, ["Mean"], sigma=1.6)
    assert v["Mean"] == pytest.approx((-1.6 * fit.errors["Mean"], 1.6 * fit.errors["Mean"]))
    assert v.cl == pytest.approx(0.8904, abs=1e-4) and v.method == "covar"
    two = conf(fit, ["Sigma"], sigma=2)
    m2 = minos(fit, ["Sigma"], sigma=2)["Sigma"]
    assert two["Sigma"] == pytest.approx((m2.lower, m2.upper), abs=2e-3 * fit.errors["Sigma"])
    assert "conf: 2 sigma" in str(two)


def test_reoptimized_profile_brackets_minos_and_scan_does_not_reoptimize(fit):
    p = profile(fit, "Mean", size=61)
    assert p.reoptimized and p.valid.all() and p.others.shape == (61, 3)
    lo, hi = p.interval(sigma=1)
    m_lo, m_hi = fit.minos["Mean"]
    err = fit.errors["Mean"]
    assert lo - fit.values["Mean"] == pytest.approx(m_lo, abs=0.02 * err)
    assert hi - fit.values["Mean"] == pytest.approx(m_hi, abs=0.02 * err)
    # the re-fitted profile lies below the scan everywhere (equal at the best fit)
    s = profile(fit, "Mean", p.values, reoptimize=False)
    assert not s.reoptimized and np.all(p.statistic <= s.statistic + 1e-6)
    # held parameters: the scan interval is the conditional one, narrower than Minos
    s_lo, s_hi = scan(fit, "Mean", size=81).interval()
    assert hi - lo > s_hi - s_lo
    # Minuit's own mnprofile on the same cost agrees
    m = to_minuit(fit)
    x, y, ok = m.mnprofile("Mean", size=9, bound=2)
    ours = profile(fit, "Mean", x)
    np.testing.assert_allclose(ours.statistic, y, rtol=1e-5)
    assert ok.all()


def test_profile_interval_stops_at_a_limit():
    h = rf.Histogram(20, 0, 10)
    h.set_values([3, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    f = rf.Function("expo")
    f.set_limits(0, -5, 5)
    r = rf.fit(h, f, "L")
    lo, hi = profile_interval(r, 1, sigma=1)
    assert lo < r.values[1] < hi
    f2 = rf.Function("[0]*exp(-x/[1])")
    f2.set_parameters(3.0, 1.0)
    f2.set_limits(1, 0.9, 50.0)
    r2 = rf.fit(h, f2, "L")
    lo2, _ = profile_interval(r2, 1, sigma=3)
    assert lo2 == pytest.approx(max(0.9, lo2))


def test_surface_contour_levels_match_mncontour(likelihood_fit):
    r = likelihood_fit
    c = contour(r, "Mean", "Sigma", size=16)
    s = surface(r, "Mean", "Sigma", size=(15, 15), reoptimize=True)
    assert s.reoptimized and s.valid.all() and s.ts.min() == pytest.approx(0.0, abs=1e-3)
    # every mncontour point lies on the reoptimized surface's level (bilinear interpolation)
    from scipy.interpolate import RegularGridInterpolator

    level = s.levels(cl=[0.683])[0]
    delta = RegularGridInterpolator((s.x, s.y), s.delta, method="cubic")(c.points)
    np.testing.assert_allclose(delta, level, rtol=0.03)
    assert c.delta == pytest.approx(level)
    held = surface(r, "Mean", "Sigma", s.x, s.y)
    assert not held.reoptimized and np.all(held.statistic >= s.statistic - 1e-6)
    assert s.significance[7, 7] == pytest.approx(0.0, abs=0.05)
    assert s.significance.max() > 3.0


def test_several_sigma_contours_grow(fit):
    one, two = contours(fit, "Mean", "Sigma", sigmas=(1, 2), size=12)
    assert one.cl == pytest.approx(0.6827, abs=1e-4) and two.cl == pytest.approx(0.9545, abs=1e-4)
    assert two.delta == pytest.approx(stats.chi2.ppf(0.9545, 2), rel=1e-4)
    for c, outer in ((one, two),):
        assert np.ptp(outer.x) > np.ptp(c.x) and np.ptp(outer.y) > np.ptp(c.y)
    assert one.closed().shape == (13, 2)


def test_sherpa_projections(fit):
    p = int_proj(fit, "Sigma", nloop=11)
    u = int_unc(fit, "Sigma", nloop=11)
    assert p.reoptimized and not u.reoptimized and len(p) == len(u) == 11
    assert np.all(p.statistic <= u.statistic + 1e-6)
    rp, ru = (
        reg_proj(fit, "Mean", "Sigma", nloop=(5, 5)),
        reg_unc(fit, "Mean", "Sigma", nloop=(5, 5)),
    )
    assert rp.statistic.shape == (5, 5) and np.all(rp.statistic <= ru.statistic + 1e-6)
    np.testing.assert_allclose(rp.levels((1, 2, 3)), [2.2958, 6.1801, 11.8292], rtol=1e-4)


def test_minuit_bridge_keeps_limits_fixed_and_errordef():
    h = rf.Histogram(len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
    h.set_values(SPEC["counts"])
    f = rf.Function("gaus")
    f.set_parameters(50.0, 0.4, 1.5)
    f.set_limits("Sigma", 0.5, 3.0)
    f.fix("Constant", 55.0)
    r = rf.fit(h, f, "LB")  # B: the limits set here, not gaus's automatic ones
    m = to_minuit(r)
    assert m.errordef == 0.5 and m.fixed["Constant"] and m.limits["Sigma"] == r.bounds[2]
    assert r.bounds[2] == (0.5, 3.0)
    assert m.fmin is not None and m.fmin.is_valid
    assert m.fval == pytest.approx(r.min_fcn, abs=1e-6)
    np.testing.assert_allclose(
        np.array(m.values), r.values.to_numpy(), atol=1e-3 * r.errors["Mean"]
    )


def test_bad_requests_are_clear(fit):
    with pytest.raises(FitOptionError, match="two different"):
        contour(fit, "Mean", "Mean")
    with pytest.raises(rf.errors.ParameterKeyError, match="did you mean 'Mean'"):
        scan(fit, "mean")
    with pytest.raises(FitOptionError, match="at least 2"):
        scan(fit, 1, size=1)
    with pytest.raises(FitOptionError, match="is fixed"):
        h = rf.Histogram(len(SPEC["counts"]), SPEC["lo"], SPEC["hi"])
        h.set_values(SPEC["counts"])
        minos(rf.fit(h, "gaus", fix={"Constant": 50.0}), ["Constant"])
    lost = pickle.loads(pickle.dumps(fit)).replaced(cost=None)
    with pytest.raises(FitError, match="does not hold its cost"):
        profile(lost, "Mean")


def test_results_are_frozen_and_pickle(fit):
    p = scan(fit, "Mean", size=5)
    with pytest.raises(ValueError):
        p.values[0] = 1.0
    assert pickle.loads(pickle.dumps(p)) == p
    c = contour(fit, 1, 2, size=6)
    assert pickle.loads(pickle.dumps(c)) == c
    m = minos(fit, ["Mean"])
    assert pickle.loads(pickle.dumps(m)) == m
    assert math.isfinite(m["Mean"].upper)

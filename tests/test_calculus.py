"""Integrals, integral errors, moments, extrema, GetX and random numbers of Functions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

import rootfit as rf
from rootfit.errors import FunctionError


@pytest.fixture
def gaus():
    f = rf.Function("gaus", range=(-5, 5))
    f.set_parameters(2.0, 0.5, 1.2)
    return f


def test_integrals_closed_forms(gaus):
    assert gaus.integral(-np.inf, np.inf) == pytest.approx(
        2 * 1.2 * math.sqrt(2 * math.pi), rel=1e-12
    )
    expected = (
        2
        * 1.2
        * math.sqrt(2 * math.pi)
        * (stats.norm.cdf(3, 0.5, 1.2) - stats.norm.cdf(-1, 0.5, 1.2))
    )
    assert gaus.integral(-1, 3) == pytest.approx(expected, rel=1e-12)
    p3 = rf.Function("pol3")
    assert p3.integral(0, 2, [1, 2, 3, 4]) == pytest.approx(2 + 4 + 8 + 16, rel=1e-14)
    e = rf.Function("expo")
    assert e.integral(0, 1, [0.0, -2.0]) == pytest.approx((1 - math.exp(-2)) / 2, rel=1e-12)


def test_integral_against_scipy_quad_for_a_formula():
    f = rf.Function("[0]*sin(x)^2/(1+x^2)+TMath::Landau(x,1,0.5)")
    ref = integrate.quad(
        lambda x: (
            1.7 * math.sin(x) ** 2 / (1 + x * x) + float(rf.Function("TMath::Landau(x,1,0.5)")(x))
        ),
        -3,
        9,
        limit=200,
    )[0]
    assert f.integral(-3, 9, [1.7]) == pytest.approx(ref, rel=1e-9)


def test_multidimensional_integrals():
    g = rf.Function("xygaus")
    assert g.integral([-12, -20], [12, 20], [1, 0, 1, 0, 2]) == pytest.approx(4 * math.pi, rel=1e-6)
    h = rf.Function("x*y*z+[0]")
    assert h.integral([0, 0, 0], [1, 2, 3], [1.0]) == pytest.approx(0.5 * 2 * 4.5 + 6, rel=1e-8)
    with pytest.raises(FunctionError, match="bounds"):
        g.integral(0, 1)


def test_integral_error_is_linear_propagation(gaus):
    cov = np.array([[0.01, 0.0, 0.001], [0.0, 0.0004, 0.0], [0.001, 0.0, 0.0009]])
    g = np.array([1.2 * math.sqrt(2 * math.pi), 0.0, 2.0 * math.sqrt(2 * math.pi)])
    expected = math.sqrt(g @ cov @ g)
    assert gaus.integral_error(-30, 30, cov) == pytest.approx(expected, rel=1e-6)
    with pytest.raises(FunctionError, match="covariance"):
        gaus.integral_error(-1, 1, np.eye(2))


def test_moments(gaus):
    assert gaus.mean(-20, 20) == pytest.approx(0.5, abs=1e-10)
    assert gaus.variance(-20, 20) == pytest.approx(1.44, rel=1e-9)
    assert gaus.moment(3, -20, 20, central=True) == pytest.approx(0.0, abs=1e-9)


def test_extrema_and_get_x(gaus):
    x, y = gaus.maximum(-5, 5)
    assert x == pytest.approx(0.5, abs=1e-6) and y == pytest.approx(2.0, rel=1e-12)
    x, y = gaus.minimum(-1, 2)
    assert x == pytest.approx(-1.0) and y == pytest.approx(float(gaus(-1.0)))
    x = gaus.get_x(1.0, -5, 0.5)
    assert float(gaus(x)) == pytest.approx(1.0, rel=1e-12)
    assert x == pytest.approx(0.5 - 1.2 * math.sqrt(2 * math.log(2)), rel=1e-10)
    with pytest.raises(FunctionError, match="does not reach"):
        gaus.get_x(5.0, -5, 5)


def test_get_random_follows_the_function(gaus):
    values = gaus.get_random(np.random.default_rng(7), 200_000)
    assert values.min() >= -5 and values.max() <= 5
    assert values.mean() == pytest.approx(0.5, abs=0.01)
    assert values.std() == pytest.approx(1.2 * 0.9955, rel=0.01)  # truncated at ±5
    assert (
        stats.kstest(
            values[:5000], stats.truncnorm((-5 - 0.5) / 1.2, (5 - 0.5) / 1.2, 0.5, 1.2).cdf
        ).pvalue
        > 1e-3
    )
    one = gaus.get_random(np.random.default_rng(7))
    assert isinstance(one, float)
    with pytest.raises(FunctionError, match="Generator"):
        gaus.get_random(7)
    with pytest.raises(FunctionError, match="negative"):
        rf.Function("x", range=(-1, 1)).get_random(np.random.default_rng(1))


def test_tf1_calculus_agrees_with_root():
    from conftest import load_reference

    from rootfit import compat as ROOT

    ref = load_reference("root_functions.json")["calculus"]
    f = ROOT.TF1("f", "gaus", -5, 5)
    f.SetParameters(*ref["parameters"])
    assert f.Integral(-1.0, 3.0) == pytest.approx(ref["integral"], rel=1e-10)
    assert f.IntegralError(-1.0, 3.0, None, ref["covariance"]) == pytest.approx(
        ref["integral_error"], rel=1e-6
    )
    assert f.GetMaximum() == pytest.approx(ref["maximum"], rel=1e-12)
    assert f.GetMaximumX() == pytest.approx(ref["maximum_x"], abs=1e-6)
    assert f.GetX(20.0, -5.0, ref["parameters"][1]) == pytest.approx(ref["x_at_20"], rel=1e-9)
    assert f.Derivative(1.0) == pytest.approx(ref["derivative_at_1"], rel=1e-9)
    assert f.Mean(-5.0, 5.0) == pytest.approx(ref["mean"], rel=1e-8)
    assert f.Variance(-5.0, 5.0) == pytest.approx(ref["variance"], rel=1e-8)
    land = ROOT.TF1("l", "landau", -5, 20)
    land.SetParameters(*ref["landau_parameters"])
    assert land.Integral(-5.0, 20.0) == pytest.approx(ref["landau_integral"], rel=1e-8)
    assert land.GetMaximumX() == pytest.approx(ref["landau_maximum_x"], abs=1e-6)


def test_integral_error_after_a_fit_like_error_integral_tutorial():
    from conftest import make_histogram

    h = make_histogram("G")
    f = rf.Function("gaus")
    r = h.fit(f, "Q")
    err = f.integral_error(-1, 3, r.covariance)
    # cross-check by sampling the parameters from the fit covariance
    rng = np.random.default_rng(3)
    draws = rng.multivariate_normal(r.values.to_numpy(), r.covariance, 2000)
    samples = [f.integral(-1, 3, p) for p in draws]
    assert err == pytest.approx(np.std(samples), rel=0.05)


def test_tf2_tf3_tformula():
    from rootfit import compat as ROOT

    g = ROOT.TF2("g", "xygaus", -5, 5, -5, 5)
    g.SetParameters(1, 0, 1, 0, 1)
    assert g.Eval(0, 0) == 1.0 and g.GetNpar() == 5
    assert g.Integral(-8, 8, -8, 8) == pytest.approx(2 * math.pi, rel=1e-6)
    t3 = ROOT.TF3("t3", "x*y*z", 0, 1, 0, 1, 0, 1)
    assert t3.Eval(1, 2, 3) == 6.0
    assert t3.Integral(0, 1, 0, 1, 0, 1) == pytest.approx(0.125, rel=1e-6)
    assert ROOT.TFormula("t", "x*y+2").Eval(2, 3) == 8.0

"""``rf.minimize`` with lmfit-style ``Parameters``, against lmfit as an oracle."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FitError, FitOptionError, FunctionError

lmfit = pytest.importorskip("lmfit")

X = np.linspace(0.0, 10.0, 201)
RNG = np.random.default_rng(7)
# lmfit's double-exponential example: y = a1·exp(-x/t1) + a2·exp(-(x-0.1)/t2)
DATA = 3.0 * np.exp(-X / 2.0) - 5.0 * np.exp(-(X - 0.1) / 10.0) + RNG.normal(0, 0.1, X.size)


def residual(p, x, data):
    a1, a2, t1, t2 = p["a1"].value, p["a2"].value, p["t1"].value, p["t2"].value
    return a1 * np.exp(-x / t1) + a2 * np.exp(-(x - 0.1) / t2) - data


def _start(module):
    p = module.Parameters()
    p.add("a1", 3.5)
    p.add("a2", -4.0)
    p.add("t1", 2.5, min=0.1)
    p.add("t2", 8.0, min=0.1)
    return p


def _ours():
    return _start(rf)


def _theirs():
    return _start(lmfit)


def test_leastsq_reproduces_lmfit():
    ours = rf.minimize(residual, _ours(), args=(X, DATA), method="leastsq")
    theirs = lmfit.minimize(residual, _theirs(), args=(X, DATA), method="leastsq")
    assert ours.success and theirs.success
    for name in ("a1", "a2", "t1", "t2"):  # lmfit's leastsq stops a little earlier
        assert (
            abs(ours.params[name].value - theirs.params[name].value)
            < 1e-3 * ours.params[name].stderr
        )
        assert ours.params[name].stderr == pytest.approx(theirs.params[name].stderr, rel=2e-3)
    for attr in ("chisqr", "redchi", "aic", "bic"):
        assert getattr(ours, attr) == pytest.approx(getattr(theirs, attr), rel=1e-6), attr
    assert (ours.ndata, ours.nvarys, ours.nfree) == (theirs.ndata, theirs.nvarys, theirs.nfree)
    assert ours.params["t1"].correl["t2"] == pytest.approx(
        theirs.params["t1"].correl["t2"], abs=2e-3
    )
    np.testing.assert_allclose(ours.covar, theirs.covar, rtol=5e-3)


@pytest.mark.parametrize("method", ["lbfgsb", "nelder", "migrad", "powell", "dual_annealing"])
def test_scalar_methods_reach_the_least_squares_minimum(method):
    best = rf.minimize(residual, _ours(), args=(X, DATA))
    out = rf.minimize(residual, _ours(), args=(X, DATA), method=method)
    assert out.success and out.method == method
    assert out.chisqr == pytest.approx(best.chisqr, rel=1e-5)
    for name in ("a1", "t1"):
        assert (
            abs(out.params[name].value - best.params[name].value) < 0.02 * best.params[name].stderr
        )
        assert out.params[name].stderr == pytest.approx(best.params[name].stderr, rel=2e-3)


def test_expressions_and_fixed_parameters_as_lmfit():
    """Two Gaussians whose widths are tied (``wid2 = 2*wid1/3``) and whose fractions add up
    to one (``frac2 = 1-frac1``); errors of derived parameters are propagated."""

    def two_peaks(p, x, y):
        v = p.valuesdict()
        g1 = v["frac1"] * np.exp(-0.5 * ((x - v["cen1"]) / v["wid1"]) ** 2)
        g2 = v["frac2"] * np.exp(-0.5 * ((x - v["cen2"]) / v["wid2"]) ** 2)
        return v["amp"] * (g1 + g2) - y

    x = np.linspace(-5, 10, 300)
    truth = 10 * (
        0.6 * np.exp(-0.5 * ((x - 0) / 1.2) ** 2) + 0.4 * np.exp(-0.5 * ((x - 4) / 0.8) ** 2)
    )
    y = truth + np.random.default_rng(3).normal(0, 0.2, x.size)
    results = []
    for module in (rf, lmfit):
        p = module.Parameters()
        p.add("amp", 8.0)
        p.add("cen1", 0.5)
        p.add("cen2", 3.5)
        p.add("wid1", 1.0, min=0.1)
        p.add("wid2", expr="2*wid1/3")
        p.add("frac1", 0.5, min=0, max=1)
        p.add("frac2", expr="1-frac1")
        results.append(module.minimize(two_peaks, p, args=(x, y)))
    ours, theirs = results
    for name in ("amp", "cen1", "wid1", "wid2", "frac1", "frac2"):
        assert ours.params[name].value == pytest.approx(theirs.params[name].value, rel=1e-5), name
        assert ours.params[name].stderr == pytest.approx(theirs.params[name].stderr, rel=5e-3), name
    assert ours.nvarys == theirs.nvarys == 5


def test_bad_input_is_a_clear_error():
    p = rf.Parameters()
    p.add("a", 1.0)
    with pytest.raises(FitOptionError, match="did you mean 'leastsq'"):
        rf.minimize(lambda p: [p["a"].value], p, method="leastsqr")
    with pytest.raises(FitError, match="not a number"):
        rf.minimize(lambda p: "nope", p)
    p.add("b", expr="c+1")
    with pytest.raises(FunctionError, match="expression 'c\\+1'"):
        rf.minimize(lambda p: [p["a"].value], p)
    q = rf.Parameters()
    q.add("a", 1.0, vary=False)
    with pytest.raises(FitError, match="no parameter varies"):
        rf.minimize(lambda p: [p["a"].value - 2], q)
    with pytest.raises(FunctionError, match="min"):
        q.add("c", 1.0, min=2, max=1)
    with pytest.raises(KeyError, match="did you mean"):
        q["aa"]


def test_a_scalar_objective_and_a_plain_mapping():
    out = rf.minimize(
        lambda p: (p["x"].value - 1) ** 2 + (p["y"].value + 2) ** 2 + 3.0,
        {"x": 0.0, "y": 0.0},
        method="migrad",
    )
    assert out.params["x"].value == pytest.approx(1.0, abs=1e-4) and out.chisqr == pytest.approx(
        3.0
    )
    assert out.ndata == 1

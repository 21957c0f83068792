"""lmfit's F-test intervals (``conf_interval``, ``conf_interval2d``) on lmfit's two documented
examples, with lmfit itself as the oracle (it is in the dev extra)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FitError
from rootfit.fitting.confidence import conf_interval, conf_interval2d, f_test_probability

lmfit = pytest.importorskip("lmfit")


def _reciprocal():
    x = np.linspace(0.3, 10, 100)
    y = 1 / (0.1 * x) + 2 + 0.1 * np.random.RandomState(0).randn(x.size)
    return x, y


def _double_exponential():
    x = np.linspace(1, 10, 250)
    y = (
        3.0 * np.exp(-x / 2)
        - 5.0 * np.exp(-(x - 0.1) / 10.0)
        + 0.1 * np.random.RandomState(0).randn(x.size)
    )
    return x, y


def _values(ci):
    return {name: np.array([v for _, v in rows]) for name, rows in ci.items()}


@pytest.fixture(scope="module")
def reciprocal():
    x, y = _reciprocal()
    theirs = lmfit.Parameters()
    theirs.add_many(("a", 0.1), ("b", 1))
    mini = lmfit.Minimizer(lambda p: 1 / (p["a"] * x) + p["b"] - y, theirs)
    lm = mini.minimize()
    ours = rf.Parameters()
    ours.add("a", 0.1)
    ours.add("b", 1.0)
    out = rf.minimize(lambda p: 1 / (p["a"].value * x) + p["b"].value - y, ours)
    return mini, lm, out


def test_reciprocal_example(reciprocal):
    mini, lm, out = reciprocal
    theirs = _values(lmfit.conf_interval(mini, lm))
    ci = conf_interval(out)
    for name, values in _values(ci).items():
        np.testing.assert_allclose(values, theirs[name], atol=1e-3 * lm.params[name].stderr)
    assert [p for p, _ in ci["a"]] == pytest.approx(
        [0.9973, 0.9545, 0.6827, 0.0, 0.6827, 0.9545, 0.9973], abs=1e-4
    )
    assert ci["a"][3][1] == out.params["a"].value


def test_reciprocal_example_2d(reciprocal):
    mini, lm, out = reciprocal
    for output, chi2_out in (("sigma", False), ("chi2", True)):
        x0, y0, g0 = lmfit.conf_interval2d(mini, lm, "a", "b", 8, 6, chi2_out=chi2_out)
        x1, y1, g1 = conf_interval2d(out, "a", "b", 8, 6, output=output)
        np.testing.assert_allclose(x1, x0, rtol=1e-6)
        np.testing.assert_allclose(y1, y0, rtol=1e-6)
        assert g1.shape == (6, 8)
        np.testing.assert_allclose(g1, g0, rtol=1e-4, atol=1e-6)
    _, _, prob = conf_interval2d(out, "a", "b", 8, 6, output="probability")
    assert np.all((prob >= 0) & (prob <= 1))


def test_double_exponential_with_trace():
    x, y = _double_exponential()
    start = (("a1", 4.0), ("a2", 4.0), ("t1", 3.0), ("t2", 3.0))
    theirs = lmfit.Parameters()
    theirs.add_many(*start)
    mini = lmfit.Minimizer(
        lambda p: p["a1"] * np.exp(-x / p["t1"]) + p["a2"] * np.exp(-(x - 0.1) / p["t2"]) - y,
        theirs,
        nan_policy="propagate",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out1 = mini.minimize(method="Nelder")
        lm = mini.minimize(method="leastsq", params=out1.params)
        ci_lm, trace_lm = lmfit.conf_interval(mini, lm, sigmas=[1, 2], trace=True)

    ours = rf.Parameters()
    for name, value in start:
        ours.add(name, value)

    def residual(p):
        v = p.valuesdict()
        return v["a1"] * np.exp(-x / v["t1"]) + v["a2"] * np.exp(-(x - 0.1) / v["t2"]) - y

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        first = rf.minimize(residual, ours, method="nelder")
        out = rf.minimize(residual, first.params)
        ci, trace = conf_interval(out, sigmas=[1, 2], trace=True)
    theirs_values = _values(ci_lm)
    for name, values in _values(ci).items():
        np.testing.assert_allclose(values, theirs_values[name], atol=1e-3 * lm.params[name].stderr)
    assert set(trace) == set(trace_lm) == {"a1", "a2", "t1", "t2"}
    assert set(trace["a1"]) == {"a1", "a2", "t1", "t2", "prob"}
    t = trace["t2"]
    assert np.all((t["prob"] >= 0) & (t["prob"] < 1)) and len(t["prob"]) > 5
    # the trace is a profile: at the bracketing points the other parameters moved
    assert np.ptp(t["a2"]) > 0


def test_f_test_and_bad_input():
    assert f_test_probability(10.0, 10.0, 20) == 0.0
    # F = (12/10 - 1)·20/1 = 4 on (1, 20) degrees of freedom
    assert f_test_probability(12.0, 10.0, 20) == pytest.approx(0.940734, abs=1e-6)
    with pytest.raises(rf.errors.FitOptionError, match=r"rootfit\.minimize or rootfit\.fit"):
        conf_interval("not a result")
    one = rf.Parameters()
    one.add("a", 1.0)
    single = rf.minimize(lambda p: np.array([1.0, 2.0, 3.0]) - p["a"].value, one)
    with pytest.raises(FitError, match="two varied"):
        conf_interval(single)

"""Unbinned likelihood fits of events: plain, extended, normalised, weighted, several ranges,
2-D — against ROOT 6.40's ``ROOT::Fit::Fitter`` (root_engine.json), closed forms and toys."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest
from conftest import load_reference

import rootfit as rf
from rootfit.costs import UnbinnedNLL
from rootfit.costs.normalization import RangeIntegral
from rootfit.errors import DataError, FitError, FitOptionError, FitWarning
from rootfit.fitdata import DataRange, UnBinData
from rootfit.fitter.parameters import ParameterSettings

ENGINE = load_reference("root_engine.json")
INPUTS = ENGINE["unbinned_inputs"]
CASES = {c["id"]: c for c in ENGINE["unbinned"]}


def _data(case: dict) -> UnBinData:
    events = np.array(INPUTS[case["sample"]])
    data_range = DataRange()
    for axis, lo, hi in case["ranges"]:
        data_range = data_range.add_range(axis, lo, hi)
    weights = np.array(INPUTS["weights"]) if case["weight_correction"] else None
    return UnBinData(events, weights, range=data_range)


def _settings(cost, case, names):
    start = dict(zip(names, case["start"], strict=True))
    return [
        ParameterSettings(n, float(start[n]), max(0.3 * abs(start[n]), 0.3))
        for n in cost.parameter_names
    ]


@pytest.mark.parametrize("case_id", list(CASES))
def test_unbinned_fit_agrees_with_root(case_id):
    case = CASES[case_id]
    ref = case["root"]
    data = _data(case)
    assert data.size == ref["n_events"]
    model = rf.Function(case["formula"])
    assert list(model.parameter_names) == ref["names"]
    cost = UnbinnedNLL(data, model, extended=case["extended"])
    options = rf.MinimizerOptions(minimizer_type=case["minimizer_type"])
    r = rf.Fitter(options).fit(
        cost, _settings(cost, case, ref["names"]), weight_correction=case["weight_correction"]
    )
    assert (r.status, r.cov_status, r.valid, r.ndf, r.chi2) == (
        ref["status"],
        ref["cov_status"],
        ref["valid"],
        ref["ndf"],
        -1.0,
    )
    assert r.min_fcn == pytest.approx(ref["min_fcn"], abs=1e-5)
    for got, want, err in zip(r.values.to_numpy(), ref["values"], r.errors.to_numpy(), strict=True):
        assert abs(got - want) <= max(2e-3 * err, 1e-5 * abs(want))
    np.testing.assert_allclose(r.errors.to_numpy(), ref["errors"], rtol=2e-3)


def test_v12_analytic_maximum_likelihood():
    """Spec V12: the plain fit of D is the sample mean and the (biased) sample width."""
    d = np.array(INPUTS["D"])
    f = rf.Function("ROOT::Math::normal_pdf(x,[sigma],[mean])")
    f.set_parameters(0.0, 1.0)
    r = rf.fit(d, f, "B", normalize=False)
    assert r.values["mean"] == pytest.approx(d.mean(), abs=2e-4)
    assert r.values["sigma"] == pytest.approx(d.std(), abs=5e-4)
    assert r.chi2 == -1.0 and r.ndf == 18


def test_pythonic_fits_of_event_arrays():
    x = np.random.default_rng(7).normal(0.3, 1.1, 4000)
    shape = rf.fit(x, "gaus")  # normalised: Constant cancels and is fixed
    assert shape.valid and shape.fixed[0] and shape.errors["Constant"] == 0
    assert shape.values["Mean"] == pytest.approx(x.mean(), abs=1e-3)
    assert shape.values["Sigma"] == pytest.approx(x.std(), abs=1e-3)
    counted = rf.fit(x, "gausn", extended=True, range=(-6, 7))
    assert counted.values["Constant"] == pytest.approx(4000, rel=1e-4)
    assert counted.errors["Constant"] == pytest.approx(np.sqrt(4000), rel=1e-3)
    data = UnBinData(x, range=(-1, 2))
    window = rf.fit(data, "gaus")
    assert window.valid and abs(window.values["Mean"] - 0.3) < 0.1
    assert rf.fit(x, "gaus", range=(-1, 2)).values == window.values


def test_normalised_shape_with_several_ranges():
    rng = np.random.default_rng(11)
    y = rng.exponential(2.0, 20000)
    both = rf.fit(y, "expo", range=[(0.0, 1.0), (2.0, 6.0)])
    assert both.fixed[0] and both.valid
    assert both.values["Slope"] == pytest.approx(-0.5, abs=3 * both.errors["Slope"])
    cost = UnbinnedNLL(y, rf.Function("expo"), normalize=True, range=[(0.0, 1.0), (2.0, 6.0)])
    assert cost.data.size == int(np.sum((y <= 1.0) | ((y >= 2.0) & (y <= 6.0))))


def test_extended_needs_a_range_for_functions_not_vanishing_at_infinity():
    x = np.random.default_rng(1).uniform(0, 1, 100)
    with pytest.raises(FitError, match="not zero at"):
        UnbinnedNLL(x, rf.Function("pol0"), extended=True)
    with pytest.raises(FitOptionError, match="extended fit needs"):
        rf.fit(x, "gausn", extended=True, normalize=True)
    with pytest.raises(FitOptionError, match="apply to unbinned"):
        rf.fit(rf.Histogram(10, 0, 1), "gaus", extended=True)
    with pytest.raises(FitOptionError, match="binned data only"):
        rf.fit(x, "gaus", "I")
    with pytest.raises(DataError, match="no events inside"):
        rf.fit(x, "gaus", range=(5, 6))


def test_weighted_events_need_option_w_for_their_errors():
    x = np.array(INPUTS["weighted"])
    w = np.array(INPUTS["weights"])
    data = UnBinData(x, w)
    f = rf.Function("ROOT::Math::normal_pdf(x,[sigma],[mean])")
    f.set_parameters(0.0, 1.0)
    with pytest.warns(FitWarning, match="option 'W'"):
        plain = rf.fit(data, f, "B", normalize=False)
    corrected = rf.fit(data, f, "BW", normalize=False)
    ref = CASES["weighted-corrected"]["root"]
    np.testing.assert_allclose(corrected.values.to_numpy(), ref["values"], rtol=1e-4)
    np.testing.assert_allclose(corrected.errors.to_numpy(), ref["errors"], rtol=2e-3)
    np.testing.assert_allclose(plain.values.to_numpy(), corrected.values.to_numpy(), rtol=1e-5)
    assert not np.allclose(plain.errors.to_numpy(), corrected.errors.to_numpy(), rtol=1e-2)


def test_range_integral_rules():
    f = rf.Function("gaus").model
    p = np.array([2.0, 0.3, 0.7])
    closed = RangeIntegral(f, DataRange.from_user([(-1, 0), (0.5, 2)], 1))
    generic = RangeIntegral(rf.Function("[c]*exp(-0.5*((x-[m])/[s])^2)").model, closed.data_range)
    assert closed(p) == pytest.approx(generic(p), rel=1e-12)
    infinite = RangeIntegral(f, DataRange())
    assert infinite(p) == pytest.approx(2.0 * 0.7 * np.sqrt(2 * np.pi), rel=1e-12)
    eps = 1e-6
    numeric = [(generic(p + eps * e) - generic(p - eps * e)) / (2 * eps) for e in np.eye(3)]
    np.testing.assert_allclose(generic.gradient(p), numeric, rtol=1e-7)
    xy = RangeIntegral(rf.Function("xygaus").model, DataRange.from_user([(-1, 1), (-2, 2)], 2))
    q = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    from scipy.special import erf

    assert xy(q) == pytest.approx(2 * np.pi * erf(1 / np.sqrt(2)) * erf(2 / np.sqrt(2)), rel=1e-9)


def test_unbinned_costs_pickle_and_give_the_same_value():
    x = np.random.default_rng(3).normal(size=300)
    cost = UnbinnedNLL(x, rf.Function("gausn"), extended=True, range=[(-3, -0.5), (0, 3)])
    again = pickle.loads(pickle.dumps(cost))
    p = np.array([250.0, 0.1, 0.9])
    assert again(p) == cost(p)
    np.testing.assert_array_equal(again.gradient(p), cost.gradient(p))
    data = UnBinData(x, np.ones(300), range=(-2, 2))
    assert pickle.loads(pickle.dumps(data)).range == data.range


def test_unbinned_gradient_and_fumili_terms():
    x = np.random.default_rng(4).normal(0.2, 0.8, 500)
    for kwargs in ({}, {"normalize": True, "range": (-2, 3)}, {"extended": True, "range": (-2, 3)}):
        model = (
            rf.Function("gausn")
            if kwargs.get("extended")
            else rf.Function("ROOT::Math::normal_pdf(x,[s],[m])")
        )
        if kwargs.get("normalize"):
            model = rf.Function("exp(-0.5*((x-[m])/[s])^2)")
        cost = UnbinnedNLL(x, model, **kwargs)
        p = np.array([450.0, 0.1, 0.9]) if kwargs.get("extended") else np.array([0.1, 0.9])
        eps = 1e-6
        numeric = [(cost(p + eps * e) - cost(p - eps * e)) / (2 * eps) for e in np.eye(p.size)]
        np.testing.assert_allclose(cost.gradient(p), numeric, rtol=1e-6, atol=1e-6)
        value, g, h = cost.gauss_newton(p)
        assert value == pytest.approx(cost(p), rel=1e-12)
        np.testing.assert_allclose(g, cost.gradient(p), rtol=1e-10)
        assert np.all(np.linalg.eigvalsh(h) > 0)


def _pulls(mode: str, toys: int) -> np.ndarray:
    """Pulls of the fitted mean over seeded toys of ``mode``."""
    rng = np.random.default_rng({"plain": 1, "extended": 2, "weighted": 3}[mode])
    pulls = []
    for _ in range(toys):
        n = rng.poisson(400)
        x = rng.normal(0.0, 1.0, n)
        if mode == "weighted":
            w = rng.uniform(0.5, 1.5, n)
            data = UnBinData(x, w)
            f = rf.Function("ROOT::Math::normal_pdf(x,[s],[m])")
            f.set_parameters(0.0, 1.0)  # (m, s): named parameters are in ASCII order
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FitWarning)
                r = rf.fit(data, f, "BW", normalize=False)
        elif mode == "extended":
            f = rf.Function("gausn")
            f.set_parameters(400.0, 0.0, 1.0)
            r = rf.fit(x, f, "B", extended=True, range=(-6, 6))
        else:
            r = rf.fit(x, "gaus")
        assert r.valid
        mean_name = "m" if mode == "weighted" else "Mean"
        pulls.append(r.values[mean_name] / r.errors[mean_name])
    return np.array(pulls)


@pytest.mark.parametrize("mode", ["plain", "extended", "weighted"])
def test_toy_pulls_are_standard_normal(mode):
    """Seeded toys: pulls have mean ≈ 0 and width ≈ 1 (120 toys; 3σ bands of the study)."""
    pulls = _pulls(mode, 120)
    assert abs(pulls.mean()) < 0.3 and 0.8 < pulls.std() < 1.2


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["plain", "extended", "weighted"])
def test_toy_pulls_are_standard_normal_large_study(mode):
    """2000 toys: mean within 0.07 of 0 and width within 0.05 of 1 (3σ of the study)."""
    pulls = _pulls(mode, 2000)
    assert abs(pulls.mean()) < 0.07 and abs(pulls.std() - 1.0) < 0.05


def test_option_g_uses_the_unbinned_analytic_gradient():
    x = np.random.default_rng(2).normal(0.3, 1.0, 3000)
    plain, with_gradient = rf.fit(x, "gaus"), rf.fit(x, "gaus", "G")
    assert with_gradient.valid
    np.testing.assert_allclose(with_gradient.values.to_numpy(), plain.values.to_numpy(), rtol=1e-5)
    np.testing.assert_allclose(with_gradient.errors.to_numpy(), plain.errors.to_numpy(), rtol=1e-3)


def test_a_million_events_are_minimised_with_an_offset_and_reported_without():
    x = np.random.default_rng(12).normal(0.5, 1.0, 1_000_000)
    cost = rf.UnbinnedNLL(x, rf.Function("gausn"), extended=True, range=(-5, 6))
    assert cost.offset_values and not rf.UnbinnedNLL(x[:1000], rf.Function("gausn")).offset_values
    r = rf.Fitter().fit(cost, [9e5, 0.4, 1.1], store_trace=True)
    assert r.valid and r.edm < 1e-4
    assert r.min_fcn == pytest.approx(cost(r.values.to_numpy()), rel=1e-13)  # not offset
    assert r.trace.statistic[0] == pytest.approx(cost([9e5, 0.4, 1.1]), rel=1e-13)
    assert r.values["Constant"] == pytest.approx(x[(x > -5) & (x < 6)].size, rel=1e-4)

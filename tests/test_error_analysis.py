"""Trace, diagnostics, the χ²/ndf scaling switch, constraints, and errors under weights and
limits."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest

import rootfit as rf
from rootfit.costs import Chi2, GaussianConstraint, PoissonLikelihood
from rootfit.costs.tracing import TracedCost
from rootfit.errors import FitOptionError, FitWarning
from rootfit.fitdata import BinData
from rootfit.intervals import confidence_band, covar, minos, profile_interval


def _gaussian_histogram(seed: int = 1, n: int = 1000, weights: bool = False) -> rf.Histogram:
    rng = np.random.default_rng(seed)
    h = rf.Histogram(40, -4, 4)
    x = rng.normal(0.3, 1.1, n)
    if weights:
        h.fill(x, weights=rng.uniform(0.5, 1.5, n))
    else:
        h.fill(x)
    return h


# ------------------------------------------------------------------------------ trace
@pytest.mark.parametrize("minimizer", ["Minuit2", "Fumili2", "Minuit"])
def test_store_trace_records_every_evaluation(minimizer):
    h = _gaussian_histogram()
    r = rf.fit(
        h, "gaus", "L", store_trace=True, minimizer=rf.MinimizerOptions(minimizer_type=minimizer)
    )
    t = r.trace
    assert t.parameters.shape == (len(t), 3) and len(t) >= r.ncalls > 0
    assert t.parameter_names == r.parameter_names
    # the statistic recorded is the cost at the recorded point
    k = len(t) // 2
    assert t.statistic[k] == pytest.approx(r.cost(t.parameters[k]), rel=1e-12)
    assert t.statistic.min() == pytest.approx(r.min_fcn, abs=1e-4)
    np.testing.assert_array_equal(t["Mean"], t.parameters[:, 1])
    assert rf.fit(h, "gaus", "L").trace is None
    assert pickle.loads(pickle.dumps(r)).trace == t


def test_traced_cost_keeps_the_protocol():
    data = BinData(np.arange(5.0), [1.1, 2.9, 5.2, 7.1, 8.8], errors=np.full(5, 0.2))
    cost = Chi2(data, rf.Function("pol1"))
    traced = TracedCost(cost)
    assert traced.errordef == 1.0 and traced.ndata == 5 and traced.linear
    assert traced.has_gradient and callable(traced.least_squares_targets)
    r = rf.Fitter().fit(cost, [0.0, 1.0], store_trace=True)
    assert r.cost is cost and len(r.trace) > 0


# ------------------------------------------------------------------------------ diagnose
def test_diagnose_a_good_fit():
    r = rf.fit(_gaussian_histogram(), "gaus", "LE")
    d = r.diagnose()
    assert d.ok, str(d)
    assert {f.check for f in d} >= {
        "convergence",
        "edm",
        "covariance",
        "asymmetry",
        "goodness of fit",
    }
    assert "[ok] convergence" in str(d)


def test_diagnose_finds_problems():
    x = np.linspace(100, 101, 10)
    g = rf.Graph(x, 2 * x + 1 + 0.01 * np.cos(9 * x), yerr=np.full(10, 0.1))
    d = rf.fit(g, "pol1").diagnose()
    assert not d.ok
    assert not d["correlations"].ok and "p0–p1" in d["correlations"].message
    assert not d["goodness of fit"].ok and "suspiciously good" in d["goodness of fit"].message
    # a parameter pushed against its limit, and an invalid fit
    h = _gaussian_histogram()
    f = rf.Function("gaus")
    f.set_parameters(100.0, 0.3, 1.0)
    f.set_limits("Sigma", 0.5, 1.0)  # the free fit gives 1.038
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        near = rf.fit(h, f, "B")
        stuck = rf.fit(h, "gaus", minimizer=rf.MinimizerOptions(max_function_calls=10))
    limits = near.diagnose()["limits"]
    assert not limits.ok and "Sigma" in limits.message and "Minos" in limits.advice
    bad = stuck.diagnose()
    assert not bad["convergence"].ok and "start values" in bad["convergence"].advice
    with pytest.raises(KeyError, match="checks"):
        bad["nothing"]


def test_diagnose_minos_asymmetry():
    h = rf.Histogram(10, 0, 10)
    h.set_values([0, 1, 0, 0, 2, 0, 0, 0, 0, 0])  # 3 counts: μ = 0.3 per bin, Poisson-skewed
    r = rf.fit(h, "pol0", "LE")
    a = r.diagnose()["asymmetry"]
    assert not a.ok and "Minos" in a.advice


# --------------------------------------------------------------------- χ²/ndf scaling
def test_one_switch_scales_parameters_and_bands_alike():
    x = np.arange(8.0)
    y = 1 + 0.5 * x + np.array([0.3, -0.2, 0.1, 0.4, -0.5, 0.2, -0.1, 0.0])
    with_errors = rf.Graph(x, y, yerr=np.full(8, 0.1))
    plain = rf.fit(with_errors, "pol1")
    scaled = rf.fit(with_errors, "pol1", scale_errors=True)
    factor = np.sqrt(plain.chi2 / plain.ndf)
    assert scaled.normalized_errors and not plain.normalized_errors
    np.testing.assert_allclose(scaled.errors.to_numpy(), factor * plain.errors.to_numpy())
    np.testing.assert_allclose(
        confidence_band(scaled, [2.0, 9.0]).error, factor * confidence_band(plain, [2.0, 9.0]).error
    )
    # norm=True is ROOT's way to the same band, through Student's t
    t_band = confidence_band(plain, [2.0], norm=True)
    assert t_band.error[0] > confidence_band(scaled, [2.0]).error[0]
    no_errors = rf.Graph(x, y)
    assert rf.fit(no_errors, "pol1").normalized_errors  # ROOT's rule
    assert not rf.fit(no_errors, "pol1", scale_errors=False).normalized_errors
    with pytest.raises(FitOptionError, match="least-squares"):
        rf.fit(_gaussian_histogram(), "gaus", "L", scale_errors=True)
    h = _gaussian_histogram()
    assert h.fit("gaus", "Q", scale_errors=True).normalized_errors


# ------------------------------------------------------------------ constraints (priors)
def test_gaussian_constraints_pull_and_shrink():
    h = _gaussian_histogram(n=300)
    problem = rf.prepare_fit(h, "gaus", "L")
    free = rf.Fitter().fit(problem.cost, problem.settings)
    prior = GaussianConstraint(
        ["Mean", "Sigma"], [0.0, 1.0], covariance=[[0.01, 0.0], [0.0, 0.0025]]
    )
    constrained = rf.Fitter().fit(problem.cost + prior, problem.settings)
    assert abs(constrained.values["Mean"]) < abs(free.values["Mean"])
    assert constrained.errors["Sigma"] < free.errors["Sigma"]
    # in the sum each term is divided by its errordef: 2·NLL + χ², errordef 1
    total = problem.cost + prior
    p = constrained.values.to_numpy()
    assert total.errordef == 1.0
    assert total(p) == pytest.approx(2 * problem.cost(p) + prior(p[1:]))
    band = confidence_band(constrained.replaced(model=problem.model), [0.0])
    assert band.error[0] > 0


# ----------------------------------------------------------------- weights and limits
def test_weighted_likelihood_errors_and_profile_tools_warn():
    h = _gaussian_histogram(weights=True)
    with pytest.warns(FitWarning, match="Minos errors cannot be computed"):
        r = rf.fit(h, "gaus", "WLE")
    assert r.minos == {}
    plain = rf.fit(h, "gaus", "L")
    assert r.errors["Mean"] != pytest.approx(plain.errors["Mean"], rel=1e-3)
    # covariance-based tools use the corrected covariance
    assert covar(r, ["Mean"])["Mean"][1] == pytest.approx(r.errors["Mean"])
    assert confidence_band(r, [0.3]).error[0] > 0
    # profile-based tools follow the uncorrected likelihood, and say so
    with pytest.warns(FitWarning, match="uncorrected likelihood"):
        minos(r, ["Mean"])
    with pytest.warns(FitWarning, match="uncorrected likelihood"):
        profile_interval(r, "Mean")


def test_minos_at_a_limit_is_flagged_and_truncated():
    h = rf.Histogram(10, 0, 10)
    h.set_values([5, 3, 2, 2, 1, 0, 1, 0, 0, 1])
    f = rf.Function("[0]*exp(-x/[1])")
    f.set_parameters(5.0, 3.0)
    f.set_limits(1, 2.5, 10.0)
    r = rf.fit(h, f, "LB")
    m = minos(r, [1], sigma=2)["p1"]
    assert m.at_limit and m.status_bits & 16
    assert r.values["p1"] + m.lower == pytest.approx(2.5, abs=1e-3) or not m.lower_valid
    lo, _ = profile_interval(r, "p1", sigma=2)
    assert lo == pytest.approx(2.5)


def test_cost_simulation_for_the_bootstrap():
    rng = np.random.default_rng(0)
    data = BinData(np.arange(5.0), [10.0, 12, 9, 11, 10])
    cost = PoissonLikelihood(data, rf.Function("pol0"))
    replica = cost.simulated([10.0], rng)
    assert type(replica) is PoissonLikelihood and replica.data.values.tolist() != [
        10,
        12,
        9,
        11,
        10,
    ]
    assert np.all(replica.data.values == np.round(replica.data.values))
    assert cost.data.values.tolist() == [10.0, 12, 9, 11, 10]  # the original is untouched

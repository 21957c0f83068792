"""The cost protocol: costs add (shared parameters, errordef scaling), constraints are costs,
the unbinned NLL, user objectives; backends refuse what they cannot minimise before running."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import approx_fprime

import rootfit as rf
from rootfit.costs import CallableCost, CostSum, FitType, GaussianConstraint, UnbinnedNLL
from rootfit.errors import FitOptionError
from rootfit.fitdata import BinData
from rootfit.fitter import BACKENDS, Backend, Capabilities
from rootfit.fitter.backends.linear import LinearSolver


def _gaus_sets(seed=4):
    rng = np.random.default_rng(seed)
    x = np.linspace(-3, 3, 25)
    err = np.full(x.size, 2.0)
    sets = []
    for height in (40.0, 25.0):
        y = height * np.exp(-0.5 * ((x - 0.3) / 0.9) ** 2) + rng.normal(0, 2.0, x.size)
        sets.append(BinData(x, y, errors=err))
    return x, sets


def test_cost_sum_equals_a_hand_written_sum():
    """Two gaussian peaks sharing Mean and Sigma, each with its own Constant."""
    x, (a, b) = _gaus_sets()
    gaus = rf.Function("gaus")
    total = CostSum(rf.Chi2(a, gaus), rf.Chi2(b, gaus), rename=[None, {"Constant": "Constant2"}])
    assert total.parameter_names == ("Constant", "Mean", "Sigma", "Constant2")
    assert total.ndata == 50 and total.errordef == 1.0 and total.fit_type is FitType.LEAST_SQUARES

    def by_hand(p):
        c1, mu, s, c2 = p
        shape = np.exp(-0.5 * ((x - mu) / s) ** 2)
        return np.sum(((a.values - c1 * shape) / 2.0) ** 2) + np.sum(
            ((b.values - c2 * shape) / 2.0) ** 2
        )

    manual = CallableCost(by_hand, total.parameter_names, ndata=50, fit_type=FitType.LEAST_SQUARES)
    start = [35.0, 0.0, 1.0, 20.0]
    joint, reference = rf.Fitter().fit(total, start), rf.Fitter().fit(manual, start)
    assert joint.valid and reference.valid
    np.testing.assert_allclose(joint.values.to_numpy(), reference.values.to_numpy(), rtol=1e-6)
    np.testing.assert_allclose(joint.errors.to_numpy(), reference.errors.to_numpy(), rtol=1e-4)
    assert joint.chi2 == pytest.approx(reference.chi2, rel=1e-10)
    assert joint.ndf == 46
    p = np.array([38.0, 0.2, 1.1, 22.0])
    assert total(p) == pytest.approx(by_hand(p), rel=1e-13)
    numeric = approx_fprime(p, total, 1e-7 * np.abs(p))
    np.testing.assert_allclose(total.gradient(p), numeric, rtol=1e-4)


def test_likelihood_terms_count_twice_and_costs_add_with_plus():
    x = np.arange(0.5, 10)
    counts = np.array([3.0, 5, 4, 6, 2, 4, 7, 3, 5, 6])
    poisson = rf.PoissonLikelihood(BinData(x, counts), rf.Function("pol0"))
    chi2 = rf.Chi2(BinData(x, counts + 1.0, errors=np.full(10, 2.0)), rf.Function("pol0"))
    constraint = GaussianConstraint("p0", [4.0], [1.0])
    total = poisson + chi2 + constraint
    assert isinstance(total, CostSum) and len(total.terms) == 3  # flattened
    assert sum([poisson, chi2]).parameter_names == ("p0",)
    p = np.array([4.3])
    assert total(p) == pytest.approx(2 * poisson(p) + chi2(p) + constraint(p), rel=1e-14)
    assert total.fit_type is FitType.GENERIC and total.reported_chi2(3.0) == 3.0


def test_a_gaussian_constraint_gives_the_weighted_mean():
    """pol0 on points with error σ plus a constraint μ ± τ: the weighted mean, exactly."""
    y, sigma, mu, tau = np.array([1.0, 2.0, 1.5, 2.5]), 0.5, 3.0, 0.4
    cost = rf.Chi2(BinData(np.arange(4.0), y, errors=np.full(4, sigma)), rf.Function("pol0"))
    r = rf.Fitter().fit(cost + GaussianConstraint(["p0"], [mu], [tau]), [1.0])
    weights = np.array([1 / sigma**2] * 4 + [1 / tau**2])
    expected = np.sum(weights * np.append(y, mu)) / weights.sum()
    assert r.values[0] == pytest.approx(expected, rel=1e-6)
    assert r.errors[0] == pytest.approx(weights.sum() ** -0.5, rel=1e-4)
    assert r.ndf == 4  # 4 points + 1 constraint - 1 parameter


def test_constraint_with_covariance_and_bad_input():
    c = GaussianConstraint(["a", "b"], [0.0, 0.0], covariance=[[1.0, 0.5], [0.5, 2.0]])
    p = np.array([0.3, -0.7])
    assert c(p) == pytest.approx(p @ np.linalg.inv(c.covariance) @ p)
    np.testing.assert_allclose(c.gradient(p), approx_fprime(p, c, 1e-7), rtol=1e-5)
    with pytest.raises(rf.errors.FitError, match="positive definite"):
        GaussianConstraint(["a", "b"], [0, 0], covariance=[[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(rf.errors.FitError, match="either"):
        GaussianConstraint(["a"], [0.0])


def test_cost_sum_rejects_unknown_renames():
    _, (a, _) = _gaus_sets()
    with pytest.raises(rf.errors.FitError, match="does not have"):
        CostSum(rf.Chi2(a, rf.Function("gaus")), rename=[{"Meen": "m"}])


def test_unbinned_gaussian_fit_is_the_sample_mean_and_width():
    events = np.random.default_rng(8).normal(1.5, 0.7, 2000)
    nll = UnbinnedNLL(events, rf.Function("ROOT::Math::normal_pdf(x, [sigma], [mu])"))
    assert nll.reported_chi2(1.0) == -1.0 and nll.errordef == 0.5
    r = rf.Fitter().fit(nll, [1.0, 1.0])
    assert r.chi2 == -1 and r.prob == 1.0
    width = np.sqrt(np.mean((events - events.mean()) ** 2))
    assert r.values["mu"] == pytest.approx(events.mean(), abs=1e-3 * r.errors["mu"])
    assert r.values["sigma"] == pytest.approx(width, abs=2e-3 * r.errors["sigma"])
    assert r.errors["mu"] == pytest.approx(width / np.sqrt(events.size), rel=1e-2)
    p = np.array([0.8, 1.4])
    np.testing.assert_allclose(nll.gradient(p), approx_fprime(p, nll, 1e-7), rtol=1e-5)


def test_unbinned_kernel_matches_its_numpy_twin():
    from rootfit.kernels import costs, reference

    f = np.array([0.5, 1e-320, 0.0, -1.0, 3.0])
    w = np.array([1.0, 2.0, 0.5, 1.0, 0.1])
    assert costs.unbinned_nll(f, w) == pytest.approx(reference.unbinned_nll(f, w), rel=1e-14)


def test_linear_backend_refuses_a_likelihood_before_running():
    calls = []

    class CountingPoisson(rf.PoissonLikelihood):
        def __call__(self, parameters):
            calls.append(1)
            return super().__call__(parameters)

    x = np.arange(0.5, 10)
    cost = CountingPoisson(BinData(x, np.arange(10.0) + 1), rf.Function("pol1"))
    linear = rf.Fitter(rf.MinimizerOptions(minimizer_type="Linear"))
    with pytest.raises(FitOptionError, match="cannot minimise a CountingPoisson"):
        linear.fit(cost, [1.0, 1.0])
    assert calls == []
    gaus = rf.Chi2(BinData(x, np.exp(-x), errors=np.ones(10)), rf.Function("gaus"))
    with pytest.raises(FitOptionError, match="not linear"):
        linear.fit(gaus, [1.0, 0.0, 1.0])
    line = rf.Chi2(BinData(x, 2 * x, errors=np.ones(10)), rf.Function("pol1"))
    with pytest.raises(FitOptionError, match="Minos"):
        linear.fit(line, [0.0, 1.0], minos=True)
    with pytest.raises(FitOptionError, match="Hesse"):
        linear.fit(line, [0.0, 1.0], hesse=True)


def test_registry_is_immutable_and_extensible():
    with pytest.raises(TypeError):
        BACKENDS.entries[("Mine", None)] = "x:y"  # type: ignore[index]

    class EchoLinear(LinearSolver):
        name = "Echo"

    registry = BACKENDS.with_backend("Echo", EchoLinear)
    assert "Echo" in registry.types and "Echo" not in BACKENDS.types
    x = np.arange(5.0)
    cost = rf.Chi2(BinData(x, 1 + 2 * x, errors=np.ones(5)), rf.Function("pol1"))
    r = rf.Fitter(rf.MinimizerOptions(minimizer_type="Echo"), backends=registry).fit(cost)
    np.testing.assert_allclose(r.values.to_numpy(), [1.0, 2.0], atol=1e-12)
    with pytest.raises(FitOptionError, match="not supported yet; available: Minuit2, Minuit, "):
        rf.Fitter(rf.MinimizerOptions(minimizer_type="Hooke-Jeeves"))


def test_backend_capabilities_are_declared():
    minuit = BACKENDS.get(rf.MinimizerOptions())
    linear = BACKENDS.get(rf.MinimizerOptions(minimizer_type="Linear"))
    robust = BACKENDS.get(rf.MinimizerOptions(minimizer_type="Linear", algorithm="Robust"))
    assert isinstance(minuit, Backend) and minuit.capabilities == Capabilities()
    assert linear.capabilities.linear_least_squares_only and not linear.capabilities.minos
    assert not robust.capabilities.covariance


def test_fitter_takes_a_function_state_or_the_cost_defaults():
    x = np.linspace(0, 4, 9)
    cost = rf.Chi2(BinData(x, 3 * np.exp(-0.5 * x), errors=np.full(9, 0.05)), rf.Function("expo"))
    f = rf.Function("expo")
    f.set_parameters(1.0, -0.4)
    f.set_limits("Slope", -1.0, 0.0)
    r = rf.Fitter().fit(cost, f)
    assert r.bounds[1] == (-1.0, 0.0) and r.values["Slope"] == pytest.approx(-0.5, abs=1e-3)
    assert rf.Fitter().fit(cost, f.state) == r
    with pytest.raises(rf.errors.FitError, match="give start values"):
        rf.Fitter().fit(CallableCost(lambda p: p[0] ** 2, ["a"]))

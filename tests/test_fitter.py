"""Fitter and costs against closed forms and independent oracles (numpy, scipy, iminuit)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

import rootfit as rf
from rootfit.errors import FitError, FitOptionError, FitWarning, LimitWarning
from rootfit.fitdata import BinData
from rootfit.fitter import ParameterSettings


def line_data(n=30, seed=3):
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 10, n)
    err = rng.uniform(0.2, 0.6, n)
    y = 1.5 + 0.8 * x - 0.05 * x**2 + rng.normal(0, err)
    return x, y, err


def test_linear_fitter_equals_weighted_least_squares_closed_form():
    x, y, err = line_data()
    data = BinData(x, y, errors=err)
    cost = rf.Chi2(data, rf.Function("pol2"))
    r = rf.Fitter(rf.MinimizerOptions(minimizer_type="Linear")).fit(cost)
    A = np.vander(x, 3, increasing=True) / err[:, None]
    beta, *_ = np.linalg.lstsq(A, y / err, rcond=None)
    cov = np.linalg.inv(A.T @ A)
    np.testing.assert_allclose(r.values.to_numpy(), beta, rtol=1e-10)
    np.testing.assert_allclose(r.covariance, cov, rtol=1e-10)
    assert r.chi2 == pytest.approx(
        np.sum(((y - np.vander(x, 3, increasing=True) @ beta) / err) ** 2)
    )
    assert r.ncalls == 1 and r.minimizer == "Linear / Migrad"


def test_minuit_agrees_with_linear_fitter_and_scipy():
    x, y, err = line_data()
    cost = rf.Chi2(BinData(x, y, errors=err), rf.Function("pol2"))
    lin = rf.Fitter(rf.MinimizerOptions(minimizer_type="Linear")).fit(cost)
    mig = rf.Fitter().fit(cost, [1.0, 1.0, 0.0])
    popt, pcov = optimize.curve_fit(
        lambda t, a, b, c: a + b * t + c * t * t, x, y, sigma=err, absolute_sigma=True
    )
    np.testing.assert_allclose(mig.values.to_numpy(), lin.values.to_numpy(), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(mig.values.to_numpy(), popt, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(mig.errors.to_numpy(), np.sqrt(np.diag(pcov)), rtol=1e-3)


def test_fixed_parameter_in_linear_and_minuit_paths():
    x, y, err = line_data()
    f = rf.Function("pol2")
    f.fix(2, -0.05)
    h = rf.Graph(x, y, yerr=err)
    r_lin = h.fit(f, "Q")
    g = rf.Function("pol2")
    g.fix(2, -0.05)
    r_min = h.fit(g, "QF")
    assert r_lin.minimizer.startswith("Linear") and r_min.minimizer.startswith("Minuit2")
    assert r_lin.values[2] == -0.05 and r_lin.errors[2] == 0.0 and r_lin.nfree == 2
    np.testing.assert_allclose(r_lin.values.to_numpy(), r_min.values.to_numpy(), rtol=1e-5)
    assert r_lin.ndf == x.size - 2


def test_poisson_likelihood_constant_model_has_closed_form():
    """For f = c the Poisson MLE is the mean count and its error sqrt(mean/n)."""
    counts = np.array([3.0, 5, 4, 0, 6, 2, 4, 7, 3, 5])
    h = rf.Histogram.from_counts(counts, np.arange(11.0))
    r = h.fit("pol0", "LQ")
    mean = counts.mean()
    error = np.sqrt(mean / counts.size)
    # Migrad stops at EDM < 1e-5: the minimum is located to a small fraction of the error
    assert abs(r.values[0] - mean) < 1e-3 * error
    assert r.errors[0] == pytest.approx(error, rel=1e-3)
    nll = np.sum(
        mean
        - counts
        + np.where(counts > 0, counts * np.log(np.where(counts > 0, counts, 1) / mean), 0)
    )
    assert r.min_fcn == pytest.approx(nll, rel=1e-6)
    assert r.chi2 == pytest.approx(2 * r.min_fcn, rel=1e-15)


def test_chi2_gaus_agrees_with_iminuit_oracle():
    from iminuit import Minuit
    from iminuit.cost import LeastSquares

    rng = np.random.default_rng(11)
    h = rf.Histogram(40, -4, 4)
    h.fill(rng.normal(0.3, 0.9, 4000))
    r = h.fit("gaus", "Q")
    keep = h.errors() > 0
    x, y, e = h.axis.centers[keep], h.values()[keep], h.errors()[keep]

    def model(t, c, mu, s):
        return c * np.exp(-0.5 * ((t - mu) / s) ** 2)

    m = Minuit(LeastSquares(x, y, e, model), c=r.values[0] * 1.1, mu=0.0, s=1.0)
    m.migrad()
    np.testing.assert_allclose(r.values.to_numpy(), np.array(m.values), rtol=1e-5)
    np.testing.assert_allclose(r.errors.to_numpy(), np.array(m.errors), rtol=2e-3)


def test_error_normalisation_for_data_without_errors():
    x, y, _ = line_data()
    r = rf.Graph(x, y).fit("pol2", "Q")
    assert r.normalized_errors
    A = np.vander(x, 3, increasing=True)
    _, res, *_ = np.linalg.lstsq(A, y, rcond=None)
    cov = np.linalg.inv(A.T @ A) * res[0] / (x.size - 3)
    np.testing.assert_allclose(r.errors.to_numpy(), np.sqrt(np.diag(cov)), rtol=1e-8)


def test_effective_variance_matches_closed_form_for_a_line():
    x = np.array([0.5, 1.5, 2.5, 3.5, 4.5])
    y = np.array([1.1, 2.0, 2.8, 4.2, 5.1])
    ex, ey = 0.3, 0.2
    r = rf.Graph(x, y, xerr=ex, yerr=ey).fit("pol1", "Q")

    def chi2(p):
        return np.sum((y - p[0] - p[1] * x) ** 2 / (ey**2 + (ex * p[1]) ** 2))

    best = optimize.minimize(
        chi2, [0.0, 1.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
    )
    assert np.all(np.abs(r.values.to_numpy() - best.x) < 1e-3 * r.errors.to_numpy())
    assert r.chi2 == pytest.approx(best.fun, rel=1e-6)


def test_call_limit_gives_invalid_result_with_warning():
    h = rf.Histogram.from_counts(
        [0, 2, 1, 0, 5, 11, 21, 30, 33, 50, 62, 52, 43, 49, 19, 13, 12, 5, 1, 0],
        np.linspace(-5, 5, 21),
    )
    with pytest.warns(FitWarning, match="did not converge"):
        r = h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(max_function_calls=20))
    assert not r.valid and r.status == 4


def test_strategy_and_simplex_options():
    h = rf.Histogram.from_counts(
        [0, 2, 1, 0, 5, 11, 21, 30, 33, 50, 62, 52, 43, 49, 19, 13, 12, 5, 1, 0],
        np.linspace(-5, 5, 21),
    )
    r2 = h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(strategy=2))
    assert r2.chi2 == pytest.approx(11.9446652, rel=1e-6)
    rs = h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(algorithm="Simplex"))
    assert rs.cov_status == -1 and rs.chi2 == pytest.approx(11.9447, rel=1e-3)
    with pytest.raises(FitOptionError, match="not supported"):
        rf.Fitter(rf.MinimizerOptions(minimizer_type="Fumili3"))
    with pytest.raises(FitOptionError, match="algorithm"):
        h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(algorithm="Nelder"))


def test_fitter_with_parameter_settings_and_limits():
    x, y, err = line_data()
    cost = rf.Chi2(BinData(x, y, errors=err), rf.Function("pol2"))
    settings = [
        ParameterSettings("p0", 1.0, 0.1),
        ParameterSettings("p1", 0.5, 0.1, lower=0.0, upper=0.6),
        ParameterSettings("p2", 0.0, 0.01),
    ]
    with pytest.warns(LimitWarning, match="'p1' ended at its limit"):
        r = rf.Fitter().fit(cost, settings)  # the data want p1 above 0.6
    assert 0.0 <= r.values[1] <= 0.6
    assert r.bounds[1] == (0.0, 0.6)
    with pytest.raises(FitError, match="impossible limits"):
        ParameterSettings("p", 0.0, 0.1, lower=1.0, upper=0.0)


def test_cost_is_usable_by_iminuit_directly():
    from iminuit import Minuit

    x, y, err = line_data()
    cost = rf.Chi2(BinData(x, y, errors=err), rf.Function("pol2"))
    m = Minuit(cost, [1.0, 1.0, 0.0])
    m.migrad()
    assert m.valid and m.errordef == 1.0


def test_costs_refuse_bad_combinations():
    data = BinData([1.0, 2.0], [1.0, 2.0], errors=[1.0, 1.0], coord_errors=[0.1, 0.1], error_type=2)
    with pytest.raises(FitError, match="EffectiveChi2"):
        rf.Chi2(data, rf.Function("pol1"))
    with pytest.raises(FitError, match="variables"):
        rf.Chi2(BinData([1.0], [1.0]), rf.Function("x*y"))

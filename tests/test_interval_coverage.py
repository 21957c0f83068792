"""Coverage with seeded toys: the 68% Minos interval and the 68% confidence band contain the
truth in 68% of the pseudo-experiments; bands of new measurements (prediction) and bootstrap
bands behave as their definitions say.

The default run uses a few hundred toys (a loose ±4σ binomial window); ``make test-slow`` runs
3000 and checks 68% ± 3%.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FitError, FitOptionError, FitWarning
from rootfit.intervals import (
    bootstrap_band,
    confidence_band,
    minos,
    model_sigma,
    parameter_gradient,
    prediction_band,
)

X = np.linspace(0.0, 4.0, 12)
TRUTH = (2.0, -0.6)  # expo: exp(p0 + p1 x)
ERR = 0.15


def _expo_graph(rng: np.random.Generator) -> rf.Graph:
    y = np.exp(TRUTH[0] + TRUTH[1] * X) + rng.normal(0.0, ERR, X.size)
    return rf.Graph(X, y, yerr=np.full(X.size, ERR))


def _minos_and_band_coverage(ntoys: int, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    truth_at = np.exp(TRUTH[0] + TRUTH[1] * 2.5)
    minos_hits = band_hits = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FitWarning)
        for _ in range(ntoys):
            r = rf.fit(_expo_graph(rng), "expo")
            m = minos(r, ["Slope"], sigma=1)["Slope"]
            slope = r.values["Slope"]
            minos_hits += slope + m.lower <= TRUTH[1] <= slope + m.upper
            band = confidence_band(r, [2.5], cl=0.6827)
            band_hits += band.lower[0] <= truth_at <= band.upper[0]
    return minos_hits / ntoys, band_hits / ntoys


def test_coverage_small():
    minos_rate, band_rate = _minos_and_band_coverage(250, 7)
    window = 4 * np.sqrt(0.6827 * 0.3173 / 250)
    assert abs(minos_rate - 0.6827) < window
    assert abs(band_rate - 0.6827) < window


@pytest.mark.slow
def test_coverage_68_percent_within_3_percent():
    minos_rate, band_rate = _minos_and_band_coverage(3000, 11)
    assert abs(minos_rate - 0.6827) < 0.03
    assert abs(band_rate - 0.6827) < 0.03


def test_likelihood_minos_coverage_on_poisson_histograms():
    rng = np.random.default_rng(5)
    hits, ntoys = 0, 150
    for _ in range(ntoys):
        h = rf.Histogram(20, -3, 3)
        h.fill(rng.normal(0.2, 1.0, 400))
        r = rf.fit(h, "gaus", "LE")
        lo, hi = r.minos["Mean"]
        hits += r.values["Mean"] + lo <= 0.2 <= r.values["Mean"] + hi
    assert abs(hits / ntoys - 0.6827) < 4 * np.sqrt(0.6827 * 0.3173 / ntoys)


def test_prediction_band_covers_new_measurements():
    rng = np.random.default_rng(3)
    hits = total = 0
    for _ in range(200):
        x = np.linspace(0, 10, 15)
        y = 1.0 + 0.5 * x + rng.normal(0, 0.4, x.size)
        r = rf.fit(rf.Graph(x, y), "pol1")  # no errors: χ²/ndf scaling, Student's t
        band = prediction_band(r, [3.0, 9.5], cl=0.9)
        new = 1.0 + 0.5 * np.array([3.0, 9.5]) + rng.normal(0, 0.4, 2)
        hits += int(np.sum((band.lower <= new) & (new <= band.upper)))
        total += 2
    assert abs(hits / total - 0.9) < 4 * np.sqrt(0.09 / total)


def test_prediction_band_with_known_noise_and_its_errors():
    r = rf.fit(rf.Graph(X, np.exp(2 - 0.6 * X), yerr=np.full(X.size, ERR)), "expo")
    with pytest.raises(FitOptionError, match="noise="):
        prediction_band(r, [1.0])
    band = prediction_band(r, [1.0, 2.0], cl=0.6827, noise=ERR)
    sigma = model_sigma(r, [1.0, 2.0])
    np.testing.assert_allclose(band.error, np.sqrt(sigma**2 + ERR**2) * 1.0000, rtol=1e-4)
    assert band.kind == "prediction"


def test_band_is_exact_for_a_straight_line():
    """For a line, gᵀCg = C00 + 2x C01 + x² C11 exactly."""
    x = np.arange(6.0)
    r = rf.fit(rf.Graph(x, 1 + 2 * x + np.array([0.1, -0.2, 0.05, 0.1, -0.1, 0.0]),
                        yerr=np.full(6, 0.2)), "pol1")  # fmt: skip
    c = r.covariance
    at = np.array([-1.0, 2.5, 7.0])
    np.testing.assert_allclose(
        model_sigma(r, at), np.sqrt(c[0, 0] + 2 * at * c[0, 1] + at**2 * c[1, 1]), rtol=1e-10
    )
    np.testing.assert_allclose(
        parameter_gradient(r, at.reshape(-1, 1)), np.column_stack([np.ones(3), at])
    )


def test_numerical_and_symbolic_gradients_agree():
    def expo(x, p):
        return np.exp(p[0] + p[1] * x[0])

    g = rf.Graph(X, np.exp(2 - 0.6 * X) * 1.01, yerr=np.full(X.size, ERR))
    symbolic = rf.fit(g, "expo")
    f = rf.Function(expo, npar=2, parameter_names=["Constant", "Slope"])
    f.set_parameters(2.0, -0.5)
    numeric = rf.fit(g, f)
    assert not numeric.model.has_symbolic_gradient and symbolic.model.has_symbolic_gradient
    same = symbolic.replaced(model=numeric.model)  # same covariance, Richardson derivatives
    np.testing.assert_allclose(
        confidence_band(same, [0.5, 3.0]).error,
        confidence_band(symbolic, [0.5, 3.0]).error,
        rtol=1e-8,
    )


def test_bootstrap_bands_agree_with_the_linear_band():
    rng = np.random.default_rng(1)
    r = rf.fit(_expo_graph(np.random.default_rng(2)), "expo")
    linear = confidence_band(r, [0.5, 3.5], cl=0.9)
    data = bootstrap_band(r, [0.5, 3.5], rng, cl=0.9, size=300)
    params = bootstrap_band(r, [0.5, 3.5], rng, cl=0.9, size=2000, method="parameters")
    for band in (data, params):
        assert band.kind == "bootstrap"
        np.testing.assert_allclose(band.error, linear.error, rtol=0.15)
        np.testing.assert_allclose(band.value, linear.value)
    again = bootstrap_band(r, [0.5, 3.5], np.random.default_rng(1), cl=0.9, size=300)
    np.testing.assert_allclose(again.lower, data.lower)  # reproducible with the same seed
    with pytest.raises(FitOptionError, match="Generator"):
        bootstrap_band(r, [1.0], 42)  # type: ignore[arg-type]


def test_poisson_bootstrap_and_unsupported_costs():
    rng = np.random.default_rng(4)
    h = rf.Histogram(20, -3, 3)
    h.fill(rng.normal(0, 1, 500))
    r = rf.fit(h, "gaus", "L")
    band = bootstrap_band(r, [0.0], rng, size=60, cl=0.6827)
    assert band.error[0] == pytest.approx(confidence_band(r, [0.0], cl=0.6827).error[0], rel=0.3)
    events = rf.fit(rng.normal(0, 1, 200), "gausn", range=(-4, 4), extended=True)
    band = bootstrap_band(events, [0.0], rng, size=60, cl=0.6827)  # events drawn from the model
    expected = confidence_band(events, [0.0], cl=0.6827).error[0]
    assert band.error[0] == pytest.approx(expected, rel=0.3)
    g = rf.Graph([1.0, 2, 3, 4], [1.0, 2, 2.5, 4.5], xerr=[0.1] * 4, yerr=[0.2] * 4)
    with pytest.raises(FitError, match="method='parameters'"):
        bootstrap_band(rf.fit(g, "pol1"), [0.0], rng, size=5)


def test_norm_on_normalized_errors_warns_and_band_without_model_fails():
    r = rf.fit(rf.Graph(X, np.exp(2 - 0.6 * X) + 0.01 * np.sin(7 * X)), "expo")
    assert r.normalized_errors
    with pytest.warns(FitWarning, match="already scaled"):
        confidence_band(r, [1.0], norm=True)
    with pytest.raises(FitOptionError, match="probability"):
        confidence_band(r, [1.0], cl=95)
    with pytest.raises(rf.errors.FunctionError, match="shape"):
        confidence_band(r, [[1.0, 2.0]])

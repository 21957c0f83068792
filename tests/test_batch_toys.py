"""Toy studies: pulls of unbiased fits are standard normal; the same on every executor."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FitError


def gaussian_histogram(seed: int = 1, n: int = 4000) -> rf.Histogram:
    h = rf.Histogram(40, -4, 4)
    h.fill(np.random.default_rng(seed).normal(0.2, 1.1, n))
    return h


def assert_standard_pulls(study, tolerance_mean=0.25, tolerance_width=0.2):
    for name, (mean, width) in study.pull_summary().items():
        assert abs(mean) < tolerance_mean, (name, mean)
        assert abs(width - 1.0) < tolerance_width, (name, width)


@pytest.mark.parametrize("option", ["L", ""])
def test_binned_toys_have_standard_pulls(option):
    r = rf.fit(gaussian_histogram(), "gaus", option)
    study = r.toys(200, np.random.default_rng(7), executor="serial")
    assert study.valid().all()
    assert_standard_pulls(study)


def test_toys_reveal_the_bias_of_pearsons_chi2():
    # Pearson's χ² (option P) widens a Gaussian fitted to a histogram with sparse tails: the
    # toys' Sigma pulls sit well above 0 where the Poisson likelihood's do not
    r = rf.fit(gaussian_histogram(), "gaus", "P")
    mean, _ = r.toys(200, np.random.default_rng(7), executor="serial").pull_summary()["Sigma"]
    assert mean > 0.4


def test_unbinned_extended_toys_draw_a_poisson_count_and_have_standard_pulls():
    x = np.random.default_rng(3).normal(0.5, 1.0, 2000)
    r = rf.fit(x, "gausn", range=(-4, 5), extended=True)
    study = r.toys(150, np.random.default_rng(8), executor="serial")
    assert_standard_pulls(study)
    counts = study.values()[:, 0]  # the fitted yield of each toy follows the Poisson count
    assert 0.8 < counts.std() / np.sqrt(2000) < 1.2


def test_constraint_toys_redraw_the_auxiliary_measurement():
    h = gaussian_histogram(2, 1000)
    cost = rf.prepare_fit(h, "gaus", "L").cost + rf.GaussianConstraint("Sigma", 1.1, 0.02)
    r = rf.Fitter().fit(cost, [h.values().max(), 0.0, 1.0])
    study = r.toys(150, np.random.default_rng(9), executor="serial")
    assert_standard_pulls(study)
    # the constraint dominates Sigma: its toys scatter by the constraint's width
    assert 0.01 < np.nanstd(study.values()[:, 2]) < 0.03


def test_a_study_is_identical_on_every_executor_and_reproducible_from_its_seeds():
    r = rf.fit(gaussian_histogram(), "gaus", "L")
    serial = r.toys(40, np.random.default_rng(11), executor="serial")
    for executor in ("processes", "threads", None):
        other = r.toys(40, np.random.default_rng(11), executor=executor)
        np.testing.assert_array_equal(other.values(), serial.values())
        np.testing.assert_array_equal(other.seeds, serial.seeds)
    table = serial.table()
    assert table.dtype.names[:4] == ("seed", "Constant", "Mean", "Sigma")
    np.testing.assert_array_equal(table["Mean_pull"], serial.pulls()[:, 1])
    frame = serial.to_pandas()
    assert list(frame["seed"]) == list(serial.seeds) and len(frame) == 40


def test_toys_refuse_what_they_cannot_draw():
    r = rf.fit(gaussian_histogram(), "gaus")
    with pytest.raises(FitError, match="Generator"):
        r.toys(5, 3)
    with pytest.raises(FitError, match="positive"):
        r.toys(0, np.random.default_rng(1))
    g = rf.Graph([1.0, 2, 3, 4], [1.0, 2, 2.5, 4.5], xerr=[0.1] * 4, yerr=[0.2] * 4)
    with pytest.raises(FitError, match="cannot"):
        rf.fit(g, "pol1").toys(5, np.random.default_rng(1))
    events = np.random.default_rng(1).normal(size=(500, 2))
    with pytest.raises(FitError, match="1-D"):
        rf.UnbinnedNLL(events, rf.Function("bigaus")).simulated(
            [1.0, 0.0, 1.0, 0.0, 1.0, 0.0], np.random.default_rng(1)
        )
    weighted = rf.UnBinData(events[:, 0], np.full(500, 0.5))
    with pytest.raises(FitError, match="weighted"):
        rf.UnbinnedNLL(weighted, rf.Function("gausn")).simulated(
            [1.0, 0.0, 1.0], np.random.default_rng(1)
        )

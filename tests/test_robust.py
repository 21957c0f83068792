"""Robust least-trimmed-squares fits (graph option ``ROB`` / ``ROB=0.h``)."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FitWarning
from rootfit.fitter.backends import robust

# The spec's V8 graph (§10) and ROOT 6.40's answers for it.
X = np.array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5])
Y = np.array([2.79, 2.92, 3.55, 3.37, 4.96, 5.72, 6.66, 7.19, 8.28, 8.86])
ROOT_ROB = (1.7335144928, 0.7423913043)
ROOT_ROB_08 = (1.6666666667, 0.7566666667)


def trimmed_sum(p0, p1, h):
    return np.sort((Y - p0 - p1 * X) ** 2)[:h].sum()


def test_rob_fraction_reproduces_root():
    r = rf.Graph(X, Y).fit("pol1", "ROB=0.8 Q0")
    assert r.values.to_numpy() == pytest.approx(ROOT_ROB_08, rel=1e-9)
    assert np.all(r.errors.to_numpy() == 0.0)
    assert r.minimizer == "Linear / Robust (h=0.8)"


def test_default_rob_finds_the_exact_lts_optimum():
    # ROOT's random FAST-LTS stops in a local optimum; the exhaustive search must do at
    # least as well on the trimmed objective, and the answer must be a least-squares fit of
    # h = floor((n + npar + 1)/2) = 6 points.
    r = rf.Graph(X, Y).fit("pol1", "ROB Q0")
    p0, p1 = r.values.to_numpy()
    assert r.minimizer == "Linear / Robust"
    assert trimmed_sum(p0, p1, 6) <= trimmed_sum(*ROOT_ROB, 6)
    keep = np.argsort((Y - p0 - p1 * X) ** 2)[:6]
    assert np.polyfit(X[keep], Y[keep], 1)[::-1] == pytest.approx([p0, p1], rel=1e-10)
    # brute force over all 6-point subsets as an independent oracle
    from itertools import combinations

    best = min(
        trimmed_sum(*np.polyfit(X[list(c)], Y[list(c)], 1)[::-1], 6)
        for c in combinations(range(10), 6)
    )
    assert trimmed_sum(p0, p1, 6) == pytest.approx(best, rel=1e-12)


def test_robust_fit_prints_without_errors_and_chi2_is_recomputed():
    r = rf.Graph(X, Y).fit("pol1", "ROB=0.8 Q0")
    assert "+/-" not in r.to_string()
    p0, p1 = r.values.to_numpy()
    assert r.chi2 == pytest.approx(np.sum((Y - p0 - p1 * X) ** 2), rel=1e-12)
    assert r.ndf == 8


def test_robust_is_ignored_for_non_linear_paths():
    g = rf.Graph(X, Y)
    plain = g.fit("pol1", "F Q0")
    rob = g.fit("pol1", "ROB F Q0")
    assert rob.values.to_numpy() == pytest.approx(plain.values.to_numpy(), rel=1e-8)
    assert "Robust" not in rob.minimizer


def test_small_fraction_is_raised_to_the_minimum_with_a_warning():
    with pytest.warns(FitWarning, match="fewer than"):
        r = rf.Graph(X, Y).fit("pol1", "ROB=0.3 Q0")
    default = rf.Graph(X, Y).fit("pol1", "ROB Q0")
    assert r.values.to_numpy() == pytest.approx(default.values.to_numpy(), rel=1e-12)


def test_fast_lts_matches_exhaustive_search_and_rejects_outliers(monkeypatch):
    rng = np.random.default_rng(11)
    n = 16
    x = np.linspace(0, 10, n)
    y = 2.0 + 0.5 * x + rng.normal(0, 0.1, n)
    y[[2, 7, 11]] += [6.0, -5.0, 8.0]  # gross outliers
    A = np.column_stack([np.ones(n), x])
    h = robust.trimmed_size(n, 2, 0.0)
    exhaustive = robust.best_subset(A, y, h)
    monkeypatch.setattr(robust, "_EXHAUSTIVE_LIMIT", 0)
    fast = robust.best_subset(A, y, h)
    assert set(fast) == set(exhaustive)
    assert not {2, 7, 11} & set(fast)


def test_cubic_with_outliers_like_fitLinearRobust():
    # ROOT's fitLinearRobust tutorial: a cubic with 15 % contamination, fitted with ROB=0.75.
    rng = np.random.default_rng(4)
    n = 200
    x = rng.uniform(-2, 2, n)
    y = 1 + 2 * x + 3 * x**2 + 4 * x**3 + rng.normal(0, 0.1, n)
    bad = rng.choice(n, 30, replace=False)
    y[bad] = rng.uniform(-30, 30, 30)
    g = rf.Graph(x, y)
    ordinary = g.fit("pol3", "Q0").values.to_numpy()
    rob = g.fit("pol3", "ROB=0.75 Q0").values.to_numpy()
    assert rob == pytest.approx([1, 2, 3, 4], abs=0.05)
    assert np.max(np.abs(ordinary - [1, 2, 3, 4])) > 0.2


def test_fixed_parameters_are_kept_and_outlier_rejected():
    x = np.arange(10.0) + 0.5
    y = 1.0 + 0.7 * x
    y[3] += 5.0
    f = rf.Function("pol1")
    f.fix(0, 1.0)
    r = rf.Graph(x, y).fit(f, "ROB Q0")
    assert r.values.to_numpy() == pytest.approx([1.0, 0.7], rel=1e-12)

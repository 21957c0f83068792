"""Every numba cost kernel against its plain-numpy twin."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rootfit.kernels import costs as fast
from rootfit.kernels import reference as twin

RNG = np.random.default_rng(7)
N = 257
Y = RNG.poisson(5.0, N).astype(float)
F = RNG.uniform(-0.5, 9.0, N)
F[::17] = 0.0
INV = np.where(Y > 0, 1 / np.sqrt(np.maximum(Y, 1)), 0.0)
W = RNG.uniform(0.1, 2.0, N)
EYL, EYH = RNG.uniform(0.0, 1.0, N), RNG.uniform(0.0, 1.0, N)
EX2 = RNG.uniform(0.0, 0.5, N)
EX2[::5] = 0.0
EYL[::5] = EYH[::5] = 0.0


def test_safe_log():
    v = np.array([1e-320, 0.0, -1.0, 1e-300, 1.0, 5.0])
    np.testing.assert_allclose([fast.safe_log(x) for x in v], twin.safe_log(v), rtol=1e-15)
    assert fast.safe_log(5.0) == pytest.approx(np.log(5.0))


def test_chi2():
    assert fast.chi2(Y, INV, F) == pytest.approx(twin.chi2(Y, INV, F), rel=1e-13)
    huge = np.array([1e300, 0.0])
    assert np.isfinite(fast.chi2(huge, np.ones(2), np.zeros(2)))
    assert fast.chi2(huge, np.ones(2), np.zeros(2)) == twin.chi2(huge, np.ones(2), np.zeros(2))


def test_pearson():
    assert fast.pearson_chi2(Y, W, F) == pytest.approx(twin.pearson_chi2(Y, W, F), rel=1e-13)


@pytest.mark.parametrize("extended", [True, False])
def test_poisson(extended):
    assert fast.poisson_nll(Y, F, extended) == pytest.approx(
        twin.poisson_nll(Y, F, extended), rel=1e-13
    )


def test_poisson_is_half_baker_cousins_and_zero_at_saturation():
    y = np.array([0.0, 3.0, 10.0])
    assert fast.poisson_nll(y, y.copy(), True) == 0.0
    f = np.array([0.5, 2.0, 12.0])
    bc = 2 * np.sum(f - y + np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / f), 0))
    assert 2 * fast.poisson_nll(y, f, True) == pytest.approx(bc)


def test_effective_chi2():
    assert fast.effective_chi2(Y, F, EYL, EYH, EX2) == pytest.approx(
        twin.effective_chi2(Y, F, EYL, EYH, EX2), rel=1e-13
    )


@pytest.mark.parametrize("extended", [True, False])
def test_weighted_poisson(extended):
    assert fast.weighted_poisson_nll(Y, F, W, extended) == pytest.approx(
        twin.weighted_poisson_nll(Y, F, W, extended), rel=1e-13
    )


@pytest.mark.parametrize("storage", ["char", "short", "int", "long"])
def test_saturating_additions_match_the_twin(storage):
    from rootfit.hist.storage import STORAGES
    from rootfit.kernels.storage import add_saturating

    s = STORAGES[storage]
    rng = np.random.default_rng(7)
    cells = rng.integers(0, 4, 3000)
    steps = rng.integers(-s.maximum // 40 - 3, s.maximum // 40 + 3, 3000).astype(np.int64)
    compiled, readable = np.zeros(4, dtype=s.dtype), np.zeros(4, dtype=s.dtype)
    add_saturating(compiled, cells, steps, s.low, s.high, s.maximum)
    twin.add_saturating(readable, cells, steps, s.low, s.high, s.maximum)
    np.testing.assert_array_equal(compiled, readable)
    assert np.all(np.abs(compiled.astype(np.int64)) <= s.maximum)


def test_unbinned_nll_twin_on_random_values():
    rng = np.random.default_rng(3)
    f, w = rng.uniform(-0.5, 3.0, 200), rng.uniform(0.1, 2.0, 200)
    assert fast.unbinned_nll(f, w) == pytest.approx(twin.unbinned_nll(f, w), rel=1e-13)


def test_unbinned_nll_sum_is_compensated():
    # one large term and 10⁶ small ones: a plain running sum (np.cumsum is one) drifts by
    # many ulps, the compensated kernel stays within an ulp of the exact sum
    rng = np.random.default_rng(5)
    f = rng.uniform(0.2, 0.5, 1_000_001)
    w = np.ones(f.size)
    w[0] = 1e9
    terms = -w * np.log(f)
    exact = math.fsum(terms.tolist())
    plain = float(np.cumsum(terms)[-1])
    fast_sum = fast.unbinned_nll(f, w)
    assert abs(fast_sum - exact) <= 2 * np.spacing(exact) < abs(plain - exact)
    assert fast_sum == twin.unbinned_nll(f, w)

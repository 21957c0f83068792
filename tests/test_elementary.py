"""The vectorisable exp and log (rootfit.kernels.elementary) against their twins, the C
library's math.exp and math.log: within one unit in the last place everywhere, equal on
every special value."""

from __future__ import annotations

import math

import numba
import numpy as np
import pytest

from rootfit.kernels import elementary


def _looped(function):
    """``function`` applied to every element of an array in a compiled loop (as the fused
    kernels call it, so that the loop is vectorised)."""

    @numba.njit
    def loop(x: np.ndarray) -> np.ndarray:
        out = np.empty_like(x)
        for i in range(x.shape[0]):
            out[i] = function(x[i])
        return out

    return loop


_exp_loop = _looped(elementary.exp)
_log_loop = _looped(elementary.log)


def _ulps(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    return np.abs(ours - theirs) / np.spacing(np.abs(theirs))


def _twin(function, x: np.ndarray) -> np.ndarray:
    return np.array([function(v) for v in x])


RNG = np.random.default_rng(20261202)


@pytest.mark.parametrize(
    "x",
    [
        RNG.uniform(-708.0, 709.7, 200_000),  # the whole normal range
        RNG.uniform(-1.0, 1.0, 200_000),
        RNG.uniform(-40.0, 40.0, 200_000),
        RNG.uniform(-1e-8, 1e-8, 20_000),
        np.linspace(-0.5 * math.log(2.0), 0.5 * math.log(2.0), 20_001),  # reduction edges
    ],
    ids=["range", "unit", "fit-scale", "tiny", "reduced"],
)
def test_exp_within_one_ulp(x: np.ndarray) -> None:
    ours, theirs = _exp_loop(x), _twin(math.exp, x)
    assert _ulps(ours, theirs).max() <= 1.0
    assert np.mean(ours == theirs) > 0.8  # most results are the C library's to the bit


def test_exp_subnormal_and_overflow() -> None:
    x = np.concatenate([RNG.uniform(-745.2, -708.0, 20_000), RNG.uniform(709.0, 709.78, 2000)])
    ours = _exp_loop(x)
    theirs = np.exp(x)
    # subnormal results carry fewer bits: compare on the absolute scale of the smallest one
    assert np.all(np.abs(ours - theirs) <= np.maximum(np.spacing(theirs), 5e-324))


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.0, 1.0),
        (-0.0, 1.0),
        (math.inf, math.inf),
        (-math.inf, 0.0),
        (709.79, math.inf),
        (1e308, math.inf),
        (-746.0, 0.0),
        (-1e308, 0.0),
        (-745.1, 5e-324),
    ],
)
def test_exp_special_values(x: float, expected: float) -> None:
    assert _exp_loop(np.array([x]))[0] == expected


def test_exp_nan() -> None:
    assert np.isnan(_exp_loop(np.array([np.nan]))[0])


@pytest.mark.parametrize(
    "x",
    [
        10.0 ** RNG.uniform(-307.0, 308.0, 200_000),
        RNG.uniform(0.5, 2.0, 200_000),
        1.0 + RNG.uniform(-1e-6, 1e-6, 20_000),
        RNG.uniform(1.0, 1e6, 200_000),
        10.0 ** RNG.uniform(-323.0, -308.0, 20_000),  # subnormal arguments
    ],
    ids=["range", "near-one", "very-near-one", "counts", "subnormal"],
)
def test_log_within_one_ulp(x: np.ndarray) -> None:
    ours, theirs = _log_loop(x), _twin(math.log, x)
    nonzero = theirs != 0.0
    assert _ulps(ours[nonzero], theirs[nonzero]).max() <= 1.0
    assert np.all(ours[~nonzero] == 0.0)
    assert np.mean(ours == theirs) > 0.8


def test_log_of_powers_of_two_is_exact() -> None:
    k = np.arange(-1074, 1024)
    x = np.ldexp(1.0, k)
    assert np.array_equal(_log_loop(x), _twin(math.log, x))


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (1.0, 0.0),
        (0.0, -math.inf),
        (-0.0, -math.inf),
        (math.inf, math.inf),
        (5e-324, math.log(5e-324)),
        (np.finfo(np.float64).max, math.log(np.finfo(np.float64).max)),
        (np.finfo(np.float64).tiny, math.log(np.finfo(np.float64).tiny)),
    ],
)
def test_log_special_values(x: float, expected: float) -> None:
    assert _log_loop(np.array([x]))[0] == expected


@pytest.mark.parametrize("x", [-1.0, -1e-300, -math.inf, math.nan])
def test_log_outside_its_domain_is_nan(x: float) -> None:
    assert np.isnan(_log_loop(np.array([x]))[0])


def test_exp_and_log_invert_each_other() -> None:
    x = RNG.uniform(-700.0, 700.0, 100_000)
    assert np.max(np.abs(_log_loop(_exp_loop(x)) - x) / np.maximum(np.abs(x), 1.0)) < 1e-15

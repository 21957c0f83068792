"""rootfit.kernels.extended against its twin: the same formulas evaluated in numpy's
``longdouble`` (the platform's C ``long double``, with libm's sinl/asinl/cosl), bit for bit
after rounding to double — the arithmetic Minuit2's limit transformations use."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit

from rootfit.kernels import extended as ext

L = np.longdouble
EPS2 = (4.0 * float(np.finfo(np.float64).eps)) ** 2


@njit
def _compiled(v, lo, hi):
    piby2, distnn = 2.0 * math.atan(1.0), 8.0 * math.sqrt(EPS2)
    return (
        ext.sin_int2ext(v, lo, hi),
        ext.sin_dint2ext(v, lo, hi),
        ext.sin_ext2int(v, lo, hi, piby2, distnn, 1.0 - EPS2),
        ext.sqrt_int2ext(v, lo, 1.0),
        ext.sqrt_int2ext(v, hi, -1.0),
        ext.sqrt_ext2int(v, lo, 1.0),
        ext.sqrt_ext2int(v, hi, -1.0),
        ext.sqrt_dint2ext(v, 1.0),
        ext.sqrt_dint2ext(v, -1.0),
    )


def _twin(v, lo, hi):
    """Minuit2's formulas, step for step, in numpy's long double."""
    V, LO, HI, one = L(v), L(lo), L(hi), L(1.0)
    piby2, distnn = L(2.0 * math.atan(1.0)), L(8.0 * math.sqrt(EPS2))
    yy = L(2.0) * (V - LO) / (HI - LO) - one
    if yy * yy > L(1.0 - EPS2):
        inside = -piby2 + distnn if yy < 0 else piby2 - distnn
    else:
        inside = np.arcsin(yy)
    root = np.sqrt(V * V + one)
    y_low, y_up = V - LO + one, HI - V + one
    values = (
        LO + L(0.5) * (HI - LO) * (np.sin(V) + one),
        L(0.5) * ((HI - LO) * np.cos(V)),
        inside,
        LO - one + root,
        HI + one - root,
        L(0.0) if y_low * y_low < one else np.sqrt(y_low * y_low - one),
        L(0.0) if y_up * y_up < one else np.sqrt(y_up * y_up - one),
        V / root,
        -V / root,
    )
    return tuple(float(x) for x in values)


def _cases():
    rng = np.random.default_rng(12)
    cases = [(0.0, 0.0, 10.0), (0.3, 0.0, 10.0), (10.0, 0.0, 10.0), (-1e-300, -1.0, 1.0)]
    cases += [(1.0 - 1e-17, 0.0, 1.0), (5.0, 5.0, 6.0)]  # at and next to the limits
    for _ in range(3000):
        lo = rng.normal() * 10.0 ** rng.integers(-3, 4)
        hi = lo + rng.exponential() * 10.0 ** rng.integers(-3, 4)
        v = rng.choice([rng.normal() * 3, rng.uniform(lo, hi), lo + (hi - lo) * 1e-9])
        cases.append((float(v), float(lo), float(hi)))
    return cases


@pytest.mark.skipif(ext.ARITHMETIC == "other", reason="long double not reproduced here")
def test_transformations_equal_the_long_double_formulas_bit_for_bit():
    mismatches = []
    for v, lo, hi in _cases():
        got, want = _compiled(v, lo, hi), _twin(v, lo, hi)
        if not all(
            a == b or (math.isnan(a) and math.isnan(b)) for a, b in zip(got, want, strict=True)
        ):
            mismatches.append((v, lo, hi, got, want))
    assert not mismatches, mismatches[:3]


@pytest.mark.skipif(ext.ARITHMETIC != "x87", reason="long double is not the x87 format here")
def test_long_double_rounding_is_not_double_rounding():
    # the reason for the module: in double the sine transformation differs in the last bit
    differ = sum(
        _compiled(v, lo, hi)[0] != lo + 0.5 * (hi - lo) * (math.sin(v) + 1.0)
        for v, lo, hi in _cases()
    )
    assert differ > 100


def test_platform_arithmetic_is_classified():
    bits = np.finfo(np.longdouble).nmant
    assert ext.ARITHMETIC == {52: "double", 63: "x87"}.get(bits, "other") or not ext.EXACT
    assert ext.EXACT == (ext.ARITHMETIC in ("x87", "double"))

"""``exp`` and ``log`` written for the loop vectoriser.

numba compiles ``math.exp`` and ``math.log`` to calls into the C library, and a loop that
calls a function is not vectorised: every fused statistic (:mod:`rootfit.kernels.fused`)
evaluated its model one point at a time, ~7 ns per ``exp``. The two functions here are plain
arithmetic with no branch that the vectoriser cannot turn into a select and no call, so the
loops of the fused kernels run 4 or 8 points per instruction.

Both follow the classic method of Sun's freely distributable fdlibm (``e_exp.c``,
``e_log.c``), written again here from its description:

* ``exp(x)``: ``x = k·ln2 + r`` with ``|r| ≤ ln2/2`` (Cody–Waite: ``ln2`` in two parts, so
  ``k·ln2_hi`` is exact), ``exp(r) = 1 + r + r·c/(2 − c)`` with ``c = r − r²·P(r²)`` a
  minimax polynomial of degree 5 in ``r²``, then ``2^k`` put in the exponent bits (in two
  halves, so that results near overflow and in the subnormal range are scaled exactly);
* ``log(x)``: ``x = 2^k·(1 + f)`` with ``√2/2 ≤ 1 + f < √2`` read from the bits,
  ``s = f/(2 + f)``, ``log(1 + f) = f − s·(f − R)`` (or the ``f²/2`` variant where it is the
  more accurate) with ``R`` a minimax polynomial of degree 7 in ``s²``, plus ``k·ln2`` in two
  parts.

Their error is below one unit in the last place, as the C library's; they differ from it in
the last bit for a few percent of arguments (tests/test_elementary.py measures both against
``math.exp``/``math.log``, the twins). Every kernel that computes a model value or a fit
statistic takes its ``exp`` and ``log`` from here, so the fused and the plain paths agree bit
for bit; the derivative kernels, whose loops are not vectorised, call the C library's
(:data:`rootfit.kernels.formula.LIBRARY_NAMESPACE`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import types
from numba.extending import intrinsic

from rootfit.kernels.jit import jit_inline

__all__ = ["exp", "log"]


def _bits_of_intrinsic(typingctx: Any, value: Any) -> Any:
    """The IEEE-754 bits of a float64 as an int64."""
    signature = types.int64(types.float64)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return builder.bitcast(args[0], context.get_value_type(types.int64))

    return signature, codegen


def _from_bits_intrinsic(typingctx: Any, bits: Any) -> Any:
    """The float64 whose IEEE-754 bits are an int64."""
    signature = types.float64(types.int64)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return builder.bitcast(args[0], context.get_value_type(types.float64))

    return signature, codegen


_bits_of: Any = intrinsic(_bits_of_intrinsic)
_from_bits: Any = intrinsic(_from_bits_intrinsic)

_LN2_HI = 6.93147180369123816490e-01  # ln 2 with its low 32 bits zero: k·_LN2_HI is exact
_LN2_LO = 1.90821492927058770002e-10  # ln 2 - _LN2_HI
_INV_LN2 = 1.44269504088896338700e00
_ROUND = 6755399441055744.0  # 1.5·2⁵²: x + _ROUND - _ROUND rounds x to an integer
_EXP_LOW = -746.0  # below: exp underflows to 0 (the clamp keeps 2^k representable)
_EXP_HIGH = 710.0  # above: exp overflows to inf

# exp: minimax coefficients of (r·(exp(r)+1)/(exp(r)-1) - 2)/r² on |r| ≤ ln2/2, in r².
_P1 = 1.66666666666666019037e-01
_P2 = -2.77777777770155933842e-03
_P3 = 6.61375632143793436117e-05
_P4 = -1.65339022054652515390e-06
_P5 = 4.13813679705723846039e-08

# log: minimax coefficients of (log((1+s)/(1-s)) - 2s)/s on s ∈ [0, 0.1716], in s².
_LG1 = 6.666666666666735130e-01
_LG2 = 3.999999999940941908e-01
_LG3 = 2.857142874366239149e-01
_LG4 = 2.222219843214978396e-01
_LG5 = 1.818357216161805012e-01
_LG6 = 1.531383769920937332e-01
_LG7 = 1.479819860511658591e-01
_TWO54 = 18014398509481984.0  # 2⁵⁴: scales a subnormal argument to a normal one
_TINY = 2.2250738585072014e-308  # the smallest normal float64


@jit_inline
def exp(x: float) -> float:
    """eˣ with an error below one unit in the last place (the C library's ``exp`` on every
    special value: ``exp(nan) = nan``, ``exp(inf) = inf``, ``exp(-inf) = 0``)."""
    xc = min(max(x, _EXP_LOW), _EXP_HIGH)
    k = xc * _INV_LN2 + _ROUND - _ROUND
    hi = xc - k * _LN2_HI
    lo = k * _LN2_LO
    r = hi - lo
    z = r * r
    c = r - z * (_P1 + z * (_P2 + z * (_P3 + z * (_P4 + z * _P5))))
    y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
    ki = np.int64(k)
    half = ki >> 1
    out = y * _from_bits((half + 1023) << 52) * _from_bits((ki - half + 1023) << 52)
    return out if x == x else x


@jit_inline
def log(x: float) -> float:
    """The natural logarithm with an error below one unit in the last place (the C
    library's ``log`` on every special value: ``log(0) = -inf``, ``log(x < 0) = nan``,
    ``log(inf) = inf``, ``log(nan) = nan``)."""
    subnormal = x < _TINY
    bits = _bits_of(x * _TWO54 if subnormal else x)
    high = bits >> 32
    k = (high >> 20) - 1023 - (54 if subnormal else 0)
    mantissa = high & 0xFFFFF
    # 1 + f in [√2/2, √2): mantissas above √2's (0x6a09e) take the exponent of 1/2
    above = (mantissa + 0x95F64) & 0x100000
    k += above >> 20
    f = _from_bits(((mantissa | (above ^ 0x3FF00000)) << 32) | (bits & 0xFFFFFFFF)) - 1.0
    dk = float(k)
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    r = z * (_LG1 + w * (_LG3 + w * (_LG5 + w * _LG7))) + w * (_LG2 + w * (_LG4 + w * _LG6))
    half_f2 = 0.5 * f * f
    middle = ((mantissa - 0x6147A) | (0x6B851 - mantissa)) > 0
    out = (
        dk * _LN2_HI - ((half_f2 - (s * (half_f2 + r) + dk * _LN2_LO)) - f)
        if middle
        else dk * _LN2_HI - ((s * (f - r) - dk * _LN2_LO) - f)
    )
    if not x > 0.0:
        out = -np.inf if x == 0.0 else np.nan
    return x if x == np.inf else out

"""ROOT's automatic start values of many fits at once (the batched twins of
:func:`rootfit.functions.predefined.init_gaus`, :func:`~rootfit.functions.predefined.init_expo`
and :func:`~rootfit.functions.predefined.init_2d_gaus`).

A stacked batch of fits (:mod:`rootfit.batch.stacked`) has the points of every fit in one
array, fit ``r`` at ``offsets[r]:offsets[r + 1]``. :func:`gaus_starts` computes InitGaus for
each fit in one compiled loop, bit for bit as the numpy function computes it for one fit:
numpy sums float64 arrays pairwise (:func:`pairwise_sum` is its algorithm: eight running sums
over blocks of up to 128 values, halves above that), so the same sums are formed here in the
same order (tests/test_stacked.py compares every bit).
"""

from __future__ import annotations

import math

import numpy as np

from rootfit.kernels.jit import jit

__all__ = ["expo_starts", "gaus2d_starts", "gaus_starts", "pairwise_sum"]

#: ROOT's √(2π) in InitGaus (its rounded constant).
_SQRTPI = 2.506628


@jit
def _block_sum(a: np.ndarray, lo: int, n: int) -> float:
    """numpy's sum of at most 128 values: sequential below 8, else eight running sums."""
    if n < 8:
        res = 0.0
        for i in range(n):
            res += a[lo + i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = 8
    while i < n - (n % 8):
        r0 += a[lo + i]
        r1 += a[lo + i + 1]
        r2 += a[lo + i + 2]
        r3 += a[lo + i + 3]
        r4 += a[lo + i + 4]
        r5 += a[lo + i + 5]
        r6 += a[lo + i + 6]
        r7 += a[lo + i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += a[lo + i]
        i += 1
    return res


@jit
def pairwise_sum(a: np.ndarray, lo: int, n: int) -> float:
    """``numpy.sum(a[lo:lo + n])`` for float64, in numpy's order of additions: blocks of up
    to 128 values, halves (rounded to multiples of 8) above, the left half's sum plus the
    right's. (numpy recurses; here an explicit stack does the same, since numba's disk cache
    does not keep recursive functions.)"""
    if n <= 128:
        return _block_sum(a, lo, n)
    los = np.empty(192, dtype=np.int64)
    ns = np.empty(192, dtype=np.int64)
    joins = np.zeros(192, dtype=np.bool_)
    partial = np.empty(96)
    top, depth = 0, 0
    los[0], ns[0] = lo, n
    while top >= 0:
        start, size, join = los[top], ns[top], joins[top]
        top -= 1
        if join:  # both halves done: left + right
            depth -= 1
            partial[depth - 1] = partial[depth - 1] + partial[depth]
        elif size <= 128:
            partial[depth] = _block_sum(a, start, size)
            depth += 1
        else:
            half = size // 2
            half -= half % 8
            top += 1
            los[top], ns[top], joins[top] = start, size, True
            top += 1
            los[top], ns[top], joins[top] = start + half, size - half, False
            top += 1
            los[top], ns[top], joins[top] = start, half, False
    return partial[0]


@jit
def gaus_starts(x: np.ndarray, y: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """InitGaus of every fit: ``(starts, ok)`` with ``starts[r] = (Constant, Mean, Sigma)``
    (Sigma's automatic limits are ``(0, 10·Sigma)``) and ``ok[r]`` False where InitGaus finds
    nothing to start from (no points, Σy <= 0: the model's own values stay)."""
    nfit = offsets.size - 1
    starts = np.zeros((nfit, 3))
    ok = np.zeros(nfit, dtype=np.bool_)
    for r in range(nfit):
        lo, n = offsets[r], offsets[r + 1] - offsets[r]
        if n == 0:
            continue
        allcha = pairwise_sum(y, lo, n)
        if allcha <= 0:
            continue
        yx = np.empty(n)
        yxx = np.empty(n)
        valmax = y[lo]
        for i in range(n):
            yx[i] = y[lo + i] * x[lo + i]
            yxx[i] = y[lo + i] * x[lo + i] * x[lo + i]
            valmax = max(valmax, y[lo + i])
        sumx = pairwise_sum(yx, 0, n)
        sumx2 = pairwise_sum(yxx, 0, n)
        binwidth = x[lo + n - 1] - x[lo] if n > 1 else 0.0
        if binwidth <= 0:
            binwidth = 1.0
        for i in range(1, n):
            binwidth = min(binwidth, x[lo + i] - x[lo + i - 1])
        mean = sumx / allcha
        rms2 = sumx2 / allcha - mean * mean
        rms = math.sqrt(rms2) if rms2 > 0 else binwidth * n / 4
        starts[r, 0] = 0.5 * (valmax + binwidth * allcha / (_SQRTPI * rms))
        starts[r, 1] = mean
        starts[r, 2] = rms
        ok[r] = True
    return starts, ok


@jit
def expo_starts(x: np.ndarray, y: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """InitExpo of every fit: ``(starts, ok)`` with ``starts[r] = (Constant, Slope)``, the line
    through the log values at the smallest and largest x (their first occurrences); ``ok[r]``
    False where there are fewer than two distinct x values."""
    nfit = offsets.size - 1
    starts = np.zeros((nfit, 2))
    ok = np.zeros(nfit, dtype=np.bool_)
    for r in range(nfit):
        lo, n = offsets[r], offsets[r + 1] - offsets[r]
        if n == 0:
            continue
        i_min, i_max = lo, lo
        for i in range(lo + 1, lo + n):
            if x[i] < x[i_min]:
                i_min = i
            if x[i] > x[i_max]:
                i_max = i
        xmin, xmax = x[i_min], x[i_max]
        if xmax <= xmin:
            continue
        vmin, vmax = y[i_min], y[i_max]
        if vmin <= 0 and vmax <= 0:
            vmin = vmax = 1.0
        elif vmin <= 0:
            vmin = vmax
        elif vmax <= 0:
            vmax = vmin
        slope = math.log(vmax / vmin) / (xmax - xmin)
        starts[r, 0] = math.log(vmin) - slope * xmin
        starts[r, 1] = slope
        ok[r] = True
    return starts, ok


@jit
def _binwidth(c: np.ndarray, lo: int, n: int) -> float:
    """ROOT's 2-D bin-width guess: the span, or the smallest consecutive difference (signed)."""
    width = c[lo + n - 1] - c[lo]
    for i in range(1, n):
        width = min(width, c[lo + i] - c[lo + i - 1])
    return width


@jit
def gaus2d_starts(
    x: np.ndarray, y: np.ndarray, v: np.ndarray, offsets: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Init2DGaus of every fit: ``(starts, ok)`` with ``starts[r] = (Constant, MeanX, SigmaX,
    MeanY, SigmaY)`` (the Sigmas' limits are ``(0, 10·Sigma)``); ``ok[r]`` False where there
    is nothing to start from (no points, Σ values <= 0)."""
    nfit = offsets.size - 1
    starts = np.zeros((nfit, 5))
    ok = np.zeros(nfit, dtype=np.bool_)
    for r in range(nfit):
        lo, n = offsets[r], offsets[r + 1] - offsets[r]
        if n == 0:
            continue
        total = pairwise_sum(v, lo, n)
        if total <= 0:
            continue
        vx, vy, vxx, vyy = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
        vmax = v[lo]
        for i in range(n):
            vx[i] = v[lo + i] * x[lo + i]
            vy[i] = v[lo + i] * y[lo + i]
            vxx[i] = v[lo + i] * x[lo + i] * x[lo + i]
            vyy[i] = v[lo + i] * y[lo + i] * y[lo + i]
            vmax = max(vmax, v[lo + i])
        mean_x = pairwise_sum(vx, 0, n) / total
        mean_y = pairwise_sum(vy, 0, n) / total
        rms_x = math.sqrt(max(pairwise_sum(vxx, 0, n) / total - mean_x**2, 0.0))
        rms_y = math.sqrt(max(pairwise_sum(vyy, 0, n) / total - mean_y**2, 0.0))
        bw_x, bw_y = _binwidth(x, lo, n), _binwidth(y, lo, n)
        if not rms_x > 0:
            rms_x = abs(bw_x) * n / 4
            rms_x = rms_x if rms_x != 0 else 1.0
        if not rms_y > 0:
            rms_y = abs(bw_y) * n / 4
            rms_y = rms_y if rms_y != 0 else 1.0
        starts[r, 0] = (
            0.5
            * (vmax + bw_x * total / (_SQRTPI * rms_x))
            * (vmax + bw_y * total / (_SQRTPI * rms_y))
        )
        starts[r, 1], starts[r, 2] = mean_x, rms_x
        starts[r, 3], starts[r, 4] = mean_y, rms_y
        ok[r] = True
    return starts, ok

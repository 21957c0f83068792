"""numba kernel for filling 1-D histograms in one pass (bins, Σw, Σw², fill statistics).

The plain-numpy twin is :meth:`rootfit.hist.Histogram.fill`'s vectorised path (``find_bin`` +
``bincount``); the tests compare both.
"""

from __future__ import annotations

import numpy as np

from rootfit.kernels.jit import jit

__all__ = ["fill_1d"]


@jit
def fill_1d(
    x: np.ndarray,
    w: np.ndarray,
    edges: np.ndarray,
    regular: bool,
    sumw: np.ndarray,
    sumw2: np.ndarray,
    with_sumw2: bool,
    weighted: bool,
) -> tuple[float, float, float, float]:  # pragma: no cover - compiled
    """Add ``x`` (weights ``w``, or 1 when not ``weighted``) to ``sumw``/``sumw2`` (flow bins
    included, in place) and return ``(Σw, Σw², Σw·x, Σw·x²)`` of the entries inside the range."""
    n = edges.shape[0] - 1
    lo, hi = edges[0], edges[n]
    s0 = s1 = s2 = s3 = 0.0
    for i in range(x.shape[0]):
        xi = x[i]
        wi = w[i] if weighted else 1.0
        if xi < lo:
            b = 0
        elif not xi < hi:
            b = n + 1
        elif regular:
            b = 1 + int(n * (xi - lo) / (hi - lo))  # ROOT's FindFixBin expression
        else:
            b = np.searchsorted(edges, xi, side="right")
        sumw[b] += wi
        if with_sumw2:
            sumw2[b] += wi * wi
        if 1 <= b <= n:
            s0 += wi
            s1 += wi * wi
            s2 += wi * xi
            s3 += wi * xi * xi
    return s0, s1, s2, s3

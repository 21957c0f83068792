"""numba kernel for ROOT's integer bin storage: sequential, saturating additions.

``add_saturating(contents, bins, increments, low, high, maximum)`` adds ``increments[i]``
(already truncated to integers) to ``contents[bins[i]]`` one after the other, as ROOT's
``TH1I/S/C/L::AddBinContent`` does: a result strictly inside ``(low, high)`` is stored, one
below ``-maximum`` becomes ``-maximum``, one above ``maximum`` becomes ``maximum`` (for TH1I
and TH1L ``high = maximum``, so a result of exactly ``maximum`` leaves the bin unchanged — ROOT's
code does that too). The plain-numpy twin is
:func:`rootfit.kernels.reference.add_saturating`.
"""

from __future__ import annotations

import numpy as np

from rootfit.kernels.jit import jit

__all__ = ["add_saturating"]


@jit
def add_saturating(
    contents: np.ndarray,
    bins: np.ndarray,
    increments: np.ndarray,
    low: int,
    high: int,
    maximum: int,
) -> None:  # pragma: no cover - compiled
    """In place, in order: ``contents[b] += increment`` with ROOT's saturation."""
    for i in range(bins.shape[0]):
        b = bins[i]
        value = np.int64(contents[b]) + increments[i]
        if low < value < high:
            contents[b] = value
        elif value < -maximum:
            contents[b] = -maximum
        elif value > maximum:
            contents[b] = maximum

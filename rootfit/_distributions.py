"""χ² tail probabilities from ``scipy.special`` (importing ``scipy.stats`` costs a cold start
more than a whole fit), with ``scipy.stats``' answers at the edges: ``nan`` for ndf <= 0 or a
``nan`` argument, probability 1 (sf) / 0 (cdf) below 0."""

from __future__ import annotations

import math

__all__ = ["chi2_cdf", "chi2_sf"]


def chi2_sf(x: float, ndf: float) -> float:
    """``P(χ²_ndf > x)`` (``scipy.stats.chi2.sf``)."""
    if not ndf > 0 or math.isnan(x):
        return math.nan
    if x < 0:
        return 1.0
    from scipy import special  # at the first use: a fit need not import scipy

    return float(special.chdtrc(ndf, x))


def chi2_cdf(x: float, ndf: float) -> float:
    """``P(χ²_ndf <= x)`` (``scipy.stats.chi2.cdf``)."""
    if not ndf > 0 or math.isnan(x):
        return math.nan
    if x < 0:
        return 0.0
    from scipy import special

    return float(special.chdtr(ndf, x))

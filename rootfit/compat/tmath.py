"""``ROOT.TMath``: the mathematical functions ported macros call, with ROOT's signatures.

Scalars in, scalars out (numpy arrays also work where the operation is elementwise). ``Gaus``
and ``Landau`` follow ROOT's definitions: unnormalised by default (peak 1 for ``Gaus``), divided
by ``sqrt(2π)·sigma`` or ``sigma`` when ``norm`` is true; ``Landau``'s ``mpv`` is the location
parameter (the maximum lies at about ``mpv - 0.22278·sigma``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import special, stats

__all__ = ["TMath"]


class TMath:
    """ROOT's ``TMath`` namespace."""

    Pi = staticmethod(lambda: math.pi)
    TwoPi = staticmethod(lambda: 2.0 * math.pi)
    PiOver2 = staticmethod(lambda: 0.5 * math.pi)
    E = staticmethod(lambda: math.e)
    Sqrt2 = staticmethod(lambda: math.sqrt(2.0))
    Ln10 = staticmethod(lambda: math.log(10.0))
    DegToRad = staticmethod(lambda: math.pi / 180.0)
    RadToDeg = staticmethod(lambda: 180.0 / math.pi)
    Infinity = staticmethod(lambda: math.inf)
    QuietNaN = staticmethod(lambda: math.nan)

    Exp = staticmethod(np.exp)
    Log = staticmethod(np.log)
    Log10 = staticmethod(np.log10)
    Log2 = staticmethod(np.log2)
    Sqrt = staticmethod(np.sqrt)
    Power = staticmethod(np.power)
    Sin = staticmethod(np.sin)
    Cos = staticmethod(np.cos)
    Tan = staticmethod(np.tan)
    ASin = staticmethod(np.arcsin)
    ACos = staticmethod(np.arccos)
    ATan = staticmethod(np.arctan)
    ATan2 = staticmethod(np.arctan2)
    SinH = staticmethod(np.sinh)
    CosH = staticmethod(np.cosh)
    TanH = staticmethod(np.tanh)
    Abs = staticmethod(np.abs)
    Floor = staticmethod(np.floor)
    Ceil = staticmethod(np.ceil)
    Erf = staticmethod(special.erf)
    Erfc = staticmethod(special.erfc)
    ErfInverse = staticmethod(special.erfinv)
    Gamma = staticmethod(special.gamma)
    LnGamma = staticmethod(special.gammaln)
    Hypot = staticmethod(np.hypot)

    @staticmethod
    def Sq(x: Any) -> Any:
        return x * x

    @staticmethod
    def Max(a: Any, b: Any) -> Any:
        """The larger (elementwise for arrays, so Python models stay vectorised)."""
        if np.ndim(a) or np.ndim(b):
            return np.maximum(a, b)
        return a if a >= b else b

    @staticmethod
    def Min(a: Any, b: Any) -> Any:
        if np.ndim(a) or np.ndim(b):
            return np.minimum(a, b)
        return a if a <= b else b

    @staticmethod
    def Sign(a: float, b: float) -> float:
        """``|a|`` with the sign of ``b``."""
        return math.copysign(abs(a), b)

    @staticmethod
    def Nint(x: float) -> int:
        """Nearest integer, halves away from zero (ROOT's rounding)."""
        return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)

    @staticmethod
    def Even(n: int) -> bool:
        return int(n) % 2 == 0

    @staticmethod
    def Odd(n: int) -> bool:
        return int(n) % 2 == 1

    @staticmethod
    def AreEqualAbs(a: float, b: float, epsilon: float) -> bool:
        return abs(a - b) < epsilon

    @staticmethod
    def AreEqualRel(a: float, b: float, relative: float) -> bool:
        return abs(a - b) <= relative * (abs(a) + abs(b))

    @staticmethod
    def Gaus(x: Any, mean: float = 0.0, sigma: float = 1.0, norm: bool = False) -> Any:
        """``exp(-((x-mean)/sigma)²/2)``, divided by ``sqrt(2π)·sigma`` when ``norm``; 0 when
        ``sigma`` is 0 (as ROOT)."""
        if sigma == 0:
            return 1.0e30 if np.all(np.asarray(x) == mean) else 0.0
        arg = (np.asarray(x, dtype=np.float64) - mean) / sigma
        value = np.exp(-0.5 * arg * arg)
        if norm:
            value = value / (math.sqrt(2.0 * math.pi) * sigma)
        return float(value) if np.ndim(value) == 0 else value

    @staticmethod
    def Landau(x: Any, mpv: float = 0.0, sigma: float = 1.0, norm: bool = False) -> Any:
        """The Landau density of ``(x - mpv)/sigma``, divided by ``sigma`` when ``norm``; 0 for
        ``sigma <= 0``."""
        if sigma <= 0:
            return 0.0
        if np.ndim(x) == 0:  # one value: the compiled kernel (a macro's loop calls it often)
            from rootfit.kernels.special import landau_density as scalar_density

            value = float(scalar_density((float(x) - mpv) / sigma))
            return value / sigma if norm else value
        from rootfit.kernels.reference import landau_density

        values = landau_density((np.asarray(x, dtype=np.float64) - mpv) / sigma)
        return values / sigma if norm else values

    @staticmethod
    def BreitWigner(x: float, mean: float = 0.0, gamma: float = 1.0) -> float:
        """The normalised Breit–Wigner (Cauchy) density of full width ``gamma``."""
        half = 0.5 * gamma
        return float(half / (math.pi * ((x - mean) ** 2 + half * half)))

    @staticmethod
    def Poisson(x: float, mu: float) -> float:
        """``mu^x e^-mu / Γ(x+1)`` for real ``x >= 0``."""
        if x < 0:
            return 0.0
        if mu <= 0:
            return 1.0 if x == 0 else 0.0
        return float(math.exp(x * math.log(mu) - mu - math.lgamma(x + 1.0)))

    @staticmethod
    def PoissonI(x: float, mu: float) -> float:
        return TMath.Poisson(float(TMath.Nint(x)), mu)

    @staticmethod
    def Prob(chi2: float, ndf: int) -> float:
        """The χ² probability ``P(χ² > chi2 | ndf)`` (0 for ``ndf <= 0``, 1 for ``chi2 <= 0``)."""
        if ndf <= 0:
            return 0.0
        if chi2 <= 0:
            return 1.0
        return float(stats.chi2.sf(chi2, ndf))

    @staticmethod
    def Freq(x: float) -> float:
        """The standard normal cumulative distribution."""
        return float(stats.norm.cdf(x))

    @staticmethod
    def Binomial(n: int, k: int) -> float:
        return float(special.comb(n, k, exact=False))

    @staticmethod
    def Factorial(n: int) -> float:
        return float(math.factorial(int(n)))

    @staticmethod
    def Mean(n: int, values: Any, weights: Any = None) -> float:
        v = np.asarray(values, dtype=np.float64)[: int(n)]
        return float(
            np.average(v, weights=None if weights is None else np.asarray(weights)[: int(n)])
        )

    @staticmethod
    def RMS(n: int, values: Any) -> float:
        """The standard deviation (ROOT's ``RMS`` divides by ``n - 1``)."""
        return float(np.std(np.asarray(values, dtype=np.float64)[: int(n)], ddof=1))

    StdDev = RMS

    @staticmethod
    def MinElement(n: int, values: Any) -> float:
        return float(np.min(np.asarray(values)[: int(n)]))

    @staticmethod
    def MaxElement(n: int, values: Any) -> float:
        return float(np.max(np.asarray(values)[: int(n)]))

    @staticmethod
    def LocMin(n: int, values: Any) -> int:
        return int(np.argmin(np.asarray(values)[: int(n)]))

    @staticmethod
    def LocMax(n: int, values: Any) -> int:
        return int(np.argmax(np.asarray(values)[: int(n)]))

    @staticmethod
    def BinarySearch(n: int, array: Any, value: float) -> int:
        """The index of the last element ``<= value`` in a sorted array (-1 if none)."""
        return int(np.searchsorted(np.asarray(array)[: int(n)], value, side="right")) - 1

"""Special functions in numba: the Landau density and the Voigt profile.

The Landau density uses the rational approximations of CERNLIB G110 (DENLAN, Kölbig & Schorr):
seven intervals of the reduced variable, each a ratio of quartic polynomials in ``v`` or
``1/v`` (times a prefactor), plus asymptotic forms below ``v = -5.5`` and above ``v = 300``.
This is the algorithm behind ``TMath::Landau`` and ``ROOT::Math::landau_pdf``, so values agree
with ROOT to rounding. The plain-numpy twin lives in :mod:`rootfit.kernels.reference`.

The Voigt profile is ``Re w(z) / (σ√(2π))`` with the Faddeeva function ``w`` evaluated by
Weideman's rational approximation (SIAM J. Numer. Anal. 31 (1994) 1497) with N = 48 terms,
whose coefficients are computed once with an FFT: relative accuracy ~1e-8 over the real line
(ROOT's ``TMath::Voigt`` uses Humlicek's algorithm, accurate to 1e-4 by default).
"""

from __future__ import annotations

import math

import numpy as np

from rootfit.kernels.jit import jit as _jit

__all__ = [
    "LANDAU_TABLE",
    "digamma",
    "faddeeva",
    "faddeeva_im",
    "faddeeva_re",
    "landau_density",
    "landau_density_derivative",
    "weideman_coefficients",
]

#: (upper bound of v, numerator coefficients, denominator coefficients), lowest order first.
#: Intervals 0-2 are polynomials in v, 3-5 in u = 1/v (times u²); interval 0 also has the
#: prefactor exp(-u)·sqrt(u) with u = exp(-v-1).
LANDAU_TABLE = np.array(
    [
        [-1.0, 0.4259894875, -0.1249762550, 0.03984243700, -0.006298287635, 0.001511162253,
         1.0, -0.3388260629, 0.09594393323, -0.01608042283, 0.003778942063],
        [1.0, 0.1788541609, 0.1173957403, 0.01488850518, -0.001394989411, 0.0001283617211,
         1.0, 0.7428795082, 0.3153932961, 0.06694219548, 0.008790609714],
        [5.0, 0.1788544503, 0.09359161662, 0.006325387654, 0.00006611667319, -0.000002031049101,
         1.0, 0.6097809921, 0.2560616665, 0.04746722384, 0.006957301675],
        [12.0, 0.9874054407, 118.6723273, 849.2794360, -743.7792444, 427.0262186,
         1.0, 106.8615961, 337.6496214, 2016.712389, 1597.063511],
        [50.0, 1.003675074, 167.5702434, 4789.711289, 21217.86767, -22324.94910,
         1.0, 156.9424537, 3745.310488, 9834.698876, 66924.28357],
        [300.0, 1.000827619, 664.9143136, 62972.92665, 475554.6998, -5743609.109,
         1.0, 651.4101098, 56974.73333, 165917.4725, -2815759.939],
    ]
)  # fmt: skip
#: Asymptotic coefficients below v = -5.5 and above v = 300.
LANDAU_LOW = np.array([0.04166666667, -0.01996527778, 0.02709538966])
LANDAU_HIGH = np.array([-1.845568670, -4.284640743])


_ROWS = tuple(tuple(float(v) for v in row) for row in LANDAU_TABLE)
_LOW = tuple(float(v) for v in LANDAU_LOW)
_HIGH = tuple(float(v) for v in LANDAU_HIGH)


@_jit
def _ratio(c: tuple, t: float) -> float:
    """(c1 + c2·t + ... + c5·t⁴) / (c6 + ... + c10·t⁴) for one table row (Horner)."""
    num = c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5])))
    den = c[6] + t * (c[7] + t * (c[8] + t * (c[9] + t * c[10])))
    return num / den


@_jit
def landau_density(v: float) -> float:
    """Landau density φ(v) of the reduced variable (maximum near v = -0.22278)."""
    if v < -5.5:
        u = math.exp(v + 1.0)
        if u < 1e-10:
            return 0.0
        return (
            0.3989422803
            * (math.exp(-1.0 / u) / math.sqrt(u))
            * (1.0 + (_LOW[0] + (_LOW[1] + _LOW[2] * u) * u) * u)
        )
    if v < -1.0:
        u = math.exp(-v - 1.0)
        return math.exp(-u) * math.sqrt(u) * _ratio(_ROWS[0], v)
    if v < 1.0:
        return _ratio(_ROWS[1], v)
    if v < 5.0:
        return _ratio(_ROWS[2], v)
    if v < 12.0:
        u = 1.0 / v
        return u * u * _ratio(_ROWS[3], u)
    if v < 50.0:
        u = 1.0 / v
        return u * u * _ratio(_ROWS[4], u)
    if v < 300.0:
        u = 1.0 / v
        return u * u * _ratio(_ROWS[5], u)
    if v >= 300.0:
        u = 1.0 / (v - v * math.log(v) / (v + 1.0))
        return u * u * (1.0 + (_HIGH[0] + _HIGH[1] * u) * u)
    return v  # NaN


def weideman_coefficients(n: int = 48) -> tuple[np.ndarray, float]:
    """Polynomial coefficients (highest power first) and the scale L of Weideman's w(z)."""
    m = 2 * n
    k = np.arange(-m + 1, m)
    scale = np.sqrt(n / np.sqrt(2.0))
    t = scale * np.tan(k * np.pi / m / 2)
    f = np.concatenate([[0.0], np.exp(-(t**2)) * (scale**2 + t**2)])
    a = np.real(np.fft.fft(np.fft.fftshift(f))) / (2 * m)
    return np.ascontiguousarray(a[1 : n + 1][::-1]), float(scale)


WEIDEMAN_A, WEIDEMAN_L = weideman_coefficients()
_INV_SQRT_PI = 1.0 / math.sqrt(math.pi)


@_jit
def faddeeva(z: complex) -> complex:
    """Faddeeva function w(z) = exp(-z²) erfc(-iz) for Im z >= 0."""
    denominator = WEIDEMAN_L - 1j * z
    big_z = (WEIDEMAN_L + 1j * z) / denominator
    p = 0j
    for coefficient in WEIDEMAN_A:
        p = p * big_z + coefficient
    return 2.0 * p / (denominator * denominator) + _INV_SQRT_PI / denominator


@_jit
def _ratio_derivative(c: tuple, t: float) -> float:
    """d/dt of :func:`_ratio`."""
    num = c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5])))
    den = c[6] + t * (c[7] + t * (c[8] + t * (c[9] + t * c[10])))
    dnum = c[2] + t * (2 * c[3] + t * (3 * c[4] + t * 4 * c[5]))
    dden = c[7] + t * (2 * c[8] + t * (3 * c[9] + t * 4 * c[10]))
    return (dnum * den - num * dden) / (den * den)


@_jit
def landau_density_derivative(v: float) -> float:
    """dφ/dv of :func:`landau_density`, differentiating each interval's approximation exactly."""
    if v < -5.5:
        u = math.exp(v + 1.0)
        if u < 1e-10:
            return 0.0
        poly = (_LOW[0] + (_LOW[1] + _LOW[2] * u) * u) * u
        dpoly = _LOW[0] + (2 * _LOW[1] + 3 * _LOW[2] * u) * u
        pre = 0.3989422803 * math.exp(-1.0 / u) / math.sqrt(u)
        return pre * ((1.0 / u - 0.5) * (1.0 + poly) + u * dpoly)
    if v < -1.0:
        u = math.exp(-v - 1.0)
        pre = math.exp(-u) * math.sqrt(u)
        return pre * ((u - 0.5) * _ratio(_ROWS[0], v) + _ratio_derivative(_ROWS[0], v))
    if v < 1.0:
        return _ratio_derivative(_ROWS[1], v)
    if v < 5.0:
        return _ratio_derivative(_ROWS[2], v)
    if v < 300.0:
        row = _ROWS[3] if v < 12.0 else (_ROWS[4] if v < 50.0 else _ROWS[5])
        u = 1.0 / v
        return -u * u * (2 * u * _ratio(row, u) + u * u * _ratio_derivative(row, u))
    if v >= 300.0:
        g = v - v * math.log(v) / (v + 1.0)
        u = 1.0 / g
        dg = 1.0 - (math.log(v) + v + 1.0) / ((v + 1.0) * (v + 1.0))
        dphi_du = 2 * u + 3 * _HIGH[0] * u * u + 4 * _HIGH[1] * u * u * u
        return dphi_du * (-dg * u * u)
    return v  # NaN


@_jit
def faddeeva_re(u: float, y: float) -> float:
    """Re w(u + iy) (y >= 0)."""
    return faddeeva(complex(u, y)).real


@_jit
def faddeeva_im(u: float, y: float) -> float:
    """Im w(u + iy) (y >= 0)."""
    return faddeeva(complex(u, y)).imag


@_jit
def digamma(x: float) -> float:
    """ψ(x) = d ln Γ(x)/dx (reflection below 0, recurrence to x >= 10, asymptotic series)."""
    if x <= 0.0 and x == math.floor(x):
        return math.nan
    if x < 0.0:
        return digamma(1.0 - x) - math.pi / math.tan(math.pi * x)
    shift = 0.0
    while x < 10.0:
        shift -= 1.0 / x
        x += 1.0
    inv2 = 1.0 / (x * x)
    series = inv2 * (
        1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132)))
    )
    return shift + math.log(x) - 0.5 / x - series

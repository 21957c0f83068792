"""ROOT library functions with closed forms, expanded into expression trees at parse time.

Expanding (rather than calling an opaque kernel) gives these functions exact symbolic
derivatives and lets numba fuse them with the rest of the formula. Definitions follow ROOT's
documented formulas (``ROOT::Math`` pdfs, ``TMath``); missing trailing arguments take ROOT's
defaults.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rootfit.functions.expression import Binary, Call, Cond, Node, Num, Unary

__all__ = ["MACROS", "Macro", "expand_macro"]


def _b(op: str, a: Node, b: Node) -> Node:
    return Binary(op, a, b)


def _c(name: str, *args: Node) -> Node:
    return Call(name, tuple(args))


def _num(v: float) -> Node:
    return Num(float(v))


def _neg(a: Node) -> Node:
    return Unary("-", a)


def _sq(a: Node) -> Node:
    return _b("^", a, _num(2))


def _below(x: Node, x0: Node, value: Node) -> Node:
    """``x < x0 ? 0 : value``."""
    return Cond(_b("<", x, x0), _num(0), value)


def _normal(a: Sequence[Node]) -> Node:
    x, s, x0 = a
    z = _b("/", _b("-", x, x0), s)
    return _b(
        "/",
        _c("exp", _b("*", _num(-0.5), _sq(z))),
        _b("*", _num(math.sqrt(2 * math.pi)), _c("abs", s)),
    )


def _breitwigner(a: Sequence[Node]) -> Node:
    x, gamma, x0 = a
    half = _b("*", _num(0.5), gamma)
    return _b("/", _b("/", half, _num(math.pi)), _b("+", _sq(_b("-", x, x0)), _sq(half)))


def _tmath_breitwigner(a: Sequence[Node]) -> Node:
    x, mean, gamma = a
    return _breitwigner((x, gamma, mean))


def _cauchy(a: Sequence[Node]) -> Node:
    x, b, x0 = a
    return _b("/", _b("/", b, _num(math.pi)), _b("+", _sq(_b("-", x, x0)), _sq(b)))


def _exponential(a: Sequence[Node]) -> Node:
    x, lam, x0 = a
    return _below(x, x0, _b("*", lam, _c("exp", _neg(_b("*", lam, _b("-", x, x0))))))


def _lognormal(a: Sequence[Node]) -> Node:
    x, m, s, x0 = a
    t = _b("-", x, x0)
    z = _b("/", _b("-", _c("log", t), m), s)
    value = _b(
        "/",
        _c("exp", _b("*", _num(-0.5), _sq(z))),
        _b("*", _b("*", t, _c("abs", s)), _num(math.sqrt(2 * math.pi))),
    )
    return Cond(_b("<=", x, x0), _num(0), value)


def _gamma(a: Sequence[Node]) -> Node:
    x, alpha, theta, x0 = a
    t = _b("-", x, x0)
    log_value = _b(
        "-",
        _b("-", _b("*", _b("-", alpha, _num(1)), _c("log", t)), _b("/", t, theta)),
        _b("+", _c("lgamma", alpha), _b("*", alpha, _c("log", theta))),
    )
    return _below(x, x0, _c("exp", log_value))


def _chisquared(a: Sequence[Node]) -> Node:
    x, r, x0 = a
    half_r = _b("/", r, _num(2))
    t = _b("-", x, x0)
    log_value = _b(
        "-",
        _b(
            "-",
            _b("*", _b("-", half_r, _num(1)), _c("log", _b("/", t, _num(2)))),
            _b("/", t, _num(2)),
        ),
        _c("lgamma", half_r),
    )
    return _below(x, x0, _b("/", _c("exp", log_value), _num(2)))


def _poisson(a: Sequence[Node]) -> Node:
    n, mu = a
    log_value = _b("-", _b("-", _b("*", n, _c("log", mu)), mu), _c("lgamma", _b("+", n, _num(1))))
    return Cond(
        _b("<", n, _num(0)),
        _num(0),
        Cond(_b("==", n, _num(0)), _c("exp", _neg(mu)), _c("exp", log_value)),
    )


def _uniform(a: Sequence[Node]) -> Node:
    x, lo, hi, x0 = a
    t = _b("-", x, x0)
    inside = _b("&&", _b("<=", lo, t), _b("<", t, hi))
    return Cond(inside, _b("/", _num(1), _b("-", hi, lo)), _num(0))


def _binomial(a: Sequence[Node]) -> Node:
    n, k = a
    one = _num(1)
    value = _c(
        "exp",
        _b(
            "-",
            _b("-", _c("lgamma", _b("+", n, one)), _c("lgamma", _b("+", k, one))),
            _c("lgamma", _b("+", _b("-", n, k), one)),
        ),
    )
    return Cond(_b("||", _b("<", k, _num(0)), _b(">", k, n)), _num(0), value)


def _crystalball_function(a: Sequence[Node]) -> Node:
    x, alpha, n, sigma, mean = a
    z0 = _b("/", _b("-", x, mean), sigma)
    z = Cond(_b("<", alpha, _num(0)), _neg(z0), z0)
    abs_alpha = _c("abs", alpha)
    core = _c("exp", _b("*", _num(-0.5), _sq(z)))
    n_over_a = _b("/", n, abs_alpha)
    tail = _b(
        "*",
        _c("exp", _b("*", _num(-0.5), _sq(abs_alpha))),
        _b("^", _b("/", n_over_a, _b("-", _b("-", n_over_a, abs_alpha), z)), n),
    )
    return Cond(_b(">", z, _neg(abs_alpha)), core, tail)


def _crystalball_pdf(a: Sequence[Node]) -> Node:
    _x, alpha, n, sigma, _mean = a
    abs_alpha = _c("abs", alpha)
    c_term = _b(
        "*",
        _b("/", _b("/", n, abs_alpha), _b("-", n, _num(1))),
        _c("exp", _b("*", _num(-0.5), _sq(alpha))),
    )
    d_term = _b(
        "*",
        _num(math.sqrt(math.pi / 2)),
        _b("+", _num(1), _c("erf", _b("/", abs_alpha, _num(math.sqrt(2))))),
    )
    norm = _b("/", _num(1), _b("*", sigma, _b("+", c_term, d_term)))
    return _b("*", norm, _crystalball_function(a))


def _tmath_gaus(a: Sequence[Node]) -> Node:
    x, mean, sigma, norm = a
    g = _c("exp", _b("*", _num(-0.5), _sq(_b("/", _b("-", x, mean), sigma))))
    normalised = _b("/", g, _b("*", _num(math.sqrt(2 * math.pi)), sigma))
    if isinstance(norm, Num):
        return normalised if norm.value != 0 else g
    return Cond(norm, normalised, g)


def _bigaussian(a: Sequence[Node]) -> Node:
    x, y, sx, sy, rho, mx, my = a
    u = _b("/", _b("-", x, mx), sx)
    v = _b("/", _b("-", y, my), sy)
    one_minus = _b("-", _num(1), _sq(rho))
    quad = _b("+", _b("-", _sq(u), _b("*", _b("*", _num(2), rho), _b("*", u, v))), _sq(v))
    expo = _c("exp", _b("/", _neg(quad), _b("*", _num(2), one_minus)))
    norm = _b("*", _b("*", _num(2 * math.pi), _b("*", sx, sy)), _c("sqrt", one_minus))
    return _b("/", expo, norm)


def _landau(x: Node, location: Node, scale: Node, norm: Node) -> Node:
    density = _c("landau_density", _b("/", _b("-", x, location), scale))
    if isinstance(norm, Num):
        value = _b("/", density, scale) if norm.value != 0 else density
    else:
        value = Cond(norm, _b("/", density, scale), density)
    return Cond(_b("<=", scale, _num(0)), _num(0), value)


def _tmath_landau(a: Sequence[Node]) -> Node:
    x, mpv, sigma, norm = a
    return _landau(x, mpv, sigma, norm)


def _landau_pdf(a: Sequence[Node]) -> Node:
    x, xi, x0 = a
    return _landau(x, x0, xi, _num(1))


def _voigt(a: Sequence[Node]) -> Node:
    x, sigma, lg = a[0], a[1], a[2]
    s2 = _b("*", sigma, _num(math.sqrt(2.0)))
    voigt = _b(
        "/",
        _c("faddeeva_re", _b("/", x, s2), _b("/", _b("*", _num(0.5), lg), s2)),
        _b("*", sigma, _num(math.sqrt(2 * math.pi))),
    )
    lorentz = _breitwigner((x, lg, _num(0)))
    gauss = _normal((x, sigma, _num(0)))
    return Cond(
        _b("&&", _b("<=", sigma, _num(0)), _b("<=", lg, _num(0))),
        _num(0),
        Cond(_b("<=", sigma, _num(0)), lorentz, Cond(_b("<=", lg, _num(0)), gauss, voigt)),
    )


@dataclass(frozen=True)
class Macro:
    """A library function expanded into a tree.

    Attributes
    ----------
    defaults : tuple of (float or None)
        Default of each argument (None = required).
    build : callable
        Builds the tree from the full argument list.
    """

    defaults: tuple[float | None, ...]
    build: Callable[[Sequence[Node]], Node]

    @property
    def arity(self) -> tuple[int, int]:
        """(minimum, maximum) number of arguments."""
        return sum(d is None for d in self.defaults), len(self.defaults)


_R = None  # a required argument
MACROS: dict[str, Macro] = {
    "ROOT::Math::normal_pdf": Macro((_R, 1.0, 0.0), _normal),
    "ROOT::Math::gaussian_pdf": Macro((_R, 1.0, 0.0), _normal),
    "ROOT::Math::breitwigner_pdf": Macro((_R, _R, 0.0), _breitwigner),
    "ROOT::Math::cauchy_pdf": Macro((_R, 1.0, 0.0), _cauchy),
    "ROOT::Math::exponential_pdf": Macro((_R, _R, 0.0), _exponential),
    "ROOT::Math::lognormal_pdf": Macro((_R, _R, _R, 0.0), _lognormal),
    "ROOT::Math::gamma_pdf": Macro((_R, _R, _R, 0.0), _gamma),
    "ROOT::Math::chisquared_pdf": Macro((_R, _R, 0.0), _chisquared),
    "ROOT::Math::poisson_pdf": Macro((_R, _R), _poisson),
    "ROOT::Math::uniform_pdf": Macro((_R, _R, _R, 0.0), _uniform),
    "ROOT::Math::crystalball_function": Macro((_R, _R, _R, _R, 0.0), _crystalball_function),
    "ROOT::Math::crystalball_pdf": Macro((_R, _R, _R, _R, 0.0), _crystalball_pdf),
    "ROOT::Math::bigaussian_pdf": Macro((_R, _R, _R, _R, _R, 0.0, 0.0), _bigaussian),
    "TMath::BreitWigner": Macro((_R, 0.0, 1.0), _tmath_breitwigner),
    "TMath::Landau": Macro((_R, 0.0, 1.0, 0.0), _tmath_landau),
    "ROOT::Math::landau_pdf": Macro((_R, 1.0, 0.0), _landau_pdf),
    "TMath::Voigt": Macro((_R, _R, _R, 4.0), _voigt),
    "TMath::Gaus": Macro((_R, 0.0, 1.0, 0.0), _tmath_gaus),
    "TMath::Poisson": Macro((_R, _R), _poisson),
    "TMath::Binomial": Macro((_R, _R), _binomial),
    "binomial": Macro((_R, _R), _binomial),
}


def expand_macro(name: str, args: Sequence[Node]) -> Node:
    """Tree of ``name(args...)`` with ROOT's defaults for missing trailing arguments."""
    macro = MACROS[name]
    full = list(args) + [_num(d) for d in macro.defaults[len(args) :] if d is not None]
    return macro.build(full)

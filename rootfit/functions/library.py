"""The names a formula may use: constants, math functions (with arity), and how each maps to a
canonical implementation name shared by the numba and numpy back ends."""

from __future__ import annotations

import math

__all__ = ["CONSTANTS", "FUNCTIONS", "canonical_function"]

#: Named constants (ROOT's TFormula set). Bare ``c``, ``g``, ``h``, ``k``, ``r``, ``sigma`` and
#: ``e`` are constants in ROOT, not free names.
CONSTANTS: dict[str, float] = {
    "pi": math.pi,
    "e": math.e,
    "sqrt2": math.sqrt(2.0),
    "ln10": math.log(10.0),
    "loge": math.log10(math.e),
    "eg": 0.5772156649015329,
    "true": 1.0,
    "false": 0.0,
    "c": 299792458.0,
    "g": 6.6743e-11,
    "h": 6.62607015e-34,
    "k": 1.380649e-23,
    "sigma": 5.670373e-08,
    "r": 8.31446261815324,
    "TMath::Pi": math.pi,
    "TMath::E": math.e,
    "TMath::TwoPi": 2 * math.pi,
    "TMath::PiOver2": math.pi / 2,
    "TMath::Sqrt2": math.sqrt(2.0),
    "TMath::Ln10": math.log(10.0),
}

#: canonical name -> (min arity, max arity)
FUNCTIONS: dict[str, tuple[int, int]] = {
    "sin": (1, 1), "cos": (1, 1), "tan": (1, 1),
    "asin": (1, 1), "acos": (1, 1), "atan": (1, 1), "atan2": (2, 2),
    "sinh": (1, 1), "cosh": (1, 1), "tanh": (1, 1),
    "exp": (1, 1), "log": (1, 1), "log10": (1, 1), "sqrt": (1, 1),
    "ceil": (1, 1), "floor": (1, 1), "pow": (2, 2), "abs": (1, 1),
    "sign": (1, 1), "sq": (1, 1), "min": (2, 2), "max": (2, 2),
    "erf": (1, 1), "erfc": (1, 1), "lgamma": (1, 1), "tgamma": (1, 1),
    "digamma": (1, 1),
    "landau_density": (1, 1),
    "landau_density_d": (1, 1),
    "faddeeva_re": (2, 2),
    "faddeeva_im": (2, 2),
}  # fmt: skip

_ALIASES = {
    "fabs": "abs",
    "TMath::Abs": "abs", "TMath::Sin": "sin", "TMath::Cos": "cos", "TMath::Tan": "tan",
    "TMath::ASin": "asin", "TMath::ACos": "acos", "TMath::ATan": "atan", "TMath::ATan2": "atan2",
    "TMath::SinH": "sinh", "TMath::CosH": "cosh", "TMath::TanH": "tanh",
    "TMath::Exp": "exp", "TMath::Log": "log", "TMath::Log10": "log10", "TMath::Sqrt": "sqrt",
    "TMath::Ceil": "ceil", "TMath::Floor": "floor", "TMath::Power": "pow", "TMath::Sq": "sq",
    "TMath::Min": "min", "TMath::Max": "max",
    "TMath::Erf": "erf", "TMath::Erfc": "erfc", "TMath::LnGamma": "lgamma",
    "TMath::Gamma": "tgamma", "TMath::DiGamma": "digamma", "ROOT::Math::digamma": "digamma",
    "ROOT::Math::erf": "erf", "ROOT::Math::erfc": "erfc",
    "ROOT::Math::tgamma": "tgamma", "ROOT::Math::lgamma": "lgamma",
}  # fmt: skip


def canonical_function(name: str) -> str | None:
    """Canonical implementation name of a formula function, or None if unknown."""
    if name in FUNCTIONS:
        return name
    return _ALIASES.get(name)


def known_names() -> list[str]:
    """Every spelling a formula may use (for did-you-mean messages)."""
    from rootfit.functions.macros import MACROS

    return [*CONSTANTS, *FUNCTIONS, *_ALIASES, *MACROS]

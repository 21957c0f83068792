"""The texts of ROOT's predefined functions: ``gaus``, ``expo``, ``polN``, ``chebyshevN``,
``landau``, ``bigaus``... as formulas, with a first-parameter offset (``gaus(3)``) and a
variable (``gaus[y]``), which :mod:`rootfit.functions.parser` expands where a formula names
them."""

from __future__ import annotations

import re

__all__ = ["PREDEFINED_BASE", "is_shortcut", "predefined_formula_text"]

_POLY = re.compile(r"(?P<var>[xyz]?)pol(?P<degree>\d)$")
_CHEB = re.compile(r"cheb(?:yshev)?(?P<degree>\d)$")
#: Formula texts of the named predefined functions: ``{j}`` is parameter ``offset + j``,
#: ``{v}`` the variable (ROOT's TF1 definitions; bigaus, xy... depend on x and y).
_TEMPLATES = {
    "gausn": "[{0}]*exp(-0.5*(({v}-[{1}])/[{2}])^2)/(sqrt(2*pi)*[{2}])",
    "gaus": "[{0}]*exp(-0.5*(({v}-[{1}])/[{2}])^2)",
    "expo": "exp([{0}]+[{1}]*{v})",
    "landaun": "[{0}]*TMath::Landau({v},[{1}],[{2}],1)",
    "landau": "[{0}]*TMath::Landau({v},[{1}],[{2}])",
    "crystalballn": "[{0}]*ROOT::Math::crystalball_pdf({v},[{3}],[{4}],[{2}],[{1}])",
    "crystalball": "[{0}]*ROOT::Math::crystalball_function({v},[{3}],[{4}],[{2}],[{1}])",
    "breitwigner": "[{0}]*ROOT::Math::breitwigner_pdf({v},[{2}],[{1}])",
    "xygaus": "[{0}]*exp(-0.5*((x-[{1}])/[{2}])^2-0.5*((y-[{3}])/[{4}])^2)",
    "bigaus": "[{0}]*ROOT::Math::bigaussian_pdf(x,y,[{2}],[{4}],[{5}],[{1}],[{3}])",
    "xyzgaus": (
        "[{0}]*exp(-0.5*((x-[{1}])/[{2}])^2-0.5*((y-[{3}])/[{4}])^2-0.5*((z-[{5}])/[{6}])^2)"
    ),
    "xylandau": "[{0}]*TMath::Landau(x,[{1}],[{2}])*TMath::Landau(y,[{3}],[{4}])",
    "xyexpo": "exp([{0}]+[{1}]*x+[{2}]*y)",
}
#: The predefined names other than the numbered families (polN, chebyshevN).
PREDEFINED_BASE = tuple(_TEMPLATES)


def is_shortcut(name: str) -> bool:
    """True if ``name`` is a predefined function (``gaus``, ``pol3``, ``cheb2``...)."""
    return name in PREDEFINED_BASE or bool(_POLY.match(name) or _CHEB.match(name))


def predefined_formula_text(name: str, offset: int = 0, variable: str = "x") -> str | None:
    """Formula text of a predefined function (``gaus``, ``gausn``, ``expo``, ``polN``), or None.

    Parameters
    ----------
    name : str
        Predefined name, e.g. ``"gaus"`` or ``"pol3"`` (``"ypol2"`` uses y).
    offset : int
        Index of the first parameter.
    variable : str
        The variable the function depends on.
    """
    k = offset
    template = _TEMPLATES.get(name)
    if template is not None:
        return template.format(*range(k, k + 7), v=variable)
    c = _CHEB.match(name)
    if c:
        return _chebyshev_text(int(c.group("degree")), k, variable)
    m = _POLY.match(name)
    if m:
        var = m.group("var") or variable
        degree = int(m.group("degree"))
        terms = [f"[{k}]"] + [
            f"[{k + j}]*{var}" if j == 1 else f"[{k + j}]*{var}^{j}" for j in range(1, degree + 1)
        ]
        return "+".join(terms)
    return None


def _chebyshev_text(degree: int, offset: int, variable: str) -> str:
    """``Σ p_k T_k(x)`` with the Chebyshev polynomials written out in monomials."""
    from numpy.polynomial import chebyshev

    terms = []
    for k in range(degree + 1):
        coeffs = chebyshev.cheb2poly([0.0] * k + [1.0])
        poly = "+".join(
            f"({c:.17g})*{variable}^{j}" if j else f"({c:.17g})"
            for j, c in enumerate(coeffs)
            if c != 0
        )
        terms.append(f"[{offset + k}]*({poly})")
    return "+".join(terms)

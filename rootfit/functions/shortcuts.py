"""The texts of ROOT's predefined functions: ``gaus``, ``expo``, ``polN``, ``chebyshevN``,
``landau``, ``bigaus``... as formulas, with a first-parameter offset (``gaus(3)``) and a
variable (``gaus[y]``), which :mod:`rootfit.functions.parser` expands where a formula names
them."""

from __future__ import annotations

import re

__all__ = ["PREDEFINED_BASE", "is_shortcut", "predefined_formula_text"]

_POLY = re.compile(r"(?P<var>[xyz]?)pol(?P<degree>\d)$")
_CHEB = re.compile(r"cheb(?:yshev)?(?P<degree>\d)$")
#: The predefined names other than the numbered families (polN, chebyshevN).
PREDEFINED_BASE = (
    "gausn", "gaus", "expo", "landaun", "landau", "crystalballn", "crystalball", "breitwigner",
    "xygaus", "bigaus", "xyzgaus", "xylandau", "xyexpo",
)  # fmt: skip


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
    if name == "gaus":
        return f"[{k}]*exp(-0.5*(({variable}-[{k + 1}])/[{k + 2}])^2)"
    if name == "gausn":
        return f"[{k}]*exp(-0.5*(({variable}-[{k + 1}])/[{k + 2}])^2)/(sqrt(2*pi)*[{k + 2}])"
    if name == "expo":
        return f"exp([{k}]+[{k + 1}]*{variable})"
    if name in ("landau", "landaun"):
        norm = ",1" if name == "landaun" else ""
        return f"[{k}]*TMath::Landau({variable},[{k + 1}],[{k + 2}]{norm})"
    if name in ("crystalball", "crystalballn"):
        which = "crystalball_pdf" if name == "crystalballn" else "crystalball_function"
        return f"[{k}]*ROOT::Math::{which}({variable},[{k + 3}],[{k + 4}],[{k + 2}],[{k + 1}])"
    if name == "breitwigner":
        return f"[{k}]*ROOT::Math::breitwigner_pdf({variable},[{k + 2}],[{k + 1}])"
    if name == "xygaus":
        return f"[{k}]*exp(-0.5*((x-[{k + 1}])/[{k + 2}])^2-0.5*((y-[{k + 3}])/[{k + 4}])^2)"
    if name == "bigaus":
        return f"[{k}]*ROOT::Math::bigaussian_pdf(x,y,[{k + 2}],[{k + 4}],[{k + 5}],[{k + 1}],[{k + 3}])"
    if name == "xyzgaus":
        return (
            f"[{k}]*exp(-0.5*((x-[{k + 1}])/[{k + 2}])^2-0.5*((y-[{k + 3}])/[{k + 4}])^2"
            f"-0.5*((z-[{k + 5}])/[{k + 6}])^2)"
        )
    if name == "xylandau":
        return f"[{k}]*TMath::Landau(x,[{k + 1}],[{k + 2}])*TMath::Landau(y,[{k + 3}],[{k + 4}])"
    if name == "xyexpo":
        return f"exp([{k}]+[{k + 1}]*x+[{k + 2}]*y)"
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

"""What a model *is*, as data: the traits the fit pipeline decides on.

ROOT recognises its built-in functions by magic numbers (``TF1::GetNumber()``: 100 gaus, 200
expo, 300+N polN ...). rootfit records the consequences instead, as fields of a frozen
:class:`ModelTraits`: which automatic start values apply, which closed-form integral exists,
whether the model is linear in its parameters, whether it ignores its coordinates. ROOT's
number is kept only for the façade's ``GetNumber``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["ClosedIntegral", "ModelTraits", "StartRule"]


class StartRule(enum.Enum):
    """ROOT's automatic start values of predefined functions (spec §6.1)."""

    NONE = "none"
    """No automatic start values (formulas, callables, polynomials, crystalball ...)."""
    GAUS = "gaus"
    """``InitGaus``: gaus, gausn, landau, landaun (Constant, Mean, Sigma and a Sigma limit)."""
    EXPO = "expo"
    """``InitExpo``: expo."""
    GAUS_2D = "gaus2d"
    """``Init2DGaus``: xygaus, bigaus, xylandau."""


class ClosedIntegral(enum.Enum):
    """Which closed form the integral of the model has."""

    NONE = "none"
    GAUS = "gaus"
    """``C·exp(-½((x-μ)/σ)²)``: ``C·σ·√(π/2)·(erf(...) - erf(...))``."""
    EXPO = "expo"
    """``exp(a + b·x)``."""
    POLYNOMIAL = "polynomial"
    """``Σ p_k x^k``."""


@dataclass(frozen=True)
class ModelTraits:
    """Properties of a model that fits decide on.

    Attributes
    ----------
    start_rule : StartRule
        Automatic start values applied by fits (unless option ``B``).
    integral : ClosedIntegral
        Closed-form integral, if any.
    linear : bool
        Linear in the parameters (polN, ``++`` formulas): ROOT's linear fitter applies.
    constant : bool
        Independent of the coordinates (pol0): coordinate errors play no role in a fit.
    root_number : int
        ROOT's ``TF1::GetNumber()`` (0 for anything but the predefined functions); only the
        façade reads it.
    """

    start_rule: StartRule = StartRule.NONE
    integral: ClosedIntegral = ClosedIntegral.NONE
    linear: bool = False
    constant: bool = False
    root_number: int = 0

"""``TBinomialEfficiencyFitter(numerator, denominator)``: ``Fit(f, option)`` fits the efficiency
``f`` to passed/total histograms by the binomial likelihood (:mod:`rootfit.fitting.efficiency`)
with ROOT's options ``R`` (the function's range), ``I`` (bin averages), ``E`` (Minos), ``Q``/``V``
and ``S`` (implied: the result is always returned)."""

from __future__ import annotations

from typing import Any

from rootfit.compat.fitresult import TFitResultPtr
from rootfit.compat.session import default_minimizer_options, set_last_fit
from rootfit.errors import FitOptionError
from rootfit.fitting.efficiency import fit_efficiency
from rootfit.hist import Histogram

__all__ = ["TBinomialEfficiencyFitter"]

_LETTERS = set("RIESQVL ")


class TBinomialEfficiencyFitter:
    """ROOT's binomial efficiency fitter over a numerator and a denominator histogram."""

    def __init__(self, numerator: Histogram, denominator: Histogram) -> None:
        self.numerator, self.denominator = numerator, denominator

    def Set(self, numerator: Histogram, denominator: Histogram) -> None:
        self.numerator, self.denominator = numerator, denominator

    def Fit(self, f: Any, option: str = "") -> TFitResultPtr:
        text = (option or "").upper()
        unknown = set(text) - _LETTERS
        if unknown:
            raise FitOptionError(
                f"TBinomialEfficiencyFitter options are R, I, E, S, Q, V; got {''.join(sorted(unknown))!r}"
            )
        fit_range = f.range if "R" in text and f.range is not None else None
        result = fit_efficiency(
            self.numerator,
            self.denominator,
            f,
            integral="I" in text,
            range=fit_range,
            minimizer=default_minimizer_options(),
            minos="E" in text,
        )
        if "Q" not in text:
            result.print("V" if "V" in text else "")
        set_last_fit(result)
        return TFitResultPtr(result, name=f"TFitResult-{self.numerator.name}-{f.name}")
